// The engine against toy rule files in tests/unit/translit/data/translit/ (so that these tests
// check the engine, not the real orthographies, which have their own fixture lists).
#include <gtest/gtest.h>

#include <cstdlib>

#include "pipeline/core/error.h"
#include "pipeline/translit/document.h"
#include "pipeline/translit/translit.h"
#include "tests/support/test_support.h"

namespace kopru::translit {
namespace {

namespace fs = std::filesystem;

class TranslitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ::setenv("KOPRU_LOCALES", (testing::source_dir() / "tests/unit/translit/data").c_str(), 1);
  }
  static void TearDownTestSuite() { ::unsetenv("KOPRU_LOCALES"); }

  static Direction direction(const std::string& from, const std::string& to) {
    auto d = find_direction(*LanguageTag::parse(from), *LanguageTag::parse(to));
    if (!d)
      throw std::runtime_error("no test direction " + from + " -> " + to);
    return *d;
  }
  static Transliterator engine(const std::string& from, const std::string& to,
                               Options options = {}) {
    return Transliterator(compile(direction(from, to), options));
  }
};

TEST_F(TranslitTest, ListsDirectionsFromHeaders) {
  const auto all = directions();
  ASSERT_EQ(all.size(), 7U);  // class files are parts of a direction, not directions
  EXPECT_EQ(all[0].id, "az-Cyrl_az-Latn");
  const Direction uz = direction("uz-Cyrl", "uz-Latn");
  EXPECT_EQ(uz.title,
            "Toy Uzbek Cyrillic -> Latin for the engine's unit tests (not the real rules)");
  EXPECT_EQ(uz.status, Status::experimental);
  EXPECT_EQ(direction("uz-Latn", "uz-Cyrl").status, Status::stable);
  EXPECT_FALSE(find_direction(*LanguageTag::parse("kk-Cyrl"), *LanguageTag::parse("kk-Latn")));
  // Regions do not matter; scripts do.
  EXPECT_TRUE(find_direction(*LanguageTag::parse("uz-Cyrl-UZ"), *LanguageTag::parse("uz-Latn")));
  EXPECT_FALSE(find_direction(*LanguageTag::parse("uz-Latn"), *LanguageTag::parse("uz-Latn")));
}

TEST_F(TranslitTest, RulesSeeOneWordSoAnchorsAreWordBoundaries) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  EXPECT_EQ(t.text("ер мева поезд"), "yer meva poyezd");
  EXPECT_EQ(t.text("цирк лицей шприц"), "tsirk litsey shpris");
}

TEST_F(TranslitTest, RestoresCaseOfWordsInitialsAndAcronyms) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  EXPECT_EQ(t.text("Юлдуз"), "Yulduz");
  EXPECT_EQ(t.text("ЮЛДУЗ"), "YULDUZ");
  EXPECT_EQ(t.text("Ш. Рашидов"), "Sh. Rashidov");
  EXPECT_EQ(t.text("ЎзМУ"), "OʻzMU");
  EXPECT_EQ(t.text("АҚШ"), "AQSH");
  EXPECT_EQ(t.text("АҚШнинг"), "AQSHning");
  EXPECT_EQ(t.text("ЎЗБЕКИСТОН"), "OʻZBEKISTON");
}

TEST_F(TranslitTest, LexiconWordsAndStemsWithTheirSuffixes) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  EXPECT_EQ(t.text("фильм"), "film");
  EXPECT_EQ(t.text("фильмлар"), "filmlar") << "a 'word' entry is not a stem; the rules drop ь";
  EXPECT_EQ(t.text("сентябрь Сентябрда"), "sentabr Sentabrda");
  // The rest of a stem's word sees the stem as context: е after a vowel is "ye".
  EXPECT_EQ(t.text("кино кинолар"), "kino kinolar");
}

TEST_F(TranslitTest, KeepsNumbersUrlsAddressesAndHandles) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  EXPECT_EQ(t.text("1995 йил, 12:30 — https://кун.уз/а?б=1 ёки www.кун.уз"),
            "1995 yil, 12:30 — https://кун.уз/а?б=1 yoki www.кун.уз");
  EXPECT_EQ(t.text("хат: али@мактаб.уз @юлдуз #кино!"), "xat: али@мактаб.уз @юлдуз #кино!");
  EXPECT_EQ(t.text("«Салом», — деди."), "«Salom», — dedi.");
}

