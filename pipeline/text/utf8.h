// Fast UTF-8 validity check: most subtitle files are UTF-8 already, and for them decoding must cost
// no more than one pass over the bytes (no copy, no ICU round trip).
#pragma once

#include <string_view>

namespace kopru::text {

// Well-formed UTF-8 per Unicode (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

}  // namespace kopru::text
