// The command-line contract: exit codes, messages, outputs that appear whole or not at all, and
// inputs that are never touched.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

const char* const kSrt =
    "1\n00:00:01,000 --> 00:00:02,500\nСәлем, <i>дос</i>!\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nQalaysyñ?\nЖақсы.\n";

TEST(Cli, HelpOnEveryVerb) {
  for (const char* verb : {"", "convert ", "info ", "formats ", "translit ", "probe "}) {
    const auto r = run_kopru(std::string(verb) + "--help");
    EXPECT_EQ(r.exit_code, 0) << verb;
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << verb;
  }
  const auto r = run_kopru("");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Cli, ConvertSrtToEveryFormat) {
  ScratchDir dir;
  const std::string in = dir.write("film.kk.srt", kSrt);
  for (const char* ext : {"vtt", "ass", "sbv", "json", "srt2.srt"}) {
    const fs::path out = dir / (std::string("out.") + ext);
    const auto r = run_kopru("convert " + q(in) + " -o " + q(out) + " --fps 25");
    EXPECT_EQ(r.exit_code, 0) << ext << ": " << r.err;
    ASSERT_TRUE(fs::exists(out)) << ext;
    EXPECT_NE(slurp(out).find("Жақсы."), std::string::npos) << ext;
  }
  EXPECT_EQ(slurp(in), kSrt);
  const auto back = run_kopru("info --json " + q(dir / "out.vtt"));
  ASSERT_EQ(back.exit_code, 0) << back.err;
  const auto j = nlohmann::json::parse(back.out);
  EXPECT_EQ(j["format"], "vtt");
  EXPECT_EQ(j["cues"], 2);
  EXPECT_EQ(j["first_start_ms"], 1000);
  EXPECT_EQ(j["last_end_ms"], 4000);
}

TEST(Cli, InfoReportsScriptsAndEncoding) {
  ScratchDir dir;
  const std::string in = dir.write("a.srt", kSrt);
  const auto r = run_kopru("info --json " + q(in));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["encoding"], "UTF-8");
  EXPECT_EQ(j["cues"], 2);
  EXPECT_EQ(j["duration_ms"], 3000);
  EXPECT_EQ(j["shown_ms"], 2500);
  EXPECT_EQ(j["max_lines"], 2);
  ASSERT_EQ(j["scripts"].size(), 2U);
  EXPECT_EQ(j["scripts"][0]["script"], "Cyrl");
  EXPECT_EQ(j["scripts"][1]["script"], "Latn");
  const auto text = run_kopru("info " + q(in));
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Cyrl"), std::string::npos);
  const auto dumped = run_kopru("info --dump " + q(in));
  EXPECT_NE(dumped.out.find("| text \"дос\" [i]"), std::string::npos) << dumped.out;
}

TEST(Cli, UsageErrorsExit2) {
  ScratchDir dir;
  const std::string in = dir.write("a.srt", kSrt);
  EXPECT_EQ(run_kopru("convert " + q(in)).exit_code, 2);  // neither -o nor --out-dir
  EXPECT_EQ(run_kopru("convert " + q(in) + " " + q(in) + " -o " + q(dir / "x.vtt")).exit_code, 2);
  EXPECT_EQ(run_kopru("convert " + q(in) + " -o " + q(dir / "x.unknown")).exit_code, 2);
  EXPECT_EQ(run_kopru("convert " + q(in) + " --out-dir " + q(dir / "o") + " --to nope").exit_code,
            2);
  EXPECT_EQ(run_kopru("convert " + q(in) + " -o " + q(dir / "x.vtt") + " --fps abc").exit_code, 2);
  EXPECT_EQ(run_kopru("convert " + q(in) + " -o " + q(in)).exit_code, 2);  // would overwrite input
  EXPECT_EQ(run_kopru("convert --bogus " + q(in)).exit_code, 2);
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"a.srt"});
  EXPECT_EQ(slurp(in), kSrt);
}