TEST_F(TranslitTest, ComposesDecomposedLettersFirstAndSaysSo) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  std::vector<Normalisation> notes;
  EXPECT_EQ(t.text("е\u0308ш", &notes), "yosh");  // е + combining diaeresis = ё
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_EQ(notes[0].code, "translit-nfc");
  notes.clear();
  EXPECT_EQ(t.text("ёш", &notes), "yosh");
  EXPECT_TRUE(notes.empty());
}

TEST_F(TranslitTest, KeepsWordsAlreadyInTheTargetScript) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  EXPECT_EQ(t.text("Netflix ва YouTube"), "Netflix va YouTube");
}

TEST_F(TranslitTest, LatinSourceKeepsBrandsForeignWordsAndRomanNumerals) {
  auto t = engine("uz-Latn", "uz-Cyrl");
  EXPECT_EQ(t.text("Pepsi ichdi"), "Pepsi ичди");
  EXPECT_EQ(t.text("NETFLIX"), "NETFLIX");
  EXPECT_EQ(t.text("Washington va Coca"), "Washington ва Coca");
  EXPECT_EQ(t.text("XIX asr"), "XIX аср");
  EXPECT_EQ(t.text("MIX"), "MIX") << "a well-formed numeral";
  EXPECT_EQ(t.text("IIII"), "ИИИИ") << "not a well-formed numeral";
}

TEST_F(TranslitTest, KeptWordsConvertTheirSuffixAfterAnApostrophe) {
  auto t = engine("uz-Latn", "uz-Cyrl");
  std::vector<Normalisation> notes;
  EXPECT_EQ(t.text("Pepsi'ni Netflix’da", &notes), "Pepsi'ни Netflix’да");
  EXPECT_TRUE(notes.empty());
  EXPECT_EQ(t.text("bola'ni"), "болаъни") << "not a kept word: the apostrophe is a letter";
}

TEST_F(TranslitTest, RewritesWorkAcrossWordsAfterConversion) {
  auto t = engine("uz-Latn", "uz-Cyrl");
  EXPECT_EQ(t.text("1995-yil, 2000-yillar, a-yil"), "1995 йил, 2000 йиллар, а-йил");
}

