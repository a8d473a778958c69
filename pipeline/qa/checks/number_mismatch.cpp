#include <algorithm>

#include "pipeline/qa/alignment.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/source_text.h"

namespace kopru::qa {
namespace {

void numbers_of(const CueText& cue, std::vector<std::string>& out) {
  for (const std::string& line : cue.lines)
    append_numbers(line, out);
}

std::string listed(const std::vector<std::string>& numbers) {
  if (numbers.empty())
    return "none";
  std::string out;
  for (const std::string& number : numbers) {
    if (!out.empty())
      out += ", ";
    out += number;
  }
  return out;
}

}  // namespace

// Numbers written with digits differ between a group of linked cues (a 1:1 pair, a merge or a
// split, see alignment.h) and its source cues, as multisets: order may change in translation,
// notation may too ("1,000" = "1 000", "3.5" = "3,5"). Reported on the group's first cue.
void check_number_mismatch(const Context& context, std::vector<Finding>& findings) {
  if (context.source == nullptr || context.cues.size() != context.doc.cues.size() ||
      context.source_cues.size() != context.source->cues.size())
    return;
  const Alignment& alignment = alignment_of(context);
  std::vector<std::string> source;
  std::vector<std::string> target;
  std::vector<std::string> sorted_source;
  std::vector<std::string> sorted_target;
  for (std::size_t g = 0; g < alignment.group_count(); ++g) {
    source.clear();
    target.clear();
    for (const std::size_t s : alignment.group_sources(g))
      numbers_of(context.source_cues[s], source);
    for (const std::size_t t : alignment.group_targets(g))
      numbers_of(context.cues[t], target);
    if (source == target)
      continue;  // also the common case of numbers in the same order
    sorted_source.assign(source.begin(), source.end());
    sorted_target.assign(target.begin(), target.end());
    std::sort(sorted_source.begin(), sorted_source.end());
    std::sort(sorted_target.begin(), sorted_target.end());
    if (sorted_source == sorted_target)
      continue;
    findings.push_back(make_finding(
        context, "number-mismatch", alignment.group_targets(g).front(),
        "numbers differ: source " + listed(source) + "; translation " + listed(target)));
  }
}

}  // namespace kopru::qa
