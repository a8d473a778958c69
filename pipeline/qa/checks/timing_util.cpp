#include "pipeline/qa/checks/timing_util.h"

#include <array>
#include <cstdio>

namespace kopru::qa::timing {

bool usable(FrameRate rate) {
  return rate.num > 0 && rate.den > 0;
}

std::string fps_text(FrameRate rate) {
  if (rate.den == 1)
    return std::to_string(rate.num);
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.3f", rate.as_double());
  std::string out = text.data();
  while (out.ends_with('0'))
    out.pop_back();
  if (out.ends_with('.'))
    out.pop_back();
  return out;
}

std::string frames_text(std::int64_t frames) {
  return std::to_string(frames) + (frames == 1 ? " frame" : " frames");
}

Time min_gap(const Context& context) {
  if (!usable(context.fps) || context.profile.min_gap_frames <= 0)
    return Time{};
  return frames_to_time(context.profile.min_gap_frames, context.fps);
}

Time accepted_min_gap(const Context& context) {
  return from_ms(to_ms(min_gap(context), Rounding::down));
}

Time nearest_frame(Time t, FrameRate rate) {
  return frames_to_time(time_to_frames(t, rate), rate);
}

bool on_frame_grid(Time t, FrameRate rate) {
  const Time off = t - nearest_frame(t, rate);
  const std::int64_t ticks = off.count() < 0 ? -off.count() : off.count();
  return 2 * ticks <= kTicksPerMs;
}

Time snap_to_frame(Time t, FrameRate rate, Rounding rounding) {
  return frames_to_time(time_to_frames(t, rate, rounding), rate);
}

}  // namespace kopru::qa::timing
