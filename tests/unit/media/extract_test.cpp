// Text subtitle tracks out of the shared corpus films (expected texts and times checked with
// ffmpeg -c copy -f srt/ass and with the androidx-media test expectations).
#include "pipeline/media/extract.h"

#include <gtest/gtest.h>

#include "pipeline/core/error.h"
#include "tests/support/test_support.h"

namespace kopru::media {
namespace {

std::string film(const std::string& relative) {
  return (testing::corpus_dir() / relative).string();
}

TEST(Extract, SubRipFromMatroska) {
  Diagnostics diag;
  const auto tracks =
      extract_tracks(film("androidx-media/media/mkv/sample_with_srt.mkv"), {2}, diag);
  ASSERT_EQ(tracks.size(), 1U);
  EXPECT_EQ(tracks[0].format, "srt");
  EXPECT_EQ(tracks[0].cues, 1U);
  EXPECT_EQ(tracks[0].text, "1\n00:00:00,000 --> 00:00:01,234\nThis is the first subtitle.\n\n");
}

TEST(Extract, NullTerminatedTextStopsAtTheNul) {
  Diagnostics diag;
  const auto tracks = extract_tracks(
      film("androidx-media/media/mkv/sample_with_null_terminated_srt.mkv"), {2}, diag);
  ASSERT_EQ(tracks.size(), 1U);
  EXPECT_EQ(tracks[0].text.find('\0'), std::string::npos);
}

TEST(Extract, AssKeepsTheScriptHeaderAndRebuildsDialogueLines) {
  Diagnostics diag;
  const auto tracks =
      extract_tracks(film("androidx-media/media/mkv/sample_with_ass_subtitles.mkv"), {2}, diag);
  ASSERT_EQ(tracks.size(), 1U);
  EXPECT_EQ(tracks[0].format, "ass");
  const std::string& text = tracks[0].text;
  EXPECT_NE(text.find("Style: Default,Open Sans Semibold,36"), std::string::npos) << text;
  // The header's own "Format: Layer, Start, End, Style, Name, Text" does not describe Matroska
  // blocks: the events section is Kopru's. Empty margins (as this muxer wrote them) mean 0.
  EXPECT_NE(text.find("[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, "
                      "MarginV, Effect, Text\n"
                      "Dialogue: 0,0:00:00.00,0:00:00.50,Default ,Olly,0,0,0,,This is the first "
                      "subtitle.\n"),
            std::string::npos)
      << text;
}

TEST(Extract, WebVttTracksLibavCallsUnknown) {
  Diagnostics diag;
  const std::string path = film("androidx-media/media/mkv/sample_with_vtt_subtitles.mkv");
  EXPECT_THROW((void)extract_tracks(path, {2}, diag), UsageError) << "libav alone cannot";
  const auto tracks = extract_tracks(path, {2}, diag, {2});
  ASSERT_EQ(tracks.size(), 1U);
  EXPECT_EQ(tracks[0].format, "vtt");
  EXPECT_EQ(tracks[0].text,
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.234\nThis is the first subtitle.\n\n");
}

TEST(Extract, MovTextFromMp4) {
  Diagnostics diag;
  const auto tracks =
      extract_tracks(film("subtitleedit/libse-Files/sample_MP4_SRT.mp4"), {2}, diag);
  ASSERT_EQ(tracks.size(), 1U);
  // libav's decoder reads the tx3g style records into ASS override tags; the empty samples
  // between cues are gaps, not cues. Saved as SubRip by default, with exact millisecond times.
  EXPECT_EQ(tracks[0].format, "ass");
  EXPECT_EQ(tracks[0].output_format, "srt");
  EXPECT_EQ(tracks[0].cues, 2U);
  EXPECT_NE(tracks[0].text.find("Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,Line 1\n"),
            std::string::npos)
      << tracks[0].text;
  using Times = std::vector<std::pair<std::int64_t, std::int64_t>>;
  EXPECT_EQ(tracks[0].exact_ms, (Times{{1000, 3000}, {3024, 5023}}));
}

TEST(Extract, BitmapAndNonSubtitleStreamsAreRefusedWithTheReason) {
  Diagnostics diag;
  const std::string pgs = film("androidx-media/media/mkv/sample_with_pgs_subtitles.mkv");
  try {
    (void)extract_tracks(pgs, {2}, diag);
    FAIL() << "a PGS track was extracted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("needs OCR"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)extract_tracks(pgs, {0}, diag), UsageError) << "a video stream";
  EXPECT_THROW((void)extract_tracks(pgs, {9}, diag), UsageError) << "no such stream";
}

}  // namespace
}  // namespace kopru::media
