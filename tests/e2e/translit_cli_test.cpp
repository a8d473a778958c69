// `kopru translit` and `kopru convert --translit` as a user runs them, with the real rule files.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

const char* const kUzbekSrt =
    "1\n00:00:01,000 --> 00:00:02,500\n<i>Салом,</i> Юлдуз!\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\n{\\an8}ЎЗБЕКИСТОН\nhttps://kun.uz 2024\n";

const char* const kUzbekLatinSrt =
    "1\n00:00:01,000 --> 00:00:02,500\n<i>Salom,</i> Yulduz!\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\n{\\an8}OʻZBEKISTON\nhttps://kun.uz 2024\n\n";

TEST(TranslitCli, SrtKeepsMarkupTimingAndNumbers) {
  ScratchDir dir;
  const std::string in = dir.write("film.uz-Cyrl.srt", kUzbekSrt);
  const auto r =
      run_kopru("translit " + q(in) + " -o " + q(dir / "out.srt") + " --from uz-Cyrl --to uz-Latn");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(dir / "out.srt"), kUzbekLatinSrt);
  EXPECT_EQ(slurp(in), kUzbekSrt) << "the input must never change";
}

TEST(TranslitCli, OutDirRenamesTheTagAndKeepsTheFormat) {
  ScratchDir dir;
  const std::string a = dir.write("film.uz-Cyrl.srt", kUzbekSrt);
  const std::string b = dir.write("trailer.srt", kUzbekSrt);
  const auto r = run_kopru("translit " + q(a) + " " + q(b) + " --out-dir " + q(dir / "out") +
                           " --from uz-Cyrl --to uz-Latn");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(listing(dir / "out"),
            (std::vector<std::string>{"film.uz-Latn.srt", "trailer.uz-Latn.srt"}));
  EXPECT_EQ(slurp(dir / "out" / "film.uz-Latn.srt"), kUzbekLatinSrt);
}

TEST(TranslitCli, ConvertTransliteratesInTheSamePass) {
  ScratchDir dir;
  const std::string in = dir.write("film.uz-Cyrl.srt", kUzbekSrt);
  const auto r = run_kopru("convert " + q(in) + " --out-dir " + q(dir / "out") +
                           " --to vtt --translit uz-Cyrl:uz-Latn");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string vtt = slurp(dir / "out" / "film.uz-Latn.vtt");
  EXPECT_NE(vtt.find("<i>Salom,</i> Yulduz!"), std::string::npos) << vtt;
  const auto json =
      run_kopru("convert " + q(in) + " -o " + q(dir / "out.json") + " --translit uz-Cyrl:uz-Latn");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(dir / "out.json"))["metadata"]["language"], "uz-Latn");
}

TEST(TranslitCli, ApostropheStyles) {
  ScratchDir dir;
  const std::string in = dir.write("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nЎғил маъно\n");
  for (const auto& [style, expected] :
       std::vector<std::pair<std::string, std::string>>{{"unicode", "Oʻgʻil maʼno"},
                                                        {"typographic", "O‘g‘il ma’no"},
                                                        {"ascii", "O'g'il ma'no"}}) {
    std::string args = "translit " + q(in) + " -o " + q(dir / (style + ".srt"));
    args += " --from uz-Cyrl --to uz-Latn --apostrophes ";
    args += style;
    const auto r = run_kopru(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(slurp(dir / (style + ".srt")).find(expected), std::string::npos) << style;
  }
  const auto bad = run_kopru("translit " + q(in) + " -o " + q(dir / "x.srt") +
                             " --from uz-Cyrl --to uz-Latn --apostrophes fancy");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--apostrophes"), std::string::npos) << bad.err;
}

TEST(TranslitCli, TextModeReadsStdinLineByLine) {
  ScratchDir dir;
  const std::string in = dir.write("in.txt", "Юлдуз\n\nАҚШ\n");
  const auto r = run_kopru("translit --text --from uz-Cyrl --to uz-Latn", in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Yulduz\n\nAQSH\n");
}

TEST(TranslitCli, TextModeReportsNormalisationsWithLineAndColumn) {
  ScratchDir dir;
  const std::string in = dir.write("in.txt", "bu o'g'il\n");
  const auto r = run_kopru("translit --text --from uz-Latn --to uz-Cyrl", in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "бу ўғил\n");
  EXPECT_NE(r.err.find("<stdin>:1:5: note: apostrophe"), std::string::npos) << r.err;
}

TEST(TranslitCli, ListShowsEveryDirectionWithItsStatus) {
  const auto r = run_kopru("translit --list --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  std::set<std::string> pairs;
  for (const auto& d : j)
    pairs.insert(d["from"].get<std::string>() + ">" + d["to"].get<std::string>());
  for (const char* wanted :
       {"uz-Cyrl>uz-Latn", "uz-Latn>uz-Cyrl", "az-Cyrl>az-Latn", "az-Latn>az-Cyrl",
        "kk-Cyrl>kk-Latn", "kk-Latn>kk-Cyrl", "tk-Cyrl>tk-Latn", "tk-Latn>tk-Cyrl",
        "ky-Cyrl>ky-Latn", "ky-Latn>ky-Cyrl", "ug-Arab>ug-Latn", "ug-Arab>ug-Cyrl",
        "ug-Latn>ug-Arab", "ug-Cyrl>ug-Arab", "tt-Cyrl>tt-Latn"}) {
    EXPECT_TRUE(pairs.contains(wanted)) << wanted;
  }
  const auto text = run_kopru("translit --list");
  EXPECT_NE(text.out.find("experimental"), std::string::npos) << "Tatar is experimental";
}

TEST(TranslitCli, WrongSourceScriptIsAnErrorAndWritesNothing) {
  ScratchDir dir;
  const std::string in = dir.write("film.srt", kUzbekLatinSrt);
  const auto r =
      run_kopru("translit " + q(in) + " -o " + q(dir / "out.srt") + " --from uz-Cyrl --to uz-Latn");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("is written in Latin"), std::string::npos) << r.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"film.srt"});
  // The same check with several threads (the whole-document path).
  const auto parallel = run_kopru("translit " + q(in) + " -o " + q(dir / "out.srt") +
                                  " --from uz-Cyrl --to uz-Latn -j 2");
  EXPECT_EQ(parallel.exit_code, 3);
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"film.srt"});
}

