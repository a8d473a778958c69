// Round trips through every encoding, and the detection accuracy table over the sample sentences.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/core/error.h"
#include "pipeline/text/encoding.h"
#include "tests/unit/text/samples.h"

namespace kopru::text {
namespace {

using namespace samples;

struct Case {
  const char* label;
  const std::string* text;
  const char* encoding;  // what the bytes are written in
  const char* detected;  // what detection must report
};

// Each text in each encoding that can carry it. ISO-8859-9 Turkish without windows-1254-only
// punctuation is byte-identical in windows-1254; either name decodes it alike, and ICU's detector
// (the tie-breaker) calls it ISO-8859-9.
const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"kazakh-utf8", &kKazakh, "UTF-8", "UTF-8"},
      {"kazakh-utf16le", &kKazakh, "UTF-16LE", "UTF-16LE"},
      {"kazakh-utf16be", &kKazakh, "UTF-16BE", "UTF-16BE"},
      {"kazakh-kz1048", &kKazakh, "KZ-1048", "KZ-1048"},
      {"kazakh-pt154", &kKazakh, "PT154", "PT154"},
      {"russian-utf8", &kRussian, "UTF-8", "UTF-8"},
      {"russian-utf16le", &kRussian, "UTF-16LE", "UTF-16LE"},
      {"russian-cp1251", &kRussian, "windows-1251", "windows-1251"},
      {"russian-plain-cp1251", &kRussianPlain, "windows-1251", "windows-1251"},
      {"russian-koi8r", &kRussianPlain, "KOI8-R", "KOI8-R"},
      {"russian-iso8859-5", &kRussianPlain, "ISO-8859-5", "ISO-8859-5"},
      {"turkish-utf8", &kTurkish, "UTF-8", "UTF-8"},
      {"turkish-utf16be", &kTurkish, "UTF-16BE", "UTF-16BE"},
      {"turkish-cp1254", &kTurkish, "windows-1254", "windows-1254"},
      // Without typographic quotes the bytes are the same in both: the common code page is named.
      {"turkish-iso8859-9", &kTurkishPlain, "ISO-8859-9", "windows-1254"},
      {"uzbek-cyrillic-utf8", &kUzbekCyrillic, "UTF-8", "UTF-8"},
      {"uzbek-cyrillic-pt154", &kUzbekCyrillic, "PT154", "PT154"},
      {"uzbek-latin-utf8", &kUzbekLatin, "UTF-8", "UTF-8"},
      {"uzbek-latin-utf16le", &kUzbekLatin, "UTF-16LE", "UTF-16LE"},
      {"uyghur-utf8", &kUyghur, "UTF-8", "UTF-8"},
      {"uyghur-utf16le", &kUyghur, "UTF-16LE", "UTF-16LE"},
      {"uyghur-utf16be", &kUyghur, "UTF-16BE", "UTF-16BE"},
      {"uyghur-cp1256", &kUyghurLegacy, "windows-1256", "windows-1256"},
  };
  return all;
}

DecodedText detect_and_decode(const std::string& bytes, Diagnostics& diag) {
  return decode(bytes, DecodeOptions{"sample.srt", "", false}, diag);
}

TEST(Detection, AccuracyTableOverSampleSentences) {
  int correct = 0;
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.label);
    const std::string bytes = encode(*c.text, c.encoding);
    Diagnostics diag;
    const DecodedText decoded = detect_and_decode(bytes, diag);
    EXPECT_EQ(decoded.encoding, c.detected);
    EXPECT_EQ(decoded.utf8, *c.text);
    EXPECT_FALSE(decoded.had_bom);
    EXPECT_GE(decoded.confidence, 50);
    if (decoded.encoding == c.detected && decoded.utf8 == *c.text)
      ++correct;
  }
  EXPECT_EQ(correct, static_cast<int>(cases().size()));
}

