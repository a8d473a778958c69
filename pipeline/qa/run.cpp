#include <algorithm>

#include "pipeline/qa/checks.h"

namespace kopru::qa {

void measure(Context& context) {
  context.cues.clear();
  context.cues.reserve(context.doc.cues.size());
  for (const Cue& cue : context.doc.cues)
    context.cues.push_back(measure_cue(cue));
  context.source_cues.clear();
  if (context.source != nullptr) {
    context.source_cues.reserve(context.source->cues.size());
    for (const Cue& cue : context.source->cues)
      context.source_cues.push_back(measure_cue(cue));
  }
}

Finding make_finding(const Context& context, std::string_view check, std::size_t cue_index,
                     std::string message, std::string fix) {
  Finding finding;
  finding.check = std::string(check);
  if (const CheckInfo* info = find_check(check)) {
    finding.rule = std::string(info->rule);
    finding.severity = info->severity;
  }
  if (const auto it = context.profile.severities.find(check);
      it != context.profile.severities.end())
    finding.severity = it->second;
  if (cue_index < context.doc.cues.size()) {
    finding.cue = cue_index + 1;
    finding.start = context.doc.cues[cue_index].start;
    finding.end = context.doc.cues[cue_index].end;
  }
  finding.message = std::move(message);
  finding.fix = std::move(fix);
  return finding;
}

std::vector<Finding> run_checks(const Context& context) {
  std::vector<Finding> findings;
  for (const CheckInfo& check : all_checks()) {
    if (!context.profile.enabled(check.name) || (check.needs_source && context.source == nullptr))
      continue;
    check.run(context, findings);
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.cue != b.cue ? a.cue < b.cue : a.rule < b.rule;
  });
  return findings;
}

}  // namespace kopru::qa
