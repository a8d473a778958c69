// Text encodings: detect what a subtitle file is stored in and decode it to UTF-8 with ICU;
// Kazakh code pages ICU lacks (KZ-1048, PT154) come from tables in locales/encodings/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/diagnostics.h"

namespace kopru::text {

struct DecodeOptions {
  std::string path;             // for messages
  std::string forced_encoding;  // --encoding; empty = detect
  bool lenient = false;         // replace invalid sequences (U+FFFD) with a warning, not an error
};

struct DecodedText {
  std::string utf8;      // without BOM; line endings untouched
  std::string encoding;  // canonical name: "UTF-8", "UTF-16LE", "windows-1251", "KZ-1048", ...
  int confidence = 0;    // 0-100; 100 for a BOM or a forced encoding
  bool had_bom = false;
};

// Detects (unless forced) and decodes. Invalid byte sequences throw EncodingError with the line
// and column where they occur (in the original bytes' line structure) unless lenient.
DecodedText decode(std::string_view bytes, const DecodeOptions& options, Diagnostics& diag);

// Encodes UTF-8 into a named encoding (for writers of legacy formats); throws EncodingError naming
// the first character that the encoding cannot carry.
std::string encode(std::string_view utf8, std::string_view encoding);

struct EncodeOptions {
  bool bom = false;  // start with a byte order mark (UTF-8/16/32 only; UsageError otherwise)
};
std::string encode(std::string_view utf8, std::string_view encoding, const EncodeOptions& options);

// The encodings Kopru knows by canonical name, for --help and validation.
std::vector<std::string> supported_encodings();

// Checks that `utf8` is valid UTF-8; throws EncodingError at line:column otherwise.
void validate_utf8(std::string_view utf8, const std::string& path);

}  // namespace kopru::text
