#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/timing_util.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

namespace {

std::string off_grid(std::string_view which, Time t, FrameRate rate) {
  return std::string(which) + " " + clock(t) + " (nearest frame " +
         clock(timing::nearest_frame(t, rate)) + ")";
}

}  // namespace

// Only for frame-based deliveries (profile.frame_grid). A time within 0.5 ms of a frame passes:
// that is the frame time as SRT and WebVTT store it, rounded to the millisecond.
void check_frame_grid(const Context& context, std::vector<Finding>& findings) {
  if (!context.profile.frame_grid || !timing::usable(context.fps))
    return;
  const std::string grid = " off the " + timing::fps_text(context.fps) + " fps frame grid";
  const auto& cues = context.doc.cues;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const bool start_ok = timing::on_frame_grid(cues[i].start, context.fps);
    const bool end_ok = timing::on_frame_grid(cues[i].end, context.fps);
    if (start_ok && end_ok)
      continue;
    std::string message;
    if (!start_ok)
      message = off_grid("start", cues[i].start, context.fps);
    if (!end_ok)
      message += (message.empty() ? "" : " and ") + off_grid("end", cues[i].end, context.fps);
    findings.push_back(
        make_finding(context, "frame-grid", i, message + grid, "move to the nearest frame"));
  }
}

}  // namespace kopru::qa
