#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {

// A cue held exactly as long as the maximum passes. There is no safe fix: where to cut a long
// cue, or how to split its text, is an editor's call.
void check_max_duration(const Context& context, std::vector<Finding>& findings) {
  const Time maximum = context.profile.max_duration;
  for (std::size_t i = 0; i < context.doc.cues.size(); ++i) {
    const Cue& cue = context.doc.cues[i];
    const Time duration = cue.end - cue.start;
    if (duration <= maximum)
      continue;
    findings.push_back(make_finding(context, "max-duration", i,
                                    seconds(duration) + " s > " + seconds(maximum) + " s"));
  }
}

}  // namespace kopru::qa
