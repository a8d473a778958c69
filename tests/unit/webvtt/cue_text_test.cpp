#include <gtest/gtest.h>

#include "tests/unit/webvtt/webvtt_test_support.h"

namespace kopru::codecs::webvtt::test {
namespace {

std::vector<kopru::Run> parse(std::string_view text, Diagnostics& diag) {
  return parse_cue_text(text, {}, diag);
}

std::vector<kopru::Run> parse(std::string_view text) {
  Diagnostics diag;
  return parse(text, diag);
}

TEST(WebvttCueText, PlainTextAndLineBreaks) {
  const auto runs = parse("one\ntwo");
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0], kopru::Run::plain("one"));
  EXPECT_EQ(runs[1], kopru::Run::line_break());
  EXPECT_EQ(runs[2], kopru::Run::plain("two"));
}

TEST(WebvttCueText, NestedSpansWithClasses) {
  const auto runs = parse("<c.loud.red>a<i.x>b</i></c><b>c</b><u>d</u>");
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].spans, std::vector<Span>{span(SpanKind::css_class, "", {"loud", "red"})});
  EXPECT_EQ(runs[1].spans, (std::vector<Span>{span(SpanKind::css_class, "", {"loud", "red"}),
                                              span(SpanKind::italic, "", {"x"})}));
  EXPECT_EQ(runs[2].spans, std::vector<Span>{span(SpanKind::bold)});
  EXPECT_EQ(runs[3].spans, std::vector<Span>{span(SpanKind::underline)});
}

TEST(WebvttCueText, VoiceAndLanguageAnnotations) {
  const auto runs = parse("<v.loud   Neil  deGrasse Tyson >Hi <lang en-GB>there</lang></v>");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].spans,
            std::vector<Span>{span(SpanKind::voice, "Neil deGrasse Tyson", {"loud"})});
  EXPECT_EQ(runs[1].spans[1], span(SpanKind::lang, "en-GB"));
}

TEST(WebvttCueText, RubyAndImplicitClose) {
  const auto runs = parse("<ruby>漢<rt>kan</ruby>!");
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[1].spans, (std::vector<Span>{span(SpanKind::ruby), span(SpanKind::ruby_text)}));
  EXPECT_TRUE(runs[2].spans.empty());
}

TEST(WebvttCueText, InnerTimestamps) {
  Diagnostics diag;
  CueTextContext context;
  context.start = from_ms(0);
  context.end = from_ms(2000);
  context.check_timestamps = true;
  const auto runs = parse_cue_text("a<00:00:01.500>b<00:05.000>c<1:2>", context, diag);
  ASSERT_EQ(runs.size(), 5u);
  EXPECT_EQ(runs[1], kopru::Run::timestamp(from_ms(1500)));
  EXPECT_EQ(runs[3], kopru::Run::timestamp(from_ms(5000)));
  EXPECT_EQ(count_code(diag, "vtt-inner-timestamp-outside-cue"), 1);
  EXPECT_EQ(count_code(diag, "vtt-invalid-inner-timestamp"), 1);
}

TEST(WebvttCueText, EntitiesAsWptEntitiesDat) {
  EXPECT_EQ(parse("&amp;&lt;&gt;&lrm;&rlm;&nbsp;")[0].text, "&<>\u200E\u200F\u00A0");
  EXPECT_EQ(parse("&amp &quot; &copy; &#32; &AMP; &;")[0].text,
            "&amp &quot; &copy; &#32; &AMP; &;");
  EXPECT_EQ(parse("&&amp;")[0].text, "&&");
}

TEST(WebvttCueText, IgnoredMarkupIsReported) {
  Diagnostics diag;
  const auto runs = parse("<bad>x</bad><rt>y</rt></i><b Mary>z</b><>", diag);
  EXPECT_EQ(count_code(diag, "vtt-unknown-tag"), 1);
  EXPECT_EQ(count_code(diag, "vtt-rt-outside-ruby"), 1);
  EXPECT_EQ(count_code(diag, "vtt-unmatched-end-tag"), 1);
  EXPECT_EQ(count_code(diag, "vtt-ignored-annotation"), 1);
  EXPECT_EQ(count_code(diag, "vtt-empty-tag"), 1);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_TRUE(runs[0].spans.empty());
  EXPECT_EQ(runs[2].spans, std::vector<Span>{span(SpanKind::bold)});
}

