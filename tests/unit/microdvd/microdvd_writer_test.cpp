// Writing MicroDVD: the frame-rate header, rounding to frames, codes for whole cues and lines,
// reported losses, and read/write round trips.
#include <gtest/gtest.h>

#include "codecs/microdvd/microdvd.h"
#include "pipeline/model/dump.h"
#include "tests/support/test_support.h"

namespace kopru::codecs::microdvd {
namespace {

constexpr FrameRate k25{25, 1};

Cue make_cue(std::int64_t start_ms, std::int64_t end_ms, std::vector<kopru::Run> runs) {
  Cue cue;
  cue.start = from_ms(start_ms);
  cue.end = from_ms(end_ms);
  cue.runs = std::move(runs);
  return cue;
}

Document doc_at(std::optional<FrameRate> rate, std::vector<Cue> cues) {
  Document doc;
  doc.meta.frame_rate = rate;
  doc.cues = std::move(cues);
  return doc;
}

std::string write_doc(const Document& doc, Diagnostics& diag, std::optional<FrameRate> fps = {}) {
  WriteOptions options;
  options.fps = fps;
  return write(doc, options, diag);
}

bool has_code(const Diagnostics& diag, std::string_view code) {
  for (const auto& d : diag.all()) {
    if (d.code == code)
      return true;
  }
  return false;
}

Document read_text(std::string_view text, std::optional<FrameRate> fps = {}) {
  Diagnostics diag;
  const Source source{"in.sub", text, text, "UTF-8"};
  ReadOptions options;
  options.fps = fps;
  return read(source, options, diag);
}

// Same times, text and placement (source lines differ once a header line is added).
void expect_same_cues(const Document& a, const Document& b, const std::string& what) {
  ASSERT_EQ(a.cues.size(), b.cues.size()) << what;
  for (std::size_t i = 0; i < a.cues.size(); ++i) {
    EXPECT_EQ(a.cues[i].start, b.cues[i].start) << what << " cue " << i + 1;
    EXPECT_EQ(a.cues[i].end, b.cues[i].end) << what << " cue " << i + 1;
    EXPECT_EQ(a.cues[i].runs, b.cues[i].runs) << what << " cue " << i + 1;
    EXPECT_EQ(a.cues[i].placement, b.cues[i].placement) << what << " cue " << i + 1;
  }
}

const Span kItalic{SpanKind::italic, {}, {}, {}, {}};
const Span kBold{SpanKind::bold, {}, {}, {}, {}};

TEST(MicroDvdWrite, HeaderAndFrames) {
  Diagnostics diag;
  const std::string out =
      write_doc(doc_at(k25, {make_cue(1000, 2480, runs_from_text("Hello\nworld"))}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{25}{62}Hello|world\n");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(MicroDvdWrite, NtscHeaders) {
  Diagnostics diag;
  const Cue cue = make_cue(0, 1001, runs_from_text("a"));
  EXPECT_EQ(write_doc(doc_at(FrameRate{24000, 1001}, {cue}), diag), "{1}{1}23.976\n{0}{24}a\n");
  EXPECT_EQ(write_doc(doc_at(FrameRate{30000, 1001}, {cue}), diag).substr(0, 13), "{1}{1}29.97\n{");
  EXPECT_EQ(write_doc(doc_at(FrameRate{60000, 1001}, {cue}), diag).substr(0, 13), "{1}{1}59.94\n{");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(MicroDvdWrite, RateThatDecimalsCannotCarryIsReported) {
  Diagnostics diag;
  write_doc(doc_at(FrameRate{15000, 1001}, {make_cue(0, 1000, runs_from_text("a"))}), diag);
  EXPECT_TRUE(has_code(diag, "microdvd-lossy-frame-rate")) << dump(diag);
}

TEST(MicroDvdWrite, NeedsAFrameRate) {
  Diagnostics diag;
  const Document doc = doc_at(std::nullopt, {make_cue(0, 1000, runs_from_text("a"))});
  try {
    write_doc(doc, diag);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--fps"), std::string::npos) << e.what();
  }
  EXPECT_EQ(write_doc(doc, diag, k25), "{1}{1}25\n{0}{25}a\n");
}

TEST(MicroDvdWrite, RoundsToNearestFrameAndReports) {
  Diagnostics diag;
  // 1.020 s is frame 25.5 (rounds away from zero to 26); 1.999 s is frame 49.975.
  const std::string out = write_doc(doc_at(k25, {make_cue(1020, 1999, runs_from_text("a"))}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{26}{50}a\n");
  EXPECT_TRUE(has_code(diag, "microdvd-rounded-to-frames")) << dump(diag);
}

TEST(MicroDvdWrite, CueShorterThanAFrameKeepsOneFrame) {
  Diagnostics diag;
  const std::string out = write_doc(doc_at(k25, {make_cue(1000, 1010, runs_from_text("a"))}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{25}{26}a\n");
  EXPECT_TRUE(has_code(diag, "microdvd-lossy-short-cue"));
}

TEST(MicroDvdWrite, WholeCueAndLineStyles) {
  Diagnostics diag;
  std::vector<kopru::Run> runs{kopru::Run::plain("one", {kItalic, kBold}), kopru::Run::line_break(),
                               kopru::Run::plain("two", {kItalic})};
  const std::string out = write_doc(doc_at(k25, {make_cue(0, 1000, runs)}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{0}{25}{Y:i}{y:b}one|two\n");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(MicroDvdWrite, ColourFontSizeAndPlacement) {
  Diagnostics diag;
  Span font{SpanKind::font, {}, "Arial", Color{255, 0, 0, 255}, 24.0};
  Cue cue = make_cue(0, 1000, {kopru::Run::plain("red", {font})});
  cue.placement.alignment = 8;
  cue.placement.position = std::pair<double, double>{10, 20};
  const std::string out = write_doc(doc_at(k25, {cue}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{0}{25}{C:$0000FF}{F:Arial}{S:24}{o:10,20}{P:0}red\n");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(MicroDvdWrite, PartialLineStyleIsReported) {
  Diagnostics diag;
  std::vector<kopru::Run> runs{kopru::Run::plain("Hello "), kopru::Run::plain("world", {kItalic})};
  const std::string out = write_doc(doc_at(k25, {make_cue(0, 1000, runs)}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{0}{25}Hello world\n");
  ASSERT_EQ(diag.all().size(), 1u) << dump(diag);
  EXPECT_EQ(diag.all()[0].code, "microdvd-lossy-partial-style");
  EXPECT_EQ(diag.all()[0].message.rfind("cue 1: ", 0), 0u);
}

TEST(MicroDvdWrite, PipesAndCodeLikeBracesAreEscapedAndReported) {
  Diagnostics diag;
  const std::string out =
      write_doc(doc_at(k25, {make_cue(0, 1000, runs_from_text("a|b {y:i} {laughs}"))}), diag);
  EXPECT_EQ(out,
            "{1}{1}25\n{0}{25}a\xC2\xA6"
            "b (y:i} {laughs}\n");
  EXPECT_TRUE(has_code(diag, "microdvd-lossy-pipe"));
  EXPECT_TRUE(has_code(diag, "microdvd-lossy-brace"));
}

TEST(MicroDvdWrite, UnwritableThingsAreReported) {
  Diagnostics diag;
  Cue voice = make_cue(0, 1000,
                       {kopru::Run::plain("hi", {Span{SpanKind::voice, {}, "Bob", {}, {}}}),
                        kopru::Run::timestamp(from_ms(500)), kopru::Run::raw("ass", "{\\blur3}")});
  voice.speaker = "Bob";
  Cue comment = make_cue(0, 1000, runs_from_text("hidden"));
  comment.comment = true;
  Cue empty = make_cue(0, 1000, {});
  const std::string out = write_doc(doc_at(k25, {voice, comment, empty}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{0}{25}hi\n{0}{25}\n");  // empty cues are kept, as readers keep them
  for (const char* code : {"microdvd-lossy-voice", "microdvd-lossy-timestamp", "microdvd-lossy-raw",
                           "microdvd-lossy-speaker", "microdvd-lossy-comment"}) {
    EXPECT_TRUE(has_code(diag, code)) << code << "\n" << dump(diag);
  }
}

TEST(MicroDvdWrite, RawMicroDvdCodesAndDefaultLineRoundTrip) {
  const std::string text = "{1}{1}25\n{DEFAULT}{}{c:$FF0000}\n{0}{25}a{x:blur}b\n";
  Diagnostics diag;
  EXPECT_EQ(write_doc(read_text(text), diag), text);
}

TEST(MicroDvdWrite, NegativeTimesClampToFrameZero) {
  Diagnostics diag;
  const std::string out =
      write_doc(doc_at(k25, {make_cue(-1000, 1000, runs_from_text("a"))}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{0}{25}a\n");
  EXPECT_TRUE(has_code(diag, "microdvd-lossy-negative-time"));
}

TEST(MicroDvdWrite, OptionRateUsedOnlyWithoutDocumentRate) {
  Diagnostics diag;
  const Document doc = doc_at(FrameRate{24000, 1001}, {make_cue(0, 1001, runs_from_text("a"))});
  EXPECT_EQ(write_doc(doc, diag, k25), "{1}{1}23.976\n{0}{24}a\n");
  EXPECT_TRUE(has_code(diag, "microdvd-fps-ignored"));
}

TEST(MicroDvdRoundTrip, PycaptionFilesAreFixpoints) {
  for (const char* f : {"examples/example.sub", "fixtures/microdvd/sample_microdvd_2.sub"}) {
    const std::string text = testing::slurp(testing::corpus_dir() / "pycaption" / f);
    const Document first = read_text(text, k25);
    Diagnostics diag;
    const std::string out = write_doc(first, diag);
    EXPECT_TRUE(diag.empty()) << f << "\n" << dump(diag);
    EXPECT_EQ(out, "{1}{1}25\n" + text) << f;  // frames are exact, so only the header is new
    const Document second = read_text(out);
    expect_same_cues(second, first, f);
  }
}

TEST(MicroDvdRoundTrip, StylesSurvive) {
  const std::string text =
      "{1}{1}23.976\n{10}{20}{Y:i}{C:$00FF00}both|lines\n{30}{40}plain|{y:b}{s:12}bold\n"
      "{50}{60}{P:0}top\n";
  const Document first = read_text(text);
  Diagnostics diag;
  const std::string out = write_doc(first, diag);
  EXPECT_EQ(out, text);
  expect_same_cues(read_text(out), first, "styles");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(MicroDvdWrite, EndBeforeStartWrittenAsIs) {
  Diagnostics diag;
  const std::string out = write_doc(doc_at(k25, {make_cue(2000, 1000, runs_from_text("a"))}), diag);
  EXPECT_EQ(out, "{1}{1}25\n{50}{25}a\n");
  EXPECT_TRUE(has_code(diag, "microdvd-end-before-start"));
}

TEST(MicroDvdWrite, MegabyteOfCodeLikeTextStaysLinear) {
  std::string text;
  for (int i = 0; i < 350'000; ++i)
    text += "{a:|";
  text += "}";
  Diagnostics diag;
  const std::string out =
      write_doc(doc_at(k25, {make_cue(0, 1000, {kopru::Run::plain(text)})}), diag);
  // "{1}{1}25\n" + "{0}{25}" + 350,000 x "(a:" and a two-byte broken bar + "}" + "\n"
  EXPECT_EQ(out.size(), 9 + 7 + 350'000u * 5 + 1 + 1);
}

TEST(MicroDvdCaps, FrameBased) {
  EXPECT_TRUE(caps().frame_based);
  EXPECT_TRUE(caps().colors);
  EXPECT_FALSE(caps().ruby);
}

}  // namespace
}  // namespace kopru::codecs::microdvd
