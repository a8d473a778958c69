// `kopru convert` of Turkic subtitles to EBU STL (each code table) and SCC, whose character sets
// cannot store every letter: refused with exit 3 and every character listed, or, with --replace,
// written with the documented fallbacks (locales/carry/) and each replacement reported.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "codecs/registry.h"
#include "pipeline/io/load.h"
#include "pipeline/text/carry.h"
#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

struct Sample {
  std::string name;  // test name
  std::string file;  // the input's file name (its language tag tells Kopru the language)
  std::string srt;
};

const Sample kAzerbaijani{"Azerbaijani", "film.az.srt",
                          "1\n00:00:01,000 --> 00:00:03,000\nƏziz, gəl bura!\n\n"
                          "2\n00:00:04,000 --> 00:00:06,000\n<i>Şəki</i> yaxşıdır.\n"};
const Sample kKazakh{"Kazakh", "film.kk.srt",
                     "1\n00:00:01,000 --> 00:00:03,000\nҚазақстан — әсем ел.\n\n"
                     "2\n00:00:04,000 --> 00:00:06,000\nБұл үй.\nІні келді.\n"};
const Sample kTurkish{"Turkish", "film.tr.srt",
                      "1\n00:00:01,000 --> 00:00:03,000\nİstanbul’da şarkı söyledik…\n\n"
                      "2\n00:00:04,000 --> 00:00:06,000\n“Güzel!” dedi Ayşe.\n"};
const Sample kUyghur{"Uyghur", "film.ug.srt",
                     "1\n00:00:01,000 --> 00:00:03,000\nئۇيغۇر تىلى\n\n"
                     "2\n00:00:04,000 --> 00:00:06,000\nياخشىمۇسىز؟\n"};

struct Target {
  std::string name;     // test name
  std::string format;   // codec
  std::string charset;  // --charset, or empty
};

std::string convert_args(const std::string& in, const fs::path& out, const Target& target) {
  std::string args = "convert " + q(in) + " -o " + q(out);
  if (!target.charset.empty())
    args += " --charset " + target.charset;
  return args;
}

io::Loaded load(const fs::path& path) {
  Diagnostics diag(path.string());
  return io::load_file(path, io::LoadOptions{}, diag);
}

std::vector<std::string> texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Cue& cue : doc.cues)
    out.push_back(plain_text(cue));
  return out;
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

std::string hex(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

// What the writer's own repertoire says about the input, computed in-process: the CLI must list
// exactly these characters and write exactly these replacements.
struct Expected {
  codecs::Repertoire repertoire;
  std::vector<UncarriedCharacter> uncarried;
  std::vector<std::string> replaced;  // plain text per cue after --replace
  std::size_t changed_lines = 0;
};

Expected expect(const std::string& in, const Target& target) {
  const io::Loaded loaded = load(in);
  const codecs::Codec* codec = codecs::find_codec(target.format);
  codecs::WriteOptions options;
  options.charset = target.charset;
  Expected e;
  e.repertoire = codec->repertoire(loaded.doc, options);
  e.uncarried = find_uncarried(loaded.doc, e.repertoire);
  Diagnostics diag;
  e.replaced = texts(replace_uncarried(loaded.doc, e.repertoire, diag));
  std::set<std::pair<std::size_t, int>> lines;
  for (const UncarriedCharacter& u : e.uncarried)
    lines.emplace(u.cue, u.line);
  e.changed_lines = lines.size();
  return e;
}

class CarryCli : public ::testing::TestWithParam<std::tuple<Sample, Target>> {};

TEST_P(CarryCli, RefusedWithEveryCharacterListedAndNoOutput) {
  const auto& [sample, target] = GetParam();
  ScratchDir dir;
  const std::string in = dir.write(sample.file, sample.srt);
  const fs::path out = dir / ("out." + target.format);
  const Expected e = expect(in, target);
  const auto r = run_kopru(convert_args(in, out, target));
  if (e.uncarried.empty()) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return;
  }
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find(in + ": error: " + e.repertoire.name + " cannot store " +
                       std::to_string(e.uncarried.size()) + " character"),
            std::string::npos)
      << r.err;
  for (const UncarriedCharacter& u : e.uncarried) {
    const std::string line = in + ":" + std::to_string(u.source_line) + ": cue " +
                             std::to_string(u.cue) + ", line " + std::to_string(u.line) +
                             ", column " + std::to_string(u.column) + ": " + hex(u.character);
    EXPECT_NE(r.err.find(line), std::string::npos) << line << "\n" << r.err;
  }
  EXPECT_EQ(count_of(r.err, ": cue "), e.uncarried.size()) << r.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{sample.file}) << "no output may be left";
}

