#include "pipeline/qa/checks.h"

namespace kopru::qa {

namespace {

// Runs of exactly three full stops. Two dots are a typo for "." or "…" and four or more may be an
// ellipsis and a full stop: neither has one meaning a tool may pick, so neither is counted.
std::size_t three_dot_runs(std::string_view line) {
  std::size_t found = 0;
  std::size_t dots = 0;
  for (const char c : line) {
    if (c == '.') {
      ++dots;
      continue;
    }
    found += dots == 3 ? 1 : 0;
    dots = 0;
  }
  return found + (dots == 3 ? 1 : 0);
}

}  // namespace

void check_ellipsis(const Context& context, std::vector<Finding>& findings) {
  if (!context.profile.ellipsis_character)
    return;
  for (std::size_t i = 0; i < context.cues.size() && i < context.doc.cues.size(); ++i) {
    if (context.doc.cues[i].comment)
      continue;
    std::size_t found = 0;
    for (const std::string& line : context.cues[i].lines)
      found += three_dot_runs(line);
    if (found == 0)
      continue;
    findings.push_back(make_finding(
        context, "ellipsis", i,
        "'...' instead of '…'" + (found > 1 ? " (" + std::to_string(found) + " times)" : ""),
        "replace '...' with '…' (U+2026)"));
  }
}

}  // namespace kopru::qa
