// The script checks (script-mismatch, mixed-script, homoglyph, apostrophe, dotted-i, alphabet,
// glyph, mojibake) and fix_script: planted problems with their exact messages, clean
// counter-examples, and no finding at all on the UDHR texts of the Turkic languages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/fix_steps.h"
#include "tests/support/test_support.h"
#include "tests/unit/qa/qa_test_support.h"

namespace kopru::qa {
namespace {

Document document_of(const std::vector<std::string>& texts) {
  Document doc;
  Time at = from_ms(1000);
  for (const std::string& text : texts) {
    Cue cue;
    cue.start = at;
    cue.end = at + from_ms(2000);
    cue.runs = runs_from_text(text);
    doc.cues.push_back(std::move(cue));
    at = at + from_ms(3000);
  }
  return doc;
}

// A document, its profile and its language, measured like `kopru qa` does.
struct Track {
  Document doc;
  Profile profile = *builtin_profile("netflix");
  LanguageTag language;

  Track(const std::vector<std::string>& texts, std::string_view tag)
      : doc(document_of(texts)), language(*LanguageTag::parse(tag)) {}

  Context context() const {
    Context context(doc, profile);
    context.language = language;
    context.fps = FrameRate{25, 1};
    measure(context);
    return context;
  }

  std::vector<Finding> run(CheckFn check) const { return run_check(context(), check); }
};

// Each finding as "N: message" (shorter than the shared "cue N: message").
std::vector<std::string> numbered(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const Finding& f : findings)
    out.push_back(std::to_string(f.cue) + ": " + f.message);
  return out;
}

using Messages = std::vector<std::string>;

const std::u32string kAzLatin = U"abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ";

// ---- script-mismatch ---------------------------------------------------------------------------

TEST(QaScriptMismatch, CyrillicCueInALatinUzbekTrack) {
  const Track track({"Salom, doʻstim!", "Салом, дўстим! Қалайсан?", "Bu Toshkent."}, "uz-Latn");
  const auto findings = track.run(check_script_mismatch);
  EXPECT_EQ(numbered(findings), Messages{"2: Cyrillic text in a uz-Latn track (19 of 19 letters)"});
  EXPECT_EQ(findings[0].check, "script-mismatch");
  EXPECT_EQ(findings[0].rule, "KQ0401");
  EXPECT_EQ(findings[0].severity, Severity::error);
}

TEST(QaScriptMismatch, MostLettersDecide) {
  // 10 Cyrillic letters of 12: a Latin name does not save the cue, and does not sink one either.
  const Track track({"Привет, Анна! OK", "Tashkent Сити"}, "uz-Latn");
  EXPECT_EQ(numbered(track.run(check_script_mismatch)),
            Messages{"1: Cyrillic text in a uz-Latn track (10 of 12 letters)"});
}

TEST(QaScriptMismatch, LikelyScriptOfATagWithoutOne) {
  EXPECT_EQ(numbered(Track({"Qazaqstan Respublikasy"}, "kk").run(check_script_mismatch)),
            Messages{"1: Latin text in a kk track (21 of 21 letters)"});
  EXPECT_EQ(numbered(Track({"Oʻzbekiston"}, "uz").run(check_script_mismatch)), Messages{});
  EXPECT_EQ(numbered(Track({"Ўзбекистон"}, "uz").run(check_script_mismatch)),
            Messages{"1: Cyrillic text in a uz track (10 of 10 letters)"});
  EXPECT_EQ(numbered(Track({"Uyghur tili"}, "ug").run(check_script_mismatch)),
            Messages{"1: Latin text in a ug track (10 of 10 letters)"});
  EXPECT_EQ(numbered(Track({"ئۇيغۇر تىلى"}, "ug").run(check_script_mismatch)), Messages{});
}

TEST(QaScriptMismatch, NothingToCompareWith) {
  // A detected script, a cue of two letters, a cue in its own language, Japanese scripts.
  EXPECT_TRUE(Track({"Салом дўстим"}, "und-Latn").run(check_script_mismatch).empty());
  EXPECT_TRUE(Track({"OK", "Да"}, "uz-Latn").run(check_script_mismatch).empty());
  Track own({"Это по-русски."}, "uz-Latn");
  own.doc.cues[0].language = "ru";
  EXPECT_TRUE(own.run(check_script_mismatch).empty());
  EXPECT_TRUE(Track({"食べる。カタカナ。"}, "ja").run(check_script_mismatch).empty());
  EXPECT_TRUE(Track({"", "123 — 456"}, "tr").run(check_script_mismatch).empty());
}

// ---- mixed-script ------------------------------------------------------------------------------

TEST(QaMixedScript, OddLetterWithoutTwin) {
  const Track track({"Bu mжshina emas.", "Қazaqstan", "Мeн"}, "uz-Latn");
  const auto findings = track.run(check_mixed_script);
  EXPECT_EQ(numbered(findings),
            (Messages{"1: Cyrillic 'ж' (U+0436) in the Latin word 'mжshina'",
                      "2: Cyrillic 'Қ' (U+049A) in the Latin word 'Қazaqstan'"}));
  EXPECT_EQ(findings[0].fix, "");
}

TEST(QaMixedScript, JapaneseAndKoreanWordsMixTheirScripts) {
  EXPECT_TRUE(Track({"食べる", "ひらがなカタカナ漢字"}, "ja").run(check_mixed_script).empty());
  EXPECT_TRUE(Track({"韓國말"}, "ko").run(check_mixed_script).empty());
  EXPECT_TRUE(Track({"iPhone-да, SMS-ка"}, "uz-Cyrl").run(check_mixed_script).empty());
}

// ---- homoglyph ---------------------------------------------------------------------------------

TEST(QaHomoglyph, LatinLetterInACyrillicWord) {
  const Track track({"Мeн сeнi жақсы көремін.", "Бұл дұрыс."}, "kk-Cyrl");
  const auto findings = track.run(check_homoglyph);
  EXPECT_EQ(numbered(findings),
            (Messages{"1: Latin 'e' (U+0065) in the Cyrillic word 'Мeн'",
                      "1: Latin 'e' (U+0065), 'i' (U+0069) in the Cyrillic word 'сeнi'"}));
  EXPECT_EQ(findings[0].fix, "replace with Cyrillic 'е' (U+0435)");
  EXPECT_EQ(findings[1].fix, "replace with Cyrillic 'е' (U+0435), 'і' (U+0456)");
  EXPECT_EQ(findings[0].rule, "KQ0403");
}

TEST(QaHomoglyph, CyrillicLetterInALatinWord) {
  const Track track({"Bu әdalət deyil.", "Hаmma joyda"}, "az-Latn");
  EXPECT_EQ(numbered(track.run(check_homoglyph)),
            (Messages{"1: Cyrillic 'ә' (U+04D9) in the Latin word 'әdalət'",
                      "2: Cyrillic 'а' (U+0430) in the Latin word 'Hаmma'"}));
  const Track shha({"hүгуг"}, "az-Cyrl");
  EXPECT_EQ(numbered(shha.run(check_homoglyph)),
            Messages{"1: Latin 'h' (U+0068) in the Cyrillic word 'hүгуг'"});
}

TEST(QaHomoglyph, ATieGoesToTheTrackScript) {
  // "aс": Latin a + Cyrillic с.
  EXPECT_EQ(numbered(Track({"aс"}, "kk-Cyrl").run(check_homoglyph)),
            Messages{"1: Latin 'a' (U+0061) in the Cyrillic word 'aс'"});
  EXPECT_EQ(numbered(Track({"aс"}, "tr").run(check_homoglyph)),
            Messages{"1: Cyrillic 'с' (U+0441) in the Latin word 'aс'"});
}

TEST(QaHomoglyph, NoFixWhenTheTwinIsNotInTheAlphabet) {
  Track track({"бiр"}, "uz-Cyrl");  // Uzbek Cyrillic has no і
  track.profile.alphabets["Cyrl"] = U"абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ";
  const auto findings = track.run(check_homoglyph);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].fix, "");
  Document doc = track.doc;
  std::vector<Change> changes;
  fix_script(track.context(), doc, changes);
  EXPECT_TRUE(changes.empty());
  EXPECT_EQ(plain_text(doc.cues[0]), "бiр");
}