TEST_P(CarryCli, ReplaceWritesTheFallbacksAndReportsEachLine) {
  const auto& [sample, target] = GetParam();
  ScratchDir dir;
  const std::string in = dir.write(sample.file, sample.srt);
  const fs::path out = dir / ("out." + target.format);
  const Expected e = expect(in, target);
  const auto r = run_kopru(convert_args(in, out, target) + " --replace");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_of(r.err, "[carry-replaced]"), e.changed_lines) << r.err;
  EXPECT_EQ(count_of(r.err, "cannot store"), 0U) << r.err;
  EXPECT_EQ(texts(load(out).doc), e.replaced);
}

const Sample kSamples[] = {kAzerbaijani, kKazakh, kTurkish, kUyghur};
const Target kTargets[] = {{"StlLatin", "stl", "latin"},   {"StlCyrillic", "stl", "cyrillic"},
                           {"StlArabic", "stl", "arabic"}, {"StlGreek", "stl", "greek"},
                           {"StlHebrew", "stl", "hebrew"}, {"Scc", "scc", ""}};

std::string case_name(const ::testing::TestParamInfo<std::tuple<Sample, Target>>& param_info) {
  return std::get<0>(param_info.param).name + "To" + std::get<1>(param_info.param).name;
}

INSTANTIATE_TEST_SUITE_P(Matrix, CarryCli,
                         ::testing::Combine(::testing::ValuesIn(kSamples),
                                            ::testing::ValuesIn(kTargets)),
                         case_name);

// ---- the cases a user meets most, spelled out ----

TEST(CarryCliExact, AzerbaijaniToStlLatin) {
  ScratchDir dir;
  const std::string in = dir.write(kAzerbaijani.file, kAzerbaijani.srt);
  const auto refused = run_kopru(convert_args(in, dir / "out.stl", {"", "stl", "latin"}));
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(
      refused.err.find(in +
                       ": error: ISO 6937 Latin (EBU STL code table 00) cannot store 3 characters "
                       "(use --replace for the documented fallbacks, or transliterate):\n" +
                       in +
                       ":1: cue 1, line 1, column 1: U+018F 'Ə' LATIN CAPITAL LETTER SCHWA "
                       "(fallback: 'Ä')\n" +
                       in +
                       ":1: cue 1, line 1, column 8: U+0259 'ə' LATIN SMALL LETTER SCHWA "
                       "(fallback: 'ä')\n" +
                       in +
                       ":5: cue 2, line 1, column 2: U+0259 'ə' LATIN SMALL LETTER SCHWA "
                       "(fallback: 'ä')"),
      std::string::npos)
      << refused.err;
  const auto replaced =
      run_kopru(convert_args(in, dir / "out.stl", {"", "stl", "latin"}) + " --replace");
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_NE(replaced.err.find("cue 1, line 1: replaced 'Ə'→'Ä', 'ə'→'ä': \"Əziz, gəl bura!\" -> "
                              "\"Äziz, gäl bura!\" [carry-replaced]"),
            std::string::npos)
      << replaced.err;
  EXPECT_NE(replaced.err.find("cue 2, line 1: replaced 'ə'→'ä': \"Şəki yaxşıdır.\" -> "
                              "\"Şäki yaxşıdır.\" [carry-replaced]"),
            std::string::npos)
      << replaced.err;
  EXPECT_EQ(texts(load(dir / "out.stl").doc),
            (std::vector<std::string>{"Äziz, gäl bura!", "Şäki yaxşıdır."}));
}

