// The carry check (pipeline/text/carry.h) with synthetic repertoires: positions, the error message,
// every fallback path, markup left alone, the title, and the fallback table in locales/carry/.
#include "pipeline/text/carry.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/text/carry_table.h"
#include "tests/support/test_support.h"

namespace kopru {
namespace {

namespace fs = std::filesystem;

codecs::Repertoire ascii() {
  return {"ASCII test table", [](char32_t c) { return c >= 0x20 && c < 0x7F; }};
}
codecs::Repertoire latin1() {
  return {"Latin-1 test table",
          [](char32_t c) { return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF); }};
}
// Latin-1 plus combining marks, so that decomposed text is stored as it is.
codecs::Repertoire latin1_and_marks() {
  return {"Latin-1 and marks", [](char32_t c) {
            return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF) ||
                   (c >= 0x300 && c <= 0x36F);
          }};
}

// What an ICU single-byte converter can encode: the real ISO 8859 parts of EBU STL.
codecs::Repertoire code_page(const std::string& name) {
  auto carries = [name](char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open(name.c_str(), &status);
    if (U_FAILURE(status))
      return false;
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    UChar in[2];
    int32_t length = 0;
    U16_APPEND_UNSAFE(in, length, static_cast<UChar32>(c));
    char out[8];
    const int32_t written = ucnv_fromUChars(converter, out, sizeof out, in, length, &status);
    ucnv_close(converter);
    return U_SUCCESS(status) && written == 1;
  };
  return {name, carries};
}

Cue cue_of(std::vector<Run> runs, int source_line = 0) {
  Cue cue;
  cue.runs = std::move(runs);
  cue.source_line = source_line;
  return cue;
}

Document doc_of(std::vector<Cue> cues, std::string title = "") {
  Document doc;
  doc.meta.title = std::move(title);
  doc.cues = std::move(cues);
  return doc;
}

Document doc_of_text(const std::string& text, int source_line = 0) {
  return doc_of({cue_of(runs_from_text(text), source_line)});
}

std::string fallback_for(const std::string& text, const codecs::Repertoire& repertoire) {
  Diagnostics diag;
  const Document out = replace_uncarried(doc_of_text(text), repertoire, diag);
  return plain_text(out.cues[0]);
}