TEST(QaHomoglyph, SingleScriptWordsAndNamesAreClean) {
  EXPECT_TRUE(Track({"Coca-Cola және Netflix", "Қазақстан Республикасы"}, "kk-Cyrl")
                  .run(check_homoglyph)
                  .empty());
  EXPECT_TRUE(Track({"Мен сені жақсы көремін."}, "kk-Cyrl").run(check_homoglyph).empty());
}

// ---- apostrophe --------------------------------------------------------------------------------

TEST(QaApostrophe, WrongApostrophesInUzbekLatin) {
  const Track track({"O'zbekiston – ma'no", "to‘g‘ri, tog'", "sheʻr va boʼlim"}, "uz-Latn");
  const auto findings = track.run(check_apostrophe);
  EXPECT_EQ(numbered(findings),
            (Messages{"1: ''' (U+0027) in 'O'zbekiston' where Uzbek writes 'ʻ' (U+02BB)",
                      "1: ''' (U+0027) in 'ma'no' where Uzbek writes 'ʼ' (U+02BC)",
                      "2: '‘' (U+2018) in 'to‘g‘ri,' where Uzbek writes 'ʻ' (U+02BB)",
                      "2: ''' (U+0027) in 'tog'' where Uzbek writes 'ʻ' (U+02BB)",
                      "3: 'ʻ' (U+02BB) in 'sheʻr' where Uzbek writes 'ʼ' (U+02BC)",
                      "3: 'ʼ' (U+02BC) in 'boʼlim' where Uzbek writes 'ʻ' (U+02BB)"}));
  EXPECT_EQ(findings[0].fix, "replace with 'ʻ' (U+02BB)");
  EXPECT_EQ(findings[0].rule, "KQ0404");
}

