// Frame arithmetic shared by the timing checks and fix_timing, so that a gap the fix leaves is one
// the check accepts.
#pragma once

#include <cstdint>
#include <string>

#include "pipeline/model/time.h"
#include "pipeline/qa/qa.h"

namespace kopru::qa::timing {

// A frame rate frame arithmetic can divide by (a hand-built Context may hold anything).
bool usable(FrameRate rate);

// "25", "23.976", "29.97"
std::string fps_text(FrameRate rate);
// "1 frame", "2 frames"
std::string frames_text(std::int64_t frames);

// The profile's minimum gap at the context's rate (exact: 83.417 ms for 2 frames at 23.976).
Time min_gap(const Context& context);
// The shortest gap the min-gap check accepts: the minimum in whole milliseconds, rounded down,
// because SRT and WebVTT store milliseconds and a 2-frame gap at 23.976 fps is written as 83 ms.
Time accepted_min_gap(const Context& context);

Time nearest_frame(Time t, FrameRate rate);
// On the frame grid, or a frame time rounded to the millisecond (within 0.5 ms of one).
bool on_frame_grid(Time t, FrameRate rate);
Time snap_to_frame(Time t, FrameRate rate, Rounding rounding);

}  // namespace kopru::qa::timing