TEST(Detection, SingleLinesAreDetectedToo) {
  // One line carries less evidence than a file; the letters still decide.
  const struct {
    std::string text;
    const char* encoding;
  } lines[] = {
      {"Бүгін ауа райы өте жақсы, күн ашық.", "KZ-1048"},
      {"Қазақ тілінде тоғыз ерекше әріп бар.", "PT154"},
      {"Это была очень длинная и холодная зима.", "windows-1251"},
      {"Это была очень длинная и холодная зима.", "KOI8-R"},
      {"Şimdi gitmem gerekiyor; yarın görüşürüz.", "windows-1254"},
  };
  for (const auto& line : lines) {
    SCOPED_TRACE(std::string(line.encoding) + ": " + line.text);
    Diagnostics diag;
    const DecodedText decoded = detect_and_decode(encode(line.text, line.encoding), diag);
    EXPECT_EQ(decoded.encoding, line.encoding);
    EXPECT_EQ(decoded.utf8, line.text);
  }
}

TEST(Detection, NeighbouringLanguagesAndCodePages) {
  // Pairs that trip simple detectors: Central European vs Western Latin, Ukrainian/Bulgarian
  // (windows-1251) vs Kazakh code pages, one Kazakh letter among Russian ones, Uzbek and Kyrgyz
  // Cyrillic, Arabic, and all-capitals Russian (which KOI8-R would read as lower case).
  const struct {
    std::string text;
    const char* encoding;
  } cases[] = {
      {"Dobar dan, kako ste? Čekam vas već sat vremena.\nŽelim vam sreću, đače.\n", "windows-1250"},
      {"Dzień dobry, jak się masz? Żółw idzie powoli.\nŁódź jest pięknym miastem.\n",
       "windows-1250"},
      {"Dobrý den, jak se máte? Příliš žluťoučký kůň úpěl ďábelské ódy.\n", "windows-1250"},
      {"Grüß Gott! Die Straße ist schön, und die Bäume blühen.\n", "windows-1252"},
      {"Ça va très bien, merci. Où est la bibliothèque? Noël approche.\n", "windows-1252"},
      {"Привіт, як справи? Їжак їсть яблуко, а ґава сидить на дереві. Це є моє.\n", "windows-1251"},
      {"Здравейте, как сте? Днес времето е хубаво и ще излезем навън.\n", "windows-1251"},
      {"Салом, аҳволингиз қандай? Мен ўқитувчиман.\n", "PT154"},
      {"Мен үйге бардым.\n", "KZ-1048"},
      {"Салам, кандайсың? Мен жакшымын, рахмат. Бүгүн күн жылуу, биз тоого барабыз.\n", "KZ-1048"},
      {"السلام عليكم، كيف حالك؟ أنا بخير والحمد لله.\n", "windows-1256"},
      {"Hi!\nПРИВЕТ, КАК ДЕЛА? ЭТО БЫЛА ОЧЕНЬ ДЛИННАЯ ЗИМА.\n", "windows-1251"},
      {"Hi!\nПРИВЕТ, КАК ДЕЛА? ЭТО БЫЛА ОЧЕНЬ ДЛИННАЯ ЗИМА.\n", "KOI8-R"},
      {"Ağaç.\n", "windows-1254"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.encoding) + ": " + c.text);
    Diagnostics diag;
    const DecodedText decoded = detect_and_decode(encode(c.text, c.encoding), diag);
    EXPECT_EQ(decoded.encoding, c.encoding);
    EXPECT_EQ(decoded.utf8, c.text);
  }
  // Bytes that read the same in two code pages: either name is right, the text must be.
  Diagnostics diag;
  const std::string kazakh = "Ол мектепке барды, ал мен қалдым.\n";
  EXPECT_EQ(detect_and_decode(encode(kazakh, "PT154"), diag).utf8, kazakh);
  const std::string turkish = "Bir, iki, üç.\n";
  EXPECT_EQ(detect_and_decode(encode(turkish, "windows-1254"), diag).utf8, turkish);
}

