// SubRip cue text: tags to span stacks, {\anN} to alignment, ASS blocks to raw runs, entities.
#include <gtest/gtest.h>

#include "tests/unit/srt/srt_test_util.h"

namespace kopru::codecs::srt::testing {
namespace {

// Reads one cue whose text is `text` (may hold "\n").
Cue cue_of(std::string_view text, Diagnostics& diag) {
  const std::string file = "1\n00:00:01,000 --> 00:00:02,000\n" + std::string(text) + "\n";
  Document doc = read_srt(file, diag);
  EXPECT_EQ(doc.cues.size(), 1U);
  return doc.cues.empty() ? Cue{} : doc.cues[0];
}

Cue cue_of(std::string_view text) {
  Diagnostics diag;
  Cue cue = cue_of(text, diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  return cue;
}

std::vector<SpanKind> kinds(const Run& run) {
  std::vector<SpanKind> out;
  for (const auto& s : run.spans)
    out.push_back(s.kind);
  return out;
}

TEST(SrtMarkup, PlainText) {
  const Cue cue = cue_of("Hello, world");
  ASSERT_EQ(cue.runs.size(), 1U);
  EXPECT_EQ(cue.runs[0], Run::plain("Hello, world"));
}

TEST(SrtMarkup, BasicTagsAnyCase) {
  const Cue cue = cue_of("<i>it</i> <B>bold</B> <u>under</u> <S>strike</s>");
  ASSERT_EQ(cue.runs.size(), 7U);
  EXPECT_EQ(cue.runs[0], Run::plain("it", {span(SpanKind::italic)}));
  EXPECT_EQ(cue.runs[1], Run::plain(" "));
  EXPECT_EQ(cue.runs[2], Run::plain("bold", {span(SpanKind::bold)}));
  EXPECT_EQ(cue.runs[4], Run::plain("under", {span(SpanKind::underline)}));
  EXPECT_EQ(cue.runs[6], Run::plain("strike", {span(SpanKind::strike)}));
}

TEST(SrtMarkup, NestingBuildsTheSpanStack) {
  const Cue cue = cue_of("a<i>b<b>c<u>d</u></b>e</i>f");
  ASSERT_EQ(cue.runs.size(), 6U);
  EXPECT_EQ(cue.runs[0].text, "a");
  EXPECT_TRUE(cue.runs[0].spans.empty());
  EXPECT_EQ(kinds(cue.runs[1]), std::vector<SpanKind>{SpanKind::italic});
  EXPECT_EQ(kinds(cue.runs[2]), (std::vector<SpanKind>{SpanKind::italic, SpanKind::bold}));
  EXPECT_EQ(cue.runs[3].text, "d");
  EXPECT_EQ(kinds(cue.runs[3]),
            (std::vector<SpanKind>{SpanKind::italic, SpanKind::bold, SpanKind::underline}));
  EXPECT_EQ(cue.runs[4].text, "e");
  EXPECT_EQ(kinds(cue.runs[4]), std::vector<SpanKind>{SpanKind::italic});
  EXPECT_EQ(cue.runs[5].text, "f");
}

TEST(SrtMarkup, SpansContinueAcrossLinesAndBreaksCarryNone) {
  const Cue cue = cue_of("<i>one\ntwo</i>");
  ASSERT_EQ(cue.runs.size(), 3U);
  EXPECT_EQ(cue.runs[0], Run::plain("one", {span(SpanKind::italic)}));
  EXPECT_EQ(cue.runs[1], Run::line_break());
  EXPECT_EQ(cue.runs[2], Run::plain("two", {span(SpanKind::italic)}));
}

TEST(SrtMarkup, EmptyTagsMergeAdjacentText) {
  const Cue cue = cue_of("a<i></i>b");
  ASSERT_EQ(cue.runs.size(), 1U);
  EXPECT_EQ(cue.runs[0].text, "ab");
}

TEST(SrtMarkup, FontAttributes) {
  const Cue cue = cue_of(
      "<font color=\"#FF0000\" face='Times New Roman' size=\"24\">red</font>"
      "<FONT COLOR=00ff00>green</FONT><font color=\"yellow\">y</font>");
  ASSERT_EQ(cue.runs.size(), 3U);
  ASSERT_EQ(cue.runs[0].spans.size(), 1U);
  const Span& red = cue.runs[0].spans[0];
  EXPECT_EQ(red.kind, SpanKind::font);
  EXPECT_EQ(red.color, (Color{255, 0, 0, 255}));
  EXPECT_EQ(red.annotation, "Times New Roman");
  EXPECT_EQ(red.size, 24.0);
  EXPECT_EQ(cue.runs[1].spans[0].color, (Color{0, 255, 0, 255}));
  EXPECT_FALSE(cue.runs[1].spans[0].size.has_value());
  EXPECT_EQ(cue.runs[2].spans[0].color, (Color{255, 255, 0, 255}));
}

TEST(SrtMarkup, BadFontAttributesAreReported) {
  Diagnostics diag;
  const Cue cue = cue_of("<font color=\"nocolour\" weight=\"3\">x</font>", diag);
  ASSERT_EQ(cue.runs.size(), 1U);
  EXPECT_EQ(cue.runs[0].spans[0].kind, SpanKind::font);
  EXPECT_FALSE(cue.runs[0].spans[0].color.has_value());
  EXPECT_EQ(codes(diag), "srt-font-attribute");  // once per cue
}

TEST(SrtMarkup, AttributesOnSimpleTagsAreIgnoredWithAWarning) {
  Diagnostics diag;
  const Cue cue = cue_of("<i class=\"x\">a</i>", diag);
  EXPECT_EQ(cue.runs[0], Run::plain("a", {span(SpanKind::italic)}));
  EXPECT_EQ(codes(diag), "srt-tag-attributes");
}

TEST(SrtMarkup, UnknownTagsStayText) {
  Diagnostics diag;
  const Cue cue = cue_of("a <xyz>b</xyz> <br/>", diag);
  ASSERT_EQ(cue.runs.size(), 1U);
  EXPECT_EQ(cue.runs[0].text, "a <xyz>b</xyz> <br/>");
  EXPECT_EQ(codes(diag), "srt-unknown-tag");
  EXPECT_EQ(diag.all()[0].where.column, 3);
  EXPECT_EQ(diag.all()[0].where.line, 3);
}

TEST(SrtMarkup, LessThanThatIsNotATagIsText) {
  const Cue cue = cue_of("1 < 2, a<3, x <> y, <i unclosed");
  ASSERT_EQ(cue.runs.size(), 1U);
  EXPECT_EQ(cue.runs[0].text, "1 < 2, a<3, x <> y, <i unclosed");
}

TEST(SrtMarkup, UnclosedTagsCloseAtCueEnd) {
  Diagnostics diag;
  const Cue cue = cue_of("<i>a\n<b>b", diag);
  ASSERT_EQ(cue.runs.size(), 3U);
  EXPECT_EQ(kinds(cue.runs[2]), (std::vector<SpanKind>{SpanKind::italic, SpanKind::bold}));
  EXPECT_EQ(codes(diag), "srt-unclosed-tag");
  EXPECT_EQ(diag.all()[0].message, "unclosed <i><b> closed at the end of the cue");
  EXPECT_EQ(diag.all()[0].where.line, 4);
}

TEST(SrtMarkup, StrayClosingTagIsDropped) {
  Diagnostics diag;
  const Cue cue = cue_of("a</i>b", diag);
  ASSERT_EQ(cue.runs.size(), 1U);
  EXPECT_EQ(cue.runs[0].text, "ab");
  EXPECT_EQ(codes(diag), "srt-stray-close-tag");
}

TEST(SrtMarkup, MisnestedTagsCloseTheRightSpan) {
  Diagnostics diag;
  const Cue cue = cue_of("<i>a<b>b</i>c</b>d", diag);
  ASSERT_EQ(cue.runs.size(), 4U);
  EXPECT_EQ(kinds(cue.runs[1]), (std::vector<SpanKind>{SpanKind::italic, SpanKind::bold}));
  EXPECT_EQ(cue.runs[2].text, "c");
  EXPECT_EQ(kinds(cue.runs[2]), std::vector<SpanKind>{SpanKind::bold});
  EXPECT_TRUE(cue.runs[3].spans.empty());
  EXPECT_EQ(codes(diag), "srt-misnested-tag");
}

TEST(SrtMarkup, AlignmentTag) {
  const Cue cue = cue_of("{\\an8}Top line");
  EXPECT_EQ(cue.placement.alignment, 8);
  ASSERT_EQ(cue.runs.size(), 1U);
  EXPECT_EQ(cue.runs[0].text, "Top line");
}

TEST(SrtMarkup, AlignmentTagAnywhereAndDuplicates) {
  Diagnostics diag;
  const Cue cue = cue_of("This {\\an1} is {\\an9}a line", diag);
  EXPECT_EQ(cue.placement.alignment, 1);
  EXPECT_EQ(plain_text(cue), "This  is a line");
  EXPECT_EQ(codes(diag), "srt-duplicate-alignment");
}

TEST(SrtMarkup, SpaceAfterBraceIsNotATag) {
  const Cue cue = cue_of("This { \\an2} is text");
  EXPECT_EQ(cue.placement.alignment, 0);
  EXPECT_EQ(plain_text(cue), "This { \\an2} is text");
}

TEST(SrtMarkup, OtherOverrideBlocksAreRawAss) {
  Diagnostics diag;
  const Cue cue = cue_of("<i>a{\\pos(10,20)\\blur3}b</i> {\\xyz} {no}", diag);
  EXPECT_EQ(cue.placement.alignment, 0);
  ASSERT_EQ(cue.runs.size(), 6U);
  EXPECT_EQ(cue.runs[1].kind, RunKind::raw);
  EXPECT_EQ(cue.runs[1].raw_format, "ass");
  EXPECT_EQ(cue.runs[1].text, "{\\pos(10,20)\\blur3}");
  EXPECT_EQ(kinds(cue.runs[1]), std::vector<SpanKind>{SpanKind::italic});
  EXPECT_EQ(cue.runs[2], Run::plain("b", {span(SpanKind::italic)}));
  EXPECT_EQ(cue.runs[3], Run::plain(" "));
  EXPECT_EQ(cue.runs[4].text, "{\\xyz}");
  EXPECT_TRUE(cue.runs[4].spans.empty());
  EXPECT_EQ(cue.runs[5], Run::plain(" {no}"));
  EXPECT_EQ(plain_text(cue), "ab  {no}");
  EXPECT_EQ(codes(diag), "srt-ass-override");
}

TEST(SrtMarkup, UnterminatedBraceIsText) {
  const Cue cue = cue_of("a {\\an8 b");
  EXPECT_EQ(cue.placement.alignment, 0);
  EXPECT_EQ(plain_text(cue), "a {\\an8 b");
}

TEST(SrtMarkup, Entities) {
  const Cue cue = cue_of(
      "&amp; &lt;i&gt; &quot;q&quot; &apos; a&nbsp;b &#233; &#x1F600; &lrm;|&rlm; AT&T &foo; "
      "&#0; &#xD800; &amp");
  EXPECT_EQ(plain_text(cue),
            "& <i> \"q\" ' a\xC2\xA0"
            "b \xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\x8E|\xE2\x80\x8F AT&T "
            "&foo; &#0; &#xD800; &amp");
  EXPECT_TRUE(cue.runs[0].spans.empty());
}

TEST(SrtMarkup, IrtFormattingExample) {
  const Cue cue = cue_of(
      "This <b>is</b> <i>a</i> <font color=\"#FF0000\">test</font> subtitle with the characters "
      "&amp; and &lt;.");
  ASSERT_EQ(cue.runs.size(), 7U);
  EXPECT_EQ(cue.runs[0].text, "This ");
  EXPECT_EQ(cue.runs[1], Run::plain("is", {span(SpanKind::bold)}));
  EXPECT_EQ(cue.runs[3], Run::plain("a", {span(SpanKind::italic)}));
  EXPECT_EQ(cue.runs[5].text, "test");
  EXPECT_EQ(cue.runs[5].spans[0].color, (Color{255, 0, 0, 255}));
  EXPECT_EQ(cue.runs[6].text, " subtitle with the characters & and <.");
}

TEST(SrtMarkup, NestingDepthIsCapped) {
  std::string text;
  for (int i = 0; i < 100; ++i)
    text += "<i>";
  text += "deep";
  Diagnostics diag;
  const Cue cue = cue_of(text, diag);
  ASSERT_EQ(cue.runs.size(), 1U);
  EXPECT_EQ(cue.runs[0].spans.size(), 64U);
  EXPECT_EQ(codes(diag), "srt-nesting-too-deep srt-unclosed-tag");
}

}  // namespace
}  // namespace kopru::codecs::srt::testing
