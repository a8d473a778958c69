// Letters, words and case for the transliteration engine: character classes, look-alike letters,
// case patterns, Roman numerals, addresses. Internal to pipeline/translit.
#pragma once
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <string>
#include <string_view>
#include <vector>

namespace kopru::translit::detail {

inline constexpr UChar32 kTurnedComma = 0x02BB;  // ʻ  (oʻ gʻ)
inline constexpr UChar32 kApostrophe = 0x02BC;   // ʼ  (tutuq belgisi)

inline bool is_word_char(UChar32 c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c >= 0x0400 && c <= 0x052F)
    return c != 0x0482;  // the Cyrillic blocks hold letters and marks, and one sign
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK)) != 0;
}

inline bool is_apostrophe_like(UChar32 c) {
  switch (c) {
    case 0x0027:  // '
    case 0x2019:  // ’
    case 0x2018:  // ‘
    case 0x02BC:  // ʼ
    case 0x02BB:  // ʻ
    case 0x0060:  // `
    case 0x00B4:  // ´
    case 0x02B9:  // ʹ
    case 0x2032:  // ′
      return true;
    default:
      return false;
  }
}

inline bool is_bidi_control(UChar32 c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

inline bool is_arabic_presentation_form(UChar32 c) {
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

// Letters of the Latin-1, Latin Extended and Cyrillic blocks, Arabic letters and
// punctuation: characters that are in NFC whatever surrounds them, so a run made only of them (and
// ASCII) needs no normalisation check. Combining marks and everything else go to ICU.
inline bool composes_alone(UChar32 c) {
  return c < 0x0300 || (c >= 0x0400 && c <= 0x0482) || (c >= 0x048A && c <= 0x052F) ||
         (c >= 0x0600 && c <= 0x064A) || (c >= 0x0660 && c <= 0x066F) ||
         (c >= 0x0671 && c <= 0x06D3) || (c >= 0x2000 && c <= 0x206F && c != 0x2000 && c != 0x2001);
}

inline bool is_space(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x3000;
}

std::string utf8_of(const icu::UnicodeString& s);
icu::UnicodeString unicode_of(std::string_view s);
// "'a' (U+0061)", for messages.
std::string code_point_name(UChar32 c);
std::string_view script_name(UScriptCode code);

// The look-alike of a Latin or Cyrillic letter in `script`, or U_SENTINEL.
UChar32 homoglyph_in(UChar32 c, UScriptCode script);

enum class Case { none, lower, upper, title, mixed };
Case case_of(const icu::UnicodeString& s);
// Mixed-case words (ЎзМУ, АҚШнинг) split where the case changes; each piece is one case.
std::vector<icu::UnicodeString> case_pieces(const icu::UnicodeString& s);

// An all-caps, well-formed Roman numeral of two letters or more (XIX, MMXXIV).
bool is_roman_numeral(const icu::UnicodeString& s);

// A whitespace-separated chunk holding a URL, an e-mail address, an @handle or a #tag.
bool is_protected_chunk(std::string_view chunk);

}  // namespace kopru::translit::detail
