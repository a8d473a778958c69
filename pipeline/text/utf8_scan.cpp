#include "pipeline/text/utf8_scan.h"

#include <unicode/utf8.h>

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

#if defined(__SSE2__)
// Checks 16 bytes that start at a character boundary and hold only ASCII and well-formed two-byte
// sequences (all of Cyrillic, Greek, Hebrew, Arabic text). Returns how many bytes it verified: 16,
// or 15 when the last byte leads a sequence that goes on past the chunk; adds the sequences it saw
// to `*count` when that is given (counting costs a popcount per chunk). Returns 0 for anything
// else, which the byte-wise code then looks at.
std::size_t ascii_or_two_byte16(const std::uint8_t* p, std::size_t* count) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed byte compares: 0x00-0x7F are >= 0, 0x80-0xBF are -128..-65, 0xC2-0xDF are -62..-33.
  const __m128i cont = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
  const __m128i lead =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32)));
  const auto a = ~static_cast<unsigned>(_mm_movemask_epi8(v)) & 0xFFFFU;  // high bit clear
  const auto c = static_cast<unsigned>(_mm_movemask_epi8(cont));
  const auto l = static_cast<unsigned>(_mm_movemask_epi8(lead));
  // Every byte is one of the three kinds, and every continuation byte directly follows a lead
  // byte and every lead byte (but a last one) is directly followed by one.
  if ((a | c | l) != 0xFFFFU || ((l << 1U) & 0xFFFFU) != c)
    return 0;
  if (count != nullptr)
    *count += static_cast<std::size_t>(std::popcount(l & 0x7FFFU));
  return (l & 0x8000U) != 0 ? 15 : 16;
}
#endif

}  // namespace

std::size_t find_invalid_utf8(std::string_view s, std::size_t from, std::size_t* multibyte) {
  const std::uint8_t* p = bytes_of(s);
  const std::size_t n = s.size();
  std::size_t i = from;
  std::size_t count = 0;
  while (i < n) {
#if defined(__SSE2__)
    std::size_t* counter = multibyte != nullptr ? &count : nullptr;
    std::size_t verified = 0;
    while (i + 16 <= n && (verified = ascii_or_two_byte16(p + i, counter)) != 0)
      i += verified;
    if (i >= n)
      break;
#endif
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
