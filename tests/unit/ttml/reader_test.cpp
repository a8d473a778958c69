// The TTML reader: timing forms and containers, styles and inheritance, regions and placement,
// languages, agents, white space, ruby, and bad input with exact messages.
#include <gtest/gtest.h>

#include <string>

#include "codecs/ttml/ttml.h"
#include "codecs/ttml/ttml_reader.h"
#include "pipeline/model/dump.h"
#include "tests/support/test_support.h"

namespace kopru::codecs::ttml {
namespace {

constexpr const char* kNamespaces =
    R"(xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" )"
    R"(xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata")";

std::string document(const std::string& body, const std::string& root_attributes = "",
                     const std::string& head = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tt ") + kNamespaces + " " +
         root_attributes + ">\n<head>" + head + "</head>\n<body>" + body + "</body>\n</tt>\n";
}

Document read_text(const std::string& text, Diagnostics& diag, bool strict = false) {
  Source source{"t.ttml", text, text, "UTF-8"};
  ReadOptions options;
  options.strict = strict;
  return read(source, options, diag);
}

Document read_text(const std::string& text) {
  Diagnostics diag;
  return read_text(text, diag);
}

std::string error_of(const std::string& text) {
  try {
    Diagnostics diag;
    read_text(text, diag);
  } catch (const InputError& e) {
    return e.formatted();
  }
  return "(no error)";
}