struct Position {
  std::size_t cue;
  int line;
  int column;
  char32_t c;
  std::string fallback;
  bool operator==(const Position&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Position& p) {
  return os << "{cue " << p.cue << " line " << p.line << " col " << p.column << " U+" << std::hex
            << static_cast<unsigned>(p.c) << std::dec << " -> '" << p.fallback << "'}";
}

std::vector<Position> positions(const Document& doc, const codecs::Repertoire& repertoire) {
  std::vector<Position> out;
  for (const UncarriedCharacter& u : find_uncarried(doc, repertoire))
    out.push_back({u.cue, u.line, u.column, u.character, u.fallback});
  return out;
}

std::string carry_error(const Document& doc, const codecs::Repertoire& repertoire,
                        const std::string& path = "in.srt") {
  Diagnostics diag;
  try {
    (void)carry_or_replace(doc, repertoire, false, path, diag);
  } catch (const CarryError& e) {
    return e.formatted();
  }
  ADD_FAILURE() << "the document was not refused";
  return {};
}

// ---- positions ----

TEST(CarryFind, MultiLineCueCountsLinesAndCodePointColumns) {
  Document doc = doc_of({cue_of(runs_from_text("Salam\nƏziz gəldi"), 4),
                         cue_of(runs_from_text("ok"), 8), cue_of(runs_from_text("bu ı"), 11)});
  EXPECT_EQ(positions(doc, latin1()), (std::vector<Position>{
                                          {1, 2, 1, U'Ə', "Ä"},
                                          {1, 2, 7, U'ə', "ä"},
                                          {3, 1, 4, U'ı', "i"},
                                      }));
  const auto found = find_uncarried(doc, latin1());
  EXPECT_EQ(found[0].source_line, 4);
  EXPECT_EQ(found[2].source_line, 11);
}

TEST(CarryFind, ColumnsRunAcrossSpansAndSkipRawMarkup) {
  const Span italic{SpanKind::italic};
  Document doc =
      doc_of({cue_of({Run::raw("ass", "{\\an8ə}"), Run::plain("ab "), Run::plain("çə", {italic}),
                      Run::line_break(), Run::timestamp(from_ms(500)), Run::plain("xə")})});
  // The raw run's schwa is markup, not text; columns count the text alone.
  EXPECT_EQ(positions(doc, ascii()), (std::vector<Position>{
                                         {1, 1, 4, U'ç', "c"},
                                         {1, 1, 5, U'ə', "a"},
                                         {1, 2, 2, U'ə', "a"},
                                     }));
}

TEST(CarryFind, NewlineInsideATextRunIsALineBreakNotACharacter) {
  Document doc = doc_of({cue_of({Run::plain("a\nbə\r")})});
  EXPECT_EQ(positions(doc, ascii()),
            (std::vector<Position>{{1, 2, 2, U'ə', "a"}, {1, 2, 3, U'\r', "?"}}));
}

TEST(CarryFind, AstralCharactersCountAsOneColumn) {
  Document doc = doc_of_text("\U0001F600 x \U0001F3B5ə");
  EXPECT_EQ(positions(doc, ascii()), (std::vector<Position>{
                                         {1, 1, 1, U'\U0001F600', "?"},
                                         {1, 1, 5, U'\U0001F3B5', "?"},
                                         {1, 1, 6, U'ə', "a"},
                                     }));
}

TEST(CarryFind, CombiningSequences) {
  // e + COMBINING ACUTE: Latin-1 has é, so the mark composes with its letter.
  EXPECT_EQ(positions(doc_of_text("Ke\u0301lin"), latin1()),
            (std::vector<Position>{{1, 1, 3, U'\u0301', "é"}}));
  // ASCII has no é: the mark alone is dropped, its letter stays.
  EXPECT_EQ(positions(doc_of_text("Ke\u0301lin"), ascii()),
            (std::vector<Position>{{1, 1, 3, U'\u0301', ""}}));
  // i + COMBINING DOT ABOVE (root-cased İ) composes to nothing stored: the dot goes.
  EXPECT_EQ(positions(doc_of_text("i\u0307stanbul"), latin1()),
            (std::vector<Position>{{1, 1, 2, U'\u0307', ""}}));
  // Marks the target stores are kept even on a letter it lacks.
  EXPECT_EQ(positions(doc_of_text("\u0259\u0301"), latin1_and_marks()),
            (std::vector<Position>{{1, 1, 1, U'ə', "ä"}}));
}

TEST(CarryFind, TitleIsCheckedAsCueZero) {
  Document doc = doc_of({cue_of(runs_from_text("ok"))}, "Gəlin");
  EXPECT_EQ(positions(doc, latin1()), (std::vector<Position>{{0, 1, 2, U'ə', "ä"}}));
}

TEST(CarryFind, EverythingCarriedOrNoRepertoire) {
  Document doc = doc_of_text("Əziz \U0001F600 гəлди");
  EXPECT_TRUE(find_uncarried(doc, codecs::Repertoire{"any", {}}).empty());
  EXPECT_TRUE(find_uncarried(doc_of_text("plain <i>ascii</i>"), ascii()).empty());
}

// ---- the error message ----

TEST(CarryError, ListsEveryCharacterWithItsPositionNameAndFallback) {
  Document doc = doc_of({cue_of(runs_from_text("Salam\nƏziz gəldi"), 5),
                         cue_of(runs_from_text("a\u00A0b \U0001F600"), 9)},
                        "Gəlin");
  EXPECT_EQ(carry_error(doc, ascii(), "film.srt"),
            "film.srt: error: ASCII test table cannot store 5 characters (use --replace for the "
            "documented fallbacks, or transliterate):\n"
            "film.srt: title, column 2: U+0259 'ə' LATIN SMALL LETTER SCHWA (fallback: 'a')\n"
            "film.srt:5: cue 1, line 2, column 1: U+018F 'Ə' LATIN CAPITAL LETTER SCHWA "
            "(fallback: 'A')\n"
            "film.srt:5: cue 1, line 2, column 7: U+0259 'ə' LATIN SMALL LETTER SCHWA "
            "(fallback: 'a')\n"
            "film.srt:9: cue 2, line 1, column 2: U+00A0 NO-BREAK SPACE (fallback: ' ')\n"
            "film.srt:9: cue 2, line 1, column 5: U+1F600 '\U0001F600' GRINNING FACE "
            "(fallback: '?')");
}

TEST(CarryError, OneCharacterMarksAndRemovals) {
  EXPECT_EQ(carry_error(doc_of_text("\u200Fsalam", 3), ascii()),
            "in.srt: error: ASCII test table cannot store 1 character (use --replace for the "
            "documented fallbacks, or transliterate):\n"
            "in.srt:3: cue 1, line 1, column 1: U+200F RIGHT-TO-LEFT MARK (fallback: removed)");
  EXPECT_EQ(carry_error(doc_of_text("Ke\u0301lin", 3), latin1()),
            "in.srt: error: Latin-1 test table cannot store 1 character (use --replace for the "
            "documented fallbacks, or transliterate):\n"
            "in.srt:3: cue 1, line 1, column 3: U+0301 '\u25CC\u0301' COMBINING ACUTE ACCENT "
            "(fallback: 'é' with the letter before it)");
}

TEST(CarryError, ThousandsAreListedUpToACapThenCounted) {
  std::string text;
  for (int i = 0; i < 230; ++i)
    text += "ə";
  text += "\nıı";
  const std::string message = carry_error(doc_of_text(text, 2), latin1());
  EXPECT_NE(message.find("cannot store 232 characters"), std::string::npos);
  std::size_t lines = 0;
  for (const char c : message)
    lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 201U);  // 200 listed, then the summary line
  EXPECT_NE(message.find("in.srt:2: cue 1, line 1, column 200: U+0259"), std::string::npos);
  EXPECT_EQ(message.find("column 201:"), std::string::npos);
  EXPECT_TRUE(message.ends_with("\n... and 32 more: U+0259 'ə' ×30, U+0131 'ı' ×2")) << message;
}

