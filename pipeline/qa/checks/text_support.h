// What the reading and text checks (needless-break, whitespace, ellipsis, dialogue-dash, markup,
// empty-cue) and fix_text share: which characters are spaces, dialogue dashes and the punctuation
// no space may precede, read one code point at a time. Internal to pipeline/qa.
#pragma once

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline/model/language_tag.h"

namespace kopru::qa::text {

// Characters that may open a speaker's line. U+2010..U+2015 and the minus sign are what editors
// and OCR produce in place of the hyphen-minus.
inline bool is_dash(UChar32 c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

// Spaces a typist may double or leave at a line end by mistake: the space separators (Unicode Zs,
// listed here because this runs on every character) and the tab. The no-break spaces U+00A0,
// U+2007 and U+202F are left out: they are placed on purpose (ASS \h padding, French).
inline bool is_breaking_space(UChar32 c) {
  if (c < 0x80)
    return c == ' ' || c == '\t';
  return c == 0x1680 || (c >= 0x2000 && c <= 0x200A && c != 0x2007) || c == 0x205F || c == 0x3000;
}

inline bool is_no_break_space(UChar32 c) {
  return c == 0x00A0 || c == 0x2007 || c == 0x202F;
}

inline bool is_any_space(UChar32 c) {
  return is_breaking_space(c) || is_no_break_space(c);
}

// Punctuation that attaches to the word before it (Netflix's and Subtitle Edit's white-space
// check): . , ! ? : ; ) … and the Arabic comma, semicolon and question mark.
inline bool is_closing_punctuation(UChar32 c) {
  switch (c) {
    case '.':
    case ',':
    case '!':
    case '?':
    case ':':
    case ';':
    case ')':
    case 0x2026:  // …
    case 0x060C:  // ،
    case 0x061B:  // ؛
    case 0x061F:  // ؟
      return true;
    default:
      return false;
  }
}

// French typography puts a (no-break) space before : ; ! ? and », so no space before punctuation
// is flagged or removed in French.
inline bool spaces_before_punctuation(const LanguageTag& language) {
  return language.language() == "fr";
}

// Calls f(c, begin, end) for every code point of `s` (c < 0 for an invalid sequence), with the
// byte range it occupies. Returns early when f returns false.
template <typename F>
void for_each_code_point(std::string_view s, F&& f) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto length = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (!f(c, static_cast<std::size_t>(begin), static_cast<std::size_t>(i)))
      return;
  }
}

// The first code point of `s` (-1 when empty or invalid) and its length in bytes.
inline UChar32 first_code_point(std::string_view s, std::size_t* length = nullptr) {
  UChar32 first = -1;
  std::size_t used = 0;
  for_each_code_point(s, [&](UChar32 c, std::size_t, std::size_t end) {
    first = c;
    used = end;
    return false;
  });
  if (length != nullptr)
    *length = used;
  return first;
}

// `s` without spaces (no-break ones included) at its start.
inline std::string_view trim_leading_spaces(std::string_view s) {
  std::size_t begin = s.size();
  for_each_code_point(s, [&](UChar32 c, std::size_t from, std::size_t) {
    if (is_any_space(c))
      return true;
    begin = from;
    return false;
  });
  return s.substr(begin);
}

// `s` without spaces (no-break ones included) at either end; reads only the ends.
inline std::string_view trim_spaces(std::string_view s) {
  s = trim_leading_spaces(s);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  auto end = static_cast<std::int32_t>(s.size());
  while (end > 0) {
    std::int32_t at = end;
    UChar32 c = 0;
    U8_PREV(bytes, 0, at, c);
    if (!is_any_space(c))
      break;
    end = at;
  }
  return s.substr(0, static_cast<std::size_t>(end));
}

}  // namespace kopru::qa::text
