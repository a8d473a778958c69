// A cue's visible text, measured once for every check: its lines with markup left out, and the
// characters and words the reading-speed and layout limits count.
//
// Counting rule (stated in reports): every character of the visible text counts, spaces and
// punctuation included, except line breaks, markup, combining marks (Unicode Mn, Me: Arabic
// harakat, combining accents) and invisible format characters (Cf: RLM, ZWJ, soft hyphen).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/document.h"

namespace kopru::qa {

struct CueText {
  std::vector<std::string> lines;  // visible text of each line (UTF-8); ruby annotations left out
  // The same lines with the text of spans that declare another language (WebVTT <lang>, TTML
  // xml:lang) blanked out: what the checks against the track's language and script read. A cue
  // that declares its own language has none.
  std::vector<std::string> own_lines;
  std::vector<std::size_t> line_chars;  // counted characters per line
  std::size_t chars = 0;                // all lines, line breaks not counted
  std::size_t words = 0;                // runs of letters or digits
  bool empty() const { return chars == 0; }
};

CueText measure_cue(const Cue& cue);
std::size_t count_chars(std::string_view utf8);
std::size_t count_words(std::string_view utf8);

}  // namespace kopru::qa
