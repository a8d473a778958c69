// Reading kopru-json/1: hand-written input, validation, and errors with line and column.
#include <gtest/gtest.h>

#include "codecs/json/json.h"
#include "pipeline/model/dump.h"

namespace kopru::codecs::json {
namespace {

Document read_text(std::string_view text, Diagnostics& diag, bool strict = false) {
  const Source source{"in.json", text, text, "UTF-8"};
  ReadOptions options;
  options.strict = strict;
  return read(source, options, diag);
}

// The formatted error ("in.json:L:C: error: ..."), or "no error".
std::string error_of(std::string_view text, bool strict = false) {
  Diagnostics diag;
  try {
    read_text(text, diag, strict);
  } catch (const ParseError& e) {
    return e.formatted();
  }
  return "no error";
}

std::string doc_with_cue(std::string_view cue) {
  return std::string("{\n  \"schema\": \"kopru-json/1\",\n  \"cues\": [\n    ") + std::string(cue) +
         "\n  ]\n}\n";
}

TEST(JsonRead, HandWrittenMinimalDocument) {
  Diagnostics diag;
  const Document doc =
      read_text(doc_with_cue(R"({"start_ms": 1000, "end_ms": 2500, "text": "Hi\nthere"})"), diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  const Cue& c = doc.cues[0];
  EXPECT_EQ(c.start, from_ms(1000));
  EXPECT_EQ(c.end, from_ms(2500));
  ASSERT_EQ(c.runs.size(), 3u);
  EXPECT_EQ(c.runs[0], kopru::Run::plain("Hi"));
  EXPECT_EQ(c.runs[1], kopru::Run::line_break());
  EXPECT_EQ(c.runs[2], kopru::Run::plain("there"));
  EXPECT_EQ(doc.meta.source_format, "json");
  EXPECT_EQ(doc.meta.source_encoding, "UTF-8");
  EXPECT_EQ(c.source_line, 0);
  EXPECT_TRUE(doc.styles.empty());
}

TEST(JsonRead, TicksAreAuthoritativeAndMsMayBeRoundedEitherWay) {
  Diagnostics diag;
  // 705600 * 1000 + 352800 ticks = 1000.5 ms: both 1000 and 1001 are fair roundings.
  for (const char* ms : {"1000", "1001"}) {
    const Document doc =
        read_text(doc_with_cue(std::string(R"({"start_ms": )") + ms +
                               R"(, "start_ticks": 705952800, "end_ms": 2000, "runs": []})"),
                  diag);
    EXPECT_EQ(doc.cues[0].start.count(), 705952800);
    EXPECT_TRUE(doc.cues[0].runs.empty());
  }
  EXPECT_EQ(
      error_of(doc_with_cue(R"({"start_ms": 1002, "start_ticks": 705952800, "end_ms": 2000})")),
      "in.json:4:18: error: cues[0].start_ms: 1002 disagrees with start_ticks 705952800 "
      "(1000 + 352800/705600 ms)");
  // Ticks alone are enough.
  const Document doc = read_text(doc_with_cue(R"({"start_ticks": 1, "end_ticks": 2})"), diag);
  EXPECT_EQ(doc.cues[0].start, Time(1));
  EXPECT_EQ(doc.cues[0].end, Time(2));
}

TEST(JsonRead, TextIsInformativeWhenRunsArePresent) {
  Diagnostics diag;
  const Document doc = read_text(
      doc_with_cue(
          R"({"start_ms": 0, "end_ms": 1, "text": "other", "runs": [{"kind": "text", "text": "real"}]})"),
      diag);
  EXPECT_EQ(doc.cues[0].runs, std::vector<kopru::Run>{kopru::Run::plain("real")});
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "json-text-mismatch");
  EXPECT_EQ(diag.all()[0].where.line, 4);
  EXPECT_EQ(diag.all()[0].where.column, 42);
  EXPECT_EQ(
      error_of(doc_with_cue(R"({"start_ms": 0, "end_ms": 1, "text": "other", "runs": []})"), true),
      "in.json:4:42: error: cues[0].text: \"text\" differs from the text of \"runs\"; the runs "
      "were used");
}

TEST(JsonRead, UnknownKeysWarnOnceWithLocationAndFailWhenStrict) {
  const std::string text = doc_with_cue(
      "{\"start_ms\": 0, \"end_ms\": 1, \"strat\": 5},\n    {\"start_ms\": 0, \"end_ms\": 1, "
      "\"strat\": 6}");
  Diagnostics diag;
  const Document doc = read_text(text, diag);
  EXPECT_EQ(doc.cues.size(), 2u);
  ASSERT_EQ(diag.all().size(), 1u) << dump(diag);
  EXPECT_EQ(dump(diag),
            "warning 4:43 json-unknown-key \"cues[0].strat: unknown key \\\"strat\\\" ignored\"\n");
  EXPECT_EQ(error_of(text, true),
            "in.json:4:43: error: cues[0].strat: unknown key \"strat\" ignored");
}

TEST(JsonRead, MetadataAndStylesFromHandWrittenForms) {
  Diagnostics diag;
  const Document doc = read_text(R"({"schema": "kopru-json/1",
    "metadata": {"language": "UZ_latn", "frame_rate": "23.976", "play_res": {"x": 640, "y": 480}},
    "styles": [{"name": "S", "font_size": 30.0, "primary": "#ff000080"}],
    "cues": []})",
                                 diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  EXPECT_EQ(doc.meta.language.to_string(), "uz-Latn");
  EXPECT_EQ(doc.meta.frame_rate, (FrameRate{24000, 1001}));
  EXPECT_EQ(doc.meta.play_res_x, 640);
  ASSERT_EQ(doc.styles.size(), 1u);
  EXPECT_EQ(doc.styles[0].font_size, 30);
  EXPECT_EQ(doc.styles[0].primary, (Color{255, 0, 0, 128}));
  EXPECT_EQ(doc.styles[0].font, "Arial");  // absent fields keep the model's defaults
  EXPECT_EQ(doc.styles[0].margin_v, 10);
}

struct BadCase {
  const char* name;
  std::string input;
  std::string error;
};

class JsonBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(JsonBadInput, FailsWithLocatedMessage) {
  EXPECT_EQ(error_of(GetParam().input), GetParam().error);
}

const std::string kCueStart = "{\n  \"schema\": \"kopru-json/1\",\n  \"cues\": [\n    ";

INSTANTIATE_TEST_SUITE_P(
    Cases, JsonBadInput,
    ::testing::Values(
        BadCase{"empty", "",
                "in.json:1:1: error: invalid JSON: syntax error while parsing value - unexpected "
                "end of input; expected '[', '{', or a literal"},
        BadCase{"truncated", "{\"schema\": \"kopru-json/1\",\n \"cues\": [{\"start_ms\": 1",
                "in.json:2:25: error: invalid JSON: syntax error while parsing object - unexpected "
                "end of input; expected '}'"},
        BadCase{"garbage", "Hello, world",
                "in.json:1:1: error: invalid JSON: syntax error while parsing value - invalid "
                "literal; last read: 'H'"},
        BadCase{"nul", std::string("{\"schema\"\0: 1}", 14),
                "in.json:1:10: error: invalid JSON: NUL byte (U+0000); JSON text may not contain "
                "one (write \\u0000 inside strings)"},
        BadCase{
            "bad_utf8_column", "{\"schema\": \"ş\x01\"}",
            "in.json:1:14: error: invalid JSON: syntax error while parsing value - invalid string: "
            "control character U+0001 (SOH) must be escaped to \\u0001; last read: '\"ş<U+0001>'"},
        BadCase{"array_root", "[]",
                "in.json:1:1: error: expected a JSON object with \"schema\": \"kopru-json/1\""},
        BadCase{"no_schema", "{\"cues\": []}",
                "in.json:1:1: error: missing \"schema\" (expected \"kopru-json/1\")"},
        BadCase{"schema_type", "{\"schema\": 1, \"cues\": []}",
                "in.json:1:12: error: schema: expected a string, found 1"},
        BadCase{"schema_version", "{\"schema\": \"kopru-json/2\", \"cues\": []}",
                "in.json:1:12: error: schema: unsupported schema version \"kopru-json/2\" (this "
                "Kopru reads \"kopru-json/1\")"},
        BadCase{"schema_other", "{\"schema\": \"http://json-schema.org/\", \"cues\": []}",
                "in.json:1:12: error: schema: not a Kopru JSON document: schema is "
                "\"http://json-schema.org/\", expected \"kopru-json/1\""},
        BadCase{"no_cues", "{\"schema\": \"kopru-json/1\"}",
                "in.json:1:1: error: missing \"cues\""},
        BadCase{"cues_type", "{\"schema\": \"kopru-json/1\", \"cues\": {}}",
                "in.json:1:36: error: cues: expected an array, found an object"},
        BadCase{"cue_type", kCueStart + "7]}",
                "in.json:4:5: error: cues[0]: expected an object, found 7"},
        BadCase{"ms_string", kCueStart + "{\"start_ms\": \"1000\", \"end_ms\": 2}]}",
                "in.json:4:18: error: cues[0].start_ms: expected an integer, found \"1000\""},
        BadCase{"ms_float", kCueStart + "{\"start_ms\": 1.5, \"end_ms\": 2}]}",
                "in.json:4:18: error: cues[0].start_ms: expected an integer, found 1.5"},
        BadCase{"missing_start", kCueStart + "{\"end_ms\": 2}]}",
                "in.json:4:5: error: cues[0]: missing \"start_ms\""},
        BadCase{"missing_end", kCueStart + "{\"start_ms\": 2}]}",
                "in.json:4:5: error: cues[0]: missing \"end_ms\""},
        BadCase{"negative", kCueStart + "{\"start_ms\": -5, \"end_ms\": 2}]}",
                "in.json:4:18: error: cues[0].start_ms: negative time -5 ms is not allowed"},
        BadCase{"negative_ticks", kCueStart + "{\"start_ticks\": -1, \"end_ms\": 2}]}",
                "in.json:4:21: error: cues[0].start_ticks: negative time -1 ticks is not allowed"},
        BadCase{"end_before_start", kCueStart + "{\"start_ms\": 5000, \"end_ms\": 4000}]}",
                "in.json:4:34: error: cues[0].end_ms: the cue ends (4000 ms) before it starts "
                "(5000 ms)"},
        BadCase{"huge_ms", kCueStart + "{\"start_ms\": 0, \"end_ms\": 1000000000001}]}",
                "in.json:4:31: error: cues[0].end_ms: 1000000000001 is out of range (0 to "
                "1000000000000)"},
        BadCase{"huge_u64", kCueStart + "{\"start_ms\": 0, \"end_ms\": 18446744073709551615}]}",
                "in.json:4:31: error: cues[0].end_ms: 18446744073709551615 is out of range (0 to "
                "1000000000000)"},
        BadCase{"huge_beyond_u64",
                kCueStart + "{\"start_ms\": 0, \"end_ms\": 99999999999999999999999}]}",
                "in.json:4:31: error: cues[0].end_ms: expected an integer, found "
                "9.999999999999999e+22"},
        BadCase{"float_overflow", kCueStart + "{\"start_ms\": 0, \"end_ms\": 1e999}]}",
                "in.json:4:31: error: invalid JSON: number overflow parsing '1e999'"},
        BadCase{"layer_range",
                kCueStart + "{\"start_ms\": 0, \"end_ms\": 1, \"layer\": 3000000000}]}",
                "in.json:4:43: error: cues[0].layer: 3000000000 is out of range (-2147483648 to "
                "2147483647)"},
        BadCase{"run_kind",
                kCueStart + "{\"start_ms\": 0, \"end_ms\": 1, \"runs\": [{\"kind\": \"bold\"}]}]}",
                "in.json:4:52: error: cues[0].runs[0].kind: unknown kind \"bold\" (expected one of "
                "text, line_break, timestamp, raw)"},
        BadCase{"run_no_kind",
                kCueStart + "{\"start_ms\": 0, \"end_ms\": 1, \"runs\": [{\"text\": \"x\"}]}]}",
                "in.json:4:43: error: cues[0].runs[0]: missing \"kind\""},
        BadCase{
            "timestamp_no_time",
            kCueStart + "{\"start_ms\": 0, \"end_ms\": 1, \"runs\": [{\"kind\": \"timestamp\"}]}]}",
            "in.json:4:43: error: cues[0].runs[0]: missing \"time_ms\" or \"time_ticks\""},
        BadCase{
            "span_kind",
            kCueStart + "{\"start_ms\": 0, \"end_ms\": 1, \"runs\": [{\"kind\": \"text\", "
                        "\"text\": \"a\", \"spans\": [{\"kind\": \"i\"}]}]}]}",
            "in.json:4:92: error: cues[0].runs[0].spans[0].kind: unknown kind \"i\" (expected one "
            "of italic, bold, underline, strike, font, css_class, voice, lang, ruby, ruby_text)"},
        BadCase{"span_color",
                kCueStart + "{\"start_ms\": 0, \"end_ms\": 1, \"runs\": [{\"kind\": \"text\", "
                            "\"spans\": [{\"kind\": \"font\", \"color\": \"#12\"}]}]}]}",
                "in.json:4:96: error: cues[0].runs[0].spans[0].color: expected a colour "
                "\"#rrggbb\" or \"#rrggbbaa\", found \"#12\""},
        BadCase{
            "placement_alignment",
            kCueStart + "{\"start_ms\": 0, \"end_ms\": 1, \"placement\": {\"alignment\": 10}}]}",
            "in.json:4:61: error: cues[0].placement.alignment: 10 is out of range (0 to 9)"},
        BadCase{
            "position_pair",
            kCueStart +
                "{\"start_ms\": 0, \"end_ms\": 1, \"placement\": {\"position\": [1, \"2\"]}}]}",
            "in.json:4:64: error: cues[0].placement.position[1]: expected a number, found \"2\""},
        BadCase{"bag_entry",
                "{\"schema\": \"kopru-json/1\", \"format_private\": {\"format\": \"x\", "
                "\"entries\": [[\"k\"]]}, \"cues\": []}",
                "in.json:1:74: error: format_private.entries[0]: expected [\"key\", \"value\"], "
                "found an array"},
        BadCase{"language",
                "{\"schema\": \"kopru-json/1\", \"metadata\": {\"language\": \"not a tag\"}, "
                "\"cues\": []}",
                "in.json:1:53: error: metadata.language: \"not a tag\" is not a well-formed BCP 47 "
                "language tag"},
        BadCase{
            "frame_rate",
            "{\"schema\": \"kopru-json/1\", \"metadata\": {\"frame_rate\": {\"num\": 0, \"den\": "
            "1}}, \"cues\": []}",
            "in.json:1:63: error: metadata.frame_rate.num: 0 is out of range (1 to 1000000000)"},
        BadCase{"duplicate_key_last_wins",
                kCueStart + "{\"start_ms\": 0, \"start_ms\": \"x\", \"end_ms\": 1}]}",
                "in.json:4:33: error: cues[0].start_ms: expected an integer, found \"x\""},
        BadCase{"cr_lines", "{\"schema\": \"kopru-json/1\",\r\"cues\": [\r\r{\"start_ms\": true}]}",
                "in.json:4:14: error: cues[0].start_ms: expected an integer, found true"}),
    [](const ::testing::TestParamInfo<BadCase>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(JsonRead, MillionDeepNestingIsRefusedWithoutRecursion) {
  const std::string deep(1'000'000, '[');
  EXPECT_EQ(error_of(deep), "in.json:1:65: error: JSON nested deeper than 64 levels");
  const std::string deep_objects =
      "{\"schema\": \"kopru-json/1\", \"cues\": [], \"x\": " + std::string(1'000'000, '{');
  EXPECT_EQ(error_of(deep_objects), "in.json:1:108: error: JSON nested deeper than 64 levels");
  // Brackets inside strings are text, not nesting.
  Diagnostics diag;
  const std::string in_string =
      std::string(R"({"schema": "kopru-json/1", "metadata": {"title": ")") +
      std::string(100'000, '[') + "\\\"" + R"("}, "cues": []})";
  EXPECT_EQ(read_text(in_string, diag).meta.title, std::string(100'000, '[') + "\"");
}

TEST(JsonRead, MegabyteLineIsReadInOnePiece) {
  const std::string big(1 << 20, 'x');
  const std::string text = R"({"schema":"kopru-json/1","cues":[{"start_ms":0,"end_ms":1,"text":")" +
                           big + R"("}, {"start_ms": 0, "end_ms": "late"}]})";
  EXPECT_EQ(error_of(text),
            "in.json:1:1048673: error: cues[1].end_ms: expected an integer, found \"late\"");
  Diagnostics diag;
  const std::string good =
      R"({"schema":"kopru-json/1","cues":[{"start_ms":0,"end_ms":1,"text":")" + big + R"("}]})";
  EXPECT_EQ(plain_text(read_text(good, diag).cues.at(0)), big);
}

TEST(JsonRead, ManyWarningsStayLinear) {
  // 20000 cues with a stray key each: one warning (deduplicated), read quickly.
  std::string text = R"({"schema": "kopru-json/1", "cues": [)";
  for (int i = 0; i < 20000; ++i) {
    text += std::string(i == 0 ? "" : ",") +
            R"({"start_ms": 0, "end_ms": 1, "text": "a", "runs": [], "x": 1})";
  }
  text += "]}";
  Diagnostics diag;
  const Document doc = read_text(text, diag);
  EXPECT_EQ(doc.cues.size(), 20000u);
  EXPECT_EQ(diag.count(Severity::warning), 20001u);  // 20000 text mismatches + 1 unknown key
  EXPECT_GT(diag.all()[50].where.line, 0);
  EXPECT_EQ(diag.all().back().where.line, 0);  // past the located-warning budget
}

TEST(JsonProbe, Scores) {
  EXPECT_EQ(probe("{\n  \"schema\": \"kopru-json/1\",\n", "json"), 100);
  EXPECT_EQ(probe("  {\"metadata\": {}, \"schema\" : \"kopru-json/7\"}", ""), 100);
  EXPECT_EQ(probe("{\"schema\": \"other\"}", "json"), 10);
  EXPECT_EQ(probe("[1, 2]", "txt"), 5);
  EXPECT_EQ(probe("1\n00:00:01,000 --> 00:00:02,000\n", "json"), 0);
  EXPECT_EQ(probe("", "json"), 0);
  EXPECT_EQ(probe("WEBVTT\n", "vtt"), 0);
}

}  // namespace
}  // namespace kopru::codecs::json