TEST(WebvttCueText, DiagnosticsCarryLineAndColumn) {
  Diagnostics diag;
  CueTextContext context;
  context.first_line = 10;
  parse_cue_text("ok\nçok <zz>", context, diag);
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].where.line, 11);
  EXPECT_EQ(diag.all()[0].where.column, 5);
}

TEST(WebvttCueText, EmptyElementsSurvive) {
  const auto runs = parse("a<c.x></c>b");
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[1], kopru::Run::plain("", {span(SpanKind::css_class, "", {"x"})}));
  EXPECT_EQ(render_cue_text(runs), "a<c.x></c>b");
}

TEST(WebvttCueText, RenderIsCanonicalAndEscapes) {
  std::vector<kopru::Run> runs = {
      kopru::Run::plain("a < b & c > d", {span(SpanKind::voice, "Joe")}),
      kopru::Run::line_break(),
      kopru::Run::plain("x", {span(SpanKind::voice, "Joe"), span(SpanKind::italic, "", {"k"})}),
      kopru::Run::timestamp(from_ms(61'001)),
      kopru::Run::plain("y"),
  };
  EXPECT_EQ(render_cue_text(runs), "<v Joe>a &lt; b &amp; c &gt; d\n<i.k>x</i></v><00:01:01.001>y");
}

TEST(WebvttCueText, RenderParsesBackToTheSameRuns) {
  const std::string text =
      "<v.a Mary Jane><c.b>one <i>two</i></c>\n<ruby>三<rt>san</rt></ruby> <lang tr>üç</lang>"
      "<00:00:01.000> &amp;&lt;</v>";
  const auto runs = parse(text);
  EXPECT_EQ(render_cue_text(runs), text);
}

TEST(WebvttCueText, RenderReportsWhatWebvttCannotSay) {
  Span red;
  red.kind = SpanKind::font;
  red.color = Color{255, 0, 0, 255};
  Span face;
  face.kind = SpanKind::font;
  face.annotation = "Arial";
  std::vector<std::string> lossy;
  const std::string text =
      render_cue_text({kopru::Run::plain("r", {red}), kopru::Run::plain("f", {face}),
                       kopru::Run::plain("s", {span(SpanKind::strike)}),
                       kopru::Run::raw("ass", "{\\blur3}"), kopru::Run::raw("vtt", "<c.kept>")},
                      &lossy);
  EXPECT_EQ(text, "<c.red>r</c>f<c.strike>s</c><c.kept>");
  EXPECT_EQ(lossy.size(), 3u);
}

TEST(WebvttCueText, BlankLinesCannotEndTheCue) {
  std::vector<std::string> lossy;
  EXPECT_EQ(
      render_cue_text({kopru::Run::plain("a"), kopru::Run::line_break(), kopru::Run::line_break(),
                       kopru::Run::plain("b"), kopru::Run::line_break()},
                      &lossy),
      "a\n \nb\n ");
  EXPECT_EQ(lossy.size(), 1u);
}

TEST(WebvttTimestamp, Grammar) {
  auto parse_ts = [](std::string_view s) -> std::optional<Time> {
    std::size_t pos = 0;
    auto t = parse_timestamp(s, pos);
    if (t && pos != s.size())
      return std::nullopt;
    return t;
  };
  EXPECT_EQ(parse_ts("00:01.000"), from_ms(1000));
  EXPECT_EQ(parse_ts("1:00:01.001"), from_ms(3'601'001));
  EXPECT_EQ(parse_ts("100:00:00.000"), from_ms(360'000'000));
  EXPECT_EQ(parse_ts("60:00:00.000"), from_ms(216'000'000));
  EXPECT_FALSE(parse_ts("00:60.000"));
  EXPECT_FALSE(parse_ts("00:00:60.000"));
  EXPECT_FALSE(parse_ts("000:00.000"));
  EXPECT_FALSE(parse_ts("00:00.00"));
  EXPECT_FALSE(parse_ts("00:00,000"));
  EXPECT_FALSE(parse_ts("99999999999999999999:00:00.000"));
  EXPECT_EQ(format_timestamp(from_ms(3'723'004)), "01:02:03.004");
  EXPECT_EQ(format_timestamp(from_ms(-5)), "00:00:00.000");
}

}  // namespace
}  // namespace kopru::codecs::webvtt::test
