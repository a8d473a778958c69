// Hostile input never crashes or goes quadratic; and the reader keeps its throughput target.
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <random>

#include "tests/unit/srt/srt_test_util.h"

namespace kopru::codecs::srt::testing {
namespace {

// Work that must stay linear (1 MB lines, thousands of blank lines) has no time assertion here:
// speed belongs to tools/bench/, and a quadratic blow-up trips the CTest timeout.

// Reads `text`; only ParseError may escape.
std::size_t read_any(std::string_view text, bool strict = false) {
  Diagnostics diag;
  try {
    return read_srt(text, diag, strict).cues.size();
  } catch (const ParseError&) {
    return 0;
  }
}

std::string cue_with_line(const std::string& line) {
  return "1\n00:00:01,000 --> 00:00:02,000\n" + line + "\n";
}

TEST(SrtRobustness, MegabyteLinesStayLinear) {
  const std::size_t n = 1 << 20;
  const std::string patterns[] = {std::string(n, '<'), std::string(n, '{'), std::string(n, '&'),
                                  std::string(n, '>')};
  for (const auto& line : patterns) {
    Diagnostics diag;
    const Document doc = read_srt(cue_with_line(line), diag);
    ASSERT_EQ(doc.cues.size(), 1U);
    EXPECT_EQ(plain_text(doc.cues[0]).size(), n);
  }
  std::string tags;
  while (tags.size() < n)
    tags += "<i>a</i><x>{\\b1}&amp;</b>{\\an5}";
  Diagnostics diag;
  const Document doc = read_srt(cue_with_line(tags), diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_LT(diag.all().size(), 10U);  // one per kind per cue
  std::string deep;
  while (deep.size() < n)
    deep += "<i>";
  EXPECT_EQ(read_any(cue_with_line(deep)), 1U);
  EXPECT_EQ(read_any(std::string(n, '1')), 0U);
  EXPECT_EQ(read_any("1\n" + std::string(n, '0') + " --> 00:00:01,000\nA\n"), 0U);
  EXPECT_EQ(read_any(std::string(n, '\n')), 0U);
  std::string arrows;
  while (arrows.size() < n)
    arrows += "-->";
  EXPECT_EQ(read_any(arrows), 0U);
}

TEST(SrtRobustness, ManyBlankLinesInsideTextStayLinear) {
  std::string text = "1\n00:00:01,000 --> 00:00:02,000\nA\n";
  for (int i = 0; i < 100'000; ++i)
    text += "\nx";
  EXPECT_EQ(read_any(text), 1U);
}

TEST(SrtRobustness, NulAndControlCharacters) {
  const std::string text = "1\n00:00:01,000 --> 00:00:02,000\n" + std::string("A\0B\x01", 4) + "\n";
  Diagnostics diag;
  const Document doc = read_srt(text, diag);
  ASSERT_EQ(doc.cues.size(), 1U);
  EXPECT_EQ(plain_text(doc.cues[0]), std::string("A\0B\x01", 4));
  EXPECT_EQ(read_any(std::string(1000, '\0')), 0U);
}

TEST(SrtRobustness, TruncatedEverywhere) {
  const std::string text =
      "1\n00:00:01,000 --> 00:00:02,000 X1:1 X2:2 Y1:3 Y2:4\n<i>{\\an8}Hello &amp; "
      "<font color=\"red\">you</font>\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n";
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    read_any(text.substr(0, cut));
    read_any(text.substr(0, cut), true);
  }
}

TEST(SrtRobustness, RandomBytesNeverCrash) {
  std::mt19937 rng(12345);
  const std::string alphabet = "0123456789:,.-> \n\r<>/ibusfont=\"#{}\\an&;X12Y\xEF\xBB\xBF";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t len = rng() % 200;
    for (std::size_t i = 0; i < len; ++i)
      text += alphabet[pick(rng)];
    read_any(text);
    read_any(text, true);
    Diagnostics diag;
    try {
      const Document doc = read_srt(text, diag);
      const std::string out = write_srt(doc);
      const Document back = read_srt(out);
      ASSERT_EQ(back.cues.size(), doc.cues.size()) << quoted(text) << "\n" << out;
      EXPECT_EQ(write_srt(back), out) << quoted(text);
      for (std::size_t i = 0; i < doc.cues.size(); ++i) {
        EXPECT_EQ(plain_text(back.cues[i]), plain_text(doc.cues[i])) << quoted(text) << "\n" << out;
      }
    } catch (const ParseError&) {
    }
  }
}

}  // namespace
}  // namespace kopru::codecs::srt::testing
