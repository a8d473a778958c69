#include "pipeline/text/utf8_scan.h"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace kopru::text::detail {

namespace {

const std::uint8_t* bytes_of(std::string_view s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

bool ascii16(const std::uint8_t* p) {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::memcpy(&a, p, 8);
  std::memcpy(&b, p + 8, 8);
  return ((a | b) & 0x8080808080808080ULL) == 0;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s, std::size_t from, std::size_t* multibyte) {
  const std::uint8_t* p = bytes_of(s);
  const std::size_t n = s.size();
  std::size_t i = from;
  std::size_t count = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      // Runs of ASCII (markup, timestamps, Latin text) go 16 bytes at a time.
      while (i + 16 <= n && ascii16(p + i))
        i += 16;
      while (i < n && p[i] < 0x80)
        ++i;
      continue;
    }
    // Two-byte letters (Cyrillic, Turkic Latin, Arabic) inline: the bulk of non-ASCII subtitles.
    if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0U) == 0x80U) {
      i += 2;
      ++count;
      continue;
    }
    const std::size_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      if (multibyte != nullptr)
        *multibyte += count;
      return start;
    }
    ++count;
  }
  if (multibyte != nullptr)
    *multibyte += count;
  return kNoError;
}

std::size_t invalid_utf8_length(std::string_view s, std::size_t at) {
  std::size_t i = at;
  UChar32 c = 0;
  U8_NEXT(bytes_of(s), i, s.size(), c);
  return i - at;
}

std::string hex_bytes(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (!out.empty())
      out += ' ';
    out += "0x";
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

std::string describe_invalid_utf8(std::string_view s, std::size_t at, std::size_t length) {
  const auto lead = static_cast<unsigned char>(s[at]);
  const bool starts_sequence = lead >= 0xC2 && lead <= 0xF4;
  std::string message = "invalid UTF-8 byte ";
  if (starts_sequence && at + length < s.size()) {
    message += hex_bytes(s.substr(at, length + 1));
  } else {
    message += hex_bytes(s.substr(at, length));
    if (starts_sequence)
      message += " (sequence cut off at the end of the input)";
  }
  return message;
}

}  // namespace kopru::text::detail
