#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"
#include "pipeline/qa/source_text.h"

namespace kopru::qa {
namespace {

bool blank(const CueText& cue) {
  for (const std::string& line : cue.lines) {
    if (line.find_first_not_of(" \t") != std::string::npos)
      return false;
  }
  return true;
}

}  // namespace

// A source cue no translated cue is linked to (see alignment.h). Blank and comment source cues
// need no translation. The finding has no cue of the translation (cue 0) but carries the source
// cue's times, so reports and the timeline place it.
void check_missing_cue(const Context& context, std::vector<Finding>& findings) {
  if (context.source == nullptr || context.source_cues.size() != context.source->cues.size())
    return;
  const Alignment& alignment = alignment_of(context);
  for (std::size_t s = 0; s < alignment.source_count(); ++s) {
    const Cue& cue = context.source->cues[s];
    if (!alignment.missing(s) || cue.comment || blank(context.source_cues[s]))
      continue;
    Finding finding =
        make_finding(context, "missing-cue", kNoCue,
                     "no translation for source cue " + std::to_string(s + 1) + " (" +
                         clock(cue.start) + " " + quoted(context.source_cues[s]) + ")");
    finding.start = cue.start;
    finding.end = cue.end;
    findings.push_back(std::move(finding));
  }
}

}  // namespace kopru::qa
