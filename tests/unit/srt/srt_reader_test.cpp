// SubRip reader: structure, timestamps and the dialects of real files, each repair reported.
#include <gtest/gtest.h>

#include "tests/unit/srt/srt_test_util.h"

namespace kopru::codecs::srt::testing {
namespace {

constexpr std::string_view kTypical =
    "1\n"
    "00:00:00,000 --> 00:00:01,234\n"
    "This is the first subtitle.\n"
    "\n"
    "2\n"
    "00:00:02,345 --> 00:00:03,456\n"
    "This is the second subtitle.\n"
    "Second subtitle with second line.\n"
    "\n"
    "3\n"
    "02:00:04,567 --> 02:00:08,901\n"
    "This is the third subtitle.\n";

void expect_typical(const Document& doc) {
  ASSERT_EQ(doc.cues.size(), 3U);
  EXPECT_EQ(doc.cues[0].id, "1");
  EXPECT_EQ(doc.cues[0].start, from_ms(0));
  EXPECT_EQ(doc.cues[0].end, from_ms(1234));
  EXPECT_EQ(plain_text(doc.cues[0]), "This is the first subtitle.");
  EXPECT_EQ(doc.cues[1].id, "2");
  EXPECT_EQ(doc.cues[1].start, from_ms(2345));
  EXPECT_EQ(doc.cues[1].end, from_ms(3456));
  EXPECT_EQ(plain_text(doc.cues[1]),
            "This is the second subtitle.\nSecond subtitle with second line.");
  EXPECT_EQ(doc.cues[2].id, "3");
  EXPECT_EQ(doc.cues[2].start, from_ms(7'204'567));
  EXPECT_EQ(doc.cues[2].end, from_ms(7'208'901));
  EXPECT_EQ(plain_text(doc.cues[2]), "This is the third subtitle.");
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

TEST(SrtReader, TypicalFile) {
  Diagnostics diag;
  const Document doc = read_srt(kTypical, diag);
  expect_typical(doc);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  EXPECT_EQ(doc.meta.source_format, "srt");
  EXPECT_EQ(doc.cues[0].source_line, 1);
  EXPECT_EQ(doc.cues[1].source_line, 5);
  EXPECT_EQ(doc.cues[2].source_line, 10);
  ASSERT_EQ(doc.cues[1].runs.size(), 3U);
  EXPECT_EQ(doc.cues[1].runs[1].kind, RunKind::line_break);
}

TEST(SrtReader, CrlfAndCrLineEndingsReadTheSame) {
  for (std::string_view ending : {"\r\n", "\r"}) {
    Diagnostics diag;
    const std::string text = replace_all(std::string(kTypical), "\n", ending);
    expect_typical(read_srt(text, diag));
    EXPECT_TRUE(diag.empty()) << dump(diag);
  }
}

TEST(SrtReader, EmptyAndBlankFilesHaveNoCues) {
  Diagnostics diag;
  EXPECT_TRUE(read_srt("", diag).cues.empty());
  EXPECT_TRUE(read_srt("\n\n  \n", diag).cues.empty());
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtReader, NoFinalNewlineAndTrailingBlankLines) {
  Diagnostics diag;
  const Document doc = read_srt(std::string(kTypical) + "\n\n\n", diag);
  expect_typical(doc);
  EXPECT_TRUE(diag.empty()) << dump(diag);
  const std::string cut(kTypical.substr(0, kTypical.size() - 1));
  expect_typical(read_srt(cut));
}

TEST(SrtReader, MissingIndexIsReported) {
  Diagnostics diag;
  const Document doc = read_srt(
      "00:00:01,000 --> 00:00:02,000\nNo index.\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n", diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(doc.cues[0].id, "");
  EXPECT_EQ(doc.cues[1].id, "2");
  EXPECT_EQ(codes(diag), "srt-missing-index");
  EXPECT_EQ(diag.all()[0].where.line, 1);
}

TEST(SrtReader, NonSequentialIndexesAreKeptAsWrittenAndReported) {
  Diagnostics diag;
  const Document doc = read_srt(
      "421\n00:00:01,000 --> 00:00:02,000\nA\n\n7\n00:00:03,000 --> 00:00:04,000\nB\n\n"
      "8\n00:00:05,000 --> 00:00:06,000\nC\n",
      diag);
  ASSERT_EQ(doc.cues.size(), 3U);
  EXPECT_EQ(doc.cues[0].id, "421");
  EXPECT_EQ(doc.cues[1].id, "7");
  EXPECT_EQ(codes(diag), "srt-index-sequence");
  EXPECT_EQ(diag.all()[0].where.line, 5);
  EXPECT_EQ(diag.all()[0].message, "cue index 7 does not follow 421");
}

TEST(SrtReader, MalformedIndexBeforeTimingIsKept) {
  Diagnostics diag;
  const Document doc = read_srt("#1\n00:00:01,000 --> 00:00:02,000\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].id, "#1");
  EXPECT_EQ(codes(diag), "srt-bad-index");
}

TEST(SrtReader, IndexWithBlanksAroundIsTrimmed) {
  Diagnostics diag;
  const Document doc = read_srt(" 12 \n00:00:01,000 --> 00:00:02,000\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].id, "12");
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtReader, DotBeforeMillisecondsIsRepaired) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:00:01.500 --> 00:00:02.250\nA\n", diag, /*strict=*/true);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].start, from_ms(1500));
  EXPECT_EQ(doc.cues[0].end, from_ms(2250));
  EXPECT_EQ(codes(diag), "srt-timestamp-dot");
  EXPECT_EQ(diag.all()[0].where.line, 2);
}

TEST(SrtReader, MissingHoursAndMillisecondsAreRepaired) {
  Diagnostics diag;
  const Document doc =
      read_srt("1\n01:02,003 --> 61:04,500\nA\n\n2\n00:00:02 --> 00:00:03\nB\n", diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(doc.cues[0].start, from_ms(62'003));
  EXPECT_EQ(doc.cues[0].end, from_ms(3'664'500));
  EXPECT_EQ(doc.cues[1].start, from_ms(2000));
  EXPECT_EQ(doc.cues[1].end, from_ms(3000));
  EXPECT_EQ(codes(diag), "srt-timestamp-no-hours srt-timestamp-range srt-timestamp-no-millis");
}

TEST(SrtReader, ShortFractionIsADecimalFraction) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:00:01,5 --> 00:00:02,25\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].start, from_ms(1500));
  EXPECT_EQ(doc.cues[0].end, from_ms(2250));
  EXPECT_EQ(codes(diag), "srt-timestamp-short-millis");
  // Other parsers read ",5" as 5 ms, so with --strict the ambiguity is an error.
  EXPECT_EQ(diag.all()[0].message,
            "fewer than 3 fraction digits in \"00:00:01,5 --> 00:00:02,25\"; read as a decimal "
            "fraction (,5 = 500 ms)");
  // Other parsers read ",5" as 5 ms, so with --strict the ambiguity is an error.
  EXPECT_EQ(error_of("1\n00:00:01,5 --> 00:00:02,250\nA\n", true),
            "test.srt:2:1: error: fewer than 3 fraction digits in \"00:00:01,5 --> 00:00:02,250\"");
}

TEST(SrtReader, LongFractionKeepsExactTicks) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:00:01,2345 --> 00:00:02,000\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].start, Time(871'063'200));  // 1.2345 s
  EXPECT_EQ(codes(diag), "srt-timestamp-digits");
}

TEST(SrtReader, ThreeDigitSecondsAndOneDigitHours) {
  Diagnostics diag;
  const Document doc = read_srt("1\n0:00:013,567 --> 0:00:14,901\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].start, from_ms(13'567));
  EXPECT_EQ(codes(diag), "srt-timestamp-digits");
}

TEST(SrtReader, HoursBeyondTwoDigits) {
  Diagnostics diag;
  const Document doc = read_srt("1\n100:00:00,000 --> 100:00:01,000\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].start, from_seconds(360'000));
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtReader, ArrowWithoutBlanks) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:00:01,000-->00:00:02,000\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].end, from_ms(2000));
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtReader, OutOfRangeMinutesFailInStrictMode) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:75:00,000 --> 00:75:01,000\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].start, from_seconds(75 * 60));
  EXPECT_EQ(codes(diag), "srt-timestamp-range");
  EXPECT_NE(error_of("1\n00:75:00,000 --> 00:75:01,000\nA\n", true), "");
}

