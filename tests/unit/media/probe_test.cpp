// kopru probe's facts against real films of the shared corpus (checked with ffprobe).
#include "pipeline/media/probe.h"

#include <gtest/gtest.h>

#include "pipeline/core/error.h"
#include "tests/support/test_support.h"

namespace kopru::media {
namespace {

MediaInfo probe_corpus(const std::string& relative) {
  Diagnostics diag;
  return probe((testing::corpus_dir() / relative).string(), diag);
}

TEST(Probe, MatroskaWithSubRip) {
  const MediaInfo info = probe_corpus("androidx-media/media/mkv/sample_with_srt.mkv");
  EXPECT_EQ(info.container, "matroska,webm");
  EXPECT_NEAR(info.duration_seconds, 1.234, 0.001);
  ASSERT_EQ(info.streams.size(), 3U);
  EXPECT_EQ(info.streams[0].type, "video");
  EXPECT_EQ(info.streams[0].codec, "h264");
  EXPECT_EQ(info.streams[0].width, 1080);
  EXPECT_EQ(info.streams[1].type, "audio");
  EXPECT_EQ(info.streams[1].codec, "ac3");
  EXPECT_EQ(info.streams[1].channels, 1);
  const StreamInfo& subs = info.streams[2];
  EXPECT_EQ(subs.type, "subtitle");
  EXPECT_EQ(subs.codec, "subrip");
  EXPECT_EQ(subs.language, "en");
  EXPECT_EQ(subs.language_source, "container");
  EXPECT_EQ(subs.title, "Subs Label");
  EXPECT_EQ(subs.dispositions, std::vector<std::string>{"default"});
  EXPECT_TRUE(subs.text);
  EXPECT_FALSE(subs.bitmap);
}

TEST(Probe, BitmapSubtitlesAreMarked) {
  const MediaInfo info = probe_corpus("subtitleedit/libse-Files/sample_MKV_VobSub_PGS.mkv");
  ASSERT_EQ(info.streams.size(), 3U);
  EXPECT_EQ(info.streams[1].codec, "dvd_subtitle");
  EXPECT_TRUE(info.streams[1].bitmap);
  EXPECT_EQ(info.streams[2].codec, "hdmv_pgs_subtitle");
  EXPECT_TRUE(info.streams[2].bitmap);
  EXPECT_FALSE(info.streams[2].text);
}

TEST(Probe, Mp4WithMovText) {
  const MediaInfo info = probe_corpus("subtitleedit/libse-Files/sample_MP4_SRT.mp4");
  EXPECT_EQ(info.container, "mov,mp4,m4a,3gp,3g2,mj2");
  ASSERT_EQ(info.streams.size(), 3U);
  EXPECT_EQ(info.streams[0].codec, "aac");
  EXPECT_EQ(info.streams[0].sample_rate, 32000);
  EXPECT_EQ(info.streams[0].language, "en");
  EXPECT_EQ(info.streams[2].codec, "mov_text");
  EXPECT_TRUE(info.streams[2].text);
}

TEST(Probe, TransportStreamWithTeletext) {
  const MediaInfo info = probe_corpus("subtitleedit/libse-Files/sample_TS_with_teletext.ts");
  EXPECT_EQ(info.container, "mpegts");
  ASSERT_EQ(info.streams.size(), 1U);
  EXPECT_EQ(info.streams[0].codec, "dvb_teletext");
  EXPECT_FALSE(info.streams[0].text);
  EXPECT_FALSE(info.streams[0].bitmap);
}

TEST(Probe, GarbageAndMissingFilesAreClearErrors) {
  const auto dir = std::filesystem::temp_directory_path() / "kopru-probe-test";
  std::filesystem::create_directories(dir);
  testing::spit(dir / "garbage.mkv", std::string(5000, 'x'));
  Diagnostics diag;
  try {
    (void)probe((dir / "garbage.mkv").string(), diag);
    FAIL() << "garbage accepted";
  } catch (const ParseError& e) {
    EXPECT_NE(e.formatted().find("garbage.mkv: error: not a film libav can open"),
              std::string::npos)
        << e.formatted();
  }
  EXPECT_THROW((void)probe((dir / "missing.mkv").string(), diag), EnvironmentError);
  // A real film cut short still opens or fails cleanly, whatever the cut.
  const std::string film =
      testing::slurp(testing::corpus_dir() / "androidx-media/media/mkv/sample_with_srt.mkv");
  for (std::size_t cut = 0; cut < film.size(); cut += 997) {
    testing::spit(dir / "cut.mkv", film.substr(0, cut));
    try {
      (void)probe((dir / "cut.mkv").string(), diag);
    } catch (const ParseError&) {
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kopru::media
