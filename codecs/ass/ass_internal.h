// Pieces shared by the ASS/SSA reader and writer: timestamps, colours, alignment conventions, the
// override-tag parser and its inverse, and the FormatBag keys both sides agree on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/model/document.h"

namespace kopru::codecs::ass {

// FormatBag layout (format "ass"); see README.md.
inline constexpr std::string_view kBagFormat = "ass";
inline constexpr std::string_view kBagComment = ";";          // a "; ..." line of [Script Info]
inline constexpr std::string_view kBagVerbatim = "";          // a [Script Info] line without ':'
inline constexpr std::string_view kCueOriginalText = "text";  // the event's Text as read
inline constexpr std::string_view kCueFingerprint = "fingerprint";
inline constexpr std::string_view kCueBefore = "before";  // comment lines above the event
inline constexpr std::string_view kCueMarked = "Marked";  // SSA Marked field when not 0

std::string_view trim(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
std::string lowercase(std::string_view s);

// --- numbers, times, colours ----------------------------------------------------------------

std::optional<int> parse_int(std::string_view s);
std::optional<double> parse_double(std::string_view s);
// Shortest text that reads back as the same double ("72.2", "100").
std::string format_double(double value);

struct TimeParse {
  std::optional<Time> time;
  std::string repair;  // non-empty when the text was accepted only leniently: what was odd
};
// "H:MM:SS.cc"; leniently also ':' before the centiseconds, 1 or 3+ fraction digits, no hours.
TimeParse parse_time(std::string_view text);
// "H:MM:SS.cc", rounded to the nearest centisecond; negative times are clamped to 0.
std::string format_time(Time t);

// ASS colours are AABBGGRR (alpha 00 = opaque), written "&H..." or as a decimal number.
std::optional<std::uint32_t> parse_color_value(std::string_view text);
Color color_from_abgr(std::uint32_t value);
std::uint32_t abgr_from_color(const Color& color);
std::string format_style_color(const Color& color);  // "&HAABBGGRR"
std::string format_tag_color(const Color& color);    // "&HBBGGRR&"

// SSA v4 (and the \a tag) count alignment 1-3 bottom, +4 top, +8 middle; ASS uses the numpad.
int legacy_to_numpad(int legacy);
int numpad_to_legacy(int numpad);

// --- override tags ------------------------------------------------------------------------------

struct TextContext {
  bool wrap_style_2 = false;     // \n is a hard break only with WrapStyle: 2
  const Style* style = nullptr;  // the event's style: \i0 against an italic style stays raw
};

struct TextIssue {
  std::size_t offset = 0;  // byte offset inside the Text field
  std::string code;
  std::string message;
};

struct ParsedText {
  std::vector<Run> runs;
  int alignment = 0;                                  // from \an or \a (numpad), 0 = none
  std::optional<std::pair<double, double>> position;  // from \pos
  std::vector<TextIssue> issues;
};

// Turns an event's Text into runs; tags the model cannot express become Run::raw("ass", ...).
ParsedText parse_text(std::string_view text, const TextContext& context);

struct SerializeResult {
  std::string text;
  // Kinds of loss, each once: "class", "voice", "lang", "ruby", "timestamp", "raw:<format>",
  // "color-alpha".
  std::vector<std::string> losses;
};

// Runs and the cue's alignment/position as an event's Text; `ssa` writes \a instead of \an.
SerializeResult serialize_text(const std::vector<Run>& runs, const Placement& placement, bool ssa);

// What must match for an event's original Text to be written back unchanged.
std::string text_fingerprint(const std::vector<Run>& runs, const Placement& placement);

}  // namespace kopru::codecs::ass