TEST(CarryError, IsAnInputError) {
  Diagnostics diag;
  EXPECT_THROW((void)carry_or_replace(doc_of_text("ə"), ascii(), false, "x.srt", diag), InputError);
}

// ---- fallback paths ----

TEST(CarryFallback, TableCandidatesInOrder) {
  EXPECT_EQ(fallback_for("Əziz gəldi", latin1()), "Äziz gäldi");  // first candidate stored
  EXPECT_EQ(fallback_for("Əziz gəldi", ascii()), "Aziz galdi");   // ä not stored: the next one
  EXPECT_EQ(fallback_for("ǝ", codecs::Repertoire{"schwa", [](char32_t c) { return c == U'ə'; }}),
            "ə");
  EXPECT_EQ(fallback_for("Türkmen dili: ňaňy", latin1()), "Türkmen dili: ñañy");
  EXPECT_EQ(fallback_for("Türkmen dili: ňaňy", ascii()), "Turkmen dili: nany");
  EXPECT_EQ(fallback_for("“Salom” — dedi…", ascii()), "\"Salom\" - dedi...");
}

TEST(CarryFallback, DecompositionBaseWhenTheTableHasNothing) {
  // U+1E31 LATIN SMALL LETTER K WITH ACUTE and U+01DA U WITH DIAERESIS AND CARON are not in the
  // table; their decompositions give k and u (ü is not taken: the marks are all dropped).
  EXPECT_EQ(fallback_for("\u1E31\u01DA", ascii()), "ku");
  EXPECT_FALSE(carry::fallback_table().contains(U'\u1E31'));
  // Hangul decomposes to jamo, which ASCII lacks as well: '?'.
  EXPECT_EQ(fallback_for("\uD55C", ascii()), "?");
}

TEST(CarryFallback, QuestionMarkLast) {
  EXPECT_EQ(fallback_for("Сәлем \U0001F600!", ascii()), "????? ?!");
}

TEST(CarryFallback, InvisibleCharactersAreRemoved) {
  EXPECT_EQ(fallback_for("\u200F\u202Bسالام\u202C", code_page("ISO-8859-6")), "سالام");
}

TEST(CarryFallback, CombiningSequencesComposeOrLoseTheirMark) {
  EXPECT_EQ(fallback_for("Ke\u0301lin s\u0327", latin1()), "Kélin s");
  EXPECT_EQ(fallback_for("Ke\u0301lin", ascii()), "Kelin");
  EXPECT_EQ(fallback_for("\u0301a", ascii()), "a");  // a mark with no letter before it
}

// ---- replacing ----

