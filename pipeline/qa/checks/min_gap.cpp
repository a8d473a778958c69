#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/timing_util.h"

namespace kopru::qa {

// The gap between a cue and the one listed before it. Overlaps (negative gaps) are overlap's and
// cues out of order are order's; touching cues (a gap of 0) are reported here, since no other
// check does. Gaps are counted at the context's rate, with the millisecond tolerance of
// timing::accepted_min_gap.
void check_min_gap(const Context& context, std::vector<Finding>& findings) {
  const Time accepted = timing::accepted_min_gap(context);
  if (accepted <= Time{})
    return;
  const std::string limit = timing::frames_text(context.profile.min_gap_frames);
  const std::string rate = timing::fps_text(context.fps);
  const auto& cues = context.doc.cues;
  for (std::size_t i = 1; i < cues.size(); ++i) {
    const Time gap = cues[i].start - cues[i - 1].end;
    if (gap < Time{} || gap >= accepted || cues[i].start < cues[i - 1].start)
      continue;
    const std::int64_t frames = time_to_frames(gap, context.fps, Rounding::down);
    std::string message = "gap " + timing::frames_text(frames);
    message.append(" < ").append(limit).append(" (").append(std::to_string(to_ms(gap)));
    message.append(" ms at ").append(rate).append(" fps)");
    findings.push_back(
        make_finding(context, "min-gap", i, std::move(message),
                     "end cue " + std::to_string(i) + " " + limit + " before this cue starts"));
  }
}

}  // namespace kopru::qa
