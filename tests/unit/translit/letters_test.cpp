// The engine's letter helpers: case patterns, Roman numerals, addresses, look-alikes.
#include "pipeline/translit/letters.h"

#include <gtest/gtest.h>

namespace kopru::translit::detail {
namespace {

icu::UnicodeString u(const char* utf8) {
  return icu::UnicodeString::fromUTF8(utf8);
}

std::vector<std::string> pieces(const char* word) {
  std::vector<std::string> out;
  for (const auto& piece : case_pieces(u(word)))
    out.push_back(utf8_of(piece));
  return out;
}

TEST(Letters, CasePatterns) {
  EXPECT_EQ(case_of(u("юлдуз")), Case::lower);
  EXPECT_EQ(case_of(u("Юлдуз")), Case::title);
  EXPECT_EQ(case_of(u("ЮЛДУЗ")), Case::upper);
  EXPECT_EQ(case_of(u("Ш")), Case::title) << "an initial";
  EXPECT_EQ(case_of(u("ЎзМУ")), Case::mixed);
  EXPECT_EQ(case_of(u("ئۇيغۇر")), Case::none);
  EXPECT_EQ(case_of(u("Oʻzbek")), Case::title) << "ʻ is a letter without case";
}

TEST(Letters, MixedCaseWordsSplitWhereTheCaseChanges) {
  EXPECT_EQ(pieces("ЎзМУ"), (std::vector<std::string>{"Ўз", "МУ"}));
  EXPECT_EQ(pieces("АҚШнинг"), (std::vector<std::string>{"АҚШ", "нинг"}));
  EXPECT_EQ(pieces("МакДональд"), (std::vector<std::string>{"Мак", "Дональд"}));
  EXPECT_EQ(pieces("iPhone"), (std::vector<std::string>{"i", "Phone"}));
}

TEST(Letters, RomanNumeralsAreWellFormedAllCapsNumbers) {
  for (const char* yes : {"XIX", "XX", "MMXXIV", "IV", "XLII", "MCMXCIX", "CD", "MIX"})
    EXPECT_TRUE(is_roman_numeral(u(yes))) << yes;
  for (const char* no : {"I", "V", "IIII", "VV", "IC", "XM", "xix", "MIXER", "DM", "ABC"})
    EXPECT_FALSE(is_roman_numeral(u(no))) << no;
}

TEST(Letters, ProtectedChunks) {
  for (const char* yes : {"https://kun.uz/a?b=1", "www.kun.uz", "ali@maktab.uz", "@yulduz", "#кино",
                          "(#tag)", "ftp://x"})
    EXPECT_TRUE(is_protected_chunk(yes)) << yes;
  for (const char* no : {"", "#", "#!", "салом", "1995-yil", "a:b"})
    EXPECT_FALSE(is_protected_chunk(no)) << no;
}

TEST(Letters, LookAlikesBetweenLatinAndCyrillic) {
  EXPECT_EQ(homoglyph_in('a', USCRIPT_CYRILLIC), 0x0430);
  EXPECT_EQ(homoglyph_in(0x0430, USCRIPT_LATIN), 'a');
  EXPECT_EQ(homoglyph_in(0x04D9, USCRIPT_LATIN), 0x0259) << "ә and ə";
  EXPECT_EQ(homoglyph_in(0x0456, USCRIPT_LATIN), 'i') << "Kazakh і and Latin i";
  EXPECT_EQ(homoglyph_in('q', USCRIPT_CYRILLIC), U_SENTINEL);
  EXPECT_EQ(code_point_name('a'), "'a' (U+0061)");
}

TEST(Letters, WordCharactersAndSpaces) {
  EXPECT_TRUE(is_word_char('a'));
  EXPECT_TRUE(is_word_char(0x0436));  // ж
  EXPECT_TRUE(is_word_char(0x0301));  // combining acute
  EXPECT_TRUE(is_word_char(0x0626));  // ئ
  EXPECT_FALSE(is_word_char('1'));
  EXPECT_FALSE(is_word_char(0x0482));  // Cyrillic thousands sign
  EXPECT_FALSE(is_word_char('\''));
  EXPECT_TRUE(is_apostrophe_like(0x2019));
  EXPECT_TRUE(is_space(0x00A0));
  EXPECT_TRUE(is_bidi_control(0x200F));
  EXPECT_TRUE(composes_alone(0x0436));
  EXPECT_FALSE(composes_alone(0x0308)) << "a combining mark may compose";
}

}  // namespace
}  // namespace kopru::translit::detail
