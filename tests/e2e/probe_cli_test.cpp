// `kopru probe` as a user runs it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

TEST(ProbeCli, DescribesAFilmInTextAndJson) {
  const auto film = corpus_dir() / "androidx-media/media/mkv/sample_with_srt.mkv";
  const auto text = run_kopru("probe " + q(film));
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Matroska"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("#2 subtitle subrip en \"Subs Label\" [default]"), std::string::npos)
      << text.out;
  const auto json = run_kopru("probe --json " + q(film));
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["streams"].size(), 3U);
  EXPECT_EQ(j["streams"][2]["language"], "en");
  EXPECT_EQ(j["streams"][2]["text"], true);
  EXPECT_TRUE(json.err.empty()) << "libav's own log must not leak: " << json.err;
}

TEST(ProbeCli, BadFilmsAreInputErrorsAndMissingOnesEnvironmentErrors) {
  ScratchDir dir;
  const std::string garbage = dir.write("garbage.mkv", std::string(3000, '\x1a'));
  const auto bad = run_kopru("probe " + q(garbage));
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("garbage.mkv: error: not a film libav can open"), std::string::npos)
      << bad.err;
  const auto missing = run_kopru("probe " + q(dir / "none.mkv"));
  EXPECT_EQ(missing.exit_code, 4);
}

// MKVToolNix (a test-only dependency, tools/install-deps) writes what libav 5.1 cannot read:
// LanguageBCP47 and the Matroska v4 flags. Kopru's own EBML reader must find them.
TEST(ProbeCli, ReadsMatroskaBcp47TagsAndV4FlagsLibavHides) {
  ScratchDir dir;
  const std::string srt = dir.write("s.srt", "1\n00:00:01,000 --> 00:00:02,000\nSalom\n");
  const std::string film = (dir / "film.mkv").string();
  const std::string command = "mkvmerge -q -o " + q(film) +
                              " --language 0:uz-Latn --track-name '0:Oʻzbekcha' "
                              "--hearing-impaired-flag 0:1 --commentary-flag 0:1 " +
                              q(srt);
  ASSERT_EQ(std::system(command.c_str()), 0) << "mkvmerge is needed: tools/install-deps";
  const auto r = run_kopru("probe --json " + q(film));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto s = nlohmann::json::parse(r.out)["streams"][0];
  EXPECT_EQ(s["language"], "uz-Latn");
  EXPECT_EQ(s["language_source"], "LanguageBCP47");
  EXPECT_EQ(s["title"], "Oʻzbekcha");
  const auto d = s["dispositions"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(d.begin(), d.end(), "hearing_impaired"), d.end());
  EXPECT_NE(std::find(d.begin(), d.end(), "comment"), d.end());
}

TEST(ProbeCli, FindsWebVttTracksLibavCallsUnknown) {
  const auto r = run_kopru(
      "probe --json " + q(corpus_dir() / "androidx-media/media/mkv/sample_with_vtt_subtitles.mkv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  bool found = false;
  const auto j = nlohmann::json::parse(r.out);
  for (const auto& s : j["streams"])
    found = found || (s["codec"] == "webvtt" && s["text"] == true);
  EXPECT_TRUE(found) << r.out;
}

}  // namespace
}  // namespace kopru::testing
