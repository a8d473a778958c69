#include <gtest/gtest.h>

#include "codecs/ass/ass_internal.h"

namespace kopru::codecs::ass {
namespace {

ParsedText parse(std::string_view text, bool wrap2 = false, const Style* style = nullptr) {
  TextContext context;
  context.wrap_style_2 = wrap2;
  context.style = style;
  return parse_text(text, context);
}

TEST(AssTags, PlainTextIsOneRun) {
  const auto p = parse("Hello, world");
  ASSERT_EQ(p.runs.size(), 1u);
  EXPECT_EQ(p.runs[0], Run::plain("Hello, world"));
}

TEST(AssTags, ItalicBoldUnderlineStrikeBecomeSpans) {
  const auto p = parse("a{\\i1}b{\\b1\\u1\\s1}c{\\i0\\b0\\u0\\s0}d");
  ASSERT_EQ(p.runs.size(), 4u);
  EXPECT_EQ(p.runs[0].text, "a");
  EXPECT_TRUE(p.runs[0].spans.empty());
  EXPECT_EQ(p.runs[1].text, "b");
  ASSERT_EQ(p.runs[1].spans.size(), 1u);
  EXPECT_EQ(p.runs[1].spans[0].kind, SpanKind::italic);
  EXPECT_EQ(p.runs[2].text, "c");
  EXPECT_TRUE(has_span(p.runs[2], SpanKind::italic));
  EXPECT_TRUE(has_span(p.runs[2], SpanKind::bold));
  EXPECT_TRUE(has_span(p.runs[2], SpanKind::underline));
  EXPECT_TRUE(has_span(p.runs[2], SpanKind::strike));
  EXPECT_EQ(p.runs[3].text, "d");
  EXPECT_TRUE(p.runs[3].spans.empty());
}

TEST(AssTags, FontFaceSizeAndColourMergeIntoOneFontSpan) {
  const auto p = parse("{\\fnDejaVu Sans\\fs36.5\\c&H0000FF&}red{\\fn\\fs\\c}plain");
  ASSERT_EQ(p.runs.size(), 2u);
  ASSERT_EQ(p.runs[0].spans.size(), 1u);
  const Span& font = p.runs[0].spans[0];
  EXPECT_EQ(font.kind, SpanKind::font);
  EXPECT_EQ(font.annotation, "DejaVu Sans");
  EXPECT_EQ(font.size, 36.5);
  EXPECT_EQ(font.color, (Color{255, 0, 0, 255}));
  EXPECT_TRUE(p.runs[1].spans.empty());
}

TEST(AssTags, PrimaryColourTagOneC) {
  const auto p = parse("{\\1c&HFF0000&}blue");
  ASSERT_EQ(p.runs.size(), 1u);
  EXPECT_EQ(p.runs[0].spans.at(0).color, (Color{0, 0, 255, 255}));
}

TEST(AssTags, ResetClearsSpans) {
  const auto p = parse("{\\i1\\fs30}x{\\r}y");
  ASSERT_EQ(p.runs.size(), 2u);
  EXPECT_EQ(p.runs[0].spans.size(), 2u);
  EXPECT_TRUE(p.runs[1].spans.empty());
}

TEST(AssTags, ResetToNamedStyleStaysRaw) {
  const auto p = parse("{\\i1}x{\\rAlt}y");
  ASSERT_EQ(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[1], Run::raw("ass", "{\\rAlt}"));
  EXPECT_TRUE(p.runs[2].spans.empty());
}

TEST(AssTags, HardLineBreakAndHardSpace) {
  const auto p = parse("one\\Ntwo\\hthree");
  ASSERT_EQ(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[0].text, "one");
  EXPECT_EQ(p.runs[1].kind, RunKind::line_break);
  EXPECT_EQ(p.runs[2].text, "two\xC2\xA0three");
}

TEST(AssTags, SoftBreakIsASpaceUnlessWrapStyleTwo) {
  const auto soft = parse("one\\ntwo");
  ASSERT_EQ(soft.runs.size(), 1u);
  EXPECT_EQ(soft.runs[0].text, "one two");
  const auto hard = parse("one\\ntwo", true);
  ASSERT_EQ(hard.runs.size(), 3u);
  EXPECT_EQ(hard.runs[1].kind, RunKind::line_break);
}

TEST(AssTags, OtherBackslashesAreText) {
  const auto p = parse("C:\\path \\pos(1,2) \\{braces\\}");
  ASSERT_EQ(p.runs.size(), 1u);
  EXPECT_EQ(p.runs[0].text, "C:\\path \\pos(1,2) {braces}");
  EXPECT_FALSE(p.position);
}

TEST(AssTags, AlignmentAndPositionGoToPlacement) {
  const auto p = parse("{\\an8\\pos(320.5,40)}Top");
  EXPECT_EQ(p.alignment, 8);
  ASSERT_TRUE(p.position);
  EXPECT_EQ(p.position->first, 320.5);
  EXPECT_EQ(p.position->second, 40);
  ASSERT_EQ(p.runs.size(), 1u);
  EXPECT_EQ(p.runs[0].text, "Top");
}

TEST(AssTags, LegacyAlignmentIsConvertedToNumpad) {
  EXPECT_EQ(parse("{\\a1}x").alignment, 1);
  EXPECT_EQ(parse("{\\a6}x").alignment, 8);
  EXPECT_EQ(parse("{\\a7}x").alignment, 9);
  EXPECT_EQ(parse("{\\a9}x").alignment, 4);
  EXPECT_EQ(parse("{\\a10}x").alignment, 5);
  EXPECT_EQ(parse("{\\a11}x").alignment, 6);
}

TEST(AssTags, FirstAlignmentAndPositionWinLaterOnesStayRaw) {
  const auto p = parse("{\\an7\\pos(1,2)}a{\\an3\\pos(3,4)}b");
  EXPECT_EQ(p.alignment, 7);
  EXPECT_EQ(p.position, std::make_pair(1.0, 2.0));
  ASSERT_EQ(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[1], Run::raw("ass", "{\\an3\\pos(3,4)}"));
}

TEST(AssTags, InvalidAlignmentAndPositionAreReportedAndKept) {
  const auto p = parse("{\\an11}x{\\pos(a,b)}");
  EXPECT_EQ(p.alignment, 0);
  EXPECT_FALSE(p.position);
  ASSERT_EQ(p.issues.size(), 2u);
  EXPECT_EQ(p.issues[0].code, "ass-invalid-alignment");
  EXPECT_EQ(p.issues[0].offset, 1u);  // the backslash
  EXPECT_EQ(p.issues[1].code, "ass-invalid-position");
  ASSERT_EQ(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[0], Run::raw("ass", "{\\an11}"));
  EXPECT_EQ(p.runs[2], Run::raw("ass", "{\\pos(a,b)}"));
}

TEST(AssTags, MoveBlocksALaterPos) {
  const auto p = parse("{\\move(1,2,3,4)\\pos(5,6)}x");
  EXPECT_FALSE(p.position);
  EXPECT_EQ(p.runs[0], Run::raw("ass", "{\\move(1,2,3,4)\\pos(5,6)}"));
}

TEST(AssTags, UnknownTagsStayRawInPlaceAndKnownOnesAreTakenOut) {
  const auto p = parse("{\\k20}Ka{\\k30\\i1}ra{\\blur2\\t(0,500,\\fs40\\i0)}oke");
  ASSERT_EQ(p.runs.size(), 6u);
  EXPECT_EQ(p.runs[0], Run::raw("ass", "{\\k20}"));
  EXPECT_EQ(p.runs[1], Run::plain("Ka"));
  EXPECT_EQ(p.runs[2], Run::raw("ass", "{\\k30}"));
  EXPECT_EQ(p.runs[3].text, "ra");
  EXPECT_TRUE(has_span(p.runs[3], SpanKind::italic));
  EXPECT_EQ(p.runs[4], Run::raw("ass", "{\\blur2\\t(0,500,\\fs40\\i0)}"));
  EXPECT_EQ(p.runs[5].text, "oke");
  EXPECT_TRUE(has_span(p.runs[5], SpanKind::italic));
}

TEST(AssTags, TagNamesAreNotConfusedWithTheirPrefixes) {
  const auto p = parse("{\\bord2\\be1\\blur3\\shad1\\fscx120\\fsp2\\iclip(0,0,1,1)\\alpha&H80&}x");
  ASSERT_EQ(p.runs.size(), 2u);
  EXPECT_EQ(p.runs[0].kind, RunKind::raw);
  EXPECT_TRUE(p.runs[1].spans.empty());
}

TEST(AssTags, BoldWeightsStayRaw) {
  const auto p = parse("{\\b700}x");
  EXPECT_EQ(p.runs[0], Run::raw("ass", "{\\b700}"));
  EXPECT_TRUE(p.runs[1].spans.empty());
}

TEST(AssTags, ItalicOffAgainstAnItalicStyleStaysRaw) {
  Style style;
  style.italic = true;
  const auto p = parse("a{\\i0}b", false, &style);
  ASSERT_EQ(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[1], Run::raw("ass", "{\\i0}"));
  EXPECT_TRUE(p.runs[2].spans.empty());
}

TEST(AssTags, CommentsAreRaw) {
  const auto p = parse("This is{ a note } it");
  ASSERT_EQ(p.runs.size(), 3u);
  EXPECT_EQ(p.runs[1], Run::raw("ass", "{ a note }"));
}

TEST(AssTags, DrawingCommandsAreRawNotText) {
  const auto p = parse("{\\p1}m 0 0 l 10 0 10 10{\\p0}After");
  ASSERT_EQ(p.runs.size(), 4u);
  EXPECT_EQ(p.runs[0], Run::raw("ass", "{\\p1}"));
  EXPECT_EQ(p.runs[1], Run::raw("ass", "m 0 0 l 10 0 10 10"));
  EXPECT_EQ(p.runs[2], Run::raw("ass", "{\\p0}"));
  EXPECT_EQ(p.runs[3], Run::plain("After"));
}

TEST(AssTags, UnclosedBraceIsTextAndReportedOnce) {
  const auto p = parse("a { b { c");
  ASSERT_EQ(p.runs.size(), 1u);
  EXPECT_EQ(p.runs[0].text, "a { b { c");
  ASSERT_EQ(p.issues.size(), 1u);
  EXPECT_EQ(p.issues[0].code, "ass-unclosed-brace");
  EXPECT_EQ(p.issues[0].offset, 2u);
}

TEST(AssTags, EmptyBlocksVanish) {
  const auto p = parse("a{}b");
  ASSERT_EQ(p.runs.size(), 1u);
  EXPECT_EQ(p.runs[0].text, "ab");
}

TEST(AssTags, HugeLineOfOpenBracesIsLinear) {
  std::string text(1 << 20, '{');
  const auto p = parse(text);
  ASSERT_EQ(p.runs.size(), 1u);
  EXPECT_EQ(p.runs[0].text.size(), text.size());
}

TEST(AssTags, HugeLineOfTagsParses) {
  std::string text;
  while (text.size() < (1u << 20))
    text += "{\\i1}a{\\i0}b";
  const auto p = parse(text);
  EXPECT_GT(p.runs.size(), 100000u);
}

TEST(AssTags, SerializeWritesTransitionsAndPlacement) {
  std::vector<kopru::Run> runs;
  Span italic;
  italic.kind = SpanKind::italic;
  Span font;
  font.kind = SpanKind::font;
  font.annotation = "Arial";
  font.size = 30;
  font.color = Color{255, 0, 0, 255};
  runs.push_back(Run::plain("a"));
  runs.push_back(Run::plain("b", {italic}));
  runs.push_back(Run::line_break());
  runs.push_back(Run::plain("c", {italic, font}));
  runs.push_back(Run::raw("ass", "{\\blur1}"));
  runs.push_back(Run::plain("{d}\xC2\xA0"));
  Placement placement;
  placement.alignment = 8;
  placement.position = std::make_pair(10.0, 20.5);
  const auto out = serialize_text(runs, placement, false);
  EXPECT_EQ(out.text,
            "{\\an8\\pos(10,20.5)}a{\\i1}b\\N{\\fnArial\\fs30\\c&H0000FF&}c{\\blur1}"
            "{\\i0\\fn\\fs\\c}\\{d\\}\\h");
  EXPECT_TRUE(out.losses.empty());
  EXPECT_EQ(serialize_text({}, placement, true).text, "{\\a6\\pos(10,20.5)}");
}

TEST(AssTags, SerializeReportsWhatItCannotWrite) {
  Span voice;
  voice.kind = SpanKind::voice;
  voice.annotation = "Bob";
  Span cls;
  cls.kind = SpanKind::css_class;
  cls.classes = {"loud"};
  std::vector<kopru::Run> runs = {Run::plain("x", {voice}), Run::plain("y", {cls}),
                                  Run::timestamp(from_ms(1500)), Run::raw("vtt", "<b>")};
  const auto out = serialize_text(runs, Placement{}, false);
  EXPECT_EQ(out.text, "xy");
  EXPECT_EQ(out.losses, (std::vector<std::string>{"voice", "class", "timestamp", "raw:vtt"}));
}

TEST(AssTags, SerializeThenParseIsAFixpoint) {
  const std::string text =
      "{\\an2}{\\k10}a{\\i1\\b1}b\\Nc{\\fnX\\fs12\\c&H00FF00&}d{\\r}e{\\p1}m 0 0{\\p0}";
  const auto first = parse(text);
  Placement placement;
  placement.alignment = first.alignment;
  const auto written = serialize_text(first.runs, placement, false).text;
  const auto second = parse(written);
  EXPECT_EQ(second.runs, first.runs);
  EXPECT_EQ(serialize_text(second.runs, placement, false).text, written);
}

TEST(AssFormat, Times) {
  EXPECT_EQ(parse_time("0:00:01.23").time, from_ms(1230));
  EXPECT_TRUE(parse_time("0:00:01.23").repair.empty());
  EXPECT_EQ(parse_time(" 1:02:03.04 ").time, from_ms(3723040));
  EXPECT_EQ(parse_time("0:00:04:56").time, from_ms(4560));
  EXPECT_FALSE(parse_time("0:00:04:56").repair.empty());
  EXPECT_EQ(parse_time("0:00:01.5").time, from_ms(1500));
  EXPECT_EQ(parse_time("0:00:01.234").time, from_ms(1234));
  EXPECT_EQ(parse_time("00:01.00").time, from_ms(1000));
  EXPECT_EQ(parse_time("0:00:01").time, from_ms(1000));
  EXPECT_FALSE(parse_time("").time);
  EXPECT_FALSE(parse_time("Invalid").time);
  EXPECT_FALSE(parse_time("-0:00:01.00").time);
  EXPECT_FALSE(parse_time("0:00:01.00x").time);
  EXPECT_FALSE(parse_time("99999999999:00:00.00").time);
  EXPECT_EQ(format_time(from_ms(3723045)), "1:02:03.05");
  EXPECT_EQ(format_time(from_ms(3723044)), "1:02:03.04");
  EXPECT_EQ(format_time(from_ms(-5)), "0:00:00.00");
  EXPECT_EQ(format_time(from_seconds(36000)), "10:00:00.00");
}

TEST(AssFormat, Colours) {
  EXPECT_EQ(parse_color_value("&H000000FF"), 0xFFu);
  EXPECT_EQ(parse_color_value("&HFF00"), 0xFF00u);
  EXPECT_EQ(parse_color_value("16711680"), 16711680u);
  EXPECT_EQ(parse_color_value("&H0000FF&"), 0xFFu);
  EXPECT_FALSE(parse_color_value("blue"));
  EXPECT_FALSE(parse_color_value("&H1FFFFFFFF"));
  EXPECT_EQ(color_from_abgr(0xA00000FFu), (Color{255, 0, 0, 0x5F}));
  EXPECT_EQ(color_from_abgr(2164195328u), (Color{0, 0, 255, 0x7F}));
  EXPECT_EQ(format_style_color(Color{255, 0, 0, 0x5F}), "&HA00000FF");
  EXPECT_EQ(format_tag_color(Color{0x12, 0x34, 0x56, 255}), "&H563412&");
}

TEST(AssFormat, LegacyAlignmentRoundTrips) {
  for (int numpad = 1; numpad <= 9; ++numpad) {
    EXPECT_EQ(legacy_to_numpad(numpad_to_legacy(numpad)), numpad);
  }
  EXPECT_EQ(legacy_to_numpad(4), 0);
  EXPECT_EQ(legacy_to_numpad(8), 0);
  EXPECT_EQ(legacy_to_numpad(12), 0);
}

}  // namespace
}  // namespace kopru::codecs::ass

namespace kopru::codecs::ass {
namespace {

TEST(AssTags, AfterARawTagItsFamilyStaysRaw) {
  const auto p = parse("{\\b700}w{\\b0}x{\\s1}y{\\fs+5}z{\\fs}q");
  ASSERT_EQ(p.runs.size(), 9u);
  EXPECT_EQ(p.runs[0], Run::raw("ass", "{\\b700}"));
  EXPECT_EQ(p.runs[2], Run::raw("ass", "{\\b0}"));
  EXPECT_TRUE(has_span(p.runs[4], SpanKind::strike));  // \s is not \fs's family
  EXPECT_EQ(p.runs[5], Run::raw("ass", "{\\fs+5}"));
  EXPECT_EQ(p.runs[6].text, "z");
  EXPECT_EQ(p.runs[7], Run::raw("ass", "{\\fs}"));
  EXPECT_EQ(p.runs[8].text, "q");
  EXPECT_TRUE(has_span(p.runs[8], SpanKind::strike));
}

}  // namespace
}  // namespace kopru::codecs::ass