TEST(QaApostrophe, CorrectTextQuotesAndOtherTracks) {
  EXPECT_TRUE(Track({"Oʻzbekiston, maʼno, togʻ", "U 'kitob' dedi.", "'Salom', dedi u."}, "uz")
                  .run(check_apostrophe)
                  .empty());
  EXPECT_TRUE(Track({"O'zbekiston"}, "uz-Cyrl").run(check_apostrophe).empty());
  EXPECT_TRUE(Track({"İstanbul'a"}, "tr").run(check_apostrophe).empty());
}

// ---- dotted-i ----------------------------------------------------------------------------------

TEST(QaDottedI, AllCapsWordWhoseLowerCaseHasADot) {
  const Track track({"İstanbul çok güzel.", "ISTANBUL'A GİDİYORUZ", "IRMAK", "ırmak kenarı"}, "tr");
  const auto findings = track.run(check_dotted_i);
  EXPECT_EQ(numbered(findings),
            Messages{"2: 'ISTANBUL' has I where the track writes 'istanbul': 'İSTANBUL'"});
  EXPECT_EQ(findings[0].rule, "KQ0405");
  EXPECT_EQ(findings[0].severity, Severity::error);
}

TEST(QaDottedI, TitleCaseAgainstLowerCaseElsewhere) {
  const Track track({"Bu insan haklıdır.", "Insan hakları", "Işık", "ışık yok"}, "tr");
  EXPECT_EQ(numbered(track.run(check_dotted_i)),
            Messages{"2: 'Insan' has I where the track writes 'insan': 'İnsan'"});
}

TEST(QaDottedI, InitialIBeforeAFrontVowelInATrackThatWritesDottedI) {
  const Track track({"İstanbul'dan Izmir'e", "IŞTE bu", "Irmak", "ILIK su"}, "tr");
  EXPECT_EQ(numbered(track.run(check_dotted_i)),
            (Messages{"1: 'Izmir' has I before a front vowel: 'İzmir'",
                      "2: 'IŞTE' has I before a front vowel: 'İŞTE'"}));
  // A track that never writes İ gives no evidence that its author could.
  EXPECT_TRUE(Track({"Izmir'e gidiyoruz"}, "tr").run(check_dotted_i).empty());
}

TEST(QaDottedI, CombiningDotFromNonTurkicLowerCasing) {
  const Track track({"i\u0307stanbul"}, "az-Latn");
  const auto findings = track.run(check_dotted_i);
  EXPECT_EQ(numbered(findings),
            Messages{"1: 'i\u0307stanbul' has i + U+0307 (İ lower-cased by non-Turkic rules): "
                     "'istanbul'"});
  EXPECT_EQ(findings[0].fix, "replace i + U+0307 with i");
}

TEST(QaDottedI, OnlyTurkicCasedLatinTracks) {
  const std::vector<std::string> texts{"istanbul", "ISTANBUL", "İstanbul Izmir"};
  EXPECT_TRUE(Track(texts, "en").run(check_dotted_i).empty());
  EXPECT_TRUE(Track(texts, "uz-Latn").run(check_dotted_i).empty());
  EXPECT_TRUE(Track(texts, "kk").run(check_dotted_i).empty());  // Kazakh is Cyrillic by default
  EXPECT_EQ(Track(texts, "kk-Latn").run(check_dotted_i).size(), 1U);  // no harmony rule in kk
  EXPECT_EQ(Track(texts, "crh").run(check_dotted_i).size(), 2U);
  EXPECT_EQ(Track(texts, "az").run(check_dotted_i).size(), 2U);
}

