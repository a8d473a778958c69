#include "pipeline/qa/format.h"

#include <unicode/utf8.h>

#include <array>
#include <cmath>
#include <cstdio>

namespace kopru::qa {

std::string seconds(Time t) {
  const std::int64_t ms = to_ms(t);
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%s%lld.%03lld", ms < 0 ? "-" : "",
                static_cast<long long>(std::llabs(ms) / 1000),
                static_cast<long long>(std::llabs(ms) % 1000));
  return text.data();
}

std::string clock(Time t) {
  return format_hms_ms(t, ',');
}

std::string decimal(double value) {
  const double rounded = std::round(value * 10) / 10;
  std::array<char, 32> text{};
  if (rounded == std::floor(rounded))
    std::snprintf(text.data(), text.size(), "%.0f", rounded);
  else
    std::snprintf(text.data(), text.size(), "%.1f", rounded);
  return text.data();
}

std::string code_point(char32_t c) {
  std::array<char, 16> hex{};
  std::snprintf(hex.data(), hex.size(), "U+%04X", static_cast<unsigned>(c));
  std::string out = hex.data();
  if (c >= 0x20 && c != 0x7F) {
    std::array<char, 4> bytes{};
    std::int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<std::uint8_t*>(bytes.data()), length, 4, static_cast<UChar32>(c),
              error);
    if (!error)
      out += " '" + std::string(bytes.data(), static_cast<std::size_t>(length)) + "'";
  }
  return out;
}

}  // namespace kopru::qa
