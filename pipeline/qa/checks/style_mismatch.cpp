#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/source_text.h"

namespace kopru::qa {

// Italics (thoughts, off-screen voices, titles) and an explicit position (a cue moved up over
// on-screen text) carry meaning: each must be on both sides of a translated cue and its best
// linked source cue, or on neither.
void check_style_mismatch(const Context& context, std::vector<Finding>& findings) {
  if (context.source == nullptr)
    return;
  const Alignment& alignment = alignment_of(context);
  for (std::size_t t = 0; t < alignment.target_count(); ++t) {
    const std::size_t s = alignment.matched_source(t);
    if (s == kNoCue)
      continue;
    const Cue& target = context.doc.cues[t];
    const Cue& source = context.source->cues[s];
    const bool target_italic = has_italic(context.doc, target);
    const bool target_placed = is_positioned(target.placement);
    if (target_italic == has_italic(*context.source, source) &&
        target_placed == is_positioned(source.placement))
      continue;
    const std::string source_cue = "source cue " + std::to_string(s + 1);
    if (target_italic != has_italic(*context.source, source)) {
      findings.push_back(make_finding(context, "style-mismatch", t,
                                      target_italic ? "italic here, not in " + source_cue
                                                    : "italic in " + source_cue + ", not here"));
    }
    if (target_placed != is_positioned(source.placement)) {
      findings.push_back(make_finding(
          context, "style-mismatch", t,
          target_placed
              ? describe_placement(target.placement) + " here, not in " + source_cue
              : describe_placement(source.placement) + " in " + source_cue + ", not here"));
    }
  }
}

}  // namespace kopru::qa
