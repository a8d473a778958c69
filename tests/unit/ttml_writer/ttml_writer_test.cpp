// The TTML writers, profile by profile, with exact output and exact fragments.
#include <gtest/gtest.h>

#include "pipeline/model/dump.h"
#include "tests/unit/ttml_writer/ttml_writer_test_util.h"

namespace kopru::codecs::ttml::testing {
namespace {

Span span(SpanKind kind, std::string annotation = {}) {
  Span s;
  s.kind = kind;
  s.annotation = std::move(annotation);
  return s;
}

Document simple_doc() {
  return doc_with(
      {make_cue(1000, 2500, runs_from_text("Hello\nworld")),
       make_cue(3000, 4000, {Run::plain("A & <b>"), Run::plain("it", {span(SpanKind::italic)})})});
}

TEST(TtmlWriter, Ttml1WholeDocument) {
  Diagnostics diag;
  const std::string out = write_profile(simple_doc(), Profile::ttml1, diag);
  EXPECT_EQ(
      out,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<tt xmlns=\"http://www.w3.org/ns/ttml\" xmlns:tts=\"http://www.w3.org/ns/ttml#styling\" "
      "xml:lang=\"en\">\n"
      "  <head>\n"
      "    <layout>\n"
      "      <region xml:id=\"bottom\" tts:origin=\"10% 55%\" tts:extent=\"80% 35%\" "
      "tts:displayAlign=\"after\" tts:textAlign=\"center\"/>\n"
      "    </layout>\n"
      "  </head>\n"
      "  <body>\n"
      "    <div>\n"
      "      <p begin=\"00:00:01.000\" end=\"00:00:02.500\" region=\"bottom\">Hello<br/>world</p>\n"
      "      <p begin=\"00:00:03.000\" end=\"00:00:04.000\" region=\"bottom\">A &amp; &lt;b&gt;"
      "<span tts:fontStyle=\"italic\">it</span></p>\n"
      "    </div>\n"
      "  </body>\n"
      "</tt>\n");
  EXPECT_TRUE(diag.all().empty());
}

TEST(TtmlWriter, ImscRootAndTimes) {
  const std::string out = write_profile(simple_doc(), Profile::imsc11_text);
  EXPECT_NE(out.find("ttp:contentProfiles=\"http://www.w3.org/ns/ttml/profile/imsc1.1/text\""),
            std::string::npos);
  EXPECT_NE(out.find("xmlns:ttp=\"http://www.w3.org/ns/ttml#parameter\""), std::string::npos);
  EXPECT_NE(out.find("xml:lang=\"en\""), std::string::npos);
  EXPECT_NE(out.find("<region xml:id=\"bottom\" tts:origin=\"10% 55%\" tts:extent=\"80% 35%\""),
            std::string::npos);
  EXPECT_NE(out.find("begin=\"00:00:03.000\" end=\"00:00:04.000\""), std::string::npos);
}

TEST(TtmlWriter, EbuTtDStructure) {
  Diagnostics diag;
  const std::string out = write_profile(simple_doc(), Profile::ebu_tt_d, diag);
  EXPECT_NE(out.find("<tt:tt xmlns:tt=\"http://www.w3.org/ns/ttml\""), std::string::npos) << out;
  EXPECT_NE(out.find("xmlns:ebuttm=\"urn:ebu:tt:metadata\""), std::string::npos);
  EXPECT_NE(out.find("xmlns:ebutts=\"urn:ebu:tt:style\""), std::string::npos);
  EXPECT_NE(out.find("ttp:timeBase=\"media\""), std::string::npos);
  EXPECT_NE(out.find("ttp:cellResolution=\"32 15\""), std::string::npos);
  EXPECT_NE(out.find("<ebuttm:conformsToStandard>urn:ebu:tt:distribution:2018-04"
                     "</ebuttm:conformsToStandard>"),
            std::string::npos);
  EXPECT_NE(out.find("<tt:style xml:id=\"s1\" tts:textAlign=\"center\" "
                     "ebutts:linePadding=\"0.5c\"/>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<tt:style xml:id=\"s2\" tts:color=\"#FFFFFF\" "
                     "tts:backgroundColor=\"#000000\"/>"),
            std::string::npos);
  EXPECT_NE(
      out.find("<tt:style xml:id=\"s3\" tts:color=\"#FFFFFF\" tts:backgroundColor=\"#000000\" "
               "tts:fontStyle=\"italic\"/>"),
      std::string::npos);
  EXPECT_NE(out.find("<tt:p xml:id=\"sub1\" begin=\"00:00:01.000\" end=\"00:00:02.500\" "
                     "region=\"bottom\" style=\"s1\"><tt:span style=\"s2\">Hello</tt:span><tt:br/>"
                     "<tt:span style=\"s2\">world</tt:span></tt:p>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<tt:span style=\"s2\">A &amp; &lt;b&gt;</tt:span><tt:span style=\"s3\">it"
                     "</tt:span>"),
            std::string::npos);
  // Regions in percent, no inline styling anywhere.
  EXPECT_NE(out.find("<tt:region xml:id=\"bottom\" tts:origin=\"10% 55%\" tts:extent=\"80% 35%\" "
                     "tts:displayAlign=\"after\"/>"),
            std::string::npos);
  EXPECT_EQ(out.find("<tt:span tts:"), std::string::npos);
  EXPECT_EQ(out.find("<tt:p tts:"), std::string::npos);
  EXPECT_TRUE(diag.all().empty());
}

TEST(TtmlWriter, DfxpUsesTtmlNamespaceAndMilliseconds) {
  Document doc = simple_doc();
  doc.meta.frame_rate = FrameRate{25, 1};
  Diagnostics diag;
  const std::string out = write_profile(doc, Profile::dfxp, diag);
  EXPECT_NE(out.find("<tt xmlns=\"http://www.w3.org/ns/ttml\""), std::string::npos);
  EXPECT_NE(out.find("begin=\"00:00:01.000\""), std::string::npos);
  EXPECT_NE(out.find("ttp:frameRate=\"25\""), std::string::npos);
  EXPECT_TRUE(diag.all().empty());
}

TEST(TtmlWriter, Ttml1KeepsFramesWhenEveryTimeIsOnAFrame) {
  Document doc = doc_with({make_cue(1040, 2000, runs_from_text("a"))});
  doc.meta.frame_rate = FrameRate{25, 1};
  std::string out = write_profile(doc, Profile::ttml1);
  EXPECT_NE(out.find("ttp:frameRate=\"25\""), std::string::npos);
  EXPECT_NE(out.find("begin=\"00:00:01:01\" end=\"00:00:02:00\""), std::string::npos) << out;
  // 1.041 s is not on a frame: every time falls back to milliseconds.
  doc.cues.push_back(make_cue(1041, 3000, runs_from_text("b")));
  out = write_profile(doc, Profile::ttml1);
  EXPECT_NE(out.find("begin=\"00:00:01.040\""), std::string::npos);
  EXPECT_NE(out.find("ttp:frameRate=\"25\""), std::string::npos);
}

TEST(TtmlWriter, NtscFrameRateMultiplierAndFrames) {
  Document doc = doc_with({});
  const FrameRate rate{30000, 1001};
  doc.meta.frame_rate = rate;
  Cue cue = make_cue(0, 0, runs_from_text("x"));
  cue.start = frames_to_time(30, rate);  // 1.001 s: not on a whole-second frame grid
  cue.end = frames_to_time(60, rate);
  doc.cues.push_back(cue);
  const std::string out = write_profile(doc, Profile::ttml1);
  EXPECT_NE(out.find("ttp:frameRate=\"30\" ttp:frameRateMultiplier=\"1000 1001\""),
            std::string::npos)
      << out;
  // Written either as exact frames or as the rounded millisecond; reading back gives the time.
  const Document back = read_text(out);
  ASSERT_EQ(back.cues.size(), 1u);
  EXPECT_LE(std::abs((back.cues[0].start - cue.start).count()), kTicksPerMs / 2);
}

TEST(TtmlWriter, UnknownLanguageIsUndWithWarning) {
  Document doc = doc_with({make_cue(0, 1000, runs_from_text("x"))}, "");
  for (const Profile profile : kAllProfiles) {
    Diagnostics diag;
    const std::string out = write_profile(doc, profile, diag);
    EXPECT_NE(out.find("xml:lang=\"und\""), std::string::npos) << profile_name(profile);
    EXPECT_TRUE(has_code(diag, "ttml-unknown-language"));
  }
}

TEST(TtmlWriter, SpeakerBecomesAgentWithName) {
  Cue cue = make_cue(0, 1000, runs_from_text("Hi"));
  cue.speaker = "Ayşe & Co";
  Document doc = doc_with({cue});
  const std::string out = write_profile(doc, Profile::imsc11_text);
  EXPECT_NE(out.find("<ttm:agent xml:id=\"agent1\" type=\"character\"><ttm:name type=\"full\">"
                     "Ayşe &amp; Co</ttm:name></ttm:agent>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("ttm:agent=\"agent1\""), std::string::npos);
  EXPECT_NE(out.find("xmlns:ttm=\"http://www.w3.org/ns/ttml#metadata\""), std::string::npos);
  EXPECT_EQ(read_text(out).cues.at(0).speaker, "Ayşe & Co");
  Diagnostics diag;
  const std::string ebu = write_profile(doc, Profile::ebu_tt_d, diag);
  EXPECT_EQ(ebu.find("agent"), std::string::npos);
  EXPECT_EQ(count_code(diag, "ttml-lossy-speaker"), 1);
}

TEST(TtmlWriter, VoiceSpanIsAgentReference) {
  Document doc = doc_with({make_cue(0, 1000, {Run::plain("Hi", {span(SpanKind::voice, "Bob")})})});
  const std::string out = write_profile(doc, Profile::ttml1);
  EXPECT_NE(out.find("<span ttm:agent=\"agent1\">Hi</span>"), std::string::npos) << out;
  Diagnostics diag;
  write_profile(doc, Profile::ebu_tt_d, diag);
  EXPECT_TRUE(has_code(diag, "ttml-lossy-voice"));
}

TEST(TtmlWriter, TitleInHeadMetadata) {
  Document doc = simple_doc();
  doc.meta.title = "Bölüm 1";
  EXPECT_NE(write_profile(doc, Profile::ttml1).find("<ttm:title>Bölüm 1</ttm:title>"),
            std::string::npos);
  Diagnostics diag;
  write_profile(doc, Profile::ebu_tt_d, diag);
  EXPECT_TRUE(has_code(diag, "ttml-lossy-title"));
}

TEST(TtmlWriter, NestedSpansShareOpenElements) {
  Span bold = span(SpanKind::bold);
  Span italic = span(SpanKind::italic);
  Document doc = doc_with({make_cue(0, 1000,
                                    {Run::plain("a", {bold}), Run::plain("b", {bold, italic}),
                                     Run::line_break(), Run::plain("c", {bold})})});
  const std::string out = write_profile(doc, Profile::ttml1);
  EXPECT_NE(out.find(">"
                     "<span tts:fontWeight=\"bold\">a<span tts:fontStyle=\"italic\">b<br/></span>c"
                     "</span></p>"),
            std::string::npos)
      << out;
}

TEST(TtmlWriter, UnderlineAndStrikeCombine) {
  Document doc = doc_with(
      {make_cue(0, 1000, {Run::plain("x", {span(SpanKind::underline), span(SpanKind::strike)})})});
  const std::string out = write_profile(doc, Profile::imsc11_text);
  EXPECT_NE(out.find("<span tts:textDecoration=\"underline\"><span "
                     "tts:textDecoration=\"underline lineThrough\">x</span></span>"),
            std::string::npos)
      << out;
}

TEST(TtmlWriter, FontColourAndFamily) {
  Span font = span(SpanKind::font, "Times New Roman");
  font.color = Color{255, 0, 0, 255};
  Document doc = doc_with({make_cue(0, 1000, {Run::plain("red", {font})})});
  const std::string out = write_profile(doc, Profile::ttml1);
  EXPECT_NE(out.find("<span tts:color=\"#ff0000\" tts:fontFamily=\"'Times New Roman'\">red</span>"),
            std::string::npos)
      << out;
  const std::string ebu = write_profile(doc, Profile::ebu_tt_d);
  EXPECT_NE(ebu.find("tts:color=\"#ff0000\""), std::string::npos) << ebu;
}

TEST(TtmlWriter, RubyInImscOnly) {
  Span ruby = span(SpanKind::ruby);
  Span rt = span(SpanKind::ruby_text);
  Document doc = doc_with({make_cue(0, 1000,
                                    {Run::plain("漢", {ruby}), Run::plain("kan", {ruby, rt}),
                                     Run::plain("字", {ruby}), Run::plain("ji", {ruby, rt})})},
                          "ja");
  const std::string out = write_profile(doc, Profile::imsc11_text);
  EXPECT_NE(out.find("<span tts:ruby=\"container\"><span tts:ruby=\"base\">漢</span>"
                     "<span tts:ruby=\"text\">kan</span></span>"
                     "<span tts:ruby=\"container\"><span tts:ruby=\"base\">字</span>"
                     "<span tts:ruby=\"text\">ji</span></span>"),
            std::string::npos)
      << out;
  for (const Profile profile : {Profile::ttml1, Profile::dfxp, Profile::ebu_tt_d}) {
    Diagnostics diag;
    const std::string lossy = write_profile(doc, profile, diag);
    EXPECT_EQ(count_code(diag, "ttml-lossy-ruby"), 1) << profile_name(profile);
    EXPECT_EQ(lossy.find("tts:ruby"), std::string::npos);
    EXPECT_EQ(plain_text(read_text(lossy).cues.at(0)), "漢kan字ji") << lossy;
  }
}

TEST(TtmlWriter, LangSpanAndCueLanguage) {
  Cue cue = make_cue(0, 1000, {Run::plain("salam", {span(SpanKind::lang, "az-Latn")})});
  cue.language = "tr";
  Document doc = doc_with({cue});
  const std::string out = write_profile(doc, Profile::imsc11_text);
  EXPECT_NE(out.find("xml:lang=\"tr\"><span xml:lang=\"az-Latn\">salam</span>"), std::string::npos)
      << out;
  const std::string ebu = write_profile(doc, Profile::ebu_tt_d);
  EXPECT_NE(ebu.find("<tt:span style=\"s2\" xml:lang=\"az-Latn\">salam</tt:span>"),
            std::string::npos)
      << ebu;
}

TEST(TtmlWriter, PlacementBands) {
  Cue top = make_cue(0, 1000, runs_from_text("top"));
  top.placement.alignment = 8;
  Cue left = make_cue(0, 1000, runs_from_text("left"));
  left.placement.alignment = 1;
  Cue vtt_line = make_cue(2000, 3000, runs_from_text("line"));
  vtt_line.placement.line = 0;
  Document doc = doc_with({top, left, vtt_line});
  Diagnostics diag;
  const std::string out = write_profile(doc, Profile::imsc11_text, diag);
  EXPECT_NE(out.find("<region xml:id=\"top\" tts:origin=\"10% 10%\" tts:extent=\"80% 25%\" "
                     "tts:displayAlign=\"before\" tts:textAlign=\"center\"/>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("region=\"bottom\" tts:textAlign=\"left\">left</p>"), std::string::npos);
  EXPECT_NE(out.find("end=\"00:00:03.000\" region=\"top\">line</p>"), std::string::npos);
  EXPECT_TRUE(diag.all().empty()) << dump(diag);
}

TEST(TtmlWriter, ExactPositionIsReportedOnce) {
  Cue cue = make_cue(0, 1000, runs_from_text("x"));
  cue.placement.position = std::pair<double, double>{100, 50};
  Document doc = doc_with({cue});
  doc.meta.play_res_x = 384;
  doc.meta.play_res_y = 288;
  Diagnostics diag;
  const std::string out = write_profile(doc, Profile::ebu_tt_d, diag);
  EXPECT_EQ(count_code(diag, "ttml-lossy-position"), 1);
  EXPECT_NE(out.find("region=\"top\""), std::string::npos);
}

TEST(TtmlWriter, WebVttRegionToPercent) {
  Document doc = doc_with({make_cue(0, 1000, runs_from_text("x"))});
  Region region;
  region.id = "fred";
  region.width_percent = 40;
  region.lines = 3;
  region.region_anchor = std::pair<double, double>{0, 100};
  region.viewport_anchor = std::pair<double, double>{10, 90};
  doc.regions.push_back(region);
  doc.cues[0].placement.region = "fred";
  const std::string out = write_profile(doc, Profile::imsc11_text);
  EXPECT_NE(out.find("<region xml:id=\"fred\" tts:origin=\"10% 74.01%\" tts:extent=\"40% 15.99%\" "
                     "tts:displayAlign=\"after\"/>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("region=\"fred\">x</p>"), std::string::npos);
}

TEST(TtmlWriter, AssStylesBecomeReferentialStyles) {
  Style style;
  style.name = "Sign Top";
  style.italic = true;
  style.alignment = 8;
  style.primary = Color{255, 255, 0, 255};
  Cue cue = make_cue(0, 1000, {Run::plain("sign", {span(SpanKind::italic)})});
  cue.style = "Sign Top";
  Document doc = doc_with({cue});
  doc.styles.push_back(style);
  const std::string out = write_profile(doc, Profile::ttml1);
  EXPECT_NE(out.find("<style xml:id=\"Sign_Top\" tts:fontFamily=\"Arial\" tts:color=\"#ffff00\" "
                     "tts:fontStyle=\"italic\" tts:textAlign=\"center\"/>"),
            std::string::npos)
      << out;
  // The italic span is implied by the paragraph's style; the style's alignment picks the band.
  EXPECT_NE(out.find("region=\"top\" style=\"Sign_Top\">sign</p>"), std::string::npos) << out;
}

TEST(TtmlWriter, LossesReportedOncePerKindPerCue) {
  Span cls = span(SpanKind::css_class);
  cls.classes = {"loud"};
  Document doc = doc_with(
      {make_cue(0, 1000,
                {Run::plain("a", {cls}), Run::timestamp(from_ms(500)), Run::plain("b", {cls}),
                 Run::raw("ass", "{\\blur3}"), Run::timestamp(from_ms(700))}),
       make_cue(2000, 3000, {Run::plain("c", {cls})})});
  Diagnostics diag;
  const std::string out = write_profile(doc, Profile::ttml1, diag);
  EXPECT_EQ(count_code(diag, "ttml-lossy-class"), 2);
  EXPECT_EQ(count_code(diag, "ttml-lossy-timestamp"), 1);
  EXPECT_EQ(count_code(diag, "ttml-lossy-raw"), 1);
  EXPECT_NE(out.find(">ab</p>"), std::string::npos) << out;
}

TEST(TtmlWriter, ControlCharactersAndComments) {
  Cue comment = make_cue(0, 1000, runs_from_text("hidden"));
  comment.comment = true;
  Document doc = doc_with({comment, make_cue(0, 1000,
                                             runs_from_text(std::string("a\x01"
                                                                        "b\0c",
                                                                        5)))});
  Diagnostics diag;
  const std::string out = write_profile(doc, Profile::imsc11_text, diag);
  EXPECT_EQ(out.find("hidden"), std::string::npos);
  EXPECT_NE(out.find(">a\xEF\xBF\xBD"
                     "b\xEF\xBF\xBD"
                     "c</p>"),
            std::string::npos);
  EXPECT_EQ(count_code(diag, "ttml-lossy-comment"), 1);
  EXPECT_EQ(count_code(diag, "ttml-lossy-control-character"), 1);
  EXPECT_NO_THROW(read_text(out));
}

TEST(TtmlWriter, NegativeTimesClamped) {
  Document doc = doc_with({make_cue(-500, 1000, runs_from_text("x"))});
  Diagnostics diag;
  const std::string out = write_profile(doc, Profile::ebu_tt_d, diag);
  EXPECT_NE(out.find("begin=\"00:00:00.000\""), std::string::npos);
  EXPECT_TRUE(has_code(diag, "ttml-lossy-negative-time"));
}

TEST(TtmlWriter, CueIdsKeptWhenTheyAreNames) {
  Cue named = make_cue(0, 1000, runs_from_text("x"));
  named.id = "intro";
  Cue numbered = make_cue(1000, 2000, runs_from_text("y"));
  numbered.id = "2";
  Document doc = doc_with({named, numbered});
  const std::string ttml = write_profile(doc, Profile::ttml1);
  EXPECT_NE(ttml.find("<p xml:id=\"intro\""), std::string::npos);
  EXPECT_EQ(ttml.find("xml:id=\"2\""), std::string::npos);
  const std::string ebu = write_profile(doc, Profile::ebu_tt_d);
  EXPECT_NE(ebu.find("<tt:p xml:id=\"intro\""), std::string::npos);
  EXPECT_NE(ebu.find("<tt:p xml:id=\"sub2\""), std::string::npos);
}

TEST(TtmlWriter, LongDocumentIsLinear) {
  std::vector<Cue> cues;
  for (int i = 0; i < 20000; ++i)
    cues.push_back(make_cue(i * 1000, i * 1000 + 900, runs_from_text("line " + std::to_string(i))));
  const Document doc = doc_with(std::move(cues));
  for (const Profile profile : kAllProfiles)
    EXPECT_GT(write_profile(doc, profile).size(), 20000u * 40);
}

TEST(TtmlWriter, Caps) {
  EXPECT_TRUE(caps().styles);
  EXPECT_TRUE(caps().voices);
  EXPECT_FALSE(caps().ruby);
  EXPECT_TRUE(caps().regions);
  EXPECT_FALSE(caps_ebu_tt_d().voices);
  EXPECT_EQ(caps_ebu_tt_d().precision, from_ms(1));
}

}  // namespace
}  // namespace kopru::codecs::ttml::testing

