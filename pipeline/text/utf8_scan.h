// Fast UTF-8 validation (no ICU round trip: a 10 MB file must decode at close to memcpy speed).
// Internal to pipeline/text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kopru::text::detail {

inline constexpr std::size_t kNoError = std::string_view::npos;

// Index of the first ill-formed UTF-8 sequence at or after `from`, or kNoError. Adds the number of
// well-formed multi-byte characters passed to *multibyte when given.
std::size_t find_invalid_utf8(std::string_view s, std::size_t from,
                              std::size_t* multibyte = nullptr);

// Length of the ill-formed subsequence starting at `at` (the maximal subpart, at least 1 byte).
std::size_t invalid_utf8_length(std::string_view s, std::size_t at);

// "invalid UTF-8 byte 0xC3 0x28": the bad bytes plus the byte that proved them bad.
std::string describe_invalid_utf8(std::string_view s, std::size_t at, std::size_t length);

// "0xC3 0x28"
std::string hex_bytes(std::string_view bytes);

}  // namespace kopru::text::detail
