// Pieces of SubRip syntax that the reader and the writer must agree on, so that what the writer
// escapes is exactly what the reader would otherwise take for markup.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kopru::codecs::srt::detail {

// If text[amp] starts an entity the reader decodes (&amp; &lt; &gt; &quot; &apos; &nbsp; &lrm;
// &rlm; &#NNN; &#xHHH;), appends its UTF-8 to `out` and returns its length in bytes; else 0.
std::size_t decode_entity(std::string_view text, std::size_t amp, std::string& out);

// True when text[lt] == '<' starts a tag the reader interprets (<i> <b> <u> <s> <font>, opening or
// closing, any case, with attributes) and so must be escaped when it is meant as text.
bool starts_known_tag(std::string_view text, std::size_t lt);

// ASCII blanks inside SubRip lines.
inline bool is_blank_char(char c) {
  return c == ' ' || c == '\t';
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank_char(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_blank_char(s.back()))
    s.remove_suffix(1);
  return s;
}

inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i]))
      return false;
  }
  return true;
}

}  // namespace kopru::codecs::srt::detail