TEST(Cli, BadInputExit3WithLocationAndNoOutput) {
  ScratchDir dir;
  const std::string bad = "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nnot a timestamp\nx\n";
  const std::string in = dir.write("bad.srt", bad);
  const auto r = run_kopru("convert --strict " + q(in) + " -o " + q(dir / "out.vtt"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex("bad\\.srt:[0-9]+:[0-9]+: error: "))) << r.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"bad.srt"});
  EXPECT_EQ(slurp(in), bad);
}

TEST(Cli, EmptyAndGarbageFilesExit3) {
  ScratchDir dir;
  const std::string empty = dir.write("empty.srt", "");
  auto r = run_kopru("convert " + q(empty) + " -o " + q(dir / "o.vtt"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("empty.srt"), std::string::npos);
  std::string garbage;
  std::uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245U + 12345U;
    garbage += static_cast<char>(x >> 24U);
  }
  const std::string g = dir.write("garbage.bin", garbage);
  r = run_kopru("convert " + q(g) + " -o " + q(dir / "o.vtt"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_FALSE(fs::exists(dir / "o.vtt"));
  EXPECT_EQ(slurp(g), garbage);
}

TEST(Cli, MissingInputExit4) {
  ScratchDir dir;
  const auto r = run_kopru("convert " + q(dir / "nope.srt") + " -o " + q(dir / "o.vtt"));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("nope.srt"), std::string::npos);
}

TEST(Cli, BatchConvertsGoodFilesAndReportsBadOnes) {
  ScratchDir dir;
  std::string inputs;
  for (int i = 0; i < 40; ++i) {
    inputs += " " + q(dir.write("in/f" + std::to_string(i) + ".srt", kSrt));
  }
  inputs += " " + q(dir.write("in/broken.srt", std::string("\0\1\2garbage", 10)));
  const auto r = run_kopru("convert" + inputs + " --out-dir " + q(dir / "out") + " --to vtt -j 2");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("broken.srt"), std::string::npos);
  EXPECT_NE(r.err.find("converted 40 of 41 files"), std::string::npos) << r.err;
  const auto out = listing(dir / "out");
  EXPECT_EQ(out.size(), 40U);
  EXPECT_TRUE(std::find(out.begin(), out.end(), "broken.vtt") == out.end());
  EXPECT_EQ(slurp(dir / "out" / "f7.vtt"), slurp(dir / "out" / "f8.vtt"));
}

TEST(Cli, OutDirCollisionsAreRefusedBeforeWork) {
  ScratchDir dir;
  const std::string a = dir.write("a/x.srt", kSrt);
  const std::string b = dir.write("b/x.srt", kSrt);
  const auto r =
      run_kopru("convert " + q(a) + " " + q(b) + " --out-dir " + q(dir / "o") + " --to vtt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(dir / "o" / "x.vtt"));
}

TEST(Cli, BomAndCrlfOnRequest) {
  ScratchDir dir;
  const std::string in = dir.write("a.srt", kSrt);
  ASSERT_EQ(run_kopru("convert " + q(in) + " -o " + q(dir / "o.srt") + " --bom --crlf").exit_code,
            0);
  const std::string out = slurp(dir / "o.srt");
  EXPECT_EQ(out.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(out.find("\r\n"), std::string::npos);
  EXPECT_EQ(out.find("\n\n"), std::string::npos);
}

}  // namespace
}  // namespace kopru::testing

namespace kopru::testing {
namespace {

TEST(Cli, RepeatedDiagnosticsAreSummarised) {
  ScratchDir dir;
  std::string srt;
  for (int i = 0; i < 25; ++i) {
    srt += std::to_string(i + 1) + "\n00:00:0" + std::to_string(i % 10) + ",000 --> 00:00:0" +
           std::to_string(i % 10) + ",500\n<font color=\"#123456\">x</font>\n\n";
  }
  const std::string in = dir.write("a.srt", srt);
  const auto r = run_kopru("convert '" + in + "' -o '" + (dir / "a.vtt").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t lines = 0;
  for (char c : r.err)
    lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 11U) << r.err;  // ten warnings and one summary
  EXPECT_NE(r.err.find("note: 15 more [vtt-lossy-markup] not shown"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kopru::testing