// ---- alphabet ----------------------------------------------------------------------------------

TEST(QaAlphabet, LettersOutsideTheAlphabet) {
  Track track({"Washington və Wäli", "Əli bizə gəldi.", "Москва"}, "az-Latn");
  track.profile.alphabets["Latn"] = kAzLatin;
  const auto findings = track.run(check_alphabet);
  EXPECT_EQ(numbered(findings), (Messages{"1: 'W' (U+0057) is not in the az-Latn alphabet",
                                          "1: 'ä' (U+00E4) is not in the az-Latn alphabet"}));
  EXPECT_EQ(findings[0].rule, "KQ0406");
  EXPECT_EQ(findings[0].severity, Severity::warning);
}

TEST(QaAlphabet, OffWithoutAnAlphabetForTheScript) {
  Track track({"Wäli"}, "az-Latn");
  EXPECT_TRUE(track.run(check_alphabet).empty());
  track.profile.alphabets["Cyrl"] = U"абв";
  EXPECT_TRUE(track.run(check_alphabet).empty());
}

// ---- glyph -------------------------------------------------------------------------------------

TEST(QaGlyph, EachCharacterOncePerCue) {
  Track track({"Əli, əziz dostum – ə!", "café"}, "az-Latn");
  track.profile.glyphs = {{0x20, 0x7E}, {0xA0, 0xFF}};
  const auto findings = track.run(check_glyph);
  EXPECT_EQ(numbered(findings), (Messages{"1: U+018F 'Ə' is not in the glyph list",
                                          "1: U+0259 'ə' is not in the glyph list",
                                          "1: U+2013 '–' is not in the glyph list"}));
  EXPECT_EQ(findings[0].rule, "KQ0407");
  track.profile.glyphs.clear();
  EXPECT_TRUE(track.run(check_glyph).empty());
}

// ---- mojibake ----------------------------------------------------------------------------------

TEST(QaMojibake, Utf8ReadAsCp1252) {
  const Track track({"Ã‡ok gÃ¼zel", "KÄ±z kardeÅŸim", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "Itâ€™s"}, "en");
  EXPECT_EQ(numbered(track.run(check_mojibake)),
            (Messages{"1: UTF-8 read as cp1252: 'Ã‡' for 'Ç' (2 places)",
                      "2: UTF-8 read as cp1252: 'Ä±' for 'ı' (2 places)",
                      "3: UTF-8 read as cp1252: 'Ð¿' for 'п' (6 places)",
                      "4: UTF-8 read as cp1252: 'â€™' for '’'"}));
}

TEST(QaMojibake, Cp1251ReadAsCp1252) {
  EXPECT_EQ(numbered(Track({"Ïðèâåò, ìèð"}, "ru").run(check_mojibake)),
            Messages{"1: cp1251 read as cp1252: 'Ïðèâåò' for 'Привет'"});
}

TEST(QaMojibake, Cp1254TurkishReadAsCp1252) {
  const Track track({"Ýstanbul'a gittiðimiz gün", "Þimdi deðil", "Doğru."}, "tr");
  const auto findings = track.run(check_mojibake);
  EXPECT_EQ(numbered(findings),
            (Messages{"1: cp1254 read as cp1252: 'Ý' for 'İ', 'ð' for 'ğ' (2 places)",
                      "2: cp1254 read as cp1252: 'Þ' for 'Ş', 'ð' for 'ğ' (2 places)"}));
  EXPECT_EQ(findings[0].fix, "replace with the Turkish letters");
  EXPECT_EQ(findings[0].rule, "KQ0408");
}

TEST(QaMojibake, CorrectTextInManyLanguages) {
  const std::vector<std::string> texts{"GEÇ… AÇ— ÇÖZ»",
                                       "São Paulo, Ölçü, café, naïve",
                                       "Þórður og Aðalsteinn",
                                       "«Â bientôt»",
                                       "ÉÉÉ!",
                                       "Füße – Straße",
                                       "Ĳsselmeer",
                                       "Česká Ůstí"};
  EXPECT_TRUE(Track(texts, "en").run(check_mojibake).empty());
  EXPECT_TRUE(Track({"Þórður og Aðalsteinn"}, "is").run(check_mojibake).empty());
  EXPECT_TRUE(Track({"İstanbul'da ığdır, Şişli, Ğ"}, "tr").run(check_mojibake).empty());
}