TEST(Detection, ReportsTheDetectedLegacyEncodingAsANote) {
  Diagnostics diag;
  const DecodedText decoded = detect_and_decode(encode(kKazakh, "KZ-1048"), diag);
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].severity, Severity::note);
  EXPECT_EQ(diag.all()[0].code, "encoding-detected");
  EXPECT_EQ(diag.all()[0].message,
            "detected encoding KZ-1048 (confidence " + std::to_string(decoded.confidence) + ")");
}

TEST(Detection, Utf8AndBomsAreNotNoted) {
  for (const char* encoding : {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
    SCOPED_TRACE(encoding);
    Diagnostics diag;
    const DecodedText decoded =
        detect_and_decode(encode(kRussian, encoding, EncodeOptions{true}), diag);
    EXPECT_EQ(decoded.encoding, encoding);
    EXPECT_EQ(decoded.confidence, 100);
    EXPECT_TRUE(decoded.had_bom);
    EXPECT_EQ(decoded.utf8, kRussian);
    EXPECT_TRUE(diag.empty());
  }
}

TEST(Detection, PureAsciiIsUtf8WithFullConfidence) {
  Diagnostics diag;
  const DecodedText decoded = detect_and_decode("1\n00:00:01,000 --> 00:00:02,000\nHi\n", diag);
  EXPECT_EQ(decoded.encoding, "UTF-8");
  EXPECT_EQ(decoded.confidence, 100);
  EXPECT_TRUE(diag.empty());
}

TEST(Detection, BomlessUtf16IsNotedWithItsConfidence) {
  Diagnostics diag;
  const DecodedText decoded = detect_and_decode(encode(kTurkish, "UTF-16LE"), diag);
  EXPECT_EQ(decoded.encoding, "UTF-16LE");
  EXPECT_GE(decoded.confidence, 60);
  EXPECT_LT(decoded.confidence, 100);
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].code, "encoding-detected");
}

TEST(RoundTrip, EveryEncodingWithBomAndWithout) {
  const std::string* texts[] = {&kKazakh,        &kRussian,      &kTurkish,
                                &kUzbekCyrillic, &kUzbekLatin,   &kUyghur,
                                &kRussianPlain,  &kTurkishPlain, &kUyghurLegacy};
  int round_trips = 0;
  for (const std::string& encoding : supported_encodings()) {
    for (const std::string* text : texts) {
      std::string bytes;
      try {
        bytes = encode(*text, encoding);
      } catch (const EncodingError&) {
        continue;  // a code page that cannot carry this language
      }
      SCOPED_TRACE(encoding + ": " + text->substr(0, 30));
      Diagnostics diag;
      const DecodedText forced = decode(bytes, DecodeOptions{"x.srt", encoding, false}, diag);
      EXPECT_EQ(forced.utf8, *text);
      EXPECT_EQ(forced.encoding, encoding);
      EXPECT_EQ(forced.confidence, 100);
      EXPECT_EQ(encode(forced.utf8, encoding), bytes);
      ++round_trips;
    }
  }
  // Every text fits the Unicode encodings; each code page carries at least one of them.
  EXPECT_GE(round_trips, 5 * 9 + 10);
}

TEST(RoundTrip, EachCodePageCarriesItsLanguage) {
  const struct {
    const char* encoding;
    const std::string* text;
  } pairs[] = {
      {"windows-1251", &kRussian},
      {"KOI8-R", &kRussianPlain},
      {"ISO-8859-5", &kRussianPlain},
      {"KZ-1048", &kKazakh},
      {"PT154", &kKazakh},
      {"PT154", &kUzbekCyrillic},
      {"windows-1254", &kTurkish},
      {"ISO-8859-9", &kTurkishPlain},
      {"windows-1256", &kUyghurLegacy},
  };
  for (const auto& p : pairs) {
    SCOPED_TRACE(p.encoding);
    Diagnostics diag;
    const std::string bytes = encode(*p.text, p.encoding);
    EXPECT_EQ(decode(bytes, DecodeOptions{"", p.encoding, false}, diag).utf8, *p.text);
  }
}

}  // namespace
}  // namespace kopru::text