namespace kopru::codecs::ttml::testing {
namespace {

TEST(TtmlWriterEdges, EmptyDocumentIsValidTtml) {
  for (const Profile profile : kAllProfiles) {
    const std::string out = write_profile(doc_with({}), profile);
    const Document back = read_text(out);
    EXPECT_TRUE(back.cues.empty()) << profile_name(profile);
    EXPECT_NE(out.find(profile == Profile::ebu_tt_d ? "<tt:body>" : "<body>"), std::string::npos);
  }
}

TEST(TtmlWriterEdges, ZeroLengthReversedAndEmptyCuesAreLeftOutAndReported) {
  Document doc = doc_with({make_cue(1000, 1000, runs_from_text("zero")),
                           make_cue(3000, 2000, runs_from_text("reversed")),
                           make_cue(4000, 5000, runs_from_text(" \n ")),
                           make_cue(6000, 7000, runs_from_text("kept"))});
  Diagnostics diag;
  const std::string out = write(doc, WriteOptions{}, diag, Profile::ttml1);
  EXPECT_EQ(out.find("zero"), std::string::npos);
  EXPECT_EQ(out.find("reversed"), std::string::npos);
  EXPECT_NE(out.find("begin=\"00:00:06.000\" end=\"00:00:07.000\""), std::string::npos) << out;
  EXPECT_NE(dump(diag).find("ttml-lossy-zero-duration \"cue 1: shown for no time; not written\""),
            std::string::npos)
      << dump(diag);
  EXPECT_NE(dump(diag).find("cue 2: shown for no time; not written"), std::string::npos);
  EXPECT_NE(dump(diag).find("ttml-lossy-empty-cue \"cue 3: nothing to show; not written\""),
            std::string::npos);
  EXPECT_EQ(read_text(out).cues.size(), 1u);
}

TEST(TtmlWriterEdges, MegabyteLineIsWrittenWhole) {
  const std::string line(1 << 20, 'x');
  const Document doc = doc_with({make_cue(0, 1000, runs_from_text(line))});
  for (const Profile profile : kAllProfiles) {
    const Document back = read_text(write_profile(doc, profile));
    ASSERT_EQ(back.cues.size(), 1u);
    EXPECT_EQ(plain_text(back.cues[0]).size(), line.size());
  }
}

TEST(TtmlWriterEdges, AttributeValuesAreEscaped) {
  Cue cue = make_cue(0, 1000, runs_from_text("x"));
  cue.speaker = "\"Q\" <&>";
  const std::string out = write_profile(doc_with({cue}), Profile::ttml1);
  EXPECT_NE(out.find("<ttm:name type=\"full\">\"Q\" &lt;&amp;&gt;</ttm:name>"), std::string::npos)
      << out;
  EXPECT_EQ(read_text(out).cues.at(0).speaker, "\"Q\" <&>");
}

}  // namespace
}  // namespace kopru::codecs::ttml::testing

