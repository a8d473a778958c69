// The SCC writer: pop-on captions, word scheduling, timecodes, layout, styles, characters.
#include <gtest/gtest.h>

#include "tests/unit/scc/scc_test_util.h"

namespace kopru::codecs::scc::testing {
namespace {

Cue make_cue(std::int64_t start_frame, std::int64_t end_frame, const std::string& text) {
  Cue cue;
  cue.start = frames_to_time(start_frame, kRate);
  cue.end = frames_to_time(end_frame, kRate);
  cue.runs = runs_from_text(text);
  return cue;
}

Document doc_of(std::vector<Cue> cues) {
  Document doc;
  doc.cues = std::move(cues);
  return doc;
}

TEST(SccWriter, OneCueIsRclEnmPacTextEocThenEdm) {
  Diagnostics diag;
  const std::string out = write_scc(doc_of({make_cue(60, 120, "HI")}), diag);
  // 9 words before EOC: RCL RCL ENM ENM PAC PAC (row 15, centred: column 15 = indent 12 + TO3)
  // TO3 TO3 "HI": the first word is at frame 51 so that EOC lands on frame 60 = 00:00:02;00.
  EXPECT_EQ(out,
            "Scenarist_SCC V1.0\n\n"
            "00:00:01;21\t9420 9420 94ae 94ae 9476 9476 9723 9723 c849 942f 942f\n\n"
            "00:00:04;00\t942c 942c\n");
  EXPECT_TRUE(diag.empty());
  const Document back = read_scc(out);
  EXPECT_EQ(summary(back), (std::vector<std::string>{"60-120|HI"}));
  EXPECT_EQ(back.cues[0].placement.alignment, 2);
}

TEST(SccWriter, CaptionsLoadWhileThePreviousIsShownAndTouchingOnesNeedNoErase) {
  Diagnostics diag;
  const Document doc =
      doc_of({make_cue(60, 90, "ONE"), make_cue(90, 120, "TWO"), make_cue(125, 200, "THREE")});
  const std::string out = write_scc(doc, diag);
  EXPECT_EQ(summary(read_scc(out)),
            (std::vector<std::string>{"60-90|ONE", "90-120|TWO", "125-200|THREE"}));
  EXPECT_FALSE(has_code(diag, "scc-shifted"));
}

TEST(SccWriter, CaptionsTooCloseAreShiftedAndReported) {
  Diagnostics diag;
  // The first caption needs 10 words before frame 3: it cannot start before frame 10.
  const Document doc =
      doc_of({make_cue(3, 30, "ABCDEFGHIJKL"), make_cue(32, 60, "ABCDEFGHIJKLMNOP")});
  const std::string out = write_scc(doc, diag);
  const Document back = read_scc(out);
  ASSERT_EQ(back.cues.size(), 2u);
  EXPECT_EQ(plain_text(back.cues[0]), "ABCDEFGHIJKL");
  EXPECT_EQ(plain_text(back.cues[1]), "ABCDEFGHIJKLMNOP");
  EXPECT_GT(back.cues[0].start, doc.cues[0].start);
  EXPECT_TRUE(has_code(diag, "scc-shifted"));
  bool named = false;
  for (const auto& d : diag.all())
    named = named || d.message.rfind("cue 1: start moved by 11 frames", 0) == 0;
  EXPECT_TRUE(named);
}

TEST(SccWriter, DropFrameByDefaultNonDropOnRequest) {
  Diagnostics diag;
  // Frame 1800 is 00:01:00;02 in drop-frame and 00:01:00:00 in non-drop; 9 words come first.
  const Document doc = doc_of({make_cue(1809, 1900, "A")});
  std::string out = write_scc(doc, diag);
  EXPECT_NE(out.find("00:01:00;02\t"), std::string::npos) << out;
  out = write_scc(doc, diag, FrameRate{30, 1});
  EXPECT_NE(out.find("00:01:00:00\t"), std::string::npos) << out;
  EXPECT_EQ(summary(read_scc(out)), (std::vector<std::string>{"1809-1900|A"}));
  // A document read from non-drop SCC stays non-drop.
  Document ndf = read_scc(out);
  EXPECT_NE(write_scc(ndf, diag).find("00:01:00:00\t"), std::string::npos);
  ndf.format_private = {};
  ndf.meta.frame_rate = FrameRate{30, 1};
  EXPECT_NE(write_scc(ndf, diag).find("00:01:00:00\t"), std::string::npos);
}

TEST(SccWriter, TimecodesAcrossMinuteAndTenMinuteBoundaries) {
  for (const std::int64_t frame : {1798, 1799, 1800, 17981, 17982, 17983, 107892}) {
    Diagnostics diag;
    const std::string out = write_scc(doc_of({make_cue(frame, frame + 40, "AB")}), diag);
    EXPECT_EQ(summary(read_scc(out)),
              (std::vector<std::string>{std::to_string(frame) + "-" + std::to_string(frame + 40) +
                                        "|AB"}))
        << out;
    const std::string ndf =
        write_scc(doc_of({make_cue(frame, frame + 40, "AB")}), diag, FrameRate{30, 1});
    EXPECT_EQ(summary(read_scc(ndf)),
              (std::vector<std::string>{std::to_string(frame) + "-" + std::to_string(frame + 40) +
                                        "|AB"}));
  }
}

TEST(SccWriter, LongLinesAreWrappedNeverCut) {
  Diagnostics diag;
  const std::string text = "This line is much longer than thirty-two columns of a caption";
  const std::string out = write_scc(doc_of({make_cue(100, 200, text)}), diag);
  const Document back = read_scc(out);
  EXPECT_EQ(plain_text(back.cues.at(0)),
            "This line is much longer than\nthirty-two columns of a caption");
  EXPECT_TRUE(has_code(diag, "scc-wrapped"));
  // A word longer than a row is split, not lost.
  diag.clear();
  const std::string word(40, 'W');
  const Document split = read_scc(write_scc(doc_of({make_cue(100, 200, word)}), diag));
  EXPECT_EQ(plain_text(split.cues.at(0)), std::string(32, 'W') + "\n" + std::string(8, 'W'));
  // Five rows: reported, all written.
  diag.clear();
  const Document five = read_scc(write_scc(doc_of({make_cue(100, 200, "1\n2\n3\n4\n5")}), diag));
  EXPECT_EQ(plain_text(five.cues.at(0)), "1\n2\n3\n4\n5");
  EXPECT_TRUE(has_code(diag, "scc-too-many-rows"));
}

TEST(SccWriter, StylesRoundTrip) {
  Cue cue = make_cue(100, 200, "");
  cue.runs.clear();
  Span italic{SpanKind::italic, {}, {}, {}, {}};
  Span underline{SpanKind::underline, {}, {}, {}, {}};
  Span yellow{SpanKind::font, {}, {}, Color{255, 255, 0, 255}, {}};
  cue.runs.push_back(Run::plain("Start ", {italic}));
  cue.runs.push_back(Run::plain("plain ", {}));
  cue.runs.push_back(Run::plain("under", {underline}));
  cue.runs.push_back(Run::line_break());
  cue.runs.push_back(Run::plain("yellow", {yellow}));
  cue.runs.push_back(Run::plain(" end", {}));
  Diagnostics diag;
  const std::string out = write_scc(doc_of({cue}), diag);
  const Document back = read_scc(out);
  const Cue& got = back.cues.at(0);
  EXPECT_EQ(plain_text(got), "Start plain under\nyellow end");
  ASSERT_GE(got.runs.size(), 6u);
  EXPECT_TRUE(has_span(got.runs[0], SpanKind::italic));
  EXPECT_EQ(got.runs[0].text, "Start ");
  EXPECT_FALSE(has_span(got.runs[1], SpanKind::italic));
  EXPECT_TRUE(has_span(got.runs[2], SpanKind::underline));
  EXPECT_EQ(got.runs[2].text, "under");
  EXPECT_EQ(got.runs[4].spans.at(0).color->to_hex(), "#ffff00");
  EXPECT_FALSE(has_code(diag, "scc-lossy-style-space"));
  // A style change inside a word costs a column: reported.
  cue.runs = {Run::plain("ab", {italic}), Run::plain("cd", {})};
  diag.clear();
  EXPECT_EQ(plain_text(read_scc(write_scc(doc_of({cue}), diag)).cues.at(0)), "ab cd");
  EXPECT_TRUE(has_code(diag, "scc-lossy-style-space"));
}

TEST(SccWriter, PlacementRoundTrips) {
  for (const int alignment : {1, 2, 3, 7, 8, 9}) {
    Cue cue = make_cue(100, 200, "Top or bottom\nline two");
    cue.placement.alignment = alignment;
    Diagnostics diag;
    const Document back = read_scc(write_scc(doc_of({cue}), diag));
    EXPECT_EQ(back.cues.at(0).placement.alignment, alignment);
    EXPECT_EQ(plain_text(back.cues[0]), "Top or bottom\nline two");
  }
  // Line and position percentages pick the row and column.
  Cue cue = make_cue(100, 200, "HERE");
  cue.placement.line = 10.0 + 4 * 80.0 / 15;  // row 5
  cue.placement.line_percent = true;
  cue.placement.position_percent = 10.0 + 6 * 2.5;  // column 6
  cue.placement.alignment = 7;
  Diagnostics diag;
  const Document back = read_scc(write_scc(doc_of({cue}), diag));
  EXPECT_DOUBLE_EQ(*back.cues.at(0).placement.line, *cue.placement.line);
  EXPECT_DOUBLE_EQ(*back.cues.at(0).placement.position_percent, *cue.placement.position_percent);
}

TEST(SccWriter, EveryCarriedCharacterRoundTrips) {
  std::u32string all;
  for (int b = 0x20; b <= 0x7F; ++b)
    if (b != 0x20)
      all += basic_char(static_cast<std::uint8_t>(b));
  for (int s = 0x30; s <= 0x3F; ++s)
    if (s != 0x39)
      all += special_char(static_cast<std::uint8_t>(s));
  for (const std::uint8_t first : {std::uint8_t{0x12}, std::uint8_t{0x13}})
    for (int s = 0x20; s <= 0x3F; ++s)
      all += extended_char(first, static_cast<std::uint8_t>(s));
  std::vector<Cue> cues;
  for (std::size_t i = 0; i < all.size(); i += 30) {
    std::string text;
    for (std::size_t k = i; k < std::min(all.size(), i + 30); ++k)
      append_utf8(text, all[k]);
    cues.push_back(make_cue(static_cast<std::int64_t>(i) * 10 + 100,
                            static_cast<std::int64_t>(i) * 10 + 380, text));
  }
  Diagnostics diag;
  const Document back = read_scc(write_scc(doc_of(cues), diag));
  ASSERT_EQ(back.cues.size(), cues.size());
  for (std::size_t i = 0; i < cues.size(); ++i)
    EXPECT_EQ(plain_text(back.cues[i]), plain_text(cues[i])) << i;
  EXPECT_FALSE(has_code(diag, "scc-lossy-character"));
}

TEST(SccWriter, UncarriedCharactersAreReportedReplacements) {
  Diagnostics diag;
  const std::string out = write_scc(doc_of({make_cue(100, 200, "Şu ə`")}), diag);
  EXPECT_EQ(plain_text(read_scc(out).cues.at(0)), "?u ??");
  ASSERT_TRUE(has_code(diag, "scc-lossy-character"));
  for (const auto& d : diag.all()) {
    if (d.code == "scc-lossy-character") {
      EXPECT_EQ(d.message, "cue 1: characters CEA-608 cannot show were written as '?': ` Ş ə");
    }
  }
}

TEST(SccWriter, CapsDescribeThePopOnWriter) {
  const WriterCaps c = caps();
  EXPECT_FALSE(c.overlaps);
  EXPECT_TRUE(c.frame_based);
  EXPECT_TRUE(c.colors);
  EXPECT_TRUE(c.positions);
  EXPECT_EQ(c.max_lines, 4);
  EXPECT_EQ(c.precision, frames_to_time(1, kRate));
}

TEST(SccRoundTrip, ReadWriteReadKeepsTextAndTimes) {
  const std::string scc =
      scc_file({{"00:00:01;00", "9420 9420 94ae 94ae 9470 9470 c845 4c4c 4f80 942f 942f"},
                {"00:00:03;00", "942c 942c"},
                {"00:00:04;00", "9420 9420 94ae 94ae 9150 9150 91ae 91ae 574f 524c c480 942f 942f"},
                {"00:00:06;00", "942c 942c"}});
  const Document first = read_scc(scc);
  Diagnostics diag;
  const std::string written = write_scc(first, diag);
  const Document second = read_scc(written);
  EXPECT_EQ(summary(first), summary(second));
  EXPECT_EQ(write_scc(second, diag), written);  // a fixpoint
}

}  // namespace
}  // namespace kopru::codecs::scc::testing

