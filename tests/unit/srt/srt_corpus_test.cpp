// The shared corpus: androidx-media SubRip samples, cdown/srt edge cases, IRT SRT2SRTXML inputs and
// the UTF-8 Subtitle Edit files, with the expectations their MANIFEST.md files state.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/support/test_support.h"
#include "tests/unit/srt/srt_test_util.h"

namespace kopru::codecs::srt::testing {
namespace {

namespace fs = std::filesystem;
using kopru::testing::corpus_dir;
using kopru::testing::slurp;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// A UTF-8 file as the loader hands it to the codec: decoded, BOM removed.
std::string utf8_text(const fs::path& path) {
  std::string text = slurp(path);
  if (text.rfind(kBom, 0) == 0)
    text.erase(0, kBom.size());
  return text;
}

Document read_corpus(const fs::path& path, Diagnostics& diag) {
  const std::string text = utf8_text(path);
  return read_srt(text, diag);
}

Document read_corpus(const fs::path& path) {
  Diagnostics diag;
  return read_corpus(path, diag);
}

fs::path androidx(std::string_view name) {
  return corpus_dir() / "androidx-media" / "media" / "subrip" / name;
}

constexpr std::string_view kFirst = "This is the first subtitle.";
constexpr std::string_view kSecond =
    "This is the second subtitle.\nSecond subtitle with second line.";
constexpr std::string_view kThird = "This is the third subtitle.";

void expect_cue(const Cue& cue, std::int64_t start_us, std::int64_t end_us, std::string_view text) {
  EXPECT_EQ(cue.start, Time(start_us * kTicksPerMs / 1000));
  EXPECT_EQ(cue.end, Time(end_us * kTicksPerMs / 1000));
  EXPECT_EQ(plain_text(cue), text);
}

void expect_typical(const Document& doc) {
  ASSERT_EQ(doc.cues.size(), 3U);
  expect_cue(doc.cues[0], 0, 1'234'000, kFirst);
  expect_cue(doc.cues[1], 2'345'000, 3'456'000, kSecond);
  expect_cue(doc.cues[2], 7'204'567'000, 7'208'901'000, kThird);
}

TEST(SrtCorpusAndroidx, Typical) {
  Diagnostics diag;
  expect_typical(read_corpus(androidx("typical"), diag));
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtCorpusAndroidx, ByteOrderMarkRemovedByTheLoader) {
  Diagnostics diag;
  expect_typical(read_corpus(androidx("typical_with_byte_order_mark"), diag));
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtCorpusAndroidx, ByteOrderMarkLeftInTheText) {
  Diagnostics diag;
  const std::string text = slurp(androidx("typical_with_byte_order_mark"));
  ASSERT_EQ(text.rfind(kBom, 0), 0U);
  expect_typical(read_srt(text, diag));
  EXPECT_EQ(codes(diag), "srt-stray-bom");
}

TEST(SrtCorpusAndroidx, ExtraBlankLine) {
  Diagnostics diag;
  expect_typical(read_corpus(androidx("typical_extra_blank_line"), diag));
  EXPECT_EQ(codes(diag), "srt-extra-blank-lines");
}

TEST(SrtCorpusAndroidx, MissingTimecodeSkipsTheBrokenBlocks) {
  Diagnostics diag;
  const Document doc = read_corpus(androidx("typical_missing_timecode"), diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  expect_cue(doc.cues[0], 0, 1'234'000, kFirst);
  expect_cue(doc.cues[1], 7'204'567'000, 7'208'901'000, kThird);
  EXPECT_EQ(codes(diag), "srt-missing-timing srt-bad-timing srt-bad-timing");
}

TEST(SrtCorpusAndroidx, MissingSequence) {
  Diagnostics diag;
  const Document doc = read_corpus(androidx("typical_missing_sequence"), diag);
  // androidx drops the cue without an index; Kopru keeps it and reports the missing index.
  ASSERT_EQ(doc.cues.size(), 3U);
  expect_cue(doc.cues[0], 0, 1'234'000, kFirst);
  expect_cue(doc.cues[1], 2'345'000, 3'456'000, kSecond);
  expect_cue(doc.cues[2], 7'204'567'000, 7'208'901'000, kThird);
  EXPECT_EQ(doc.cues[1].id, "");
  EXPECT_EQ(codes(diag), "srt-missing-index");
}

TEST(SrtCorpusAndroidx, NegativeTimestamps) {
  Diagnostics diag;
  const Document doc = read_corpus(androidx("typical_negative_timestamps"), diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  expect_cue(doc.cues[0], 7'204'567'000, 7'208'901'000, kThird);
  EXPECT_EQ(codes(diag), "srt-negative-time srt-negative-time");
}

TEST(SrtCorpusAndroidx, UnexpectedEnd) {
  Diagnostics diag;
  const Document doc = read_corpus(androidx("typical_unexpected_end"), diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  expect_cue(doc.cues[0], 0, 1'234'000, kFirst);
  expect_cue(doc.cues[1], 2'345'000, 3'456'000, kSecond);
  EXPECT_EQ(codes(diag), "srt-unexpected-eof");
}

TEST(SrtCorpusAndroidx, NoHoursAndMillis) {
  const Document doc = read_corpus(androidx("typical_no_hours_and_millis"));
  ASSERT_EQ(doc.cues.size(), 3U);
  expect_cue(doc.cues[0], 0, 1'234'000, kFirst);
  expect_cue(doc.cues[1], 2'000'000, 3'000'000, kSecond);
  expect_cue(doc.cues[2], 7'204'567'000, 7'208'901'000, kThird);
}

TEST(SrtCorpusAndroidx, Empty) {
  Diagnostics diag;
  EXPECT_TRUE(read_corpus(androidx("empty"), diag).cues.empty());
  EXPECT_TRUE(diag.empty());
}

TEST(SrtCorpusAndroidx, WithTags) {
  Diagnostics diag;
  const Document doc = read_corpus(androidx("typical_with_tags"), diag);
  ASSERT_EQ(doc.cues.size(), 14U);
  EXPECT_EQ(doc.cues[0].placement.alignment, 1);
  EXPECT_EQ(plain_text(doc.cues[0]), "This is  the first subtitle.");
  // "{\ an 2}" is an override block, not an alignment: kept raw, not in the text.
  EXPECT_EQ(doc.cues[1].placement.alignment, 0);
  EXPECT_EQ(plain_text(doc.cues[1]),
            "This is the second subtitle.\nSecond  subtitle with second line.");
  EXPECT_EQ(doc.cues[2].placement.alignment, 2);
  EXPECT_EQ(plain_text(doc.cues[2]), "This  is the third  subtitle.");
  // Space after the brace: not a tag, stays in the text.
  EXPECT_EQ(doc.cues[3].placement.alignment, 0);
  EXPECT_EQ(plain_text(doc.cues[3]),
            "This { \\an2} is not a valid tag due to the space after the opening bracket.");
  EXPECT_EQ(plain_text(doc.cues[4]), "This  is the fifth subtitle with multiple  valid  tags.");
  EXPECT_EQ(doc.cues[4].start, from_ms(13'567));
  for (int i = 5; i < 14; ++i)
    EXPECT_EQ(doc.cues[i].placement.alignment, i - 4) << i;
  EXPECT_TRUE(has_code(diag, "srt-ass-override"));
  EXPECT_TRUE(has_code(diag, "srt-timestamp-digits"));
}

fs::path cdown(std::string_view name) {
  return corpus_dir() / "cdown-srt" / name;
}

void expect_monsters(const Document& doc) {
  ASSERT_EQ(doc.cues.size(), 3U);
  EXPECT_EQ(doc.cues[0].id, "421");
  EXPECT_EQ(doc.cues[0].start, from_ms(((31 * 60) + 37) * 1000 + 894));
  EXPECT_EQ(doc.cues[0].end, from_ms(((31 * 60) + 39) * 1000 + 928));
  EXPECT_EQ(plain_text(doc.cues[0]), "我有个点子\nOK, look, I think I have a plan here.");
  ASSERT_NE(doc.cues[0].format_private.find("timing-extra"), nullptr);
  EXPECT_EQ(*doc.cues[0].format_private.find("timing-extra"), "hack the gibson");
  EXPECT_EQ(doc.cues[1].id, "422");
  EXPECT_EQ(doc.cues[1].start, from_ms(((31 * 60) + 39) * 1000 + 931));
  EXPECT_EQ(doc.cues[1].end, from_ms(((31 * 60) + 41) * 1000 + 931));
  EXPECT_EQ(plain_text(doc.cues[1]), "我们要拿一堆汤匙\nUsing mainly spoons,");
  EXPECT_EQ(doc.cues[2].id, "423");
  EXPECT_EQ(doc.cues[2].start, from_ms(((31 * 60) + 41) * 1000 + 933));
  EXPECT_EQ(doc.cues[2].end, from_ms(((31 * 60) + 43) * 1000 + 435));
}

TEST(SrtCorpusCdown, Monsters) {
  Diagnostics diag;
  expect_monsters(read_corpus(cdown("monsters.srt"), diag));
  EXPECT_EQ(codes(diag), "srt-timing-trailing-text");
}

TEST(SrtCorpusCdown, MonstersWithCrlf) {
  ASSERT_NE(slurp(cdown("monsters-win.srt")).find("\r\n"), std::string::npos);
  Diagnostics diag;
  const Document win = read_corpus(cdown("monsters-win.srt"), diag);
  expect_monsters(win);
  EXPECT_EQ(win.cues, read_corpus(cdown("monsters.srt")).cues);
}

TEST(SrtCorpusCdown, BadOrderParsesInFileOrder) {
  Document doc = read_corpus(cdown("monsters-bad-order.srt"));
  ASSERT_EQ(doc.cues.size(), 3U);
  EXPECT_EQ(doc.cues[0].start, from_ms(((31 * 60) + 39) * 1000 + 931));
  EXPECT_EQ(doc.cues[1].start, from_ms(((31 * 60) + 37) * 1000 + 894));
  std::stable_sort(doc.cues.begin(), doc.cues.end(),
                   [](const Cue& a, const Cue& b) { return a.start < b.start; });
  const Document ordered = read_corpus(cdown("monsters.srt"));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(doc.cues[i].start, ordered.cues[i].start);
    EXPECT_EQ(doc.cues[i].runs, ordered.cues[i].runs);
  }
}

TEST(SrtCorpusCdown, Ascii) {
  Diagnostics diag;
  const Document doc = read_corpus(cdown("srt_tools-ascii.srt"), diag);
  ASSERT_EQ(doc.cues.size(), 3U);
  EXPECT_EQ(doc.cues[0].id, "2");
  EXPECT_EQ(doc.cues[1].id, "4");
  EXPECT_EQ(plain_text(doc.cues[2]), "ascii everywhere");
  EXPECT_EQ(doc.cues[2].end, from_ms(36'570));
  EXPECT_EQ(codes(diag), "srt-index-sequence srt-index-sequence");
}

fs::path irt(std::string_view name) {
  return corpus_dir() / "irt-scf" / "SRT2SRTXML" / "tests" / "files" / name;
}

TEST(SrtCorpusIrt, IdBeginEnd) {
  for (std::string_view name : {"requirement-0701-001.srt", "requirement-0702-001.srt",
                                "requirement-0703-001.srt", "requirement-0704-003.srt"}) {
    Diagnostics diag;
    const Document doc = read_corpus(irt(name), diag);
    ASSERT_EQ(doc.cues.size(), 1U) << name;
    EXPECT_EQ(doc.cues[0].id, "1");
    EXPECT_EQ(doc.cues[0].start, from_ms(1230));
    EXPECT_EQ(doc.cues[0].end, from_ms(3'723'400));
    EXPECT_EQ(plain_text(doc.cues[0]), "This is a test subtitle\nwith two lines of text.");
    EXPECT_TRUE(diag.empty()) << name << dump(diag);
  }
}

TEST(SrtCorpusIrt, NoLines) {
  Diagnostics diag;
  const Document doc = read_corpus(irt("requirement-0704-001.srt"), diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_TRUE(doc.cues[0].runs.empty());
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtCorpusIrt, SingleLineWithUmlauts) {
  const Document doc = read_corpus(irt("requirement-0704-002.srt"));
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(plain_text(doc.cues[0]), "This is a subtitle with the umlauts äöüÄÖÜ.");
}

TEST(SrtCorpusIrt, BareAmpersandAndLessThan) {
  Diagnostics diag;
  const Document doc = read_corpus(irt("requirement-0705-001.srt"), diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(plain_text(doc.cues[0]), "The characters & and < must be escaped in XML.");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtCorpusIrt, FormattingTags) {
  Diagnostics diag;
  const Document doc = read_corpus(irt("requirement-0705-002.srt"), diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  const auto& runs = doc.cues[0].runs;
  ASSERT_EQ(runs.size(), 7U);
  EXPECT_EQ(runs[0], Run::plain("This "));
  EXPECT_EQ(runs[1], Run::plain("is", {span(SpanKind::bold)}));
  EXPECT_EQ(runs[2], Run::plain(" "));
  EXPECT_EQ(runs[3], Run::plain("a", {span(SpanKind::italic)}));
  EXPECT_EQ(runs[4], Run::plain(" "));
  EXPECT_EQ(runs[5].text, "test");
  ASSERT_EQ(runs[5].spans.size(), 1U);
  EXPECT_EQ(runs[5].spans[0].kind, SpanKind::font);
  EXPECT_EQ(runs[5].spans[0].color, (Color{0xFF, 0, 0, 255}));
  EXPECT_EQ(runs[6], Run::plain(" subtitle with the characters & and <."));
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

fs::path subtitleedit(std::string_view name) {
  return corpus_dir() / "subtitleedit" / name;
}

TEST(SrtCorpusSubtitleEdit, Utf8FilesWithBom) {
  struct Expect {
    std::string_view file;
    std::size_t min_cues;
    std::string_view first_text;
  };
  const Expect expects[] = {
      {"seconv-Fixtures/test.srt", 3, "Hello, World!"},
      {"seconv-Fixtures/test2.srt", 2, "Second test file"},
      {"libse-Files/auto_detect_Danish.srt", 50, "Danske underteksster"},
      {"libse-Files/auto_detect_Russian.srt", 50,
       "Ричмонде, штат Вирджиния 1865\nBORGERKRIGENS оформление"},
  };
  for (const auto& e : expects) {
    Diagnostics diag;
    const Document doc = read_corpus(subtitleedit(e.file), diag);
    ASSERT_GE(doc.cues.size(), e.min_cues) << e.file;
    EXPECT_EQ(plain_text(doc.cues[0]), e.first_text) << e.file;
    EXPECT_EQ(diag.count(Severity::warning), 0U) << e.file << dump(diag);
  }
  const Document test = read_corpus(subtitleedit("seconv-Fixtures/test.srt"));
  ASSERT_EQ(test.cues.size(), 3U);
  EXPECT_EQ(test.cues[2].start, from_ms(10'000));
  EXPECT_EQ(test.cues[2].end, from_ms(13'000));
  EXPECT_EQ(plain_text(test.cues[2]), "Testing SeConv subtitle converter.");
}

TEST(SrtCorpus, EveryUtf8FileRoundTripsThroughTheWriter) {
  std::vector<fs::path> files = {androidx("typical"),
                                 androidx("typical_with_tags"),
                                 cdown("monsters.srt"),
                                 irt("requirement-0705-002.srt"),
                                 subtitleedit("libse-Files/auto_detect_Danish.srt"),
                                 subtitleedit("libse-Files/auto_detect_Russian.srt")};
  for (const auto& path : files) {
    const Document first = read_corpus(path);
    const std::string out = write_srt(first);
    const Document second = read_srt(out);
    ASSERT_EQ(second.cues.size(), first.cues.size()) << path;
    for (std::size_t i = 0; i < first.cues.size(); ++i) {
      EXPECT_EQ(second.cues[i].runs, first.cues[i].runs) << path << " cue " << i;
      EXPECT_EQ(second.cues[i].start, first.cues[i].start) << path << " cue " << i;
      EXPECT_EQ(second.cues[i].end, first.cues[i].end) << path << " cue " << i;
      EXPECT_EQ(second.cues[i].placement, first.cues[i].placement) << path << " cue " << i;
    }
    EXPECT_EQ(write_srt(second), out) << path;
  }
}

}  // namespace
}  // namespace kopru::codecs::srt::testing
