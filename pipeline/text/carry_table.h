// The documented fallbacks of the carry check (locales/carry/fallback.tsv), for carry.cpp and its
// tests.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kopru::carry {

// Each character's candidates, best first; an empty candidate removes the character.
using FallbackTable = std::unordered_map<char32_t, std::vector<std::string>>;

// locales_dir()/carry/fallback.tsv
std::string fallback_table_path();
// Loaded once per path; throws EnvironmentError naming the file (and line) when it is missing or
// malformed.
const FallbackTable& fallback_table();

std::string encode_utf8(char32_t c);
// The first code point of UTF-8 text (U+FFFD when it is invalid or empty).
char32_t decode_first(std::string_view text);
std::size_t count_code_points(std::string_view utf8);

}  // namespace kopru::carry
