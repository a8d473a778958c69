#include "pipeline/qa/cue_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace kopru::qa {

namespace {

bool counted(UChar32 c) {
  if (c < 0x80)
    return c >= 0x20 && c != 0x7F;
  const std::int32_t type = u_charType(c);
  return type != U_NON_SPACING_MARK && type != U_ENCLOSING_MARK && type != U_FORMAT_CHAR &&
         type != U_CONTROL_CHAR;
}

bool word_char(UChar32 c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0 || c == 0x02BB ||
         c == 0x02BC;  // Uzbek oʻ and tutuq belgisi are letters of the word
}

}  // namespace

std::size_t count_chars(std::string_view utf8) {
  std::size_t count = 0;
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && counted(c))
      ++count;
  }
  return count;
}

std::size_t count_words(std::string_view utf8) {
  std::size_t words = 0;
  bool in_word = false;
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    // An apostrophe or hyphen inside a word does not split it ("don't", "Qozogʻiston-da").
    const bool inner = in_word && (c == '\'' || c == 0x2019 || c == '-');
    const bool letter = c >= 0 && (word_char(c) || inner);
    if (letter && !in_word)
      ++words;
    in_word = letter;
  }
  return words;
}

CueText measure_cue(const Cue& cue) {
  CueText text;
  text.lines.emplace_back();
  text.own_lines.emplace_back();
  for (const Run& run : cue.runs) {
    if (run.kind == RunKind::line_break) {
      text.lines.emplace_back();
      text.own_lines.emplace_back();
      continue;
    }
    if (run.kind != RunKind::text || has_span(run, SpanKind::ruby_text))
      continue;
    text.lines.back() += run.text;
    // A space keeps the words on either side of a foreign span apart.
    text.own_lines.back() += has_span(run, SpanKind::lang) ? std::string(" ") : run.text;
  }
  if (!cue.language.empty())
    text.own_lines.assign(text.lines.size(), std::string());
  for (const std::string& line : text.lines) {
    text.line_chars.push_back(count_chars(line));
    text.chars += text.line_chars.back();
    text.words += count_words(line);
  }
  return text;
}

}  // namespace kopru::qa
