// Exact subtitle time. One tick is 1/705,600,000 s ("flicks"): milliseconds, centiseconds and the
// frame durations of 23.976, 24, 25, 29.97, 30, 50, 59.94 and 60 fps are all whole numbers of
// ticks, so reading and writing never drift. Only writers round, to their own grid.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kopru {

using Ticks = std::chrono::duration<std::int64_t, std::ratio<1, 705'600'000>>;
using Time = Ticks;

inline constexpr std::int64_t kTicksPerSecond = 705'600'000;
inline constexpr std::int64_t kTicksPerMs = 705'600;

constexpr Time from_ms(std::int64_t ms) {
  return Time(ms * kTicksPerMs);
}
constexpr Time from_cs(std::int64_t cs) {
  return Time(cs * kTicksPerMs * 10);
}
constexpr Time from_seconds(std::int64_t s) {
  return Time(s * kTicksPerSecond);
}

enum class Rounding { nearest, down, up };

// Integer division of ticks rounded as asked (half away from zero for nearest).
std::int64_t divide_ticks(std::int64_t ticks, std::int64_t unit, Rounding rounding);

std::int64_t to_ms(Time t, Rounding rounding = Rounding::nearest);
std::int64_t to_cs(Time t, Rounding rounding = Rounding::nearest);

// A frame rate as an exact fraction (24000/1001 for 23.976).
struct FrameRate {
  std::int64_t num = 25;
  std::int64_t den = 1;

  auto operator<=>(const FrameRate&) const = default;
  // 29.97 and 59.94 (n*30000/1001): the rates that have drop-frame timecode.
  bool is_ntsc_drop_capable() const;
  // The nominal integer rate used to count timecode frames (30 for 29.97).
  std::int64_t nominal() const;
  double as_double() const { return static_cast<double>(num) / static_cast<double>(den); }
  // "25", "24000/1001"
  std::string to_string() const;

  // "25", "23.976", "29.97", "59.94", "24000/1001", "30000:1001". 23.976/29.97/59.94 (and
  // 47.952, 119.88) are taken as their exact NTSC fractions. nullopt on anything else.
  static std::optional<FrameRate> parse(std::string_view text);
};

Time frames_to_time(std::int64_t frames, FrameRate rate);
std::int64_t time_to_frames(Time t, FrameRate rate, Rounding rounding = Rounding::nearest);

// SMPTE 12M timecode HH:MM:SS:FF (drop-frame printed HH:MM:SS;FF).
struct Timecode {
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  int frames = 0;
  bool drop_frame = false;

  bool operator==(const Timecode&) const = default;
  std::string to_string() const;
  // Accepts ':' or ';' / '.' before the frames; ';' or '.' mean drop-frame.
  static std::optional<Timecode> parse(std::string_view text);
};

// Frame count since 00:00:00:00 for a timecode at a rate; drop-frame skips frames 0 and 1 (0-3 at
// 59.94) of every minute except each tenth. Throws std::invalid_argument for labels that do not
// exist (e.g. 00:01:00;00 in drop-frame, frames >= nominal rate).
std::int64_t timecode_to_frames(const Timecode& tc, FrameRate rate);
Timecode frames_to_timecode(std::int64_t frames, FrameRate rate, bool drop_frame);

Time timecode_to_time(const Timecode& tc, FrameRate rate);
Timecode time_to_timecode(Time t, FrameRate rate, bool drop_frame,
                          Rounding rounding = Rounding::nearest);

// "HH:MM:SS.mmm" with the given separator before milliseconds (rounded to nearest ms). Negative
// times print with a leading '-'.
std::string format_hms_ms(Time t, char separator = '.');
// The same text appended to `out`: writers call it twice per cue, straight into their output.
void append_hms_ms(std::string& out, Time t, char separator = '.');

}  // namespace kopru
