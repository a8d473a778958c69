#include <gtest/gtest.h>

#include "tests/unit/webvtt/webvtt_test_support.h"

namespace kopru::codecs::webvtt::test {
namespace {

Cue make_cue(std::int64_t start_ms, std::int64_t end_ms, std::string text) {
  Cue cue;
  cue.start = from_ms(start_ms);
  cue.end = from_ms(end_ms);
  cue.runs = runs_from_text(text);
  return cue;
}

TEST(WebvttWriter, WritesMinimalDocument) {
  Document doc;
  doc.cues.push_back(make_cue(1000, 2500, "Hello\nworld"));
  doc.cues.back().id = "one";
  doc.cues.push_back(make_cue(3'723'004, 3'724'000, "a < b & c"));
  EXPECT_EQ(write_doc(doc),
            "WEBVTT\n\none\n00:00:01.000 --> 00:00:02.500\nHello\nworld\n\n"
            "01:02:03.004 --> 01:02:04.000\na &lt; b &amp; c\n\n");
}

TEST(WebvttWriter, RoundTripsAWebvttFileExactly) {
  const std::string text =
      "WEBVTT - Title\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n"
      "NOTE before style\n\nSTYLE\n::cue(.loud) { font-weight: bold }\n\n"
      "REGION\nid:r1 width:40% lines:2 regionanchor:10%,90% viewportanchor:5%,95% scroll:up\n\n"
      "c1\n00:00:00.000 --> 00:00:01.000 region:r1 align:left\n<v.loud Joe>Hi <i>there</i></v>\n\n"
      "NOTE\nmiddle\n\n"
      "00:00:01.000 --> 00:00:02.000 vertical:lr line:-1,end position:30%,line-right size:50%\n"
      "<ruby>漢<rt>kan</rt></ruby><00:00:01.500>&amp;\n\n"
      "NOTE end\n\n";
  Diagnostics diag;
  const Document doc = read_text(text, diag);
  EXPECT_TRUE(diag.empty());
  Diagnostics write_diag;
  EXPECT_EQ(write_doc(doc, write_diag), text);
  EXPECT_TRUE(write_diag.empty());
}

TEST(WebvttWriter, UnchangedNonCanonicalTextIsWrittenVerbatim) {
  const std::string text = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Joe>Hey &quot;<b>x\n\n";
  Document doc = read_text(text);
  EXPECT_EQ(write_doc(doc), text);
  doc.cues[0].runs[1].text = "y";  // an edit: the canonical form is written instead
  EXPECT_EQ(write_doc(doc),
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Joe>Hey &amp;quot;<b>y</b></v>\n\n");
}

TEST(WebvttWriter, MapsNumpadAlignment) {
  Document doc;
  for (int an = 1; an <= 9; ++an) {
    doc.cues.push_back(make_cue(0, 1000, "x"));
    doc.cues.back().placement.alignment = an;
  }
  const std::string out = write_doc(doc);
  const std::vector<std::string> expected = {
      "00:00:00.000 --> 00:00:01.000 align:left\n",
      "00:00:00.000 --> 00:00:01.000\n",
      "00:00:00.000 --> 00:00:01.000 align:right\n",
      "00:00:00.000 --> 00:00:01.000 line:50%,center align:left\n",
      "00:00:00.000 --> 00:00:01.000 line:50%,center\n",
      "00:00:00.000 --> 00:00:01.000 line:50%,center align:right\n",
      "00:00:00.000 --> 00:00:01.000 line:0 align:left\n",
      "00:00:00.000 --> 00:00:01.000 line:0\n",
      "00:00:00.000 --> 00:00:01.000 line:0 align:right\n",
  };
  std::size_t pos = 0;
  for (const auto& line : expected) {
    pos = out.find(line, pos);
    ASSERT_NE(pos, std::string::npos) << line;
    pos += line.size();
  }
}

TEST(WebvttWriter, MapsAssPositionWithScriptResolution) {
  Document doc;
  doc.meta.play_res_x = 1920;
  doc.meta.play_res_y = 1080;
  doc.cues.push_back(make_cue(0, 1000, "x"));
  doc.cues.back().placement.alignment = 7;
  doc.cues.back().placement.position = std::make_pair(192.0, 108.0);
  EXPECT_NE(write_doc(doc).find("line:10%,start position:10%,line-left align:left\n"),
            std::string::npos);
}

TEST(WebvttWriter, ReportsEveryLoss) {
  Document doc;
  doc.styles.push_back(Style{});
  Cue cue = make_cue(0, 1000, "x");
  cue.placement.box = Placement::Box{1, 2, 3, 4};
  cue.placement.margin_l = 20;
  cue.placement.region = "nowhere";
  cue.style = "Sign";
  cue.effect = "Banner;5";
  cue.layer = 2;
  Span face;
  face.kind = SpanKind::font;
  face.annotation = "Arial";
  cue.runs = {kopru::Run::plain("x", {face}), kopru::Run::raw("ass", "{\\blur3}")};
  doc.cues.push_back(cue);
  Cue comment = make_cue(5000, 6000, "hidden --> text");
  comment.comment = true;
  doc.cues.push_back(comment);
  Diagnostics diag;
  const std::string out = write_doc(doc, diag);
  for (const char* code : {"vtt-lossy-styles", "vtt-lossy-position", "vtt-lossy-margins",
                           "vtt-lossy-region", "vtt-lossy-style", "vtt-lossy-effect",
                           "vtt-lossy-layer", "vtt-lossy-markup", "vtt-lossy-comment"}) {
    EXPECT_GE(count_code(diag, code), 1) << code;
  }
  EXPECT_EQ(count_code(diag, "vtt-lossy-markup"), 2);
  EXPECT_NE(out.find("NOTE 00:00:05.000 00:00:06.000\nhidden - -> text\n"), std::string::npos);
  EXPECT_EQ(read_text(out).cues.size(), 1u);
}

TEST(WebvttWriter, SpeakerAndLanguageWrapTheCue) {
  Document doc;
  doc.cues.push_back(make_cue(0, 1000, "Merhaba\ndünya"));
  doc.cues.back().speaker = "Ayşe";
  doc.cues.back().language = "tr";
  const std::string out = write_doc(doc);
  EXPECT_NE(out.find("<v Ayşe><lang tr>Merhaba\ndünya</lang></v>\n"), std::string::npos);
  const Document back = read_text(out);
  EXPECT_EQ(back.cues[0].speaker, "Ayşe");
}

TEST(WebvttWriter, CleansIdsAndNegativeTimes) {
  Document doc;
  doc.cues.push_back(make_cue(-500, 1000, "x"));
  doc.cues.back().id = "a-->b\nc";
  Diagnostics diag;
  const std::string out = write_doc(doc, diag);
  EXPECT_NE(out.find("a- ->b c\n00:00:00.000 --> 00:00:01.000\n"), std::string::npos);
  EXPECT_EQ(count_code(diag, "vtt-lossy-id"), 1);
  EXPECT_EQ(count_code(diag, "vtt-lossy-time"), 1);
}

TEST(WebvttWriter, OutputOfOtherFormatsReadsBack) {
  Document doc;
  Cue cue = make_cue(0, 1000, "");
  cue.runs = {kopru::Run::plain("it", {span(SpanKind::italic)}), kopru::Run::line_break(),
              kopru::Run::plain("bold", {span(SpanKind::bold)})};
  doc.cues.push_back(cue);
  const Document back = read_text(write_doc(doc));
  ASSERT_EQ(back.cues.size(), 1u);
  EXPECT_EQ(plain_text(back.cues[0]), "it\nbold");
  EXPECT_EQ(back.cues[0].runs[2].spans, std::vector<Span>{span(SpanKind::bold)});
}

TEST(WebvttCaps, DeclaresWhatTheWriterExpresses) {
  const WriterCaps c = caps();
  EXPECT_TRUE(c.regions);
  EXPECT_TRUE(c.ruby);
  EXPECT_TRUE(c.voices);
  EXPECT_TRUE(c.inner_timestamps);
  EXPECT_TRUE(c.positions);
  EXPECT_FALSE(c.styles);
  EXPECT_FALSE(c.frame_based);
  EXPECT_EQ(c.precision, from_ms(1));
}

}  // namespace
}  // namespace kopru::codecs::webvtt::test