// ---- fix_script --------------------------------------------------------------------------------

TEST(QaFixScript, HomoglyphsApostrophesAndMarkupKept) {
  Track track({"Men o'zbek tiliда", "yaxshi"}, "uz-Latn");
  // Cue 2 in italics: the text run is fixed, the span stays.
  track.doc.cues[1].runs = runs_from_text("yаxshi ma'no", {Span{SpanKind::italic}});
  Document doc = track.doc;
  std::vector<Change> changes;
  fix_script(track.context(), doc, changes);
  EXPECT_EQ(change_lines(changes),
            (Messages{"1 apostrophe: o'zbek -> oʻzbek", "2 homoglyph: yаxshi -> yaxshi",
                      "2 apostrophe: ma'no -> maʼno"}));
  EXPECT_EQ(plain_text(doc.cues[0]), "Men oʻzbek tiliда");  // "tiliда" is mixed-script: kept
  ASSERT_EQ(doc.cues[1].runs.size(), 1U);
  EXPECT_EQ(doc.cues[1].runs[0].text, "yaxshi maʼno");
  EXPECT_EQ(doc.cues[1].runs[0].spans, (std::vector<Span>{Span{SpanKind::italic}}));
  EXPECT_EQ(doc.cues[1].start, track.doc.cues[1].start);
}

TEST(QaFixScript, Cp1254MojibakeOnlyInTurkishTracks) {
  Track turkish({"Ýstanbul'a gittiðimiz gün", "Þ"}, "tr");
  Document doc = turkish.doc;
  std::vector<Change> changes;
  fix_script(turkish.context(), doc, changes);
  EXPECT_EQ(plain_text(doc.cues[0]), "İstanbul'a gittiğimiz gün");
  EXPECT_EQ(plain_text(doc.cues[1]), "Ş");
  EXPECT_EQ(change_lines(changes),
            (Messages{"1 mojibake: Ýstanbul'a -> İstanbul'a",
                      "1 mojibake: gittiðimiz -> gittiğimiz", "2 mojibake: Þ -> Ş"}));

  Track icelandic({"Þórður"}, "is");
  doc = icelandic.doc;
  changes.clear();
  fix_script(icelandic.context(), doc, changes);
  EXPECT_TRUE(changes.empty());
}

TEST(QaFixScript, CombiningDotAndDisabledChecks) {
  Track track({"i\u0307stanbul, Mеn"}, "tr");
  Document doc = track.doc;
  std::vector<Change> changes;
  track.profile.disabled.insert("homoglyph");
  fix_script(track.context(), doc, changes);
  EXPECT_EQ(change_lines(changes), Messages{"1 dotted-i: i\u0307stanbul, -> istanbul,"});
  EXPECT_EQ(plain_text(doc.cues[0]), "istanbul, Mеn");
}

TEST(QaFixScript, FixedTextHasNoScriptFindings) {
  Track track({"Мeн сeнi", "O'zbekiston bog'i", "Мaшина"}, "uz-Latn");
  Document doc = track.doc;
  std::vector<Change> changes;
  fix_script(track.context(), doc, changes);
  Context context(doc, track.profile);
  context.language = track.language;
  measure(context);
  std::vector<Finding> findings;
  check_homoglyph(context, findings);
  check_apostrophe(context, findings);
  EXPECT_TRUE(findings.empty()) << findings.front().message;
  EXPECT_EQ(plain_text(doc.cues[1]), "Oʻzbekiston bogʻi");
}

// ---- any input ---------------------------------------------------------------------------------

