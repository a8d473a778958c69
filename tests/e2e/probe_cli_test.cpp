// `kopru probe` as a user runs it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

std::string q(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

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

}  // namespace
}  // namespace kopru::testing
