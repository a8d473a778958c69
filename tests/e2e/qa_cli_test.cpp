// `kopru qa` as a user or a CI job runs it: the terminal lines, exit codes by --fail-on, JSON on
// stdout, --fix writing a repaired copy (the input untouched), --film and --list.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pipeline/cli/app.h"
#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

using cli::kExitBadInput;
using cli::kExitFindings;
using cli::kExitOk;
using cli::kExitUsage;

std::string planted(const std::string& name) {
  return (source_dir() / "tests/qa/planted" / name).string();
}

std::string clean(const std::string& name) {
  return (source_dir() / "tests/qa/clean" / name).string();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(QaCli, TerminalLinesNameFileCueRuleAndCheck) {
  const auto r = run_kopru("qa " + q(planted("reading-speed.kk-Cyrl.srt")) + " --fail-on warning");
  EXPECT_EQ(r.exit_code, kExitFindings) << r.err;
  EXPECT_TRUE(contains(r.out, "reading-speed.kk-Cyrl.srt:cue ")) << r.out;
  EXPECT_TRUE(contains(r.out, ": warning[KQ0203]: ")) << r.out;
  EXPECT_TRUE(contains(r.out, " cps > 17 (reading-speed)")) << r.out;
  EXPECT_TRUE(contains(r.out, "language kk-Cyrl")) << r.out;
}

TEST(QaCli, FailOnDecidesTheExitCode) {
  const std::string file = q(planted("reading-speed.kk-Cyrl.srt"));  // warnings only
  EXPECT_EQ(run_kopru("qa " + file).exit_code, kExitOk);
  EXPECT_EQ(run_kopru("qa " + file + " --fail-on warning").exit_code, kExitFindings);
  EXPECT_EQ(run_kopru("qa " + file + " --fail-on note").exit_code, kExitFindings);
  EXPECT_EQ(run_kopru("qa " + q(planted("dotted-i.tr.srt"))).exit_code, kExitFindings);
  EXPECT_EQ(run_kopru("qa " + q(clean("text.tr.srt")) + " --fail-on note").exit_code, kExitOk);
  const auto bad = run_kopru("qa " + file + " --fail-on fatal");
  EXPECT_EQ(bad.exit_code, kExitUsage);
  EXPECT_TRUE(contains(bad.err, "--fail-on")) << bad.err;
}

TEST(QaCli, JsonOnStdoutHasTheSchema) {
  const auto r = run_kopru("qa " + q(planted("untranslated.uz-Latn.srt")) + " --source " +
                           q(planted("untranslated.source.srt")) + " --json");
  ASSERT_EQ(r.exit_code, kExitFindings) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("findings"));
  bool untranslated = false;
  for (const auto& f : j["findings"]) {
    for (const char* key : {"check", "rule", "severity", "cue", "start_ms", "end_ms", "message"})
      EXPECT_TRUE(f.contains(key)) << key << " in " << f.dump();
    untranslated = untranslated || f["check"] == "untranslated";
  }
  EXPECT_TRUE(untranslated) << r.out;
  EXPECT_EQ(j["language"]["tag"], "uz-Latn");
}

TEST(QaCli, LanguageFromOptionOrDetectedScript) {
  ScratchDir dir;
  const std::string file =
      dir.write("track.srt", "1\n00:00:01,000 --> 00:00:03,000\nСәлеметсіз бе, достар!\n");
  auto r = run_kopru("qa " + q(file));
  EXPECT_TRUE(contains(r.out, "language und-Cyrl")) << r.out;
  // The same Kazakh text declared as Uzbek Latin is the wrong script.
  r = run_kopru("qa " + q(file) + " --lang uz-Latn");
  EXPECT_EQ(r.exit_code, kExitFindings);
  EXPECT_TRUE(contains(r.out, "(script-mismatch)")) << r.out;
  r = run_kopru("qa " + q(file) + " --lang not_a_tag!");
  EXPECT_EQ(r.exit_code, kExitUsage);
}

TEST(QaCli, FixWritesARepairedCopyAndListsEveryChange) {
  ScratchDir dir;
  const std::string input = planted("apostrophe.uz-Latn.srt");
  const std::string before = slurp(input);
  const auto r = run_kopru("qa " + q(input) + " --fix -o " + q(dir / "fixed.uz-Latn.srt"));
  EXPECT_EQ(slurp(input), before) << "the input must never change";
  EXPECT_TRUE(contains(r.err, "fixed (apostrophe)")) << r.err;
  const std::string fixed = slurp(dir / "fixed.uz-Latn.srt");
  EXPECT_TRUE(contains(fixed, "Oʻzbekiston")) << fixed;
  EXPECT_FALSE(contains(fixed, "O'zbekiston")) << fixed;
  // The fixed copy no longer has the problem.
  const auto again = run_kopru("qa " + q(dir / "fixed.uz-Latn.srt") + " --json");
  const auto report = nlohmann::json::parse(again.out);
  for (const auto& f : report["findings"])
    EXPECT_NE(f["check"], "apostrophe") << f.dump();
  EXPECT_EQ(run_kopru("qa " + q(input) + " --fix").exit_code, kExitUsage);
}

TEST(QaCli, FilmGivesDurationAndFrameRate) {
  ScratchDir dir;
  // The sample film is 14 s long at 25 fps: a cue at 20 s is past its end.
  const std::string file = dir.write(
      "late.kk-Cyrl.srt",
      "1\n00:00:02,000 --> 00:00:04,000\nСәлем!\n\n2\n00:00:20,000 --> 00:00:22,000\nСау бол!\n");
  const auto r =
      run_kopru("qa " + q(file) + " --film " + q(source_dir() / "samples/film/kopru-sample.mkv"));
  EXPECT_EQ(r.exit_code, kExitFindings) << r.err;
  EXPECT_TRUE(contains(r.out, "(past-end)")) << r.out;
  EXPECT_TRUE(contains(r.out, "25 fps")) << r.out;
}

TEST(QaCli, ListShowsEveryCheck) {
  const auto r = run_kopru("qa --list --json");
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j.size(), 25U);
  EXPECT_EQ(j[0]["rule"], "KQ0101");
  EXPECT_EQ(run_kopru("qa").exit_code, kExitUsage);
}

TEST(QaCli, PartnerProfileChangesLimitsAndBadProfilesFailWithPosition) {
  ScratchDir dir;
  const std::string strict =
      dir.write("strict.xml",
                "<kopru-qa-profile name=\"strict\" extends=\"netflix\">\n"
                "  <reading-speed max-cps=\"10\"/>\n"
                "  <checks><check name=\"reading-speed\" severity=\"error\"/></checks>\n"
                "</kopru-qa-profile>\n");
  auto r = run_kopru("qa " + q(clean("text.tr.srt")) + " --profile " + q(strict));
  EXPECT_EQ(r.exit_code, kExitFindings) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "error[KQ0203]")) << r.out;
  EXPECT_TRUE(contains(r.out, "> 10 (reading-speed)")) << r.out;
  const std::string bad = dir.write("bad.xml",
                                    "<kopru-qa-profile name=\"bad\">\n"
                                    "  <checks><check name=\"no-such-check\"/></checks>\n"
                                    "</kopru-qa-profile>\n");
  r = run_kopru("qa " + q(clean("text.tr.srt")) + " --profile " + q(bad));
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err;
  EXPECT_TRUE(contains(r.err, "bad.xml:2:")) << r.err;
  EXPECT_TRUE(contains(r.err, "no-such-check")) << r.err;
}

}  // namespace
}  // namespace kopru::testing
