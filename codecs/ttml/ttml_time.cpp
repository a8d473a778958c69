#include "codecs/ttml/ttml_time.h"

#include <charconv>
#include <limits>

#include "codecs/ttml/ttml_xml.h"

namespace kopru::codecs::ttml {

namespace {

constexpr std::int64_t kMaxRate = 1'000'000'000;

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Digits at `at`; advances `at`. nullopt when none or too many to be a time.
std::optional<std::int64_t> read_digits(std::string_view s, std::size_t& at, std::size_t* count) {
  const std::size_t start = at;
  while (at < s.size() && digit(s[at]))
    ++at;
  if (at == start || at - start > 15)
    return std::nullopt;
  std::int64_t value = 0;
  std::from_chars(s.data() + start, s.data() + at, value);
  if (count != nullptr)
    *count = at - start;
  return value;
}

// value x numerator / denominator ticks, rounded to nearest; nullopt on overflow.
std::optional<std::int64_t> scale(std::int64_t value, std::int64_t numerator,
                                  std::int64_t denominator) {
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  const std::int64_t whole = value / denominator;
  const std::int64_t rest = value % denominator;
  if (numerator != 0 && whole > kMax / numerator)
    return std::nullopt;
  if (rest != 0 && numerator > kMax / rest)
    return std::nullopt;
  return whole * numerator + divide_ticks(rest * numerator, denominator, Rounding::nearest);
}

// "5", "5.25": an integer part and a decimal fraction, times a unit of ticks.
std::optional<std::int64_t> decimal_ticks(std::int64_t whole, std::string_view fraction,
                                          std::int64_t unit_ticks) {
  auto ticks = scale(whole, unit_ticks, 1);
  if (!ticks)
    return std::nullopt;
  if (fraction.size() > 9)
    fraction = fraction.substr(0, 9);  // below a nanosecond
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  for (char c : fraction) {
    numerator = numerator * 10 + (c - '0');
    denominator *= 10;
  }
  const auto part = scale(numerator, unit_ticks, denominator);
  if (!part || *ticks > std::numeric_limits<std::int64_t>::max() - *part)
    return std::nullopt;
  return *ticks + *part;
}

// Frames (and sub-frames) at the effective frame rate.
std::optional<std::int64_t> frame_ticks(std::int64_t frames, std::int64_t sub_frames,
                                        const TimingParameters& p) {
  const auto whole = scale(frames, p.frame_rate.den * kTicksPerSecond, p.frame_rate.num);
  const auto sub =
      scale(sub_frames, p.frame_rate.den * kTicksPerSecond, p.frame_rate.num * p.sub_frame_rate);
  if (!whole || !sub)
    return std::nullopt;
  return *whole + *sub;
}

std::optional<std::int64_t> positive_integer(const pugi::xml_attribute& attribute) {
  const std::string_view text = attribute.value();
  std::size_t at = 0;
  const auto value = read_digits(text, at, nullptr);
  if (!value || at != text.size() || *value <= 0 || *value > kMaxRate)
    return std::nullopt;
  return value;
}

}  // namespace

TimingParameters timing_parameters(const pugi::xml_node& tt, std::string* problem) {
  TimingParameters p;
  auto complain = [&](const pugi::xml_attribute& attribute) {
    if (problem != nullptr && problem->empty()) {
      *problem = std::string("ttp:") + std::string(local_name(attribute.name())) + "=\"" +
                 attribute.value() + "\" is not valid; the default is used";
    }
  };
  if (const auto a = find_attribute(tt, Ns::ttp, "timeBase")) {
    const std::string_view v = a.value();
    if (v == "media" || v == "smpte" || v == "clock")
      p.time_base = v;
    else
      complain(a);
  }
  if (const auto a = find_attribute(tt, Ns::ttp, "dropMode")) {
    const std::string_view v = a.value();
    if (v == "dropNTSC" || v == "dropPAL" || v == "nonDrop")
      p.drop_mode = v;
    else
      complain(a);
  }
  if (const auto a = find_attribute(tt, Ns::ttp, "frameRate")) {
    if (const auto rate = positive_integer(a)) {
      p.nominal_frame_rate = *rate;
      p.frame_rate = FrameRate{*rate, 1};
      p.frame_rate_declared = true;
    } else {
      complain(a);
    }
  }
  if (const auto a = find_attribute(tt, Ns::ttp, "frameRateMultiplier")) {
    const std::string_view v = a.value();
    std::int64_t num = 0;
    std::int64_t den = 0;
    const auto space = v.find(' ');
    std::size_t at = 0;
    std::size_t at2 = 0;
    const std::string_view left = v.substr(0, space);
    const std::string_view right =
        space == std::string_view::npos ? std::string_view() : v.substr(space + 1);
    const auto n = read_digits(left, at, nullptr);
    const auto d = read_digits(right, at2, nullptr);
    if (n && d && at == left.size() && at2 == right.size() && *n > 0 && *d > 0 && *n <= kMaxRate &&
        *d <= kMaxRate) {
      num = *n;
      den = *d;
      p.frame_rate = FrameRate{p.nominal_frame_rate * num, den};
    } else {
      complain(a);
    }
  }
  if (const auto a = find_attribute(tt, Ns::ttp, "subFrameRate")) {
    if (const auto rate = positive_integer(a))
      p.sub_frame_rate = *rate;
    else
      complain(a);
  }
  if (p.frame_rate_declared)
    p.tick_rate = FrameRate{p.frame_rate.num * p.sub_frame_rate, p.frame_rate.den};
  if (const auto a = find_attribute(tt, Ns::ttp, "tickRate")) {
    if (const auto rate = positive_integer(a)) {
      p.tick_rate = FrameRate{*rate, 1};
      p.tick_rate_declared = true;
    } else {
      complain(a);
    }
  }
  return p;
}

std::string time_expression_kind(std::string_view s) {
  std::size_t at = 0;
  std::size_t count = 0;
  if (!read_digits(s, at, &count))
    return "";
  if (at < s.size() && s[at] == ':') {
    if (count < 2)
      return "";
    for (int field = 0; field < 2; ++field) {
      if (at >= s.size() || s[at] != ':')
        return "";
      ++at;
      if (!read_digits(s, at, &count) || count != 2)
        return "";
    }
    if (at == s.size())
      return "clock";
    if (s[at] == '.') {
      ++at;
      return read_digits(s, at, nullptr) && at == s.size() ? "clock" : "";
    }
    if (s[at] != ':')
      return "";
    ++at;
    if (!read_digits(s, at, &count) || count < 2)
      return "";
    if (at < s.size() && s[at] == '.') {
      ++at;
      if (!read_digits(s, at, nullptr))
        return "";
    }
    return at == s.size() ? "clock-frames" : "";
  }
  if (at < s.size() && s[at] == '.') {
    ++at;
    if (!read_digits(s, at, nullptr))
      return "";
  }
  const std::string_view metric = s.substr(at);
  if (metric == "h" || metric == "m" || metric == "s" || metric == "ms" || metric == "f" ||
      metric == "t")
    return "offset-" + std::string(metric);
  return "";
}

std::optional<Time> parse_time_expression(std::string_view s, const TimingParameters& p) {
  const std::string kind = time_expression_kind(s);
  if (kind.empty())
    return std::nullopt;
  std::size_t at = 0;
  if (kind == "clock" || kind == "clock-frames") {
    const auto hours = read_digits(s, at, nullptr);
    ++at;
    const auto minutes = read_digits(s, at, nullptr);
    ++at;
    const auto seconds = read_digits(s, at, nullptr);
    if (*minutes > 59 || *seconds > 60)
      return std::nullopt;
    if (kind == "clock-frames") {
      ++at;
      const auto frames = read_digits(s, at, nullptr);
      std::int64_t sub_frames = 0;
      if (at < s.size()) {
        ++at;
        sub_frames = *read_digits(s, at, nullptr);
      }
      if (*frames >= p.nominal_frame_rate)
        return std::nullopt;
      if (sub_frames >= p.sub_frame_rate)
        return std::nullopt;
      if (p.time_base == "smpte" && p.drop_mode == "dropNTSC" &&
          p.frame_rate.is_ntsc_drop_capable()) {
        Timecode tc{static_cast<int>(*hours), static_cast<int>(*minutes),
                    static_cast<int>(*seconds), static_cast<int>(*frames), true};
        try {
          return timecode_to_time(tc, p.frame_rate) + Time(*frame_ticks(0, sub_frames, p));
        } catch (const std::invalid_argument&) {
          return std::nullopt;
        }
      }
      const auto clock =
          decimal_ticks(*hours * 3600 + *minutes * 60 + *seconds, "", kTicksPerSecond);
      const auto frame_part = frame_ticks(*frames, sub_frames, p);
      if (!clock || !frame_part)
        return std::nullopt;
      return Time(*clock + *frame_part);
    }
    std::string_view fraction;
    if (at < s.size())
      fraction = s.substr(at + 1);
    const auto ticks =
        decimal_ticks(*hours * 3600 + *minutes * 60 + *seconds, fraction, kTicksPerSecond);
    return ticks ? std::optional<Time>(Time(*ticks)) : std::nullopt;
  }
  const auto whole = read_digits(s, at, nullptr);
  std::string_view fraction;
  if (at < s.size() && s[at] == '.') {
    const std::size_t start = ++at;
    read_digits(s, at, nullptr);
    fraction = s.substr(start, at - start);
  }
  std::optional<std::int64_t> ticks;
  if (kind == "offset-h")
    ticks = decimal_ticks(*whole, fraction, 3600 * kTicksPerSecond);
  else if (kind == "offset-m")
    ticks = decimal_ticks(*whole, fraction, 60 * kTicksPerSecond);
  else if (kind == "offset-s")
    ticks = decimal_ticks(*whole, fraction, kTicksPerSecond);
  else if (kind == "offset-ms")
    ticks = decimal_ticks(*whole, fraction, kTicksPerMs);
  else if (kind == "offset-f")
    ticks = fraction.empty() ? frame_ticks(*whole, 0, p)
                             : decimal_ticks(*whole, fraction, *frame_ticks(1, 0, p));
  else if (kind == "offset-t")
    ticks = scale(*whole, p.tick_rate.den * kTicksPerSecond, p.tick_rate.num);
  return ticks ? std::optional<Time>(Time(*ticks)) : std::nullopt;
}

}  // namespace kopru::codecs::ttml