TEST(CarryCliExact, KazakhToStlCyrillic) {
  ScratchDir dir;
  const std::string in = dir.write(kKazakh.file, kKazakh.srt);
  const auto r =
      run_kopru(convert_args(in, dir / "out.stl", {"", "stl", "cyrillic"}) + " --replace");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(texts(load(dir / "out.stl").doc),
            (std::vector<std::string>{"Казакстан - асем ел.", "Бул уй.\nІні келді."}));
}

TEST(CarryCliExact, UyghurToStlArabic) {
  ScratchDir dir;
  const std::string in = dir.write(kUyghur.file, kUyghur.srt);
  const auto refused = run_kopru(convert_args(in, dir / "out.stl", {"", "stl", "arabic"}));
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find(":1: cue 1, line 1, column 2: U+06C7 'ۇ' ARABIC LETTER U "
                             "(fallback: 'و')"),
            std::string::npos)
      << refused.err;
  const auto r = run_kopru(convert_args(in, dir / "out.stl", {"", "stl", "arabic"}) + " --replace");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(texts(load(dir / "out.stl").doc),
            (std::vector<std::string>{"ئويغور تىلى", "ياخشىموسىز؟"}));
}

TEST(CarryCliExact, TurkishToScc) {
  ScratchDir dir;
  const std::string in = dir.write(kTurkish.file, kTurkish.srt);
  const auto refused = run_kopru(convert_args(in, dir / "out.scc", {"", "scc", ""}));
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find(":1: cue 1, line 1, column 1: U+0130 'İ' LATIN CAPITAL LETTER I "
                             "WITH DOT ABOVE (fallback: 'I')"),
            std::string::npos)
      << refused.err;
  const auto r = run_kopru(convert_args(in, dir / "out.scc", {"", "scc", ""}) + " --replace");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("cue 1, line 1: replaced 'İ'→'I', '’'→\"'\", 'ş'→'s', 'ı'→'i', '…'→'...': "
                       "\"İstanbul’da şarkı söyledik…\" -> \"Istanbul'da sarki söyledik...\""),
            std::string::npos)
      << r.err;
  EXPECT_EQ(texts(load(dir / "out.scc").doc),
            (std::vector<std::string>{"Istanbul'da sarki söyledik...", "“Güzel!” dedi Ayse."}));
}

TEST(CarryCliExact, TranslitThenStlNeedsNoReplacement) {
  // Transliterating Kazakh to Latin first is the lossless road the error message points to.
  ScratchDir dir;
  const std::string in = dir.write(kKazakh.file, kKazakh.srt);
  const auto r = run_kopru("convert " + q(in) + " -o " + q(dir / "out.stl") +
                           " --charset latin --translit kk-Cyrl:kk-Latn --replace");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> got = texts(load(dir / "out.stl").doc);
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(got[0].substr(0, 10), "Qazaqstan ");
}

TEST(CarryCliExact, TranslitToStlChecksTheTransliteratedText) {
  // Uzbek Latin's apostrophe letters are not in ISO 6937: refused, or written as ASCII apostrophes.
  ScratchDir dir;
  const std::string in =
      dir.write("uz.srt", "1\n00:00:01,000 --> 00:00:03,000\nЎзбекистон, маъно!\n");
  const std::string args = "translit " + q(in) + " -o " + q(dir / "out.stl") +
                           " --from uz-Cyrl --to uz-Latn --charset latin";
  const auto refused = run_kopru(args);
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("cannot store 2 characters"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(":1: cue 1, line 1, column 2: U+02BB 'ʻ' MODIFIER LETTER TURNED "
                             "COMMA (fallback: \"'\")"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"uz.srt"});
  const auto r = run_kopru(args + " --replace");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(texts(load(dir / "out.stl").doc), std::vector<std::string>{"O'zbekiston, ma'no!"});
}

}  // namespace
}  // namespace kopru::testing