struct Interval {
  Time start;
  Time end;
  std::string text;
  bool operator==(const Interval&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Interval& i) {
  return out << format_hms_ms(i.start) << "-" << format_hms_ms(i.end) << " \"" << i.text << "\"";
}

std::vector<Interval> intervals(const Document& doc) {
  std::vector<Interval> out;
  for (const auto& cue : doc.cues)
    out.push_back({cue.start, cue.end, plain_text(cue)});
  return out;
}

std::vector<Interval> intervals_of(const std::string& body, const std::string& root = "") {
  return intervals(read_text(document(body, root)));
}

Time ms(std::int64_t value) {
  return from_ms(value);
}

// --- timing ------------------------------------------------------------------------------------

TEST(TtmlReaderTiming, ClockAndOffsetForms) {
  EXPECT_EQ(
      intervals_of(R"(<div><p begin="00:00:01.500" end="00:00:02.250">a</p>)"
                   R"(<p begin="3s" dur="500ms">b</p><p begin="0.1h" end="6.5m">c</p></div>)"),
      (std::vector<Interval>{
          {ms(1500), ms(2250), "a"}, {ms(3000), ms(3500), "b"}, {ms(360000), ms(390000), "c"}}));
}

TEST(TtmlReaderTiming, FramesWithMultiplierAndSubFrames) {
  // 30 x 1000/1001 fps: frame 15 = 15 x 1001/30000 s = 0.5005 s; sub-frame 1 of 2 = half a frame.
  const auto cues = intervals_of(
      R"(<p begin="00:00:00:15" end="00:00:01:00.1">a</p><p begin="30f" end="45f">b</p>)",
      R"(ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" ttp:subFrameRate="2")");
  ASSERT_EQ(cues.size(), 2U);
  EXPECT_EQ(cues[0].start, frames_to_time(15, FrameRate{30000, 1001}));
  EXPECT_EQ(cues[0].end, from_seconds(1) + Time(kTicksPerSecond * 1001 / 60000));
  EXPECT_EQ(cues[1].start, frames_to_time(30, FrameRate{30000, 1001}));
  EXPECT_EQ(cues[1].end, frames_to_time(45, FrameRate{30000, 1001}));
  const Document doc = read_text(document("<p>x</p>", R"(ttp:frameRate="25")"));
  ASSERT_TRUE(doc.meta.frame_rate.has_value());
  EXPECT_EQ(*doc.meta.frame_rate, (FrameRate{25, 1}));
}

TEST(TtmlReaderTiming, TicksWithAndWithoutTickRate) {
  EXPECT_EQ(
      intervals_of(R"(<p begin="10000000t" end="25000000t">a</p>)", R"(ttp:tickRate="10000000")"),
      (std::vector<Interval>{{ms(1000), ms(2500), "a"}}));
  // No tickRate: frameRate x subFrameRate ticks per second.
  EXPECT_EQ(intervals_of(R"(<p begin="25t" end="50t">a</p>)", R"(ttp:frameRate="25")"),
            (std::vector<Interval>{{ms(1000), ms(2000), "a"}}));
  // Neither: one tick per second.
  EXPECT_EQ(intervals_of(R"(<p begin="2t" end="3t">a</p>)"),
            (std::vector<Interval>{{ms(2000), ms(3000), "a"}}));
}

TEST(TtmlReaderTiming, NestedOffsetsAreRelativeToTheParent) {
  EXPECT_EQ(intervals_of(R"(<div begin="10s"><div begin="5s"><p begin="1s" end="2s">a</p>)"
                         R"(</div></div>)"),
            (std::vector<Interval>{{ms(16000), ms(17000), "a"}}));
}

TEST(TtmlReaderTiming, DurAndEndTakeTheEarlier) {
  EXPECT_EQ(
      intervals_of(R"(<p begin="1s" end="5s" dur="2s">a</p><p begin="1s" end="2s" dur="9s">b</p>)"),
      (std::vector<Interval>{{ms(1000), ms(3000), "a"}, {ms(1000), ms(2000), "b"}}));
}

TEST(TtmlReaderTiming, ChildrenAreClampedToTheParent) {
  EXPECT_EQ(intervals_of(R"(<div begin="2s" end="4s"><p begin="1s" end="10s">a</p></div>)"),
            (std::vector<Interval>{{ms(3000), ms(4000), "a"}}));
}

TEST(TtmlReaderTiming, SeqContainersChainTheirChildren) {
  EXPECT_EQ(intervals_of(R"(<div timeContainer="seq"><p dur="1s">a</p><p begin="1s" dur="2s">b</p>)"
                         R"(<p dur="1s">c</p></div>)"),
            (std::vector<Interval>{
                {ms(0), ms(1000), "a"}, {ms(2000), ms(4000), "b"}, {ms(4000), ms(5000), "c"}}));
}

TEST(TtmlReaderTiming, TimedSpansSplitTheParagraph) {
  EXPECT_EQ(intervals_of(R"(<p begin="0s" end="6s">A<span begin="2s" end="4s"> B</span></p>)"),
            (std::vector<Interval>{
                {ms(0), ms(2000), "A"}, {ms(2000), ms(4000), "A B"}, {ms(4000), ms(6000), "A"}}));
}

TEST(TtmlReaderTiming, PiecesOfOneParagraphGetTheirOwnIds) {
  const Document doc =
      read_text(document(R"(<p xml:id="s1" begin="0s" end="4s">A<span begin="2s"> B</span></p>)"));
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(doc.cues[0].id, "s1");
  EXPECT_EQ(doc.cues[1].id, "s1-2");
  EXPECT_EQ(plain_text(doc.cues[1]), "A B");
}

TEST(TtmlReaderRegions, PixelsWithoutARootExtentAreReported) {
  Diagnostics diag;
  const Document doc =
      read_text(document(R"(<p begin="0s" end="1s" region="r">x</p>)", "",
                         R"(<layout><region xml:id="r" tts:origin="10px 20px"/></layout>)"),
                diag);
  ASSERT_EQ(doc.regions.size(), 1U);
  EXPECT_FALSE(doc.regions[0].origin.has_value());
  EXPECT_NE(dump(diag).find("is in px but tt has no tts:extent in px"), std::string::npos)
      << dump(diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].placement.region, "r");
}