TEST(CarryReplace, WarnsOncePerChangedCueLineWithBeforeAndAfter) {
  Document doc = doc_of({cue_of(runs_from_text("ok"), 2), cue_of(runs_from_text("x"), 5),
                         cue_of(runs_from_text("Salam\nƏziz gəldi, gəl"), 9)});
  Diagnostics diag("film.srt");
  const Document out = replace_uncarried(doc, latin1(), diag);
  EXPECT_EQ(plain_text(out.cues[2]), "Salam\nÄziz gäldi, gäl");
  ASSERT_EQ(diag.all().size(), 1U);
  const Diagnostic& d = diag.all()[0];
  EXPECT_EQ(d.code, "carry-replaced");
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_EQ(d.where.line, 9);
  EXPECT_EQ(
      d.message,
      "cue 3, line 2: replaced 'Ə'→'Ä', 'ə'→'ä' ×2: \"Əziz gəldi, gəl\" -> \"Äziz gäldi, gäl\"");
}

TEST(CarryReplace, WarningNamesRemovalsAndInvisibleCharacters) {
  Diagnostics diag;
  (void)replace_uncarried(doc_of_text("a\u00A0b\u200F"), ascii(), diag);
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].message,
            "cue 1, line 1: replaced U+00A0→' ', U+200F→nothing: \"a\u00A0b\u200F\" -> \"a b\"");
}

TEST(CarryReplace, ApostrophesAreQuotedReadably) {
  Diagnostics diag;
  (void)replace_uncarried(doc_of_text("Oʻzbek"), ascii(), diag);
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].message, "cue 1, line 1: replaced 'ʻ'→\"'\": \"Oʻzbek\" -> \"O'zbek\"");
}

TEST(CarryReplace, AWholeLineOfAnotherScriptNamesTwelveReplacementsThenCounts) {
  Diagnostics diag;
  (void)replace_uncarried(doc_of_text("абвгдежзийклмнопр"), ascii(), diag);
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].message,
            "cue 1, line 1: replaced 'а'→'?', 'б'→'?', 'в'→'?', 'г'→'?', 'д'→'?', 'е'→'?', "
            "'ж'→'?', 'з'→'?', 'и'→'?', 'й'→'?', 'к'→'?', 'л'→'?' and 5 more: "
            "\"абвгдежзийклмнопр\" -> \"?????????????????\"");
}

TEST(CarryReplace, MarkupIsUntouched) {
  const Span italic{SpanKind::italic};
  Span font{SpanKind::font};
  font.annotation = "Arial";
  Document doc = doc_of({cue_of({Run::raw("ass", "{\\fnƏ}"), Run::plain("Ə", {italic}),
                                 Run::plain("ziz ", {italic, font}), Run::line_break(),
                                 Run::timestamp(from_ms(1200)), Run::plain("gəl")})});
  doc.cues[0].start = from_ms(1000);
  doc.cues[0].end = from_ms(2000);
  doc.cues[0].speaker = "Əli";
  Diagnostics diag;
  const Document out = replace_uncarried(doc, latin1(), diag);
  Document expected = doc;
  expected.cues[0].runs[1].text = "Ä";
  expected.cues[0].runs[5].text = "gäl";
  EXPECT_EQ(out, expected);
  ASSERT_EQ(diag.all().size(), 2U);
  EXPECT_EQ(diag.all()[0].message, "cue 1, line 1: replaced 'Ə'→'Ä': \"Əziz \" -> \"Äziz \"");
  EXPECT_EQ(diag.all()[1].message, "cue 1, line 2: replaced 'ə'→'ä': \"gəl\" -> \"gäl\"");
}

TEST(CarryReplace, TitleIsReplacedAndReported) {
  Diagnostics diag;
  const Document out =
      replace_uncarried(doc_of({cue_of(runs_from_text("ok"))}, "Gəlin"), latin1(), diag);
  EXPECT_EQ(out.meta.title, "Gälin");
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_EQ(diag.all()[0].message, "title: replaced 'ə'→'ä': \"Gəlin\" -> \"Gälin\"");
}

TEST(CarryReplace, LongLinesAreQuotedShortAndReplaced) {
  std::string line;
  for (int i = 0; i < 200000; ++i)
    line += "gəl ";
  // A quadratic replacement would end in the CTest timeout; no timing is asserted here.
  Diagnostics diag;
  const Document out = replace_uncarried(doc_of_text(line), latin1(), diag);
  EXPECT_EQ(plain_text(out.cues[0]).substr(0, 10), "gäl gäl ");
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_LT(diag.all()[0].message.size(), 1000U);
  EXPECT_NE(diag.all()[0].message.find("'ə'→'ä' ×200000"), std::string::npos);
  EXPECT_NE(diag.all()[0].message.find("…\" -> \"gäl"), std::string::npos);
}

