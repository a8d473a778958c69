#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/source_text.h"

namespace kopru::qa {

// A translated cue substantially overlapping two or more source cues (see alignment.h): the
// translator joined them. A note: often deliberate, but it shifts every later cue number.
void check_merged_cue(const Context& context, std::vector<Finding>& findings) {
  if (context.source == nullptr)
    return;
  const Alignment& alignment = alignment_of(context);
  std::vector<std::size_t> merged;
  for (std::size_t t = 0; t < alignment.target_count(); ++t) {
    if (alignment.substantial_sources(t) < 2)
      continue;
    merged.clear();
    for (const AlignmentLink& link : alignment.links_of_target(t)) {
      if (link.substantial)
        merged.push_back(link.source);
    }
    findings.push_back(
        make_finding(context, "merged-cue", t, "merges source cues " + cue_numbers(merged)));
  }
}

}  // namespace kopru::qa
