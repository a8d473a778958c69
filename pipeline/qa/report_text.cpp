#include <map>

#include "pipeline/qa/format.h"
#include "pipeline/qa/report.h"

namespace kopru::qa {

std::string report_text(const Report& report) {
  std::string out;
  std::map<Severity, std::size_t> counts;
  for (const Finding& f : report.findings) {
    out += report.path;
    if (f.cue > 0)
      out += ":cue " + std::to_string(f.cue) + " (" + clock(f.start) + ")";
    out += ": ";
    out += to_string(f.severity);
    out += "[" + f.rule + "]: " + f.message + " (" + f.check + ")\n";
    ++counts[f.severity];
  }
  out += report.path + ": " + std::to_string(report.context.doc.cues.size()) + " cues, " +
         std::to_string(counts[Severity::error]) + " errors, " +
         std::to_string(counts[Severity::warning]) + " warnings, " +
         std::to_string(counts[Severity::note]) + " notes (profile " + report.context.profile.name +
         ", language " +
         (report.context.language.empty() ? std::string("unknown")
                                          : report.context.language.to_string()) +
         ", " + report.context.fps.to_string() + " fps)\n";
  return out;
}

}  // namespace kopru::qa
