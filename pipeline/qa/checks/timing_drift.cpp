#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/format.h"

namespace kopru::qa {
namespace {

// "0.640 s after" / "0.640 s before"
std::string shift(Time from, Time to) {
  return seconds(to > from ? to - from : from - to) + (to > from ? " s after" : " s before");
}

}  // namespace

// A group of linked cues (see alignment.h) whose first start or last end moved from its source
// cues' by more than the profile's max_drift. Inner boundaries of a merge or split are the
// translator's to choose.
void check_timing_drift(const Context& context, std::vector<Finding>& findings) {
  if (context.source == nullptr)
    return;
  const Alignment& alignment = alignment_of(context);
  const Time limit = context.profile.max_drift;
  const auto& targets = context.doc.cues;
  const auto& sources = context.source->cues;
  for (std::size_t g = 0; g < alignment.group_count(); ++g) {
    std::size_t first = kNoCue, last = kNoCue, source_first = kNoCue, source_last = kNoCue;
    for (const std::size_t t : alignment.group_targets(g)) {
      if (first == kNoCue || targets[t].start < targets[first].start)
        first = t;
      if (last == kNoCue || targets[t].end > targets[last].end)
        last = t;
    }
    for (const std::size_t s : alignment.group_sources(g)) {
      if (source_first == kNoCue || sources[s].start < sources[source_first].start)
        source_first = s;
      if (source_last == kNoCue || sources[s].end > sources[source_last].end)
        source_last = s;
    }
    const Time start_from = sources[source_first].start;
    const Time end_from = sources[source_last].end;
    const bool start_moved = abs(targets[first].start - start_from) > limit;
    const bool end_moved = abs(targets[last].end - end_from) > limit;
    if (!start_moved && !end_moved)
      continue;
    const std::string over = " (> " + seconds(limit) + " s)";
    if (start_moved && end_moved && first == last && source_first == source_last) {
      findings.push_back(make_finding(context, "timing-drift", first,
                                      "starts " + shift(start_from, targets[first].start) +
                                          " source cue " + std::to_string(source_first + 1) +
                                          ", ends " + shift(end_from, targets[first].end) + " it" +
                                          over));
      continue;
    }
    if (start_moved)
      findings.push_back(make_finding(context, "timing-drift", first,
                                      "starts " + shift(start_from, targets[first].start) +
                                          " source cue " + std::to_string(source_first + 1) +
                                          over));
    if (end_moved)
      findings.push_back(make_finding(context, "timing-drift", last,
                                      "ends " + shift(end_from, targets[last].end) +
                                          " source cue " + std::to_string(source_last + 1) + over));
  }
}

}  // namespace kopru::qa
