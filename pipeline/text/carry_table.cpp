// The fallback table of locales/carry/fallback.tsv (format in locales/carry/README.md).
#include "pipeline/text/carry_table.h"

#include <unicode/utf8.h>

#include <charconv>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "pipeline/core/error.h"
#include "pipeline/core/lines.h"
#include "pipeline/core/locales.h"
#include "pipeline/text/utf8.h"

namespace kopru::carry {

namespace {

[[noreturn]] void malformed(const std::string& path, int line, const std::string& message) {
  throw EnvironmentError(path + ":" + std::to_string(line) + ": " + message +
                         " (Kopru's character fallback table, see locales/carry/README.md)");
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos)
      return parts;
    start = end + 1;
  }
}

// "U+hhhh" -> that character; "" -> empty; anything else as written.
std::string token_text(std::string_view token, const std::string& path, int line) {
  if (token == "\"\"")
    return {};
  if (token.size() > 2 && token.starts_with("U+")) {
    std::uint32_t value = 0;
    const auto digits = token.substr(2);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.size() < 4 ||
        digits.size() > 6 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      malformed(path, line, "'" + std::string(token) + "' is not a Unicode scalar value U+hhhh");
    }
    return encode_utf8(static_cast<char32_t>(value));
  }
  return std::string(token);
}

FallbackTable parse(const std::string& text, const std::string& path) {
  if (!text::is_valid_utf8(text))
    malformed(path, 1, "not valid UTF-8");
  FallbackTable table;
  for (const TextLine& text_line : split_lines(text)) {
    const std::string_view line = text_line.text;
    if (line.empty() || line.starts_with("#"))
      continue;
    const int number = text_line.number;
    const auto fields = split(line, '\t');
    if (fields.size() != 3 || fields[0].empty() || fields[1].empty() || fields[2].empty()) {
      malformed(
          path, number,
          "expected \"character<TAB>candidates<TAB>reason\", found \"" + std::string(line) + "\"");
    }
    const std::string key = token_text(fields[0], path, number);
    if (count_code_points(key) != 1)
      malformed(path, number, "'" + std::string(fields[0]) + "' is not one character");
    std::vector<std::string> candidates;
    for (const std::string_view token : split(fields[1], ' ')) {
      if (token.empty())
        malformed(path, number, "two spaces in a row between candidates");
      candidates.push_back(token_text(token, path, number));
    }
    const char32_t c = decode_first(key);
    if (!table.emplace(c, std::move(candidates)).second)
      malformed(path, number, "'" + std::string(fields[0]) + "' is listed twice");
  }
  return table;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw EnvironmentError(path +
                           ": cannot read Kopru's character fallback table (set KOPRU_LOCALES to "
                           "the folder holding carry/fallback.tsv)");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::string encode_utf8(char32_t c) {
  char out[4];
  int32_t length = 0;
  U8_APPEND_UNSAFE(out, length, static_cast<UChar32>(c));
  return std::string(out, static_cast<std::size_t>(length));
}

char32_t decode_first(std::string_view text) {
  if (text.empty())
    return U'\uFFFD';
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U)
      ++count;
  }
  return count;
}

std::string fallback_table_path() {
  return locales_dir() + "/carry/fallback.tsv";
}

const FallbackTable& fallback_table() {
  // Keyed by path, so that a changed KOPRU_LOCALES is honoured; loaded once per path.
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<FallbackTable>> cache;
  const std::string path = fallback_table_path();
  const std::lock_guard lock(mutex);
  auto& slot = cache[path];
  if (!slot)
    slot = std::make_unique<FallbackTable>(parse(read_all(path), path));
  return *slot;
}

}  // namespace kopru::carry