TEST(CarryReplace, AMegabyteOfDistinctCharactersIsListedWithACap) {
  // 20,000 distinct CJK ideographs repeated: every one uncarried, both in the error and replaced.
  std::string line;
  for (int i = 0; line.size() < (1U << 20U); ++i)
    line += carry::encode_utf8(static_cast<char32_t>(0x4E00 + i % 20000));
  const Document doc = doc_of_text(line, 7);
  const std::string message = carry_error(doc, ascii());
  Diagnostics diag;
  const Document out = replace_uncarried(doc, ascii(), diag);
  EXPECT_LT(message.size(), 40000U);
  EXPECT_TRUE(message.ends_with(" and 19800 other characters"))
      << message.substr(message.size() - 200);
  EXPECT_EQ(plain_text(out.cues[0]), std::string(carry::count_code_points(line), '?'));
  ASSERT_EQ(diag.all().size(), 1U);
  EXPECT_LT(diag.all()[0].message.size(), 2000U);
}

TEST(CarryOrReplace, ReturnsNothingWhenEverythingIsCarried) {
  const Document doc = doc_of_text("Salam, <dostum>!");
  Diagnostics diag;
  EXPECT_EQ(carry_or_replace(doc, ascii(), false, "a.srt", diag), std::nullopt);
  EXPECT_TRUE(diag.empty());
  const Document schwa = doc_of_text("ə");
  EXPECT_EQ(carry_or_replace(schwa, codecs::Repertoire{"all", {}}, false, "a.srt", diag),
            std::nullopt);
  const auto replaced = carry_or_replace(schwa, ascii(), true, "a.srt", diag);
  ASSERT_TRUE(replaced.has_value());
  EXPECT_EQ(plain_text(replaced->cues[0]), "a");
  EXPECT_EQ(diag.all().size(), 1U);
}

// ---- the real code pages of EBU STL and the Turkic letters ----

TEST(CarryTable, CyrillicTurkicLettersFitIso8859_5) {
  const auto iso5 = code_page("ISO-8859-5");
  EXPECT_EQ(fallback_for("Қазақстан Республикасы, әке, ұшақ, үй, һ, ғ, ң, ө, і", iso5),
            "Казакстан Республикасы, аке, ушак, уй, х, г, н, о, і");
  EXPECT_EQ(fallback_for("Ҳа, ўғил; җан; ҝөзәл ҹәлил; ӯ Ҥ", iso5),
            "Ха, ўгил; жан; козал чалил; ў Н");
  const std::u32string letters = U"әӘғҒқҚңҢөӨұҰүҮһҺіІҗҖҳҲӯӮўЎҝҜҹҸјЈҡҠҙҘҫҪҥҤ";
  for (const char32_t c : letters) {
    const std::string text = carry::encode_utf8(c);
    const std::string out = fallback_for(text, iso5);
    EXPECT_NE(out, "?") << text;
    EXPECT_TRUE(iso5.carries(carry::decode_first(out))) << text;
  }
}

TEST(CarryTable, UyghurLettersFitIso8859_6) {
  const auto iso6 = code_page("ISO-8859-6");
  EXPECT_EQ(fallback_for("ئۇيغۇر", iso6), "ئويغور");
  EXPECT_EQ(fallback_for("ۆ ۈ ې ى ڭ ۋ پ چ ژ گ ھ ە", iso6), "و و ي ى ك و ب ج ز ك ه ه");
  EXPECT_EQ(fallback_for("٢٠٢٤، ياخشى؟", iso6), "2024، ياخشى؟");
}

TEST(CarryTable, LatinTurkicLettersToLatin1AndAscii) {
  EXPECT_EQ(fallback_for("İstanbul’da şarkı söyledik, ağabey; çay", latin1()),
            "Istanbul'da sarki söyledik, agabey; çay");
  EXPECT_EQ(fallback_for("Oʻzbekiston, maʼno, gʻoʻza", latin1()), "O'zbekiston, ma'no, g'o'za");
  EXPECT_EQ(fallback_for("Türkmenistan: žurnal, ýol, ňaň", ascii()),
            "Turkmenistan: zurnal, yol, nan");
  EXPECT_EQ(fallback_for("Qazaqstan Respublikasy: Būl, äke", ascii()),
            "Qazaqstan Respublikasy: Bul, ake");
  // A script's letters never fall back to another script's: transliterate first.
  EXPECT_EQ(fallback_for("«Salom» — «Сәлем»", latin1()), "«Salom» - «?????»");
}

