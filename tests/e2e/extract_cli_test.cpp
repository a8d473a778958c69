// `kopru extract` as a user runs it.
#include <gtest/gtest.h>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

TEST(ExtractCli, AllTextTracksGetFilmIndexLanguageNames) {
  ScratchDir dir;
  const auto film = corpus_dir() / "androidx-media/media/mkv/sample_with_srt.mkv";
  const auto r = run_kopru("extract " + q(film) + " --all --out-dir " + q(dir / "subs"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(listing(dir / "subs"), std::vector<std::string>{"sample_with_srt.2.en.srt"});
  EXPECT_EQ(slurp(dir / "subs/sample_with_srt.2.en.srt"),
            "1\n00:00:00,000 --> 00:00:01,234\nThis is the first subtitle.\n\n");
}

TEST(ExtractCli, OneTrackToAnotherFormatKeepsItsLanguage) {
  ScratchDir dir;
  const auto film = corpus_dir() / "androidx-media/media/mkv/sample_with_srt.mkv";
  const auto r = run_kopru("extract " + q(film) + " --track 2 -o " + q(dir / "out.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string json = slurp(dir / "out.json");
  EXPECT_NE(json.find("\"language\": \"en\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"title\": \"Subs Label\""), std::string::npos) << json;
}

TEST(ExtractCli, BitmapTracksAreNamedAndRefused) {
  ScratchDir dir;
  const auto film = corpus_dir() / "androidx-media/media/mkv/sample_with_pgs_subtitles.mkv";
  const auto all = run_kopru("extract " + q(film) + " --all --out-dir " + q(dir / "subs"));
  EXPECT_EQ(all.exit_code, 3);
  EXPECT_NE(all.err.find("pictures of text need OCR"), std::string::npos) << all.err;
  const auto one = run_kopru("extract " + q(film) + " --track 2 -o " + q(dir / "x.srt"));
  EXPECT_EQ(one.exit_code, 2);
  EXPECT_NE(one.err.find("needs OCR"), std::string::npos) << one.err;
  EXPECT_FALSE(fs::exists(dir / "x.srt"));
}

TEST(ExtractCli, UsageMistakes) {
  const auto film = corpus_dir() / "androidx-media/media/mkv/sample_with_srt.mkv";
  EXPECT_EQ(run_kopru("extract " + q(film) + " --out-dir /tmp/x").exit_code, 2) << "no track";
  EXPECT_EQ(run_kopru("extract " + q(film) + " --all").exit_code, 2) << "no output";
  EXPECT_EQ(run_kopru("extract " + q(film) + " --track 0 -o /tmp/x.srt").exit_code, 2)
      << "a video stream";
}

}  // namespace
}  // namespace kopru::testing
