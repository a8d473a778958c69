// The reports of a QA run: for people on a terminal, for machines (JSON with a stable schema,
// JUnit XML for CI systems) and a self-contained HTML page with a timeline.
#pragma once

#include <string>
#include <vector>

#include "pipeline/qa/qa.h"

namespace kopru::qa {

struct Report {
  std::string path;         // the checked track
  std::string source_path;  // --source, "" when none
  std::string film_path;    // --film, "" when none
  const Context& context;
  const std::vector<Finding>& findings;
};

// One line per finding: "path:cue 12 (00:01:02,500): warning[KQ0203]: 23.4 cps > 17
// (reading-speed)", then a summary line.
std::string report_text(const Report& report);

// {"path":…, "language":…, "profile":…, "summary":{…}, "findings":[{"check", "rule",
// "severity", "cue", "start_ms", "end_ms", "message", "fix"?}]} (schema: locales/qa/REPORTS.md).
std::string report_json(const Report& report);

// JUnit XML: one testsuite per check group, one testcase per check; findings at warning or above
// are failures, notes are system-out.
std::string report_junit(const Report& report);

// A self-contained HTML page: summary, an SVG timeline of every cue and finding, a table that can
// be filtered by rule and severity. No external resources.
std::string report_html(const Report& report);

}  // namespace kopru::qa
