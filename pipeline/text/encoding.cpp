// Interim: UTF-8 and BOM-marked UTF-16 only; legacy code pages and detection come with the ICU
// implementation that replaces this file.
#include "pipeline/text/encoding.h"

#include "pipeline/core/error.h"

namespace kopru::text {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

}  // namespace

void validate_utf8(std::string_view utf8, const std::string& path) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t len = utf8_sequence(utf8, i);
    if (len == 0) {
      throw EncodingError("invalid UTF-8 byte sequence",
                          SourceLocation{path, line, column, static_cast<std::int64_t>(i)});
    }
    if (utf8[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
}

DecodedText decode(std::string_view bytes, const DecodeOptions& options, Diagnostics& /*diag*/) {
  DecodedText out;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    out.had_bom = true;
  }
  validate_utf8(bytes, options.path);
  out.utf8 = std::string(bytes);
  out.encoding = "UTF-8";
  out.confidence = 100;
  return out;
}

std::string encode(std::string_view utf8, std::string_view encoding) {
  if (encoding != "UTF-8") throw EncodingError("unsupported output encoding " + std::string(encoding));
  return std::string(utf8);
}

std::vector<std::string> supported_encodings() { return {"UTF-8"}; }

}  // namespace kopru::text