TEST(CarryTable, CoversTheTurkicLettersOfEveryScript) {
  const std::u32string required =
      U"əƏıİşŞğĞçÇñÑňŇöÖüÜžŽýÝäÄūŪʻʼ"  // Latin
      U"әӘғҒқҚңҢөӨұҰүҮһҺіІҗҖҳҲӯӮўЎ"    // Cyrillic
      U"ۆۈېڭۋپچژگھەۇ"                  // Uyghur Arabic letters 8859-6 lacks
      U"’‘“”–—…«»\u00A0";              // typographic punctuation
  const carry::FallbackTable& table = carry::fallback_table();
  for (const char32_t c : required)
    EXPECT_TRUE(table.contains(c)) << carry::encode_utf8(c);
}

// ---- the table file itself ----

class CarryTableFile : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* old = std::getenv("KOPRU_LOCALES"))
      saved_ = old;
    root_ = fs::temp_directory_path() /
            ("kopru-carry-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    use_folder("empty");
  }
  void TearDown() override {
    if (saved_)
      ::setenv("KOPRU_LOCALES", saved_->c_str(), 1);
    else
      ::unsetenv("KOPRU_LOCALES");
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  // Tables are cached per path, so every table goes to a folder of its own.
  void use_folder(const std::string& name) {
    fs::create_directories(root_ / name);
    ::setenv("KOPRU_LOCALES", (root_ / name).c_str(), 1);
  }
  void write_table(const std::string& text) {
    const std::string name = "t" + std::to_string(tables_++);
    fs::create_directories(root_ / name / "carry");
    testing::spit(root_ / name / "carry" / "fallback.tsv", text);
    use_folder(name);
  }
  // The message of the EnvironmentError a replacement raises.
  std::string failure() {
    try {
      (void)fallback_for("ə", ascii());
    } catch (const EnvironmentError& e) {
      return e.what();
    }
    ADD_FAILURE() << "the table was accepted";
    return {};
  }

  fs::path root_;
  int tables_ = 0;
  std::optional<std::string> saved_;
};

TEST_F(CarryTableFile, MissingFileIsAClearError) {
  EXPECT_NE(failure().find("carry/fallback.tsv: cannot read Kopru's character fallback table"),
            std::string::npos);
}

TEST_F(CarryTableFile, MalformedLinesNameFileAndLine) {
  write_table("# comment\nə\tä a\treason\nı\ti\n");
  EXPECT_NE(failure().find("fallback.tsv:3: expected \"character<TAB>candidates<TAB>reason\""),
            std::string::npos)
      << failure();
  write_table("ə\tä  a\ttwo spaces\n");
  EXPECT_NE(failure().find("fallback.tsv:1: two spaces"), std::string::npos);
  write_table("ə\ta\t\xFF\n");
  EXPECT_NE(failure().find("fallback.tsv:1: not valid UTF-8"), std::string::npos);
}

TEST_F(CarryTableFile, BadKeysAndDuplicates) {
  write_table("ab\ta\tnot one character\n");
  EXPECT_NE(failure().find("fallback.tsv:1: 'ab' is not one character"), std::string::npos);
  write_table("ə\ta\tone\nə\tä\ttwo\n");
  EXPECT_NE(failure().find("fallback.tsv:2: 'ə' is listed twice"), std::string::npos);
  write_table("U+D800\ta\tsurrogate\n");
  EXPECT_NE(failure().find("fallback.tsv:1: 'U+D800' is not a Unicode scalar value"),
            std::string::npos);
  // "U+0061U" is not a hex number: a clear error, not a silent literal.
  write_table("ə\tU+0061U\tbad\n");
  EXPECT_NE(failure().find("'U+0061U' is not a Unicode scalar value"), std::string::npos);
}

TEST_F(CarryTableFile, EscapesAndRemovals) {
  write_table("ə\tU+00E4 U+0061\tescaped\n\n# c\nU+00A0\t\"\"\tremove\n");
  EXPECT_EQ(fallback_for("ə\u00A0!", latin1()), "ä\u00A0!");
  EXPECT_EQ(fallback_for("ə\u00A0!", ascii()), "a!");
}

TEST_F(CarryTableFile, NotNeededWhenNothingIsReplaced) {
  Diagnostics diag;
  EXPECT_NO_THROW((void)carry_or_replace(doc_of_text("ascii"), ascii(), true, "a.srt", diag));
  EXPECT_NO_THROW((void)carry_or_replace(doc_of_text("é"), latin1(), false, "a", diag));
}

}  // namespace
}  // namespace kopru
