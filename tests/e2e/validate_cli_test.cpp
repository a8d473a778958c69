// `kopru validate` as a user runs it: exit codes, every violation with line:col, the JSON form.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

const char* kGood =
    R"(<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en"
    ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
  <head><layout><region xml:id="r" tts:origin="10% 80%" tts:extent="80% 10%"/></layout></head>
  <body><div><p region="r" begin="1s" end="2s">Hello</p></div></body>
</tt>
)";

// Three violations: a bad colour, an unresolved style and a region without extent.
const char* kBad =
    R"(<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en"
    ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
  <head>
    <styling><style xml:id="s" tts:color="reddish"/></styling>
    <layout><region xml:id="r"/></layout>
  </head>
  <body><div><p region="r" style="t" begin="1s" end="2s">Hello</p></div></body>
</tt>
)";

TEST(ValidateCli, ConformingFileExitsZero) {
  ScratchDir dir;
  const auto good = dir.write("good.ttml", kGood);
  const auto r = run_kopru("validate " + q(good) + " --profile imsc1.1-text");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("good.ttml: conforms to imsc1.1-text"), std::string::npos) << r.out;
}

TEST(ValidateCli, PrintsEveryViolationWithLineAndColumn) {
  ScratchDir dir;
  const auto bad = dir.write("bad.ttml", kBad);
  const auto r = run_kopru("validate " + q(bad) + " --profile imsc1.1-text");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("bad.ttml:5:32: error: tts:color=\"reddish\": not a colour"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[imsc1.1-style-value]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bad.ttml:6:13: error: <region> r has no tts:extent "
                       "[imsc1.1-8.4.2-region-extent]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("bad.ttml:8:28: error: style \"t\" does not name a <style>"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("bad.ttml: 3 violations of imsc1.1-text"), std::string::npos) << r.out;
}

TEST(ValidateCli, SeveralFilesAndJson) {
  ScratchDir dir;
  const auto good = dir.write("good.ttml", kGood);
  const auto bad = dir.write("bad.ttml", kBad);
  const auto r = run_kopru("validate " + q(good) + " " + q(bad) + " --profile imsc1.1-text --json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["profile"], "imsc1.1-text");
  ASSERT_EQ(j["files"].size(), 2U);
  EXPECT_EQ(j["files"][0]["status"], "conforms");
  EXPECT_TRUE(j["files"][0]["violations"].empty());
  EXPECT_EQ(j["files"][1]["status"], "violates");
  ASSERT_EQ(j["files"][1]["violations"].size(), 3U);
  const auto& first = j["files"][1]["violations"][0];
  EXPECT_EQ(first["line"], 5);
  EXPECT_EQ(first["column"], 32);
  EXPECT_EQ(first["rule"], "imsc1.1-style-value");
  EXPECT_TRUE(first["message"].is_string());
  EXPECT_EQ(j["summary"]["files"], 2);
  EXPECT_EQ(j["summary"]["conforming"], 1);
  EXPECT_EQ(j["summary"]["violating"], 1);
  EXPECT_EQ(j["summary"]["unreadable"], 0);
  EXPECT_EQ(j["summary"]["violations"], 3);
}

TEST(ValidateCli, MalformedXmlIsOneViolation) {
  ScratchDir dir;
  const auto broken =
      dir.write("broken.ttml", "<tt xmlns=\"http://www.w3.org/ns/ttml\">\n<body>\n");
  const auto r = run_kopru("validate " + q(broken) + " --profile dfxp");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("broken.ttml:2:7: error: malformed XML"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[dfxp-xml-well-formed]"), std::string::npos) << r.out;
}

TEST(ValidateCli, UnreadableFileExitsThreeAndOthersAreStillChecked) {
  ScratchDir dir;
  const auto good = dir.write("good.ttml", kGood);
  const auto r =
      run_kopru("validate " + q(dir / "missing.ttml") + " " + q(good) + " --profile imsc1.1-text");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("missing.ttml"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("good.ttml: conforms"), std::string::npos) << r.out;
  const auto json = run_kopru("validate " + q(dir / "missing.ttml") + " --profile dfxp --json");
  EXPECT_EQ(json.exit_code, 3);
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["files"][0]["status"], "unreadable");
  EXPECT_TRUE(j["files"][0]["error"].is_string());
}

TEST(ValidateCli, BadProfileIsAUsageErrorNamingTheValidOnes) {
  ScratchDir dir;
  const auto good = dir.write("good.ttml", kGood);
  const auto r = run_kopru("validate " + q(good) + " --profile imsc2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("imsc1.1-text"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ebu-tt-d"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("dfxp"), std::string::npos) << r.err;
}

TEST(ValidateCli, CorpusEbuTtDSampleConforms) {
  const auto sample = corpus_dir() / "irt-ebu-tt-d-samples/ttml/lineheight-001-ttml.xml";
  const auto r = run_kopru("validate " + q(sample) + " --profile ebu-tt-d");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace kopru::testing