TEST_F(TranslitTest, BadRewritesFailWithTheirPlace) {
  const fs::path dir = fs::temp_directory_path() / "kopru-translit-rewrite";
  fs::create_directories(dir);
  testing::spit(
      dir / "uz-Cyrl_uz-Latn.rules",
      "# bad\n#@ from: uz-Cyrl\n#@ to: uz-Latn\n#@ numeral-rewrite: (\\d => x\nа > a ;\n");
  Direction d = direction("uz-Cyrl", "uz-Latn");
  d.rule_path = (dir / "uz-Cyrl_uz-Latn.rules").string();
  try {
    (void)compile(d);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_NE(e.formatted().find("uz-Cyrl_uz-Latn.rules:4:"), std::string::npos) << e.formatted();
    EXPECT_NE(e.formatted().find("invalid regular expression"), std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_F(TranslitTest, NormalisesUzbekApostrophesAndReportsThem) {
  auto t = engine("uz-Latn", "uz-Cyrl");
  std::vector<Normalisation> notes;
  EXPECT_EQ(t.text("o'g'il", &notes), "ўғил");
  ASSERT_EQ(notes.size(), 2U);
  EXPECT_EQ(notes[0].code, "translit-apostrophe");
  EXPECT_EQ(notes[0].offset, 1U);
  EXPECT_EQ(notes[1].offset, 3U);
  EXPECT_EQ(t.text("o`g‘il o’g’il oʻgʻil"), "ўғил ўғил ўғил");
  EXPECT_EQ(t.text("ma'no"), "маъно");
  // From the cache: the same notes, at the new place.
  notes.clear();
  EXPECT_EQ(t.text("va o'g'il", &notes), "ва ўғил");
  ASSERT_EQ(notes.size(), 2U);
  EXPECT_EQ(notes[0].offset, 4U);
}

TEST_F(TranslitTest, WritesTheApostropheStyleAsked) {
  auto unicode = engine("uz-Cyrl", "uz-Latn");
  auto typographic = engine("uz-Cyrl", "uz-Latn", {ApostropheStyle::typographic});
  auto ascii = engine("uz-Cyrl", "uz-Latn", {ApostropheStyle::ascii});
  EXPECT_EQ(unicode.text("ўғил маъно"), "oʻgʻil maʼno");
  EXPECT_EQ(typographic.text("ўғил маъно"), "o‘g‘il ma’no");
  EXPECT_EQ(ascii.text("ўғил маъно"), "o'g'il ma'no");
  EXPECT_EQ(parse_apostrophe_style("ascii"), ApostropheStyle::ascii);
  EXPECT_FALSE(parse_apostrophe_style("fancy"));
}

TEST_F(TranslitTest, FoldsHomoglyphsInsideWordsAndSaysWhere) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  std::vector<Normalisation> notes;
  // Latin "a" and "o" typed inside Cyrillic words.
  EXPECT_EQ(t.text("Салoм пaпа", &notes), "Salom papa");
  ASSERT_EQ(notes.size(), 2U);
  EXPECT_EQ(notes[0].code, "translit-homoglyph");
  EXPECT_EQ(notes[0].severity, Severity::warning);
  EXPECT_EQ(notes[0].offset, 6U);  // "Сал" is 6 bytes
  EXPECT_EQ(notes[1].offset, 12U);
  EXPECT_NE(notes[0].message.find("U+006F"), std::string::npos) << notes[0].message;
}

TEST_F(TranslitTest, ReadsWordsByTheScriptTheirLookAlikesFit) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  std::vector<Normalisation> notes;
  EXPECT_EQ(t.text("пaпa", &notes), "papa") << "half Latin, but every Latin letter has a twin";
  EXPECT_EQ(notes.size(), 2U);
  auto back = engine("uz-Latn", "uz-Cyrl");
  notes.clear();
  // A Cyrillic word with a Latin "o" inside Latin text: it is a target-script word, kept.
  EXPECT_EQ(back.text("Тoшкент", &notes), "Тошкент");
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_EQ(notes[0].code, "translit-homoglyph");
}

TEST_F(TranslitTest, ReportsWordsMixingScriptsEvenly) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  std::vector<Normalisation> notes;
  EXPECT_EQ(t.text("abвг", &notes), "abvg");
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_EQ(notes[0].code, "translit-mixed-script");
}

TEST_F(TranslitTest, TurkicCasingForDottedAndDotlessI) {
  auto to_cyrillic = engine("az-Latn", "az-Cyrl");
  EXPECT_EQ(to_cyrillic.text("İSTANBUL Istanbul İstanbul istanbul"),
            "ИСТАНБУЛ Ыстанбул Истанбул истанбул");
  auto to_latin = engine("az-Cyrl", "az-Latn");
  EXPECT_EQ(to_latin.text("ИТ Ит ЫЛ"), "İT İt IL");
  EXPECT_EQ(to_latin.text("ишлик"), "işlik");
}

TEST_F(TranslitTest, WordClassesPutTheirRulesFirst) {
  auto t = engine("az-Cyrl", "az-Latn");
  EXPECT_EQ(t.text("кәк"), "kək") << "no back vowel: the file's own rules";
  EXPECT_EQ(t.text("канат Кулак"), "qanat Qulaq") << "back vowel: the class rules first";
}

TEST_F(TranslitTest, ArabicInputIsCleanedAndPunctuationMapped) {
  auto t = engine("ug-Arab", "ug-Latn");
  std::vector<Normalisation> notes;
  // Tatweel, a presentation form (U+FEE1 = م isolated), a bidi mark, Arabic comma and question
  // mark.
  EXPECT_EQ(t.text("\u200Fبـىر، \uFEE1ەن ئانا؟", &notes), "bir, men ana?");
  std::vector<std::string> codes;
  codes.reserve(notes.size());
  for (const auto& n : notes)
    codes.push_back(n.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"translit-bidi-control", "translit-tatweel",
                                             "translit-presentation-form"}));
  EXPECT_EQ(t.text("سەنئەت"), "sen'et");
  EXPECT_EQ(t.text("1،5"), "1،5") << "a decimal comma between digits is left alone";
}

