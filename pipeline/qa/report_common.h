// What the machine-readable and HTML reports share: the stated counting rule, the checks a run
// covered, counts by severity and by check, and text made safe for XML and HTML (valid UTF-8 with
// no control characters those formats cannot carry).
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/qa/qa.h"
#include "pipeline/qa/report.h"

namespace kopru::qa {

// How reading speed and line length count characters (cue_text.h), as reports state it.
extern const std::string_view kCountingRule;

// The checks a run covered: every check the profile enables; source checks only with a source.
std::vector<const CheckInfo*> checks_run(const Context& context);

struct Summary {
  std::array<std::size_t, 3> by_severity{};  // indexed by Severity (note, warning, error)
  std::map<std::string, std::size_t, std::less<>> by_check;
  std::size_t count(Severity severity) const {
    return by_severity[static_cast<std::size_t>(severity)];
  }
};
Summary summarize(const std::vector<Finding>& findings);

// Valid UTF-8 with invalid sequences, C0/C1 controls other than tab and line feed (a CR becomes a
// line feed), and noncharacters U+FFFE/U+FFFF replaced by U+FFFD.
std::string clean_text(std::string_view text);

// The language tag as reports show it: "uz-Latn", or "" when unknown.
std::string language_text(const Context& context);

}  // namespace kopru::qa