namespace kopru::codecs::scc::testing {
namespace {

TEST(SccWriterNotes, EmptyCuesAndOtherFrameRates) {
  Diagnostics diag;
  Document doc;
  Cue empty;
  empty.start = from_ms(1000);
  empty.end = from_ms(2000);
  empty.runs = runs_from_text("  \n ");
  doc.cues.push_back(empty);
  WriteOptions options;
  options.fps = FrameRate{25, 1};
  EXPECT_EQ(write(doc, options, diag), "Scenarist_SCC V1.0\n");
  EXPECT_TRUE(has_code(diag, "scc-empty-cue"));
  EXPECT_TRUE(has_code(diag, "scc-frame-rate"));
}

}  // namespace
}  // namespace kopru::codecs::scc::testing

namespace kopru::codecs::scc::testing {
namespace {

TEST(SccWriterNotes, MoreRowsThanTheScreenAreReported) {
  std::string text;
  for (int i = 0; i < 17; ++i)
    text += "row " + std::to_string(i) + "\n";
  Diagnostics diag;
  const Document back = read_scc(write_scc(doc_of({make_cue(100, 200, text)}), diag));
  EXPECT_TRUE(has_code(diag, "scc-lossy-rows"));
  EXPECT_TRUE(has_code(diag, "scc-too-many-rows"));
  EXPECT_EQ(plain_text(back.cues.at(0)).substr(0, 12), "row 0\nrow 1\n");
}

}  // namespace
}  // namespace kopru::codecs::scc::testing
