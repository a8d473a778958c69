#include "pipeline/model/time.h"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace kopru {

// Products of ticks and frame-rate terms overflow 64 bits for long films; 128-bit keeps them exact.
__extension__ using Wide = __int128;

std::int64_t divide_ticks(std::int64_t ticks, std::int64_t unit, Rounding rounding) {
  std::int64_t q = ticks / unit;
  std::int64_t r = ticks % unit;
  if (r == 0)
    return q;
  switch (rounding) {
    case Rounding::down:
      return r < 0 ? q - 1 : q;
    case Rounding::up:
      return r > 0 ? q + 1 : q;
    case Rounding::nearest:
      if (r > 0)
        return (2 * r >= unit) ? q + 1 : q;
      return (-2 * r >= unit) ? q - 1 : q;
  }
  return q;
}

std::int64_t to_ms(Time t, Rounding rounding) {
  return divide_ticks(t.count(), kTicksPerMs, rounding);
}

std::int64_t to_cs(Time t, Rounding rounding) {
  return divide_ticks(t.count(), kTicksPerMs * 10, rounding);
}

bool FrameRate::is_ntsc_drop_capable() const {
  return den == 1001 && num % 30000 == 0;
}

std::int64_t FrameRate::nominal() const {
  return divide_ticks(num, den, Rounding::nearest);
}

std::string FrameRate::to_string() const {
  if (den == 1)
    return std::to_string(num);
  return std::to_string(num) + "/" + std::to_string(den);
}

namespace {

std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t v = 0;
  if (s.empty())
    return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    return std::nullopt;
  return v;
}

}  // namespace

std::optional<FrameRate> FrameRate::parse(std::string_view text) {
  if (auto sep = text.find_first_of("/:"); sep != std::string_view::npos) {
    auto n = parse_int(text.substr(0, sep));
    auto d = parse_int(text.substr(sep + 1));
    if (!n || !d || *n <= 0 || *d <= 0)
      return std::nullopt;
    return FrameRate{*n, *d};
  }
  if (auto whole = parse_int(text)) {
    if (*whole <= 0 || *whole > 1000)
      return std::nullopt;
    return FrameRate{*whole, 1};
  }
  // Decimal rates: the NTSC family maps to exact fractions, others to x/1000 reduced.
  auto dot = text.find('.');
  if (dot == std::string_view::npos)
    return std::nullopt;
  auto ip = parse_int(text.substr(0, dot));
  std::string_view frac = text.substr(dot + 1);
  if (!ip || frac.empty() || frac.size() > 6 || *ip < 0 || *ip > 1000)
    return std::nullopt;
  auto fp = parse_int(frac);
  if (!fp || *fp < 0)
    return std::nullopt;
  std::int64_t scale = 1;
  for (std::size_t i = 0; i < frac.size(); ++i)
    scale *= 10;
  const std::int64_t milli = *ip * scale + *fp;  // value * scale
  for (std::int64_t nominal : {24, 30, 48, 60, 120}) {
    // value within 0.01 of nominal*1000/1001
    const double v = static_cast<double>(milli) / static_cast<double>(scale);
    const double ntsc = static_cast<double>(nominal) * 1000.0 / 1001.0;
    if (v > ntsc - 0.01 && v < ntsc + 0.01 && v != static_cast<double>(nominal)) {
      return FrameRate{nominal * 1000, 1001};
    }
  }
  if (milli <= 0)
    return std::nullopt;
  std::int64_t a = milli;
  std::int64_t b = scale;
  while (b != 0) {
    std::int64_t t = a % b;
    a = b;
    b = t;
  }
  return FrameRate{milli / a, scale / a};
}

Time frames_to_time(std::int64_t frames, FrameRate rate) {
  // ticks = frames * den * kTicksPerSecond / num, exact for the rates Kopru supports.
  const Wide ticks = static_cast<Wide>(frames) * rate.den * kTicksPerSecond;
  const auto num = static_cast<Wide>(rate.num);
  Wide q = ticks / num;
  const Wide r = ticks % num;
  if (r != 0 && 2 * (r < 0 ? -r : r) >= num)
    q += (r < 0 ? -1 : 1);
  return Time(static_cast<std::int64_t>(q));
}

std::int64_t time_to_frames(Time t, FrameRate rate, Rounding rounding) {
  const Wide scaled = static_cast<Wide>(t.count()) * rate.num;
  const Wide unit = static_cast<Wide>(rate.den) * kTicksPerSecond;
  Wide q = scaled / unit;
  const Wide r = scaled % unit;
  if (r != 0) {
    switch (rounding) {
      case Rounding::down:
        if (r < 0)
          --q;
        break;
      case Rounding::up:
        if (r > 0)
          ++q;
        break;
      case Rounding::nearest:
        if (2 * (r < 0 ? -r : r) >= unit)
          q += (r < 0 ? -1 : 1);
        break;
    }
  }
  return static_cast<std::int64_t>(q);
}

std::string Timecode::to_string() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d%c%02d", hours, minutes, seconds,
                drop_frame ? ';' : ':', frames);
  return buf;
}