namespace kopru::codecs::ttml::testing {
namespace {

TEST(TtmlWriterEdges, EveryDroppedStyleAttributeIsReported) {
  Style style;
  style.name = "s";
  style.format_private.format = "ttml";
  style.format_private.add("tts:fontSize", "10pt");
  style.format_private.add("tts:position", "center");
  style.format_private.add("tts:color", "#abc");
  Cue cue = make_cue(0, 1000, runs_from_text("x"));
  cue.style = "s";
  Document doc = doc_with({cue});
  doc.format_private.format = "ttml";
  doc.styles.push_back(style);
  Diagnostics diag;
  const std::string out = write_profile(doc, Profile::dfxp, diag);
  EXPECT_EQ(count_code(diag, "ttml-lossy-style-attribute"), 2);
  EXPECT_NE(out.find("<style xml:id=\"s\" tts:color=\"#aabbcc\"/>"), std::string::npos) << out;
  // TTML1 keeps what the reader kept.
  const std::string ttml = write_profile(doc, Profile::ttml1);
  EXPECT_NE(ttml.find("tts:fontSize=\"10pt\" tts:position=\"center\" tts:color=\"#abc\""),
            std::string::npos)
      << ttml;
}

TEST(TtmlWriterEdges, EbuTtDFontSizeInCellsBecomesPercent) {
  Style style;
  style.name = "big";
  style.format_private.format = "ttml";
  style.format_private.add("tts:fontSize", "1.5c");
  Cue cue = make_cue(0, 1000, runs_from_text("x"));
  cue.style = "big";
  Document doc = doc_with({cue});
  doc.format_private.format = "ttml";
  doc.styles.push_back(style);
  const std::string out = write_profile(doc, Profile::ebu_tt_d);
  EXPECT_NE(out.find("<tt:style xml:id=\"big\" tts:fontSize=\"150%\"/>"), std::string::npos) << out;
}

TEST(TtmlWriterEdges, SpacesThatWouldCollapseArePreserved) {
  Document doc = doc_with({make_cue(0, 1000, runs_from_text("a  b")),
                           make_cue(1000, 2000, runs_from_text("plain text"))});
  for (const Profile profile : kAllProfiles) {
    const std::string out = write_profile(doc, profile);
    EXPECT_NE(out.find("xml:space=\"preserve\""), std::string::npos) << profile_name(profile);
    const Document back = read_text(out);
    ASSERT_EQ(back.cues.size(), 2u);
    EXPECT_EQ(plain_text(back.cues[0]), "a  b") << out;
    EXPECT_EQ(plain_text(back.cues[1]), "plain text");
  }
}

TEST(TtmlWriterEdges, OverlappingRegionsShownTogetherBecomeBandsInImscAndEbuTtD) {
  Document doc = doc_with(
      {make_cue(0, 2000, runs_from_text("up")), make_cue(0, 2000, runs_from_text("down"))});
  Region a;
  a.id = "a";
  a.origin = {{0, 0}};
  a.extent = {{100, 60}};
  Region b = a;
  b.id = "b";
  b.origin = {{0, 40}};
  doc.regions = {a, b};
  doc.cues[0].placement.region = "a";
  doc.cues[1].placement.region = "b";
  for (const Profile profile : {Profile::imsc11_text, Profile::ebu_tt_d}) {
    Diagnostics diag;
    const std::string out = write(doc, WriteOptions{}, diag, profile);
    EXPECT_EQ(out.find("xml:id=\"a\""), std::string::npos) << out;
    EXPECT_NE(out.find("xml:id=\"top\""), std::string::npos) << out;
    EXPECT_NE(out.find("xml:id=\"bottom\""), std::string::npos) << out;
    EXPECT_NE(dump(diag).find("ttml-lossy-region \"the document's regions would overlap"),
              std::string::npos)
        << dump(diag);
  }
  // TTML1 has no such limit: the author's regions stay.
  Diagnostics diag;
  EXPECT_NE(write(doc, WriteOptions{}, diag, Profile::ttml1).find("xml:id=\"a\""),
            std::string::npos);
}

}  // namespace
}  // namespace kopru::codecs::ttml::testing
