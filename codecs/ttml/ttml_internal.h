// Shared TTML vocabulary for the reader and the writer: canonical prefixes, the known styling
// attributes, and the value syntaxes (colours, lengths) both sides need.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/ttml/ttml_xml.h"
#include "pipeline/model/document.h"

namespace kopru::codecs::ttml {

// The prefix Kopru uses for a namespace in FormatBag keys ("tts" for Ns::tts, whatever prefix the
// document bound it to); "" for Ns::none and Ns::other.
std::string_view canonical_prefix(Ns ns);
// "tts:color" for (Ns::tts, "color"); the bare local name for Ns::none.
std::string qualified(Ns ns, std::string_view local);

// A styling attribute Kopru knows (TTML1/2 tts:*, ebutts:*, itts:*); unknown ones are warned about.
bool known_style_attribute(Ns ns, std::string_view local);
// TTML styling properties that inherit from parent to child (TTML2 §10.2).
bool inherited_style(std::string_view key);

// XML whitespace (space, tab, CR, LF).
bool xml_space_char(char c);
std::string_view trim_xml_space(std::string_view text);
std::vector<std::string_view> split_xml_space(std::string_view text);

// TTML <color>: #rrggbb, #rrggbbaa, rgb(r,g,b), rgba(r,g,b,a) and the named colours.
std::optional<Color> parse_color(std::string_view text);

// A TTML <length>: a number and a unit ("px", "%", "c", "em", "rw", "rh").
struct Length {
  double value = 0;
  std::string unit;
};
std::optional<Length> parse_length(std::string_view text);
// One or more lengths separated by whitespace ("10% 80%").
std::optional<std::vector<Length>> parse_lengths(std::string_view text);

}  // namespace kopru::codecs::ttml