std::optional<Timecode> Timecode::parse(std::string_view text) {
  // HH:MM:SS[:;.]FF
  if (text.size() != 11 || text[2] != ':' || text[5] != ':')
    return std::nullopt;
  const char sep = text[8];
  if (sep != ':' && sep != ';' && sep != '.' && sep != ',')
    return std::nullopt;
  auto h = parse_int(text.substr(0, 2));
  auto m = parse_int(text.substr(3, 2));
  auto s = parse_int(text.substr(6, 2));
  auto f = parse_int(text.substr(9, 2));
  if (!h || !m || !s || !f || *h < 0 || *m < 0 || *m > 59 || *s < 0 || *s > 59 || *f < 0) {
    return std::nullopt;
  }
  return Timecode{static_cast<int>(*h), static_cast<int>(*m), static_cast<int>(*s),
                  static_cast<int>(*f), sep == ';' || sep == '.' || sep == ','};
}

namespace {

std::int64_t dropped_per_minute(FrameRate rate) {
  return 2 * (rate.nominal() / 30);  // 2 at 29.97, 4 at 59.94
}

}  // namespace

std::int64_t timecode_to_frames(const Timecode& tc, FrameRate rate) {
  const std::int64_t fps = rate.nominal();
  if (tc.frames >= fps || tc.minutes > 59 || tc.seconds > 59 || tc.hours < 0) {
    throw std::invalid_argument("timecode " + tc.to_string() + " does not exist at " +
                                rate.to_string() + " fps");
  }
  std::int64_t frames =
      ((static_cast<std::int64_t>(tc.hours) * 60 + tc.minutes) * 60 + tc.seconds) * fps + tc.frames;
  if (tc.drop_frame) {
    if (!rate.is_ntsc_drop_capable()) {
      throw std::invalid_argument("drop-frame timecode needs 29.97 or 59.94 fps, not " +
                                  rate.to_string());
    }
    const std::int64_t drop = dropped_per_minute(rate);
    if (tc.seconds == 0 && tc.frames < drop && tc.minutes % 10 != 0) {
      throw std::invalid_argument("timecode " + tc.to_string() +
                                  " is skipped by drop-frame counting");
    }
    const std::int64_t total_minutes = static_cast<std::int64_t>(tc.hours) * 60 + tc.minutes;
    frames -= drop * (total_minutes - total_minutes / 10);
  }
  return frames;
}

Timecode frames_to_timecode(std::int64_t frames, FrameRate rate, bool drop_frame) {
  const std::int64_t fps = rate.nominal();
  if (frames < 0)
    frames = 0;
  if (drop_frame) {
    if (!rate.is_ntsc_drop_capable()) {
      throw std::invalid_argument("drop-frame timecode needs 29.97 or 59.94 fps, not " +
                                  rate.to_string());
    }
    const std::int64_t drop = dropped_per_minute(rate);
    const std::int64_t per_10min = fps * 600 - drop * 9;
    const std::int64_t per_min = fps * 60 - drop;
    const std::int64_t tens = frames / per_10min;
    std::int64_t rem = frames % per_10min;
    // The first minute of each ten keeps all its labels.
    if (rem >= drop) {
      frames += drop * 9 * tens + drop * ((rem - drop) / per_min);
    } else {
      frames += drop * 9 * tens;
    }
  }
  Timecode tc;
  tc.drop_frame = drop_frame;
  tc.frames = static_cast<int>(frames % fps);
  const std::int64_t total_seconds = frames / fps;
  tc.seconds = static_cast<int>(total_seconds % 60);
  tc.minutes = static_cast<int>((total_seconds / 60) % 60);
  tc.hours = static_cast<int>(total_seconds / 3600);
  return tc;
}

Time timecode_to_time(const Timecode& tc, FrameRate rate) {
  return frames_to_time(timecode_to_frames(tc, rate), rate);
}

Timecode time_to_timecode(Time t, FrameRate rate, bool drop_frame, Rounding rounding) {
  return frames_to_timecode(time_to_frames(t, rate, rounding), rate, drop_frame);
}

std::string format_hms_ms(Time t, char separator) {
  std::string out;
  append_hms_ms(out, t, separator);
  return out;
}

void append_hms_ms(std::string& out, Time t, char separator) {
  // Hand-written rather than snprintf: writers call this twice per cue, and printf's format
  // parsing was a quarter of a whole SRT -> WebVTT conversion. The digits are built in a local
  // buffer and appended once.
  std::int64_t ms = to_ms(t);
  if (ms < 0) {
    out += '-';
    ms = -ms;
  }
  const std::int64_t hours = ms / 3'600'000;
  if (hours >= 100)
    out += std::to_string(hours);
  // Below the hour everything fits 32 bits, where dividing by a constant is cheaper.
  const auto within_hour = static_cast<std::uint32_t>(ms - hours * 3'600'000);
  // "00" to "99" in a row, so each pair of digits is one copy from this table.
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char buf[12];
  auto two = [](char* at, std::uint32_t v) {
    at[0] = kPairs[2 * v];
    at[1] = kPairs[2 * v + 1];
  };
  two(buf, static_cast<std::uint32_t>(hours % 100));
  buf[2] = ':';
  two(buf + 3, within_hour / 60'000);
  buf[5] = ':';
  two(buf + 6, within_hour / 1000 % 60);
  buf[8] = separator;
  const std::uint32_t milli = within_hour % 1000;
  buf[9] = static_cast<char>('0' + milli / 100);
  two(buf + 10, milli % 100);
  // Three or more hour digits were appended whole above.
  const std::size_t skip = hours >= 100 ? 2 : 0;
  out.append(buf + skip, sizeof buf - skip);
}

}  // namespace kopru
