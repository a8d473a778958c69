// Encoding detection: byte order marks, the NUL pattern of BOM-less UTF-16, UTF-8 validity, and for
// legacy single-byte code pages a plausibility score of each candidate's decoding (ICU's charset
// detector is one signal; it is weak on the Cyrillic and Turkic code pages). Internal.
#pragma once

#include <cstddef>
#include <string_view>

#include "pipeline/text/charsets.h"

namespace kopru::text::detail {

struct Detection {
  const Charset* charset = nullptr;
  int confidence = 0;          // 0-100
  std::size_t bom_length = 0;  // bytes of byte order mark to skip
  bool valid_utf8 = false;     // the whole input was checked and is valid UTF-8
};

Detection detect(std::string_view bytes);

// The byte order mark at the start of `bytes` (UTF-32 checked before UTF-16), or nullptr.
const Charset* charset_of_bom(std::string_view bytes);

}  // namespace kopru::text::detail
