// YouTube SBV: reading (CRLF, extra blanks, errors with line and column, bad input), writing
// (unpadded hours, lowered formatting, ">> NAME: " speakers) and round trips.
#include <gtest/gtest.h>

#include "codecs/sbv/sbv.h"
#include "pipeline/model/dump.h"

namespace kopru::codecs::sbv {
namespace {

Document read_text(std::string_view text, Diagnostics& diag, bool strict = false) {
  const Source source{"in.sbv", text, text, "UTF-8"};
  ReadOptions options;
  options.strict = strict;
  return read(source, options, diag);
}

std::string error_of(std::string_view text, bool strict = false) {
  Diagnostics diag;
  try {
    read_text(text, diag, strict);
  } catch (const ParseError& e) {
    return e.formatted();
  }
  return "no error";
}

bool has_code(const Diagnostics& diag, std::string_view code) {
  for (const auto& d : diag.all()) {
    if (d.code == code)
      return true;
  }
  return false;
}

std::string write_doc(const Document& doc, Diagnostics& diag) {
  return write(doc, {}, diag);
}

Cue make_cue(std::int64_t start_ms, std::int64_t end_ms, std::vector<kopru::Run> runs) {
  Cue cue;
  cue.start = from_ms(start_ms);
  cue.end = from_ms(end_ms);
  cue.runs = std::move(runs);
  return cue;
}

Document doc_of(std::vector<Cue> cues) {
  Document doc;
  doc.cues = std::move(cues);
  return doc;
}

constexpr std::string_view kSample =
    "0:00:00.599,0:00:04.160\n"
    ">> ALICE: Hi, I'm Alice\n"
    "\n"
    "0:00:04.160,0:00:06.770\n"
    "[door creaks]\n"
    "and a second line\n";

TEST(SbvRead, Blocks) {
  Diagnostics diag;
  const Document doc = read_text(kSample, diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(doc.cues[0].start, from_ms(599));
  EXPECT_EQ(doc.cues[0].end, from_ms(4160));
  // ">> NAME: " is YouTube's speaker convention: it becomes the speaker and a voice span.
  EXPECT_EQ(plain_text(doc.cues[0]), "Hi, I'm Alice");
  EXPECT_EQ(doc.cues[0].speaker, "ALICE");
  EXPECT_EQ(doc.cues[0].runs.at(0).spans,
            (std::vector<Span>{Span{SpanKind::voice, {}, "ALICE", {}, {}}}));
  EXPECT_EQ(doc.cues[1].source_line, 4);
  ASSERT_EQ(doc.cues[1].runs.size(), 3u);
  EXPECT_EQ(doc.cues[1].runs[1].kind, RunKind::line_break);
  EXPECT_EQ(plain_text(doc.cues[1]), "[door creaks]\nand a second line");
  EXPECT_EQ(doc.meta.source_format, "sbv");
}

TEST(SbvRead, SpeakerMarkersOnLaterLinesAndLookalikes) {
  Diagnostics diag;
  const Document doc = read_text(
      "0:00:01.000,0:00:02.000\nno speaker\n>> BOB: yes\nstill Bob\n>> and who?\n>>: x\n", diag);
  const auto& runs = doc.cues.at(0).runs;
  ASSERT_EQ(runs.size(), 9u);
  EXPECT_EQ(doc.cues[0].speaker, "");
  EXPECT_TRUE(runs[0].spans.empty());
  EXPECT_EQ(runs[2].text, "yes");
  EXPECT_EQ(runs[4].spans.at(0).annotation, "BOB");
  EXPECT_EQ(runs[6].text, ">> and who?");
  EXPECT_EQ(runs[8].text, ">>: x");
}

TEST(SbvRead, MarkupIsText) {
  Diagnostics diag;
  const Document doc = read_text("0:00:01.000,0:00:02.000\n<i>not italic</i>\n", diag);
  EXPECT_EQ(doc.cues[0].runs, (std::vector<kopru::Run>{kopru::Run::plain("<i>not italic</i>")}));
}

TEST(SbvRead, CrlfAndExtraBlankLines) {
  Diagnostics diag;
  const Document doc = read_text(
      "\r\n\r\n0:00:01.000,0:00:02.000\r\nOne\r\n\r\n\r\n "
      "\r\n0:00:03.000,0:00:04.000\r\nTwo\r\n\r\n",
      diag);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(plain_text(doc.cues[1]), "Two");
  EXPECT_EQ(doc.cues[1].source_line, 8);
}

TEST(SbvRead, LongHoursAndPaddedHours) {
  Diagnostics diag;
  const Document doc =
      read_text("10:00:00.000,10:00:01.500\nA\n\n01:02:03.004,01:02:03.005\nB\n", diag);
  EXPECT_EQ(doc.cues[0].start, from_seconds(36000));
  EXPECT_EQ(doc.cues[1].start, from_ms(3723004));
}

TEST(SbvRead, SpacesInTimingLineWarn) {
  Diagnostics diag;
  const Document doc = read_text("0:00:01.000 , 0:00:02.000 \nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1u);
  EXPECT_TRUE(has_code(diag, "sbv-timing-spaces"));
  EXPECT_NE(error_of("0:00:01.000 , 0:00:02.000 \nA\n", true), "no error");
}

TEST(SbvRead, InvalidTimingLines) {
  EXPECT_EQ(error_of("0:00:01.000 --> 0:00:02.000\nA\n"),
            "in.sbv:1:13: error: expected \"H:MM:SS.mmm,H:MM:SS.mmm\", found \"0:00:01.000 --> "
            "0:00:02.000\"");
  EXPECT_EQ(error_of("0:00:01,000,0:00:02.000\nA\n").substr(0, 20), "in.sbv:1:8: error: e");
  EXPECT_EQ(
      error_of("0:61:01.000,0:00:02.000\nA\n"),
      "in.sbv:1:3: error: minutes and seconds must be below 60 in \"0:61:01.000,0:00:02.000\"");
  EXPECT_EQ(error_of("0:00:01.00,0:00:02.00\nA\n"),
            "in.sbv:1:9: error: SBV times have 3 digits of milliseconds (2 digits are SubViewer 2 "
            "centiseconds) in \"0:00:01.00,0:00:02.00\"");
  EXPECT_EQ(error_of("-0:00:01.000,0:00:02.000\nA\n").substr(0, 20), "in.sbv:1:1: error: e");
  EXPECT_EQ(error_of("1234567:00:00.000,0:00:02.000\nA\n").substr(0, 20), "in.sbv:1:1: error: e");
}

TEST(SbvRead, GarbageFails) {
  EXPECT_EQ(error_of("Hello world\n"),
            "in.sbv:1:1: error: expected \"H:MM:SS.mmm,H:MM:SS.mmm\", found \"Hello world\"");
  // Long lines are quoted shortened.
  EXPECT_EQ(error_of(std::string(200, 'z')),
            "in.sbv:1:1: error: expected \"H:MM:SS.mmm,H:MM:SS.mmm\", found \"" +
                std::string(60, 'z') + "...\"");
}

TEST(SbvRead, EndBeforeStart) {
  Diagnostics diag;
  const Document doc = read_text("0:00:05.000,0:00:04.000\nA\n", diag);
  EXPECT_EQ(doc.cues[0].end, from_ms(5000));  // set to its start
  EXPECT_TRUE(has_code(diag, "sbv-end-before-start"));
  EXPECT_EQ(error_of("0:00:05.000,0:00:04.000\nA\n", true),
            "in.sbv:1:1: error: end 00:00:04.000 is before start 00:00:05.000");
}

TEST(SbvRead, ZeroDurationWarns) {
  Diagnostics diag;
  read_text("0:00:05.000,0:00:05.000\nA\n", diag);
  EXPECT_TRUE(has_code(diag, "sbv-zero-duration"));
}

TEST(SbvRead, BlankLineInsideText) {
  Diagnostics diag;
  const Document doc = read_text(
      "0:00:01.000,0:00:02.000\nOne\n\nstill one\n\n0:00:03.000,0:00:04.000\nTwo\n", diag);
  ASSERT_EQ(doc.cues.size(), 2u);
  EXPECT_EQ(plain_text(doc.cues[0]), "One\n\nstill one");
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "sbv-blank-line-in-text");
  EXPECT_EQ(diag.all()[0].where.line, 4);
  EXPECT_NE(error_of("0:00:01.000,0:00:02.000\nOne\n\nstill one\n", true), "no error");
}

TEST(SbvRead, BrokenTimingAfterCueIsAnErrorNotText) {
  EXPECT_EQ(error_of("0:00:01.000,0:00:02.000\nOne\n\n0:00:03.000 0:00:04.000\nTwo\n"),
            "in.sbv:4:13: error: expected \"H:MM:SS.mmm,H:MM:SS.mmm\", found \"0:00:03.000 "
            "0:00:04.000\"");
}

TEST(SbvRead, TruncatedAfterTimingLine) {
  Diagnostics diag;
  const Document doc = read_text("0:00:01.000,0:00:02.000\nOne\n\n0:00:03.000,0:00:04.000", diag);
  ASSERT_EQ(doc.cues.size(), 2u);  // the empty cue is kept
  EXPECT_TRUE(doc.cues[1].runs.empty());
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "sbv-empty-cue");
  EXPECT_EQ(diag.all()[0].where.line, 4);
  EXPECT_EQ(
      error_of("0:00:01.000,0:00:0"),
      "in.sbv:1:18: error: expected \"H:MM:SS.mmm,H:MM:SS.mmm\", found \"0:00:01.000,0:00:0\"");
}

TEST(SbvRead, EmptyFile) {
  for (std::string_view text : {"", "\n\n", " \r\n"}) {
    Diagnostics diag;
    EXPECT_TRUE(read_text(text, diag).cues.empty());
    EXPECT_TRUE(has_code(diag, "sbv-empty"));
    EXPECT_NE(error_of(text, true), "no error");
  }
}

TEST(SbvRead, NulBytesRemoved) {
  Diagnostics diag;
  const std::string text("0:00:01.000,0:00:02.000\nA\0B\n", 28);
  const Document doc = read_text(text, diag);
  EXPECT_EQ(plain_text(doc.cues.at(0)), "AB");
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "sbv-nul");
  EXPECT_EQ(diag.all()[0].where.line, 2);
  EXPECT_EQ(diag.all()[0].where.column, 2);
  // A NUL inside the timing line is removed before parsing, and reported.
  Diagnostics diag2;
  read_text(std::string("0:00:01.000,0:00:02.\0"
                        "000\nA\n",
                        27),
            diag2);
  EXPECT_TRUE(has_code(diag2, "sbv-nul"));
}

TEST(SbvRead, MegabyteLine) {
  std::string text = "0:00:01.000,0:00:02.000\n" + std::string(1 << 20, 'x') + "\n\n";
  const std::string garbage(1 << 20, '9');
  Diagnostics diag;
  const Document doc = read_text(text, diag);
  EXPECT_EQ(plain_text(doc.cues.at(0)).size(), 1u << 20);
  EXPECT_NE(error_of(garbage), "no error");
}

TEST(SbvWrite, YouTubeTimeFormat) {
  Diagnostics diag;
  const std::string out =
      write_doc(doc_of({make_cue(1000, 2500, runs_from_text("One\ntwo")),
                        make_cue(3'600'000 + 61'001, 36'000'000, runs_from_text("Three"))}),
                diag);
  EXPECT_EQ(out, "0:00:01.000,0:00:02.500\nOne\ntwo\n\n1:01:01.001,10:00:00.000\nThree\n");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SbvWrite, StylesLoweredWithDiagnostic) {
  Diagnostics diag;
  const Span italic{SpanKind::italic, {}, {}, {}, {}};
  const std::string out = write_doc(
      doc_of({make_cue(0, 1000, {kopru::Run::plain("so "), kopru::Run::plain("very", {italic})})}),
      diag);
  EXPECT_EQ(out, "0:00:00.000,0:00:01.000\nso very\n");
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "sbv-lossy-style");
  EXPECT_EQ(diag.all()[0].message.rfind("cue 1: ", 0), 0u);
}

TEST(SbvWrite, SpeakersUseYouTubeConvention) {
  Diagnostics diag;
  Cue by_field = make_cue(0, 1000, runs_from_text("Hi there\nhow are you"));
  by_field.speaker = "ALICE";
  const Span bob{SpanKind::voice, {}, "BOB", {}, {}};
  const Span carol{SpanKind::voice, {}, "CAROL", {}, {}};
  Cue by_voice = make_cue(
      1000, 2000,
      {kopru::Run::plain("Yes", {bob}), kopru::Run::line_break(), kopru::Run::plain("No", {carol}),
       kopru::Run::line_break(), kopru::Run::plain("really", {carol})});
  const std::string out = write_doc(doc_of({by_field, by_voice}), diag);
  EXPECT_EQ(out,
            "0:00:00.000,0:00:01.000\n>> ALICE: Hi there\nhow are you\n\n"
            "0:00:01.000,0:00:02.000\n>> BOB: Yes\n>> CAROL: No\nreally\n");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SbvWrite, SpeakerChangeInsideALineIsReported) {
  Diagnostics diag;
  const Span bob{SpanKind::voice, {}, "BOB", {}, {}};
  const Span carol{SpanKind::voice, {}, "CAROL", {}, {}};
  const std::string out = write_doc(
      doc_of({make_cue(0, 1000,
                       {kopru::Run::plain("Yes ", {bob}), kopru::Run::plain("no", {carol})})}),
      diag);
  EXPECT_EQ(out, "0:00:00.000,0:00:01.000\n>> BOB: Yes no\n");
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].code, "sbv-lossy-voice");
}

TEST(SbvWrite, BlankLinesAndEmptyCues) {
  Diagnostics diag;
  Cue comment = make_cue(0, 1000, runs_from_text("x"));
  comment.comment = true;
  const Document doc =
      doc_of({make_cue(0, 1000, runs_from_text("\na\n\n\nb\n")), make_cue(1000, 2000, {}), comment,
              make_cue(2000, 3000, runs_from_text("  "))});
  const std::string out = write_doc(doc, diag);
  EXPECT_EQ(out,
            "0:00:00.000,0:00:01.000\n\na\n\n\nb\n\n0:00:01.000,0:00:02.000\n\n"
            "0:00:02.000,0:00:03.000\n");
  EXPECT_TRUE(has_code(diag, "sbv-lossy-blank-line"));
  EXPECT_TRUE(has_code(diag, "sbv-lossy-blank-line-inside"));
  EXPECT_TRUE(has_code(diag, "sbv-lossy-comment"));
  // Kopru reads the blank lines back into the cue, and keeps the empty cues.
  Diagnostics again;
  const Document back = read_text(out, again);
  ASSERT_EQ(back.cues.size(), 3u);
  EXPECT_EQ(plain_text(back.cues[0]), "\na\n\n\nb");
  EXPECT_EQ(write_doc(back, again), out);
}

TEST(SbvWrite, RoundsToMillisecondsAndClampsNegative) {
  Diagnostics diag;
  Cue cue = make_cue(-500, 1000, runs_from_text("a"));
  cue.end = frames_to_time(25, FrameRate{24000, 1001});  // 1.04270833 s
  const std::string out = write_doc(doc_of({cue}), diag);
  EXPECT_EQ(out, "0:00:00.000,0:00:01.043\na\n");
  EXPECT_TRUE(has_code(diag, "sbv-rounded-to-ms"));
  EXPECT_TRUE(has_code(diag, "sbv-lossy-negative-time"));
}

TEST(SbvRoundTrip, ReadWriteIsFixpoint) {
  Diagnostics diag;
  const Document doc = read_text(kSample, diag);
  const std::string out = write_doc(doc, diag);
  EXPECT_EQ(out, std::string(kSample));
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SbvProbe, Scores) {
  EXPECT_GE(probe(kSample, ""), 90);
  EXPECT_GE(probe("\n0:00:01.000,0:00:02.000\nHi\n", "sbv"), 90);
  EXPECT_EQ(probe("1\n00:00:01,000 --> 00:00:02,000\nHi\n", "srt"), 0);
  EXPECT_EQ(probe("{1}{1}25\n{10}{20}Hi\n", "sub"), 0);
  EXPECT_EQ(probe("", "sbv"), 30);
  EXPECT_LT(probe("[INFORMATION]\n00:00:01.00,00:00:02.00\nHi\n", "sub"), 20);
}

TEST(SbvCaps, PlainText) {
  EXPECT_FALSE(caps().italic_bold_underline);
  EXPECT_FALSE(caps().frame_based);
  EXPECT_EQ(caps().precision, from_ms(1));
}

}  // namespace
}  // namespace kopru::codecs::sbv