TEST(TtmlReaderTiming, IndefiniteEndIsApproximatedAndReported) {
  Diagnostics diag;
  const Document doc = read_text(document(R"(<p>forever</p><p begin="1s" end="8s">b</p>)"), diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(doc.cues[0].end, ms(8000));
  EXPECT_EQ(*doc.cues[0].format_private.find("indefinite-end"), "true");
  EXPECT_NE(dump(diag).find("ttml-indefinite-end"), std::string::npos);
}

TEST(TtmlReaderTiming, EndBeforeBeginIsNeverShown) {
  Diagnostics diag;
  const Document doc = read_text(document(R"(<p begin="5s" end="2s">x</p>)"), diag);
  EXPECT_TRUE(doc.cues.empty());
  EXPECT_NE(dump(diag).find("ttml-end-before-begin"), std::string::npos);
  EXPECT_NE(dump(diag).find("warning 4:8 ttml-end-before-begin"), std::string::npos);
  try {
    Diagnostics strict_diag;
    read_text(document(R"(<p begin="5s" end="2s">x</p>)"), strict_diag, true);
    ADD_FAILURE() << "strict mode must fail";
  } catch (const InputError& e) {
    EXPECT_EQ(e.formatted(),
              "t.ttml:4:8: error: end 00:00:02.000 is before begin 00:00:05.000; the element is "
              "never shown");
  }
}

// Element positions are those of the element name (pugixml's offset), one column after '<'.
// --- bad input ---------------------------------------------------------------------------------

TEST(TtmlReaderErrors, BadTimeExpression) {
  EXPECT_EQ(error_of(document(R"(<p begin="1:2:3" end="2s">x</p>)")),
            "t.ttml:4:10: error: invalid time expression \"1:2:3\" in begin (expected e.g. "
            "\"00:00:01.500\", \"1.5s\" or \"40f\")");
  EXPECT_EQ(error_of(document(R"(<p begin="-5s" end="2s">x</p>)")),
            "t.ttml:4:10: error: invalid time expression \"-5s\" in begin (expected e.g. "
            "\"00:00:01.500\", \"1.5s\" or \"40f\")");
}

TEST(TtmlReaderErrors, MalformedXml) {
  EXPECT_EQ(error_of("<tt xmlns=\"http://www.w3.org/ns/ttml\">\n<body><p>x</body></tt>"),
            "t.ttml:2:13: error: malformed XML: Start-end tags mismatch");
}

TEST(TtmlReaderErrors, NotTtml) {
  EXPECT_EQ(error_of("<?xml version=\"1.0\"?>\n<html><body/></html>"),
            "t.ttml:2:2: error: not a TTML document: the root element is <html> (expected <tt> in "
            "the TTML namespace http://www.w3.org/ns/ttml)");
  EXPECT_EQ(error_of("<tt xmlns=\"urn:other\"/>"),
            "t.ttml:1:2: error: not a TTML document: the root element is <tt> (expected <tt> in "
            "the TTML namespace http://www.w3.org/ns/ttml)");
}

// --- XML safety: each ends in a clear error or inert text, quickly ----------------------------

TEST(TtmlReaderSafety, MillionDeepNesting) {
  std::string text = std::string("<tt ") + kNamespaces + "><body><div>";
  text.reserve(16'000'000);
  for (int i = 0; i < 1'000'000; ++i)
    text += "<span>";
  // Unclosed: a malformed-XML error.
  EXPECT_NE(error_of(text).find("error: malformed XML"), std::string::npos);
  // Well-formed: the depth check, before any recursive walk.
  for (int i = 0; i < 1'000'000; ++i)
    text += "</span>";
  text += "</div></body></tt>";
  const std::string message = error_of(text);
  EXPECT_NE(message.find("error: elements nested more than 256 deep"), std::string::npos)
      << message.substr(0, 200);
}

TEST(TtmlReaderSafety, FiftyMegabyteAttribute) {
  std::string text =
      std::string("<tt ") + kNamespaces + "><body><div><p begin=\"0s\" end=\"1s\" x=\"";
  text.append(50'000'000, 'a');
  text += "\">ok</p></div></body></tt>";
  Diagnostics diag;
  const Document doc = read_text(text, diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(plain_text(doc.cues[0]), "ok");
}

TEST(TtmlReaderSafety, EntityDeclarationsAreInert) {
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE tt [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n<tt " +
      std::string(kNamespaces) + "><body><p begin=\"0s\" end=\"1s\">&c;</p></body></tt>";
  const std::string xxe =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE tt [<!ENTITY x SYSTEM "
      "\"file:///etc/passwd\">]>\n<tt " +
      std::string(kNamespaces) + "><body><p begin=\"0s\" end=\"1s\">&x;</p></body></tt>";
  for (const auto& text : {laughs, xxe}) {
    try {
      Diagnostics diag;
      const Document doc = read_text(text, diag);
      for (const auto& cue : doc.cues) {
        EXPECT_EQ(plain_text(cue).find("root:"), std::string::npos);
        EXPECT_LT(plain_text(cue).size(), 100U);
      }
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("error:"), std::string::npos);
    }
  }
}

TEST(TtmlReaderSafety, BadCharacterReferences) {
  for (const char* reference : {"&#0;", "&#xD800;", "&#x110000;", "&#99999999999;"}) {
    const std::string message =
        error_of(document(std::string("<p begin=\"0s\" end=\"1s\">") + reference + "</p>"));
    EXPECT_NE(message.find("t.ttml:4:"), std::string::npos) << reference << ": " << message;
    EXPECT_NE(message.find(reference), std::string::npos) << message;
  }
}

TEST(TtmlReaderSafety, FuzzSeedsEndInADocumentOrAClearError) {
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kopru::testing::source_dir() /
                                                               "tools/fuzz/corpus/ttml")) {
    ++seeds;
    const std::string text = kopru::testing::slurp(entry.path());
    try {
      Diagnostics diag;
      const Document doc = read_text(text, diag);
      for (const auto& cue : doc.cues)
        EXPECT_LE(cue.start, cue.end) << entry.path();
    } catch (const InputError& e) {
      EXPECT_NE(e.formatted().find("error:"), std::string::npos) << entry.path();
    }
  }
  EXPECT_GE(seeds, 7);
}

// --- styles ------------------------------------------------------------------------------------

constexpr const char* kStyles =
    R"(<styling><style xml:id="base" tts:color="yellow" tts:fontFamily="monospace"/>)"
    R"(<style xml:id="it" style="base" tts:fontStyle="italic"/>)"
    R"(<style xml:id="b" tts:fontWeight="bold" tts:textDecoration="underline"/>)"
    R"(<style xml:id="over" tts:color="#00FF00"/></styling>)";

TEST(TtmlReaderStyles, ReferentialChainedAndInline) {
  const Document doc =
      read_text(document(R"(<p begin="0s" end="1s" style="it">A<span style="b">B</span>)"
                         R"(<span tts:textDecoration="lineThrough">C</span></p>)",
                         "", kStyles));
  ASSERT_EQ(doc.cues.size(), 1U);
  const Cue& cue = doc.cues[0];
  EXPECT_EQ(cue.style, "it");
  ASSERT_EQ(cue.runs.size(), 3U);
  // The p's properties: yellow monospace italic.
  const auto& a = cue.runs[0].spans;
  ASSERT_EQ(a.size(), 2U);
  EXPECT_EQ(a[0].kind, SpanKind::font);
  EXPECT_EQ(a[0].annotation, "");  // a paragraph's face is its style's, not markup
  EXPECT_EQ(a[0].color, (Color{255, 255, 0, 255}));
  EXPECT_EQ(a[1].kind, SpanKind::italic);
  const auto& b = cue.runs[1].spans;
  ASSERT_EQ(b.size(), 5U);
  EXPECT_EQ(b[2].kind, SpanKind::css_class);
  EXPECT_EQ(b[2].classes, std::vector<std::string>{"b"});
  EXPECT_EQ(b[3].kind, SpanKind::bold);
  EXPECT_EQ(b[4].kind, SpanKind::underline);
  EXPECT_EQ(cue.runs[2].spans.back().kind, SpanKind::strike);
}

TEST(TtmlReaderStyles, LaterReferencesAndInlineWin) {
  const Document doc = read_text(document(
      R"(<p begin="0s" end="1s" style="base over">A</p><p begin="0s" end="1s" style="over" )"
      R"(tts:color="red">B</p>)",
      "", kStyles));
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(doc.cues[0].runs[0].spans[0].color, (Color{0, 255, 0, 255}));
  EXPECT_EQ(*doc.cues[0].format_private.find("style"), "base over");
  EXPECT_EQ(doc.cues[1].runs[0].spans[0].color, (Color{255, 0, 0, 255}));
}

TEST(TtmlReaderStyles, InheritanceFromDivAndRegion) {
  const std::string head =
      std::string(kStyles) +
      R"(<layout><region xml:id="r" tts:origin="10% 80%" tts:extent="80% 10%" )"
      R"(tts:fontWeight="bold" tts:backgroundColor="black"/></layout>)";
  const Document doc = read_text(
      document(R"(<div style="it" region="r"><p begin="0s" end="1s">A</p></div>)", "", head));
  ASSERT_EQ(doc.cues.size(), 1U);
  std::vector<SpanKind> kinds;
  for (const auto& span : doc.cues[0].runs[0].spans)
    kinds.push_back(span.kind);
  EXPECT_EQ(kinds, (std::vector<SpanKind>{SpanKind::font, SpanKind::bold, SpanKind::italic}));
}

TEST(TtmlReaderStyles, StylesKeepEveryAttributeForTheWriters) {
  const Document doc = read_text(
      document("<p begin=\"0s\" end=\"1s\">x</p>", R"(xmlns:ebutts="urn:ebu:tt:style")",
               R"(<styling><style xml:id="s1" tts:color="#FFFFFF" ebutts:linePadding="0.5c" )"
               R"(tts:fontSize="24px" tts:textAlign="center"/></styling>)"));
  ASSERT_EQ(doc.styles.size(), 1U);
  const Style& s = doc.styles[0];
  EXPECT_EQ(s.name, "s1");
  EXPECT_EQ(s.format_private.format, "ttml");
  EXPECT_EQ(s.format_private.entries,
            (std::vector<std::pair<std::string, std::string>>{{"tts:color", "#FFFFFF"},
                                                              {"ebutts:linePadding", "0.5c"},
                                                              {"tts:fontSize", "24px"},
                                                              {"tts:textAlign", "center"}}));
  EXPECT_EQ(s.font_size, 24);
  EXPECT_EQ(s.alignment, 2);
}

TEST(TtmlReaderStyles, UnknownAttributesAndBadValuesWarn) {
  Diagnostics diag;
  read_text(document(R"(<p begin="0s" end="1s" tts:colour="red" tts:color="nope">x</p>)"), diag);
  const std::string text = dump(diag);
  EXPECT_NE(text.find("warning 4:30 ttml-unknown-attribute"), std::string::npos) << text;
  EXPECT_NE(text.find("warning 4:47 ttml-invalid-value"), std::string::npos) << text;
}

TEST(TtmlReaderStyles, UnmappedInlineStylingIsReportedOncePerProperty) {
  Diagnostics diag;
  read_text(document(R"(<p begin="0s" end="1s" tts:backgroundColor="red">a</p>)"
                     R"(<p begin="1s" end="2s" tts:backgroundColor="blue">b</p>)"
                     R"(<p begin="1s" end="2s"><span tts:textOutline="black 1px">c</span></p>)"),
            diag);
  const std::string text = dump(diag);
  EXPECT_NE(text.find("warning 4:8 ttml-ignored-style \"inline tts:backgroundColor on <p> has no "
                      "place in Kopru's model and is left out\""),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("tts:backgroundColor", text.find("tts:backgroundColor") + 1),
            std::string::npos);
  EXPECT_NE(text.find("inline tts:textOutline on <span>"), std::string::npos);
}

TEST(TtmlReaderStyles, ColourSyntaxes) {
  EXPECT_EQ(parse_color("#11223344"), (Color{0x11, 0x22, 0x33, 0x44}));
  EXPECT_EQ(parse_color("rgb(1, 2, 3)"), (Color{1, 2, 3, 255}));
  EXPECT_EQ(parse_color("rgba(1,2,3,0)"), (Color{1, 2, 3, 0}));
  EXPECT_EQ(parse_color("transparent"), (Color{0, 0, 0, 0}));
  EXPECT_FALSE(parse_color("rgb(1,2)").has_value());
  EXPECT_FALSE(parse_color("#12345").has_value());
}

// --- regions and placement ---------------------------------------------------------------------

TEST(TtmlReaderRegions, PercentPixelAndCellGeometry) {
  const std::string head =
      R"(<layout><region xml:id="bottom" tts:origin="10% 80%" tts:extent="80% 15%" )"
      R"(tts:displayAlign="after"/><region xml:id="px" tts:origin="192px 108px" )"
      R"(tts:extent="960px 540px"/><region xml:id="cells" tts:origin="4c 3c" tts:extent="32c 6c"/>)"
      R"(</layout>)";
  const Document doc =
      read_text(document(R"(<p region="bottom" begin="0s" end="1s" tts:textAlign="center">x</p>)",
                         R"(tts:extent="1920px 1080px" ttp:cellResolution="40 30")", head));
  ASSERT_EQ(doc.regions.size(), 3U);
  EXPECT_EQ(doc.regions[0].origin, (std::pair<double, double>{10, 80}));
  EXPECT_EQ(doc.regions[0].display_align, "after");
  EXPECT_EQ(doc.regions[1].origin, (std::pair<double, double>{10, 10}));
  EXPECT_EQ(doc.regions[1].extent, (std::pair<double, double>{50, 50}));
  EXPECT_EQ(doc.regions[2].origin, (std::pair<double, double>{10, 10}));
  EXPECT_EQ(doc.regions[2].extent, (std::pair<double, double>{80, 20}));
  EXPECT_EQ(*doc.regions[0].format_private.find("tts:origin"), "10% 80%");
  EXPECT_EQ(*doc.format_private.find("ttp:cellResolution"), "40 30");
  EXPECT_EQ(*doc.format_private.find("tts:extent"), "1920px 1080px");
  ASSERT_EQ(doc.cues.size(), 1U);
  const Placement& p = doc.cues[0].placement;
  EXPECT_EQ(p.region, "bottom");
  EXPECT_EQ(p.text_align, "center");
  EXPECT_TRUE(p.line_percent);
  EXPECT_EQ(p.line, 95);
  EXPECT_EQ(p.line_align, "end");
  EXPECT_EQ(p.position_percent, 50);
  EXPECT_EQ(p.size_percent, 80);
  EXPECT_EQ(p.alignment, 2);
}

TEST(TtmlReaderRegions, ContentOutsideDeclaredRegionsIsReported) {
  Diagnostics diag;
  const Document doc = read_text(
      document(
          R"(<p begin="0s" end="1s">x</p>)", "",
          R"(<layout><region xml:id="r" tts:origin="0% 0%" tts:extent="100% 100%"/></layout>)"),
      diag);
  EXPECT_TRUE(doc.cues.empty());
  EXPECT_NE(dump(diag).find("ttml-ignored-unregioned"), std::string::npos);
}

// --- language, agents, metadata, profile --------------------------------------------------------

TEST(TtmlReaderMeta, LanguageAgentTitleAndProfile) {
  const std::string head =
      R"(<metadata><ttm:title>Film</ttm:title><ttm:agent xml:id="a1" type="character">)"
      R"(<ttm:name type="full">Ayşe</ttm:name></ttm:agent></metadata>)";
  const Document doc = read_text(document(
      R"(<p begin="0s" end="1s" ttm:agent="a1">Merhaba <span xml:lang="en">hello</span></p>)"
      R"(<p begin="1s" end="2s" xml:lang="az">Salam</p>)",
      R"(xml:lang="tr" ttp:profile="http://www.w3.org/ns/ttml/profile/imsc1/text")", head));
  EXPECT_EQ(doc.meta.title, "Film");
  EXPECT_EQ(doc.meta.language.to_string(), "tr");
  EXPECT_EQ(*doc.format_private.find("profile"), "imsc1.0.1");
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(doc.cues[0].speaker, "Ayşe");
  EXPECT_EQ(doc.cues[0].language, "");
  ASSERT_EQ(doc.cues[0].runs.size(), 2U);
  EXPECT_EQ(doc.cues[0].runs[1].spans.at(0).kind, SpanKind::lang);
  EXPECT_EQ(doc.cues[0].runs[1].spans.at(0).annotation, "en");
  EXPECT_EQ(doc.cues[1].language, "az");
}

// --- white space, line breaks, ruby -----------------------------------------------------------

TEST(TtmlReaderText, DefaultWhiteSpaceCollapses) {
  const Document doc = read_text(document(
      "<p begin=\"0s\" end=\"1s\">\n   one\n   two  <br/>\n  three <span> four</span>\n</p>"));
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(plain_text(doc.cues[0]), "one two\nthree four");
}

TEST(TtmlReaderText, PreserveKeepsSpacesAndLinefeeds) {
  const Document doc =
      read_text(document("<p begin=\"0s\" end=\"1s\" xml:space=\"preserve\">  a  b\nc</p>"));
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(plain_text(doc.cues[0]), "  a  b\nc");
}

TEST(TtmlReaderText, RubyBecomesRubySpans) {
  const Document doc = read_text(document(
      R"(<p begin="0s" end="1s"><span tts:ruby="container"><span tts:ruby="base">漢</span>)"
      R"(<span tts:ruby="delimiter">(</span><span tts:ruby="text">kan</span>)"
      R"(<span tts:ruby="delimiter">)</span></span></p>)"));
  ASSERT_EQ(doc.cues.size(), 1U);
  const auto& runs = doc.cues[0].runs;
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0].text, "漢");
  EXPECT_TRUE(has_span(runs[0], SpanKind::ruby));
  EXPECT_FALSE(has_span(runs[0], SpanKind::ruby_text));
  EXPECT_EQ(runs[1].text, "kan");
  EXPECT_TRUE(has_span(runs[1], SpanKind::ruby_text));
}

// --- probes ------------------------------------------------------------------------------------

TEST(TtmlProbe, ScoresByEvidence) {
  const std::string ttml = document("<p>x</p>");
  EXPECT_EQ(probe(ttml, "xml"), 80);
  EXPECT_EQ(probe_imsc(ttml, "ttml"), 0);
  EXPECT_EQ(probe_ebu_tt_d(ttml, "ttml"), 0);
  EXPECT_EQ(probe_dfxp(ttml, "ttml"), 0);
  EXPECT_EQ(probe_dfxp(ttml, "dfxp"), 90);
  const std::string dfxp = R"(<tt xmlns="http://www.w3.org/2006/10/ttaf1"><body/></tt>)";
  EXPECT_EQ(probe(dfxp, ""), 80);
  EXPECT_EQ(probe_dfxp(dfxp, ""), 90);
  const std::string imsc =
      document("", R"(ttp:profile="http://www.w3.org/ns/ttml/profile/imsc1/text")");
  EXPECT_EQ(probe_imsc(imsc, ""), 90);
  const std::string ebu =
      document("", R"(xmlns:ebuttm="urn:ebu:tt:metadata")",
               "<metadata><ebuttm:conformsToStandard>urn:ebu:tt:distribution:2014-01"
               "</ebuttm:conformsToStandard></metadata>");
  EXPECT_EQ(probe_ebu_tt_d(ebu, ""), 90);
  EXPECT_EQ(probe("WEBVTT\n\n", "ttml"), 30);
  EXPECT_EQ(probe("1\n00:00:01,000 --> 00:00:02,000\n", "srt"), 0);
  EXPECT_EQ(probe("<html><body/></html>", "xml"), 0);
}

// --- the ISD view ----------------------------------------------------------------------------

TEST(TtmlDisplayChanges, ListsEveryChange) {
  const Document doc = read_text(document(
      R"(<p begin="1s" end="2s">a</p><p begin="2s" end="3s">b</p><p begin="5s" end="6s">c</p>)"));
  EXPECT_EQ(display_changes(doc), (std::vector<DisplayChange>{{Time{}, false},
                                                              {ms(1000), true},
                                                              {ms(2000), true},
                                                              {ms(3000), false},
                                                              {ms(5000), true},
                                                              {ms(6000), false}}));
}

}  // namespace
}  // namespace kopru::codecs::ttml