TEST(QaScriptInput, HugeLinesInvalidUtf8AndEmptyCues) {
  std::string word;   // one 1 MB word of every kind of trouble
  std::string words;  // 1 MB of short troubled words
  for (int i = 0; i < 50000; ++i) {
    word += "Iаbé\xC3\xA9Ã©漢ğжi\xCC\x87";
    words += "o'g' Ã© I\xCC\x87 ";
  }
  const std::vector<std::string> texts{word,       words, "", std::string("a\0b\xFF\xC3 I\xCC", 8),
                                       "\xF0\x9F", "ı"};
  for (const char* tag : {"tr", "uz-Latn", "kk-Cyrl", "und"}) {
    Track track(texts, tag);
    track.profile.glyphs = {{0x20, 0x7E}};
    track.profile.alphabets["Latn"] = kAzLatin;
    track.profile.alphabets["Cyrl"] = U"абв";
    for (const CheckFn check :
         {check_script_mismatch, check_mixed_script, check_homoglyph, check_apostrophe,
          check_dotted_i, check_alphabet, check_glyph, check_mojibake}) {
      const auto findings = track.run(check);
      EXPECT_LT(findings.size(), 250000U);
    }
    Document doc = track.doc;
    std::vector<Change> changes;
    fix_script(track.context(), doc, changes);
    EXPECT_EQ(doc.cues.size(), texts.size());
  }
}

// ---- no false positives on the UDHR
// --------------------------------------------------------------

std::vector<std::string> udhr_lines(const std::string& name) {
  std::ifstream in(testing::corpus_dir() / "translit/udhr" / (name + ".txt"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty())
      lines.push_back(line);
  }
  return lines;
}

struct Udhr {
  const char* file;
  const char* tag;
  const char32_t* alphabet;  // of the tag's script, or null
};

TEST(QaScriptUdhr, NoFindingsOnCorrectTurkicText) {
  const std::vector<Udhr> texts{
      {"azj_latn", "az-Latn", kAzLatin.c_str()},
      {"azj_latn", "az", nullptr},
      {"azj_cyrl", "az-Cyrl", U"абвгғдеәжзиыјкҝлмноөпрстуүфхһчҹшАБВГҒДЕӘЖЗИЫЈКҜЛМНОӨПРСТУҮФХҺЧҸШ"},
      {"kaz", "kk-Cyrl", U"аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"},
      {"kaz", "kk", nullptr},
      {"uzn_latn", "uz-Latn", U"abcdefghijklmnopqrstuvxyz"},
      {"uzn_latn", "uz", nullptr},
      {"uzn_cyrl", "uz-Cyrl", U"абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ"},
      {"tuk_latn", "tk-Latn", U"abçdeäfghijžklmnňoöprsştuüwyýz"},
      {"tuk_cyrl", "tk-Cyrl", nullptr},
      {"uig_arab", "ug-Arab", nullptr},
      {"uig_arab", "ug", nullptr},
      {"uig_latn", "ug-Latn", nullptr},
      {"tur", "tr", U"abcçdefgğhıijklmnoöprsştuüvyzâîû"},
      {"crh", "crh-Latn", nullptr},
      {"kir", "ky-Cyrl", nullptr},
      {"tat", "tt-Cyrl", nullptr},
      {"kaa", "kaa-Cyrl", nullptr},
  };
  const std::vector<CheckFn> checks{check_script_mismatch, check_mixed_script, check_homoglyph,
                                    check_apostrophe,      check_dotted_i,     check_alphabet,
                                    check_glyph,           check_mojibake};
  for (const Udhr& udhr : texts) {
    SCOPED_TRACE(std::string(udhr.file) + " as " + udhr.tag);
    Track track(udhr_lines(udhr.file), udhr.tag);
    ASSERT_GE(track.doc.cues.size(), 40U);
    if (udhr.alphabet != nullptr) {
      track.profile.alphabets[track.language.script() == "Cyrl" ? "Cyrl" : "Latn"] = udhr.alphabet;
    }
    for (const CheckFn check : checks) {
      for (const Finding& f : track.run(check))
        ADD_FAILURE() << "cue " << f.cue << ": " << f.check << ": " << f.message;
    }
    // And the fixes change nothing.
    Document doc = track.doc;
    std::vector<Change> changes;
    fix_script(track.context(), doc, changes);
    EXPECT_TRUE(changes.empty()) << changes.front().before << " -> " << changes.front().after;
  }
}

// Gagauz is Turkic-cased (İ/i), and its UDHR title writes "Insan" where the text writes "insan".
TEST(QaScriptUdhr, GagauzTitleWithoutTheDot) {
  const Track track(udhr_lines("gag"), "gag");
  EXPECT_EQ(numbered(track.run(check_dotted_i)),
            (Messages{"1: 'Insan' has I where the track writes 'insan': 'İnsan'",
                      "12: 'Insan' has I where the track writes 'insan': 'İnsan'"}));
}

}  // namespace
}  // namespace kopru::qa
