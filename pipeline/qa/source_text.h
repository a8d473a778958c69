// Text measures the source-group checks compare between a translation and its source track: a
// normalised form for "same text", the numbers a cue mentions, the script it is written in, and
// its italics and placement. Each works on caller-owned buffers so that a check over 100,000 cues
// allocates nothing per cue.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/document.h"
#include "pipeline/qa/cue_text.h"

namespace kopru::qa {

// The cue's letters and digits, case-folded, with spaces, punctuation and marks left out: "Where
// are you?" and "where are you" compare equal. Appends to `out`.
void append_comparable(std::string_view text, std::string& out);
void comparable_text(const CueText& cue, std::string& out);  // clears `out` first

// The numbers written with digits, normalised so that notations of one value compare equal:
// thousands separators dropped ("1,000", "1.000", "1 000" -> "1000"), decimal comma as point
// ("3,5" -> "3.5"), leading zeros and trailing decimal zeros dropped ("007" -> "7"). Dates and
// times split into their parts ("12.05.1995" -> 12, 5, 1995). Any Unicode decimal digits count.
// Numbers spelled out in words are not seen. Appends to `out`.
void append_numbers(std::string_view text, std::vector<std::string>& out);

struct TextShape {
  std::size_t letters = 0;
  std::size_t words = 0;              // runs of letters
  std::size_t capitalised_words = 0;  // words starting with an upper- or title-case letter
  int script = -1;                    // UScriptCode of most letters, -1 without letters
};
TextShape shape_of(const CueText& cue);

// The ISO 15924 code ("Latn") and English name ("Latin") of a UScriptCode.
std::string_view script_code(int script);
std::string_view script_name(int script);
// The UScriptCode of an ISO 15924 code, -1 when unknown.
int script_of_code(std::string_view code);

// Italic anywhere in the visible text, from markup or from the cue's named style.
bool has_italic(const Document& doc, const Cue& cue);
// A placement other than the format's default (bottom centre).
bool is_positioned(const Placement& placement);
std::string describe_placement(const Placement& placement);  // "alignment 8", "line 0", ...

// “Where are you?” with lines joined by " / ", shortened to about 40 characters.
std::string quoted(const CueText& cue);
// "3, 4, 5" (1-based), at most `limit` numbers then "…".
std::string cue_numbers(std::span<const std::size_t> indices, std::size_t limit = 5);

}  // namespace kopru::qa
