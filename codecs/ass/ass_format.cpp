// Field-level conventions of SubStation Alpha: numbers, H:MM:SS.cc times, AABBGGRR colours and
// the two alignment numberings.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "codecs/ass/ass_internal.h"

namespace kopru::codecs::ass {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char lower_char(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Up to 9 digits from `text` at `pos`; nullopt when there are none or too many to be a time part.
std::optional<std::int64_t> take_digits(std::string_view text, std::size_t& pos,
                                        std::size_t* count = nullptr) {
  const std::size_t start = pos;
  while (pos < text.size() && is_digit(text[pos]))
    ++pos;
  const std::size_t n = pos - start;
  if (count != nullptr)
    *count = n;
  if (n == 0 || n > 9)
    return std::nullopt;
  std::int64_t value = 0;
  std::from_chars(text.data() + start, text.data() + pos, value);
  return value;
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lower_char(x) == lower_char(y);
         });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower_char);
  return out;
}

std::optional<int> parse_int(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+')
    s.remove_prefix(1);
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+')
    s.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string format_double(double value) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc())
    return "0";
  return std::string(buf, end);
}

TimeParse parse_time(std::string_view text) {
  TimeParse result;
  text = trim(text);
  std::size_t pos = 0;
  std::vector<std::int64_t> parts;
  std::vector<char> separators;
  std::size_t fraction_digits = 0;
  while (true) {
    std::size_t count = 0;
    const auto value = take_digits(text, pos, &count);
    if (!value)
      return result;
    parts.push_back(*value);
    if (pos == text.size())
      break;
    const char sep = text[pos];
    if (sep != ':' && sep != '.')
      return result;
    separators.push_back(sep);
    ++pos;
    if (parts.size() == 4)
      return result;
  }
  // The last part after '.' (or after a third ':') is the fraction.
  bool has_fraction = !separators.empty() && separators.back() == '.';
  if (parts.size() == 4)
    has_fraction = true;
  if (parts.size() < 2 || parts.size() > 4)
    return result;
  for (std::size_t i = 0; i + 1 < separators.size(); ++i) {
    if (separators[i] != ':')
      return result;
  }
  if (has_fraction) {
    const std::size_t last_start = text.find_last_of(".:") + 1;
    fraction_digits = text.size() - last_start;
  }
  const std::size_t whole = has_fraction ? parts.size() - 1 : parts.size();
  if (whole < 2)
    return result;
  std::int64_t hours = whole == 3 ? parts[0] : 0;
  std::int64_t minutes = parts[whole - 2];
  std::int64_t seconds = parts[whole - 1];
  constexpr std::int64_t kMaxPart = 1'000'000;  // keeps the tick count far from overflow
  if (hours > kMaxPart || minutes > kMaxPart || seconds > kMaxPart)
    return result;
  std::string repair;
  if (whole == 2)
    repair = "no hours";
  if (!has_fraction)
    repair = "no centiseconds";
  if (has_fraction && separators.back() == ':')
    repair = "':' before the centiseconds";
  if (has_fraction && fraction_digits != 2 && repair.empty()) {
    repair = std::to_string(fraction_digits) + " fraction digits instead of 2";
  }
  if ((minutes >= 60 || seconds >= 60) && repair.empty())
    repair = "minutes or seconds over 59";
  std::int64_t ticks = ((hours * 60 + minutes) * 60 + seconds) * kTicksPerSecond;
  if (has_fraction) {
    std::int64_t scale = 1;
    for (std::size_t i = 0; i < fraction_digits; ++i)
      scale *= 10;
    ticks += divide_ticks(parts.back() * kTicksPerSecond, scale, Rounding::nearest);
  }
  result.time = Time(ticks);
  result.repair = std::move(repair);
  return result;
}

std::string format_time(Time t) {
  std::int64_t cs = std::max<std::int64_t>(0, to_cs(t, Rounding::nearest));
  const std::int64_t h = cs / 360000;
  cs %= 360000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%02lld", static_cast<long long>(h),
                static_cast<long long>(cs / 6000), static_cast<long long>(cs / 100 % 60),
                static_cast<long long>(cs % 100));
  return buf;
}

std::optional<std::uint32_t> parse_color_value(std::string_view text) {
  text = trim(text);
  while (!text.empty() && text.back() == '&')
    text.remove_suffix(1);
  int base = 10;
  if (istarts_with(text, "&h") || istarts_with(text, "0x")) {
    text.remove_prefix(2);
    base = 16;
  } else if (istarts_with(text, "h")) {
    text.remove_prefix(1);
    base = 16;
  }
  if (text.empty())
    return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size() || value > 0xFFFFFFFFULL) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

Color color_from_abgr(std::uint32_t value) {
  return Color{static_cast<std::uint8_t>(value & 0xFFU),
               static_cast<std::uint8_t>((value >> 8) & 0xFFU),
               static_cast<std::uint8_t>((value >> 16) & 0xFFU),
               static_cast<std::uint8_t>(255U - ((value >> 24) & 0xFFU))};
}

std::uint32_t abgr_from_color(const Color& color) {
  return (static_cast<std::uint32_t>(255U - color.a) << 24) |
         (static_cast<std::uint32_t>(color.b) << 16) | (static_cast<std::uint32_t>(color.g) << 8) |
         color.r;
}

std::string format_style_color(const Color& color) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "&H%08X", abgr_from_color(color));
  return buf;
}

std::string format_tag_color(const Color& color) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "&H%06X&", abgr_from_color(color) & 0xFFFFFFU);
  return buf;
}

int legacy_to_numpad(int legacy) {
  if (legacy >= 1 && legacy <= 3)
    return legacy;
  if (legacy >= 5 && legacy <= 7)
    return legacy + 2;
  if (legacy >= 9 && legacy <= 11)
    return legacy - 5;
  return 0;
}

int numpad_to_legacy(int numpad) {
  if (numpad >= 1 && numpad <= 3)
    return numpad;
  if (numpad >= 7 && numpad <= 9)
    return numpad - 2;
  if (numpad >= 4 && numpad <= 6)
    return numpad + 5;
  return 2;
}

}  // namespace kopru::codecs::ass
