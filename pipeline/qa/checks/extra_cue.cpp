#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/source_text.h"

namespace kopru::qa {

// A translated cue linked to no source cue (see alignment.h): text the source does not have at
// that time, or a cue moved far from its source. Blank and comment cues are other checks' matter.
void check_extra_cue(const Context& context, std::vector<Finding>& findings) {
  if (context.source == nullptr || context.cues.size() != context.doc.cues.size())
    return;
  const Alignment& alignment = alignment_of(context);
  for (std::size_t t = 0; t < alignment.target_count(); ++t) {
    if (!alignment.extra(t) || context.doc.cues[t].comment || context.cues[t].empty())
      continue;
    const std::size_t nearest = alignment.best_source(t);
    std::string message = "no source cue at this time";
    if (nearest != kNoCue)
      message += " (it only touches source cue " + std::to_string(nearest + 1) + ")";
    findings.push_back(make_finding(context, "extra-cue", t, std::move(message)));
  }
}

}  // namespace kopru::qa
