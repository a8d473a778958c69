#include <nlohmann/json.hpp>

#include "pipeline/qa/report.h"
#include "pipeline/qa/report_common.h"

namespace kopru::qa {

namespace {

using Json = nlohmann::ordered_json;

Json finding_json(const Finding& f) {
  Json item = {{"check", f.check},
               {"rule", f.rule},
               {"severity", std::string(to_string(f.severity))},
               {"cue", f.cue},
               {"start_ms", to_ms(f.start)},
               {"end_ms", to_ms(f.end)},
               {"message", f.message}};
  if (!f.fix.empty())
    item["fix"] = f.fix;
  return item;
}

Json summary_json(const Report& report) {
  const Summary summary = summarize(report.findings);
  // Every check that ran is listed, with 0 when it found nothing, so a consumer can tell
  // "clean" from "not checked".
  Json by_check = Json::object();
  for (const CheckInfo* check : checks_run(report.context))
    by_check[std::string(check->name)] = 0;
  for (const auto& [name, count] : summary.by_check)
    by_check[name] = count;
  return {{"cues", report.context.doc.cues.size()},
          {"errors", summary.count(Severity::error)},
          {"warnings", summary.count(Severity::warning)},
          {"notes", summary.count(Severity::note)},
          {"by_check", std::move(by_check)}};
}

}  // namespace

std::string report_json(const Report& report) {
  const Context& context = report.context;
  Json root = {{"kopru_qa", 1}, {"path", report.path}};
  if (!report.source_path.empty())
    root["source"] = report.source_path;
  if (!report.film_path.empty())
    root["film"] = report.film_path;
  root["language"] = {{"tag", language_text(context)}, {"source", context.language_source}};
  root["frame_rate"] = {{"value", context.fps.to_string()}, {"source", context.fps_source}};
  root["profile"] = {{"name", context.profile.name}, {"origin", context.profile.origin}};
  root["counting_rule"] = std::string(kCountingRule);
  root["summary"] = summary_json(report);
  Json findings = Json::array();
  for (const Finding& f : report.findings)
    findings.push_back(finding_json(f));
  root["findings"] = std::move(findings);
  // Paths and messages quoting cue text may hold invalid UTF-8: replaced, never thrown on.
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace kopru::qa
