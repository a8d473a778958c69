// What the script checks (script-mismatch, mixed-script, homoglyph, apostrophe, dotted-i,
// alphabet, glyph, mojibake) and their fixes share: the track's script, words and their scripts,
// look-alike letters, Uzbek apostrophes and legacy code-page mojibake. Internal to pipeline/qa.
#pragma once

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/language_tag.h"
#include "pipeline/qa/profile.h"

namespace kopru::qa::script {

// The script a tag's text is written in: its script subtag, or the language's likely script
// (ICU likely subtags: "kk" -> Cyrl, "uz" -> Latn, "ug" -> Arab). USCRIPT_INVALID_CODE when the
// tag is empty or names no known language.
UScriptCode script_of(const LanguageTag& tag);
// "Latn" for USCRIPT_LATIN: the key of Profile::alphabets.
std::string script_code(UScriptCode script);
// "Latin", "Cyrillic".
std::string script_name(UScriptCode script);

// True when a letter of `letter` script belongs in text of `track` script (Han in Jpan, Kore...).
bool belongs(UScriptCode letter, UScriptCode track);

inline bool is_letter(UChar32 c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return (U_GET_GC_MASK(c) & U_GC_L_MASK) != 0;
}

// Letters and marks make words; Uzbek ʻ ʼ (Lm) are letters of the word.
inline bool is_word_char(UChar32 c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK)) != 0;
}

// The script of a letter; USCRIPT_COMMON for anything that is not one (digits, ʻ, marks).
inline UScriptCode letter_script(UChar32 c) {
  if (c < 0x80)
    return is_letter(c) ? USCRIPT_LATIN : USCRIPT_COMMON;
  if (!is_letter(c))
    return USCRIPT_COMMON;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode s = uscript_getScript(c, &status);
  return U_FAILURE(status) || s == USCRIPT_INHERITED ? USCRIPT_COMMON : s;
}

std::string utf8(UChar32 c);
// "'a' (U+0061)"
std::string quoted(UChar32 c);

// Calls f(word, byte_offset) for each run of word characters of `text`. Invalid UTF-8 bytes end
// a word.
template <class F>
void for_each_word(std::string_view text, F&& f) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t start = -1;
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    const bool inside = c >= 0 && is_word_char(c);
    if (inside && start < 0)
      start = at;
    if (!inside && start >= 0) {
      f(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start)),
        static_cast<std::size_t>(start));
      start = -1;
    }
  }
  if (start >= 0)
    f(text.substr(static_cast<std::size_t>(start)), static_cast<std::size_t>(start));
}

// Calls f(c, script) for each letter of `lines` with its letter_script, skipping USCRIPT_COMMON,
// until f returns false.
template <class F>
void for_each_letter(const std::vector<std::string>& lines, F&& f) {
  for (const std::string& line : lines) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(line.data());
    const auto length = static_cast<std::int32_t>(line.size());
    for (std::int32_t k = 0; k < length;) {
      UChar32 c = 0;
      U8_NEXT(s, k, length, c);
      const UScriptCode letter = letter_script(c);
      if (letter != USCRIPT_COMMON && !f(c, letter))
        return;
    }
  }
}

// A word with letters of two or more scripts.
struct MixedWord {
  UScriptCode word_script = USCRIPT_COMMON;  // the script most of its letters are in
  UScriptCode odd_script = USCRIPT_COMMON;   // the script of the first odd letter
  std::vector<UChar32> odd;                  // the other scripts' letters, each once, in order
  std::vector<UChar32> twins;                // their look-alikes in word_script (when all_twins)
  bool all_twins = false;                    // every odd letter has a look-alike: a homoglyph
};
// False (and no allocation) for the usual single-script word. A tie goes to `track`.
bool analyse_word(std::string_view word, UScriptCode track, MixedWord& out);

// The word with every odd letter replaced by its twin (only meaningful when all_twins).
std::string replace_twins(std::string_view word, const MixedWord& mixed);

// Whether replacing with `twin` is safe: it is in the profile's alphabet of `script` (or that
// alphabet is not given).
bool twin_allowed(const Profile& profile, UScriptCode script, UChar32 twin);

// ---- Uzbek apostrophes -------------------------------------------------------------------------

inline constexpr UChar32 kTurnedComma = 0x02BB;   // ʻ  oʻ gʻ
inline constexpr UChar32 kModifierApos = 0x02BC;  // ʼ  tutuq belgisi

// True when the tag is Uzbek in Latin script (uz, uz-Latn, uz-Latn-UZ).
bool is_uzbek_latin(const LanguageTag& tag);

struct ApostropheFix {
  std::size_t offset = 0;  // byte offset in the text
  std::size_t length = 0;  // bytes of the wrong character
  UChar32 found = 0;
  UChar32 wanted = 0;
};
// The wrong apostrophes of Uzbek Latin text: after o/g the letter ʻ, elsewhere inside a word ʼ.
// Apostrophes used as quotation marks ('so'z' around a word) are left alone.
std::vector<ApostropheFix> uzbek_apostrophes(std::string_view text);

// ---- mojibake ----------------------------------------------------------------------------------

// The cp1252 byte a character decodes from (Latin-1 for 0x80-0x9F), or -1.
int cp1252_byte(UChar32 c);

struct Mojibake {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string meant;  // the text the bytes encode
};
// UTF-8 bytes decoded as cp1252/Latin-1 ("Ã¶" for "ö", "Ð¿Ñ€" for "пр", "â€™" for "’").
std::vector<Mojibake> utf8_mojibake(std::string_view text);
// cp1251 Cyrillic decoded as cp1252: words of four or more letters all from À-ÿ ("Ïðèâåò").
std::vector<Mojibake> cp1251_mojibake(std::string_view text);
// The Turkish cp1254 letter a cp1252/Latin-1 character stands for in a tr/az track (Ý -> İ), or 0.
UChar32 cp1254_turkish(UChar32 c);
// True for tr and az in Latin script (az-Latn, az, tr).
bool is_cp1254_language(const LanguageTag& tag);

// ---- Turkic casing -----------------------------------------------------------------------------

// Languages cased with i/İ ı/I (orthography doc §2.8) whose track is in Latin script.
bool is_turkic_cased(const LanguageTag& tag);
// Whether word-initial I before a front vowel is evidence (vowel harmony holds for ı-words).
bool has_i_harmony(const LanguageTag& tag);

}  // namespace kopru::qa::script