TEST(SrtReader, ExtraBlankLinesBetweenCues) {
  Diagnostics diag;
  const Document doc = read_srt(
      "\n1\n00:00:01,000 --> 00:00:02,000\nA\n\n\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n", diag,
      /*strict=*/true);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(plain_text(doc.cues[0]), "A");
  EXPECT_EQ(codes(diag), "srt-extra-blank-lines srt-extra-blank-lines");
  EXPECT_EQ(diag.all()[0].where.line, 1);
  EXPECT_EQ(diag.all()[1].where.line, 6);
  EXPECT_EQ(diag.all()[1].message, "2 extra blank line(s) ignored");
}

TEST(SrtReader, BlankLineInsideTextBelongsToTheCue) {
  Diagnostics diag;
  const Document doc = read_srt(
      "421\n00:31:37,894 --> 00:31:39,928\nFirst line\n\nOK, look.\n\n"
      "422\n00:31:39,931 --> 00:31:41,931\nNext\n",
      diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(plain_text(doc.cues[0]), "First line\n\nOK, look.");
  ASSERT_EQ(doc.cues[0].runs.size(), 4U);
  EXPECT_EQ(doc.cues[0].runs[1].kind, RunKind::line_break);
  EXPECT_EQ(doc.cues[0].runs[2].kind, RunKind::line_break);
  EXPECT_EQ(codes(diag), "srt-blank-line-in-text");
  EXPECT_EQ(diag.all()[0].where.line, 4);
}

TEST(SrtReader, BlankLineThenTimingLineStartsACue) {
  Diagnostics diag;
  const Document doc =
      read_srt("1\n00:00:01,000 --> 00:00:02,000\nA\n\n00:00:03,000 --> 00:00:04,000\nB\n", diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(plain_text(doc.cues[0]), "A");
  EXPECT_EQ(codes(diag), "srt-missing-index");
}

TEST(SrtReader, MissingBlankLineBetweenCues) {
  Diagnostics diag;
  const Document doc = read_srt(
      "1\n00:00:01,000 --> 00:00:02,000\nA\n2\n00:00:03,000 --> 00:00:04,000\nB\n"
      "00:00:05,000 --> 00:00:06,000\nC\n",
      diag);
  ASSERT_EQ(doc.cues.size(), 3U);
  EXPECT_EQ(plain_text(doc.cues[0]), "A");
  EXPECT_EQ(doc.cues[1].id, "2");
  EXPECT_EQ(plain_text(doc.cues[1]), "B");
  EXPECT_EQ(doc.cues[2].id, "");
  EXPECT_EQ(plain_text(doc.cues[2]), "C");
  EXPECT_EQ(codes(diag), "srt-missing-blank-line srt-missing-blank-line srt-missing-index");
  EXPECT_EQ(diag.all()[0].where.line, 4);
  EXPECT_EQ(diag.all()[1].where.line, 7);
}

TEST(SrtReader, EmptyCueText) {
  Diagnostics diag;
  const Document doc =
      read_srt("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n", diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_TRUE(doc.cues[0].runs.empty());
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtReader, DigitsOnlyTextLineStaysText) {
  const Document doc = read_srt("1\n00:00:01,000 --> 00:00:02,000\nThe year\n1984\n");
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(plain_text(doc.cues[0]), "The year\n1984");
}

TEST(SrtReader, BoxCoordinatesAfterTiming) {
  Diagnostics diag;
  const Document doc =
      read_srt("1\n00:00:01,000 --> 00:00:02,000  X1:63 X2:223 y1:43 Y2:58\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  ASSERT_TRUE(doc.cues[0].placement.box.has_value());
  EXPECT_EQ(*doc.cues[0].placement.box, (Placement::Box{63, 223, 43, 58}));
  EXPECT_TRUE(diag.empty()) << dump(diag);
}

TEST(SrtReader, OtherTrailingTextIsKeptForSubRipAndReported) {
  Diagnostics diag;
  const Document doc = read_srt("421\n00:31:37,894 --> 00:31:39,928 trailing words!\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_FALSE(doc.cues[0].placement.box.has_value());
  EXPECT_EQ(doc.cues[0].format_private.format, "srt");
  ASSERT_NE(doc.cues[0].format_private.find("timing-extra"), nullptr);
  EXPECT_EQ(*doc.cues[0].format_private.find("timing-extra"), "trailing words!");
  EXPECT_EQ(codes(diag), "srt-timing-trailing-text");
  EXPECT_EQ(diag.all()[0].where.column, 31);
}

TEST(SrtReader, IncompleteBoxIsTrailingText) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:00:01,000 --> 00:00:02,000 X1:63 X2:223\nA\n", diag);
  EXPECT_FALSE(doc.cues[0].placement.box.has_value());
  EXPECT_EQ(codes(diag), "srt-timing-trailing-text");
}

TEST(SrtReader, StrayByteOrderMarks) {
  Diagnostics diag;
  const Document doc = read_srt(
      "\xEF\xBB\xBF"
      "1\n00:00:01,000 --> 00:00:02,000\nA\n\n\xEF\xBB\xBF"
      "1\n00:00:03,000 --> 00:00:04,000\nB\n",
      diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(doc.cues[0].id, "1");
  EXPECT_EQ(plain_text(doc.cues[1]), "B");
  EXPECT_EQ(codes(diag), "srt-stray-bom srt-stray-bom srt-index-sequence");
}

TEST(SrtReader, NegativeTimesSkipTheCue) {
  Diagnostics diag;
  const Document doc = read_srt(
      "1\n-00:00:02,345 --> 00:00:01,234\nNegative\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(plain_text(doc.cues[0]), "B");
  EXPECT_EQ(codes(diag), "srt-negative-time");
  EXPECT_EQ(error_of("1\n-00:00:02,345 --> 00:00:01,234\nNegative\n", true),
            "test.srt:2:1: error: negative time in \"-00:00:02,345 --> 00:00:01,234\"");
}

TEST(SrtReader, EndBeforeStartIsRepairedOrAnErrorInStrictMode) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:00:05,000 --> 00:00:04,000\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].start, from_ms(5000));
  EXPECT_EQ(doc.cues[0].end, from_ms(5000));
  EXPECT_EQ(codes(diag), "srt-end-before-start");
  EXPECT_EQ(diag.all()[0].message,
            "cue ends before it starts in \"00:00:05,000 --> 00:00:04,000\"; its end is set to "
            "its start");
  EXPECT_EQ(error_of("1\n00:00:05,000 --> 00:00:04,000\nA\n", true),
            "test.srt:2:18: error: cue ends before it starts in \"00:00:05,000 --> "
            "00:00:04,000\"");
}

TEST(SrtReader, ZeroLengthCueIsAccepted) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:00:05,000 --> 00:00:05,000\nA\n", diag, true);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_TRUE(diag.empty());
}

TEST(SrtReader, UnexpectedEndOfFile) {
  Diagnostics diag;
  const Document doc = read_srt("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(codes(diag), "srt-unexpected-eof");
  EXPECT_EQ(diag.all()[0].where.line, 5);
  EXPECT_EQ(error_of("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n", true),
            "test.srt:5:2: error: unexpected end of file after cue index \"2\"");
  EXPECT_EQ(error_of("7", false),
            "test.srt:1:2: error: unexpected end of file after cue index \"7\"");
}

TEST(SrtReader, BrokenBlocksAreSkippedAndReported) {
  Diagnostics diag;
  const Document doc = read_srt(
      "1\n00:00:01,000 --> 00:00:02,000\nA\n\n"
      "2\nno timing here\nmore\n\n"
      "3\n00:00:05 -> 00:00:06\nbad arrow\n\n"
      "4\n00:00:07,000 --> 00:00:08,000\nD\n",
      diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(plain_text(doc.cues[1]), "D");
  EXPECT_EQ(codes(diag), "srt-missing-timing srt-missing-timing");
  EXPECT_EQ(diag.all()[0].message,
            "expected \"HH:MM:SS,mmm --> HH:MM:SS,mmm\" after cue index \"2\", found \"no timing "
            "here\"; the block is skipped");
}

TEST(SrtReader, BadTimingIsSkippedOrAnErrorInStrictMode) {
  const std::string text = "1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:01:02.5 --> 00:xx:04\nB\n";
  Diagnostics diag;
  const Document doc = read_srt(text, diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(codes(diag), "srt-bad-timing");
  EXPECT_EQ(error_of(text, true),
            "test.srt:6:1: error: expected \"HH:MM:SS,mmm --> HH:MM:SS,mmm\", found \"00:01:02.5 "
            "--> 00:xx:04\"");
}

TEST(SrtReader, GarbageFails) {
  EXPECT_EQ(error_of("Hello, world\nThis is not a subtitle file\n", false),
            "test.srt:1:1: error: expected a cue index or \"HH:MM:SS,mmm --> HH:MM:SS,mmm\", "
            "found \"Hello, world\"");
  EXPECT_EQ(error_of("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n", true),
            "test.srt:1:1: error: expected a cue index or \"HH:MM:SS,mmm --> HH:MM:SS,mmm\", "
            "found \"WEBVTT\"");
}

TEST(SrtReader, GarbageBetweenCuesIsSkipped) {
  Diagnostics diag;
  const Document doc = read_srt(
      "garbage\n\n1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n",
      diag);
  ASSERT_EQ(doc.cues.size(), 2U);
  EXPECT_EQ(codes(diag), "srt-unexpected-text");
  EXPECT_NE(error_of("garbage\n\n1\n00:00:01,000 --> 00:00:02,000\nA\n", true), "");
}

TEST(SrtReader, GarbageRightBeforeACueDoesNotSwallowIt) {
  Diagnostics diag;
  const Document doc = read_srt("garbage\n1\n00:00:01,000 --> 00:00:02,000\nA\n", diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(doc.cues[0].id, "1");
  EXPECT_EQ(codes(diag), "srt-unexpected-text");
}

TEST(SrtReader, HugeNumbersAreNotTimestamps) {
  Diagnostics diag;
  EXPECT_NE(error_of("1\n99999999999:00:00,000 --> 00:00:01,000\nA\n", false), "");
  EXPECT_NE(error_of("1\n9999999:00:00,000 --> 00:00:01,000\nA\n", false), "");
  EXPECT_NE(error_of("1\n00:00:00,0000000001 --> 00:00:01,000\nA\n", false), "");
}

TEST(SrtReader, MetadataAndIds) {
  Source source;
  source.path = "x.srt";
  source.text = kTypical;
  source.encoding = "windows-1251";
  Diagnostics diag;
  const Document doc = read(source, ReadOptions{}, diag);
  EXPECT_EQ(doc.meta.source_encoding, "windows-1251");
  EXPECT_EQ(doc.meta.source_format, "srt");
}

TEST(SrtProbe, Scores) {
  EXPECT_GE(probe(kTypical, ""), 90);
  EXPECT_GE(probe(kTypical, "srt"), 90);
  EXPECT_GE(probe("00:00:01,000 --> 00:00:02,000\nA\n", "txt"), 90);
  EXPECT_GE(probe("\xEF\xBB\xBF"
                  "1\n00:00:01,000 --> 00:00:02,000\n",
                  ""),
            90);
  EXPECT_EQ(probe("", "srt"), 30);
  EXPECT_EQ(probe("", "SRT"), 30);
  EXPECT_EQ(probe("random words\n", ".srt"), 30);
  EXPECT_EQ(probe("", "vtt"), 0);
  EXPECT_EQ(probe("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n", "srt"), 0);
  EXPECT_EQ(probe("WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nA\n", ""), 0);
  EXPECT_LT(probe("00:00:01.000 --> 00:00:02.000\nA\n", ""), 50);
  EXPECT_EQ(probe("[Script Info]\nScriptType: v4.00+\n", "ass"), 0);
  EXPECT_EQ(probe("{1}{25}Hello\n", "sub"), 0);
}

}  // namespace
}  // namespace kopru::codecs::srt::testing
