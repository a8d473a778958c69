// Finding the next "interesting" byte in text that is mostly plain: cue text scanned for markup
// or for characters to escape. Parsers and writers spend most of their time skipping ordinary
// letters, so this skips 16 bytes at a time where SSE2 is available (every x86-64 CPU).
#pragma once

#include <bit>
#include <cstddef>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kopru {

// The index of the first byte at or after `from` that equals one of `set`, or s.size() if none.
// `set` is a handful of bytes (a string literal, its terminating NUL not counted).
template <std::size_t N>
std::size_t find_any_of(std::string_view s, std::size_t from, const char (&set)[N]) {
  static_assert(N >= 2, "at least one byte to look for");
  std::size_t i = from;
#if defined(__SSE2__)
  // Each byte of the set broadcast to a vector once, not in every round of the loop.
  __m128i needles[N - 1];
  for (std::size_t k = 0; k + 1 < N; ++k)
    needles[k] = _mm_set1_epi8(set[k]);
  // Bit k of the result is set when chunk byte k is in the set.
  auto matches = [&](const char* bytes) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
    __m128i hits = _mm_cmpeq_epi8(chunk, needles[0]);
    for (std::size_t k = 1; k + 1 < N; ++k)
      hits = _mm_or_si128(hits, _mm_cmpeq_epi8(chunk, needles[k]));
    return static_cast<unsigned>(_mm_movemask_epi8(hits));
  };
  while (i + 16 <= s.size()) {
    const unsigned mask = matches(s.data() + i);
    if (mask != 0)
      return i + static_cast<std::size_t>(std::countr_zero(mask));
    i += 16;
  }
  if (i < s.size() && s.size() >= 16) {
    // The short tail (most cue lines end in one): the last 16 bytes, overlapping what was
    // already searched, with the bits for bytes before `i` cleared.
    const std::size_t base = s.size() - 16;
    const unsigned mask = matches(s.data() + base) & ~((1U << (i - base)) - 1U);
    return mask != 0 ? base + static_cast<std::size_t>(std::countr_zero(mask)) : s.size();
  }
  if (i < s.size()) {
    // Text shorter than 16 bytes: a padded copy, masked to its length.
    const std::size_t rest = s.size() - i;
    char tail[16] = {};
    std::memcpy(tail, s.data() + i, rest);
    const unsigned mask = matches(tail) & ((1U << rest) - 1U);
    return mask != 0 ? i + static_cast<std::size_t>(std::countr_zero(mask)) : s.size();
  }
#endif
  for (; i < s.size(); ++i) {
    for (std::size_t k = 0; k + 1 < N; ++k) {
      if (s[i] == set[k])
        return i;
    }
  }
  return s.size();
}

}  // namespace kopru