TEST(TranslitCli, UnknownDirectionsAndTagsAreUsageErrors) {
  ScratchDir dir;
  const std::string in = dir.write("film.srt", kUzbekSrt);
  const auto none =
      run_kopru("translit " + q(in) + " -o " + q(dir / "o.srt") + " --from uz-Cyrl --to de-Latn");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no transliteration from uz-Cyrl to de-Latn"), std::string::npos);
  const auto no_script =
      run_kopru("translit " + q(in) + " -o " + q(dir / "o.srt") + " --from uz --to uz-Latn");
  EXPECT_EQ(no_script.exit_code, 2);
  EXPECT_NE(no_script.err.find("with a script"), std::string::npos) << no_script.err;
  const auto spec = run_kopru("convert " + q(in) + " -o " + q(dir / "o.srt") + " --translit uz");
  EXPECT_EQ(spec.exit_code, 2);
  EXPECT_NE(spec.err.find("FROM:TO"), std::string::npos) << spec.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"film.srt"});
}

TEST(TranslitCli, ParallelAndStreamingOutputsAreIdentical) {
  ScratchDir dir;
  std::string srt;
  for (int i = 0; i < 500; ++i) {
    srt += std::to_string(i + 1) + "\n00:00:0" + std::to_string(i % 10) + ",000 --> 00:00:0" +
           std::to_string(i % 10) + ",500\nЮлдуз " + std::to_string(i) + " цирк ва АҚШ\n\n";
  }
  const std::string in = dir.write("big.srt", srt);
  const auto one = run_kopru("translit " + q(in) + " -o " + q(dir / "one.srt") +
                             " --from uz-Cyrl --to uz-Latn -j 1");
  const auto two = run_kopru("translit " + q(in) + " -o " + q(dir / "two.srt") +
                             " --from uz-Cyrl --to uz-Latn -j 2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(slurp(dir / "one.srt"), slurp(dir / "two.srt"));
}

TEST(TranslitCli, WorkerProcessesGiveTheSameOutputAndDiagnosticsAsOneProcess) {
  ScratchDir dir;
  std::string srt;
  for (int i = 0; i < 10000; ++i) {
    // Every 997th cue has a Latin "a" in a Cyrillic word: a warning with its cue number.
    srt += std::to_string(i + 1) + "\n00:00:01,000 --> 00:00:02,000\n<i>Юлдуз</i> " +
           std::to_string(i) + (i % 997 == 0 ? " пaпа" : " ер") + "\nЦирк ва АҚШ" +
           std::to_string(i % 50) + "\n\n";
  }
  const std::string in = dir.write("big.srt", srt);
  const auto one = run_kopru("translit " + q(in) + " -o " + q(dir / "one.srt") +
                             " --from uz-Cyrl --to uz-Latn -j 1");
  const auto three = run_kopru("translit " + q(in) + " -o " + q(dir / "three.srt") +
                               " --from uz-Cyrl --to uz-Latn -j 3");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(three.exit_code, 0) << three.err;
  EXPECT_EQ(slurp(dir / "one.srt"), slurp(dir / "three.srt"));
  EXPECT_EQ(one.err, three.err);
  EXPECT_NE(one.err.find("cue 8974, line 1"), std::string::npos) << one.err;
}

}  // namespace
}  // namespace kopru::testing
