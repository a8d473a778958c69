#include "pipeline/qa/checks/timing_util.h"
#include "pipeline/qa/fix_steps.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

namespace {

// Only times move: a cue's text, order and count never change. Each step leaves a cue only where
// the checks would accept it, and gives up (leaving the finding for a human) when it cannot.
struct TimingLimits {
  Time gap;       // the profile's minimum gap, exact
  Time accepted;  // the shortest gap the min-gap check accepts
  Time min_duration;
  bool grid;
  FrameRate fps;
  std::optional<Time> film;
};

TimingLimits limits_of(const Context& context) {
  const bool grid = context.profile.frame_grid && timing::usable(context.fps);
  return {timing::min_gap(context),
          timing::accepted_min_gap(context),
          context.profile.min_duration,
          grid,
          context.fps,
          context.film_duration};
}

std::string times(const Cue& cue) {
  return clock(cue.start) + " --> " + clock(cue.end);
}

bool shown(const Cue& cue) {
  return cue.end > cue.start;
}

void record(std::vector<Change>& changes, std::string_view check, std::size_t index,
            std::string before, const Cue& cue) {
  changes.push_back({std::string(check), index + 1, std::move(before), times(cue)});
}

// Frame-based deliveries: every time off the grid moves to its nearest frame first, so the
// gaps computed below are whole frames. A cue the rounding would empty keeps one frame.
void snap_to_grid(const TimingLimits& limits, Document& doc, std::vector<Change>& changes) {
  for (std::size_t i = 0; i < doc.cues.size(); ++i) {
    Cue& cue = doc.cues[i];
    if (timing::on_frame_grid(cue.start, limits.fps) && timing::on_frame_grid(cue.end, limits.fps))
      continue;
    std::string before = times(cue);
    const bool was_shown = shown(cue);
    cue.start = timing::snap_to_frame(cue.start, limits.fps, Rounding::nearest);
    cue.end = timing::snap_to_frame(cue.end, limits.fps, Rounding::nearest);
    if (was_shown && !shown(cue))
      cue.end = cue.start + frames_to_time(1, limits.fps);
    record(changes, "frame-grid", i, std::move(before), cue);
  }
}

// An overlap or a too-short gap between two consecutive cues: end the earlier one the minimum gap
// before the later one starts if it stays long enough, else start the later one the minimum gap
// after the earlier one ends if that one stays long enough. Cues out of order are left alone.
void separate(const TimingLimits& limits, std::size_t index, Document& doc,
              std::vector<Change>& changes) {
  Cue& earlier = doc.cues[index - 1];
  Cue& later = doc.cues[index];
  if (!shown(earlier) || !shown(later) || later.start < earlier.start)
    return;
  const Time gap = later.start - earlier.end;
  if (gap >= limits.accepted)
    return;
  const std::string_view check = gap < Time{} ? "overlap" : "min-gap";
  if (later.start - limits.gap - earlier.start >= limits.min_duration) {
    std::string before = times(earlier);
    earlier.end = later.start - limits.gap;
    record(changes, check, index - 1, std::move(before), earlier);
  } else if (later.end - (earlier.end + limits.gap) >= limits.min_duration) {
    std::string before = times(later);
    later.start = earlier.end + limits.gap;
    record(changes, check, index, std::move(before), later);
  }
}

// A cue shorter than the minimum ends later when the next cue (and the film) leave room.
void lengthen(const TimingLimits& limits, std::size_t index, Document& doc,
              std::vector<Change>& changes) {
  Cue& cue = doc.cues[index];
  if (!shown(cue) || cue.end - cue.start >= limits.min_duration)
    return;
  Time end = cue.start + limits.min_duration;
  if (limits.grid)
    end = timing::snap_to_frame(end, limits.fps, Rounding::up);
  if (index + 1 < doc.cues.size()) {
    const Cue& next = doc.cues[index + 1];
    if (next.start < cue.start || end > next.start - limits.gap)
      return;
  }
  if (limits.film && end > *limits.film)
    return;
  std::string before = times(cue);
  cue.end = end;
  record(changes, "min-duration", index, std::move(before), cue);
}

}  // namespace

void fix_timing(const Context& context, Document& doc, std::vector<Change>& changes) {
  const TimingLimits limits = limits_of(context);
  if (limits.grid)
    snap_to_grid(limits, doc, changes);
  for (std::size_t i = 1; i < doc.cues.size(); ++i)
    separate(limits, i, doc, changes);
  for (std::size_t i = 0; i < doc.cues.size(); ++i)
    lengthen(limits, i, doc, changes);
}

}  // namespace kopru::qa