TEST_F(TranslitTest, CountsLettersBySourceAndTargetScript) {
  auto t = engine("uz-Cyrl", "uz-Latn");
  (void)t.text("Салом Netflix 123");
  EXPECT_EQ(t.tally().source, 5U);
  EXPECT_EQ(t.tally().target, 7U);
  (void)t.text("Салом");  // cached words count again
  EXPECT_EQ(t.tally().source, 10U);
}

TEST_F(TranslitTest, RefusesTextInTheWrongScript) {
  const Direction d = direction("uz-Cyrl", "uz-Latn");
  ScriptTally latin{2, 90, 0};
  try {
    check_source_script(latin, d, "film.srt");
    FAIL() << "no error";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.formatted(),
              "film.srt: error: the text is written in Latin (97 % of 92 letters), not in the "
              "script of --from uz-Cyrl");
  }
  EXPECT_NO_THROW(check_source_script({90, 10, 0}, d, "film.srt"));
  EXPECT_NO_THROW(check_source_script({0, 0, 0}, d, "film.srt")) << "no letters at all";
  EXPECT_THROW(check_source_script({0, 0, 40}, d, "film.srt"), ParseError);
}

TEST_F(TranslitTest, InvalidRuleFilesFailWithFileLineAndColumn) {
  const Direction broken = direction("tt-Cyrl", "tt-Latn");
  try {
    (void)compile(broken);
    FAIL() << "compiled a broken rule file";
  } catch (const ParseError& e) {
    const std::string message = e.formatted();
    EXPECT_NE(message.find("tt-Cyrl_tt-Latn.rules:5:"), std::string::npos) << message;
    EXPECT_NE(message.find("invalid transliteration rule"), std::string::npos) << message;
  }
}

TEST_F(TranslitTest, BadDirectivesAndLexiconLinesFailWithTheirPlace) {
  const fs::path dir = fs::temp_directory_path() / "kopru-translit-test";
  fs::create_directories(dir);
  testing::spit(dir / "uz-Cyrl_uz-Latn.rules",
                "# bad\n#@ from: uz-Cyrl\n#@ to: uz-Latn\n#@ colour: blue\nа > a ;\n");
  Direction d = direction("uz-Cyrl", "uz-Latn");
  d.rule_path = (dir / "uz-Cyrl_uz-Latn.rules").string();
  try {
    (void)compile(d);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.formatted(), d.rule_path + ":4:4: error: unknown directive 'colour'");
  }
  testing::spit(dir / "uz-Cyrl_uz-Latn.rules",
                "# bad\n#@ from: uz-Cyrl\n#@ to: uz-Latn\n#@ lexicon: lex.tsv\nа > a ;\n");
  testing::spit(dir / "lex.tsv", "# fine\nа\tb\n\nв\tc\tprefix\n");
  try {
    (void)compile(d);
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.formatted(), (dir / "lex.tsv").string() +
                                 ":4:5: error: expected 'word' or 'stem', found 'prefix'");
  }
  fs::remove_all(dir);
}

// ---- documents ----

TEST_F(TranslitTest, DocumentsChangeTextRunsOnlyAndFollowTheScriptInTags) {
  Document doc;
  doc.meta.language = *LanguageTag::parse("uz-Cyrl-UZ");
  doc.meta.title = "Юлдуз";
  Cue cue;
  cue.source_line = 7;
  Span italic{SpanKind::italic};
  Span lang{SpanKind::lang};
  lang.annotation = "uz-Cyrl";
  Span voice{SpanKind::voice};
  voice.annotation = "Юлдуз";
  cue.runs = {Run::raw("ass", "{\\an8}"), Run::plain("Салом", {italic}), Run::line_break(),
              Run::plain("пaпа", {lang, voice})};
  cue.speaker = "Ёқуб";
  cue.language = "uz";
  doc.cues.push_back(cue);
  Diagnostics diag("film.srt");
  transliterate(doc, compile(direction("uz-Cyrl", "uz-Latn")), 1, diag);
  const Cue& out = doc.cues[0];
  EXPECT_EQ(doc.meta.language.to_string(), "uz-Latn-UZ");
  EXPECT_EQ(doc.meta.title, "Yulduz");
  EXPECT_EQ(out.language, "uz-Latn");
  ASSERT_EQ(out.runs.size(), 4U);
  EXPECT_EQ(out.runs[0].text, "{\\an8}");
  EXPECT_EQ(out.runs[1].text, "Salom");
  EXPECT_EQ(out.runs[1].spans[0].kind, SpanKind::italic);
  EXPECT_EQ(out.runs[3].text, "papa");
  EXPECT_EQ(out.runs[3].spans[0].annotation, "uz-Latn");
  EXPECT_EQ(out.runs[3].spans[1].annotation, "Yulduz");
  EXPECT_EQ(out.speaker, "Yoqub");
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].formatted(),
            "film.srt:7: warning: cue 1, line 2, column 2: Latin 'a' (U+0061) inside the "
            "Cyrillic word 'пaпа' read as 'а' (U+0430) [translit-homoglyph]");
}

