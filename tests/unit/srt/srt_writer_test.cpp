// SubRip writer: numbering, rounding, minimal tags, placement, escaping and reported losses.
#include <gtest/gtest.h>

#include "tests/unit/srt/srt_test_util.h"

namespace kopru::codecs::srt::testing {
namespace {

Cue make_cue(Time start, Time end, std::vector<Run> runs) {
  Cue cue;
  cue.start = start;
  cue.end = end;
  cue.runs = std::move(runs);
  return cue;
}

Document one(Cue cue) {
  Document doc;
  doc.cues.push_back(std::move(cue));
  return doc;
}

// The text lines of the single cue written (everything after the timing line).
std::string body_of(const std::string& out) {
  const std::size_t timing_end = out.find('\n', out.find("-->"));
  std::string body = out.substr(timing_end + 1);
  EXPECT_EQ(body.substr(body.size() - 2), "\n\n");
  return body.substr(0, body.size() - 2);
}

Span font(std::string face, std::optional<Color> color, std::optional<double> size) {
  Span s = span(SpanKind::font);
  s.annotation = std::move(face);
  s.color = color;
  s.size = size;
  return s;
}

TEST(SrtWriter, RenumbersAndFormatsTimes) {
  Document doc;
  doc.cues.push_back(make_cue(from_ms(0), from_ms(1234), {Run::plain("A")}));
  doc.cues.back().id = "421";
  doc.cues.push_back(make_cue(Time(871'063'200), from_seconds(360'000) + from_ms(5),
                              {Run::plain("B"), Run::line_break(), Run::plain("C")}));
  Diagnostics diag;
  EXPECT_EQ(write_srt(doc, diag),
            "1\n00:00:00,000 --> 00:00:01,234\nA\n\n"
            "2\n00:00:01,235 --> 100:00:00,005\nB\nC\n\n");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtWriter, EmptyDocumentIsEmpty) {
  EXPECT_EQ(write_srt(Document{}), "");
}

TEST(SrtWriter, MinimalTagsBetweenRuns) {
  const Span i = span(SpanKind::italic);
  const Span b = span(SpanKind::bold);
  const Document doc =
      one(make_cue(from_ms(0), from_ms(1000),
                   {Run::plain("a"), Run::plain("b", {i}), Run::plain("c", {i, b}),
                    Run::plain("d", {i}), Run::plain("e", {b}),
                    Run::plain("f", {span(SpanKind::underline), span(SpanKind::strike)})}));
  EXPECT_EQ(body_of(write_srt(doc)), "a<i>b<b>c</b>d</i><b>e</b><u><s>f</s></u>");
}

TEST(SrtWriter, TagsStayOpenAcrossLinesAndCloseBeforeABreakWhenTheyEnd) {
  const Span i = span(SpanKind::italic);
  EXPECT_EQ(body_of(write_srt(one(
                make_cue(from_ms(0), from_ms(1000),
                         {Run::plain("one", {i}), Run::line_break(), Run::plain("two", {i})})))),
            "<i>one\ntwo</i>");
  EXPECT_EQ(body_of(write_srt(
                one(make_cue(from_ms(0), from_ms(1000),
                             {Run::plain("one", {i}), Run::line_break(), Run::plain("two")})))),
            "<i>one</i>\ntwo");
}

TEST(SrtWriter, FontTags) {
  const Document doc =
      one(make_cue(from_ms(0), from_ms(1000),
                   {Run::plain("x", {font("Times \"New\"", Color{255, 0, 0, 255}, 24.5)}),
                    Run::plain("y", {font("", Color{0, 0, 255, 128}, std::nullopt)})}));
  Diagnostics diag;
  EXPECT_EQ(body_of(write_srt(doc, diag)),
            "<font face=\"Times &quot;New&quot;\" color=\"#ff0000\" size=\"24.5\">x</font>"
            "<font color=\"#0000ff\">y</font>");
  EXPECT_EQ(codes(diag), "srt-lossy-color-alpha");
}

TEST(SrtWriter, AlignmentAndBox) {
  Cue cue = make_cue(from_ms(0), from_ms(1000), {Run::plain("Top")});
  cue.placement.alignment = 8;
  cue.placement.box = Placement::Box{10, 20, 30, 40};
  Diagnostics diag;
  EXPECT_EQ(write_srt(one(cue), diag),
            "1\n00:00:00,000 --> 00:00:01,000 X1:10 X2:20 Y1:30 Y2:40\n{\\an8}Top\n\n");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtWriter, TrailingTimingTextOnlyFromSubRip) {
  Cue cue = make_cue(from_ms(0), from_ms(1000), {Run::plain("A")});
  cue.format_private.format = "srt";
  cue.format_private.set("timing-extra", "trailing words!");
  EXPECT_EQ(write_srt(one(cue)), "1\n00:00:00,000 --> 00:00:01,000 trailing words!\nA\n\n");
  cue.format_private.format = "other";
  EXPECT_EQ(write_srt(one(cue)), "1\n00:00:00,000 --> 00:00:01,000\nA\n\n");
}

TEST(SrtWriter, RawAssIsWrittenOtherRawIsDropped) {
  Cue cue = make_cue(
      from_ms(0), from_ms(1000),
      {Run::plain("a"), Run::raw("ass", "{\\blur3}"), Run::raw("ttml", "<x/>"), Run::plain("b")});
  Diagnostics diag;
  EXPECT_EQ(body_of(write_srt(one(cue), diag)), "a{\\blur3}b");
  EXPECT_EQ(codes(diag), "srt-lossy-raw");
  EXPECT_EQ(diag.all()[0].message, "cue 1: markup of another format dropped");
}

TEST(SrtWriter, EscapesWhatWouldReadAsMarkup) {
  const Document doc =
      one(make_cue(from_ms(0), from_ms(1000),
                   {Run::plain("<i>not italic</i> & &amp; a<b 1<2 {\\an8} {x} &#65;")}));
  const std::string out = write_srt(doc);
  EXPECT_EQ(body_of(out),
            "&lt;i>not italic&lt;/i> & &amp;amp; a&lt;b 1<2 {&#92;an8} {x} &amp;#65;");
  Diagnostics diag;
  const Document back = read_srt(out, diag);
  ASSERT_EQ(back.cues.size(), 1U);
  EXPECT_EQ(back.cues[0].runs, doc.cues[0].runs);
  EXPECT_EQ(back.cues[0].placement.alignment, 0);
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtWriter, BlankLinesInsideTextSurviveTrailingOnesCannot) {
  Cue cue = make_cue(from_ms(0), from_ms(1000),
                     {Run::plain("a"), Run::line_break(), Run::line_break(), Run::plain("b"),
                      Run::line_break(), Run::line_break()});
  Diagnostics diag;
  const std::string out = write_srt(one(cue), diag);
  EXPECT_EQ(body_of(out), "a\n\nb");
  EXPECT_EQ(codes(diag), "srt-lossy-line-breaks");
  EXPECT_EQ(plain_text(read_srt(out).cues.at(0)), "a\n\nb");
}

TEST(SrtWriter, NewlinesInsideTextRunsBecomeLineBreaks) {
  EXPECT_EQ(body_of(write_srt(one(make_cue(from_ms(0), from_ms(1), {Run::plain("a\r\nb\rc")})))),
            "a\nb\nc");
}

TEST(SrtWriter, LossesAreReportedOncePerCue) {
  Span voice = span(SpanKind::voice);
  voice.annotation = "Bob";
  Span cls = span(SpanKind::css_class);
  cls.classes = {"loud"};
  Span italic_class = span(SpanKind::italic);
  italic_class.classes = {"x"};
  Cue cue = make_cue(
      from_ms(0), from_ms(1000),
      {Run::plain("a", {voice}), Run::plain("b", {voice, cls}), Run::plain("c", {italic_class}),
       Run::timestamp(from_ms(500)), Run::plain("漢字", {span(SpanKind::ruby)}),
       Run::plain("かんじ", {span(SpanKind::ruby), span(SpanKind::ruby_text)}),
       Run::plain("d", {span(SpanKind::lang)})});
  cue.style = "Default";
  cue.speaker = "Bob";
  cue.placement.line = 10;
  cue.placement.position_percent = 50;
  Document doc = one(cue);
  doc.cues.push_back(cue);
  doc.cues.back().comment = true;
  doc.styles.push_back(Style{});
  doc.regions.push_back(Region{});
  Diagnostics diag;
  const std::string out = write_srt(doc, diag);
  EXPECT_EQ(out, "1\n00:00:00,000 --> 00:00:01,000\nab<i>c</i>漢字かんじd\n\n");
  EXPECT_EQ(codes(diag),
            "srt-lossy-styles srt-lossy-regions srt-lossy-placement srt-lossy-style "
            "srt-lossy-speaker srt-lossy-class srt-lossy-voice srt-lossy-lang srt-lossy-ruby "
            "srt-lossy-timestamp srt-lossy-comment");
  const Diagnostic* placement = find_code(diag, "srt-lossy-placement");
  ASSERT_NE(placement, nullptr);
  EXPECT_EQ(placement->message, "cue 1: placement dropped (line, position%)");
  EXPECT_EQ(find_code(diag, "srt-lossy-comment")->message,
            "cue 2: comment cue not written (SubRip would show it)");
}

TEST(SrtWriter, NegativeAndInvertedTimes) {
  Document doc;
  doc.cues.push_back(make_cue(from_ms(-500), from_ms(1000), {Run::plain("A")}));
  doc.cues.push_back(make_cue(from_ms(3000), from_ms(2000), {Run::plain("B")}));
  Diagnostics diag;
  EXPECT_EQ(write_srt(doc, diag),
            "1\n00:00:00,000 --> 00:00:01,000\nA\n\n2\n00:00:03,000 --> 00:00:03,000\nB\n\n");
  EXPECT_EQ(codes(diag), "srt-lossy-negative-time srt-lossy-end-before-start");
}

TEST(SrtWriter, EmptyCue) {
  const std::string out = write_srt(one(make_cue(from_ms(0), from_ms(1000), {})));
  EXPECT_EQ(out, "1\n00:00:00,000 --> 00:00:01,000\n\n\n");
  const Document back = read_srt(out + "2\n00:00:02,000 --> 00:00:03,000\nB\n");
  ASSERT_EQ(back.cues.size(), 2U);
  EXPECT_TRUE(back.cues[0].runs.empty());
}

TEST(SrtWriter, ReadWriteReadKeepsTheModel) {
  const std::string input =
      "1\n00:00:01,000 --> 00:00:02,000 X1:1 X2:2 Y1:3 Y2:4\n{\\an7}<i>Hello <b>there</b></i>\n"
      "<font color=\"#00ff00\" face=\"Arial\">green</font> &amp; {\\blur2}done\n\n"
      "2\n00:00:03,000 --> 00:00:04,000\n<u>a\n\nb</u>\n";
  Diagnostics first_diag;
  const Document first = read_srt(input, first_diag);
  const std::string out = write_srt(first);
  const Document second = read_srt(out);
  ASSERT_EQ(second.cues.size(), first.cues.size());
  for (std::size_t i = 0; i < first.cues.size(); ++i) {
    EXPECT_EQ(second.cues[i].runs, first.cues[i].runs) << i;
    EXPECT_EQ(second.cues[i].placement, first.cues[i].placement) << i;
    EXPECT_EQ(second.cues[i].start, first.cues[i].start) << i;
  }
  EXPECT_EQ(write_srt(second), out);
}

TEST(SrtCaps, WhatSubRipCanSay) {
  const WriterCaps c = caps();
  EXPECT_TRUE(c.overlaps);
  EXPECT_TRUE(c.italic_bold_underline);
  EXPECT_TRUE(c.colors);
  EXPECT_TRUE(c.fonts);
  EXPECT_TRUE(c.positions);
  EXPECT_FALSE(c.styles);
  EXPECT_FALSE(c.regions);
  EXPECT_FALSE(c.ruby);
  EXPECT_FALSE(c.voices);
  EXPECT_FALSE(c.inner_timestamps);
  EXPECT_FALSE(c.frame_based);
  EXPECT_EQ(c.precision, from_ms(1));
}

}  // namespace
}  // namespace kopru::codecs::srt::testing
