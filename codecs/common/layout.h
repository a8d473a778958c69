// Small facts about a cue's text layout that several writers need.
#pragma once

#include <string_view>

namespace kopru::codecs {

// A line with nothing visible between two others, or at either end of a multi-line text
// ("One\n\nTwo", "\nTwo"): formats made of display rows cannot keep it.
bool has_blank_line(std::string_view text);

}  // namespace kopru::codecs