TEST_F(TranslitTest, ArabicOutputLinesStartWithARightToLeftMark) {
  Document doc;
  Cue cue;
  cue.runs = {Run::plain("1. salam"), Run::line_break(), Run::plain(""), Run::plain("bir")};
  doc.cues.push_back(cue);
  Diagnostics diag;
  const Direction d = direction("ug-Latn", "ug-Arab");
  EXPECT_TRUE(right_to_left(d));
  transliterate(doc, compile(d), 1, diag);
  EXPECT_EQ(doc.cues[0].runs[0].text, "\u200F1. سالام");
  EXPECT_EQ(doc.cues[0].runs[2].text, "");
  EXPECT_EQ(doc.cues[0].runs[3].text, "\u200Fبىر");
  EXPECT_EQ(doc.meta.language.to_string(), "ug-Arab");
}

TEST_F(TranslitTest, ParallelDocumentsEqualSerialOnes) {
  Document doc;
  for (int i = 0; i < 1000; ++i) {
    Cue cue;
    cue.runs = {Run::plain(i % 3 == 0 ? "Юлдуз ер" : "цирк ЎзМУ " + std::to_string(i))};
    doc.cues.push_back(cue);
  }
  Document serial = doc;
  Diagnostics a;
  Diagnostics b;
  const auto compiled = compile(direction("uz-Cyrl", "uz-Latn"));
  transliterate(serial, compiled, 1, a);
  transliterate(doc, compiled, 4, b);
  EXPECT_EQ(doc, serial);
}

TEST_F(TranslitTest, DocumentsInTheWrongScriptAreRefused) {
  Document doc;
  Cue cue;
  cue.runs = {Run::plain("This is English")};
  doc.cues.push_back(cue);
  Diagnostics diag("film.srt");
  EXPECT_THROW(transliterate(doc, compile(direction("uz-Cyrl", "uz-Latn")), 1, diag), ParseError);
}

TEST_F(TranslitTest, FileNamesTakeTheNewTag) {
  const Direction d = direction("uz-Cyrl", "uz-Latn");
  EXPECT_EQ(retag_filename("film.uz-Cyrl.srt", d), "film.uz-Latn.srt");
  EXPECT_EQ(retag_filename("film.uz.srt", d), "film.uz-Latn.srt");
  EXPECT_EQ(retag_filename("dir/film.uz-Cyrl.forced.ass", d, ".vtt"),
            "dir/film.uz-Latn.forced.vtt");
  EXPECT_EQ(retag_filename("film.srt", d), "film.uz-Latn.srt");
  EXPECT_EQ(retag_filename("uz.srt", d), "uz.uz-Latn.srt") << "the first part is the name";
  EXPECT_EQ(retag_filename("film.kk.srt", d), "film.kk.uz-Latn.srt");
  EXPECT_EQ(retag(*LanguageTag::parse("uz-Cyrl-UZ"), d).to_string(), "uz-Latn-UZ");
  EXPECT_EQ(retag(*LanguageTag::parse("kk-Cyrl"), d).to_string(), "kk-Cyrl");
  EXPECT_EQ(retag(*LanguageTag::parse("uz-Arab"), d).to_string(), "uz-Arab");
}

}  // namespace
}  // namespace kopru::translit
