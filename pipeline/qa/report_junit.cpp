#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <sstream>

#include "pipeline/qa/format.h"
#include "pipeline/qa/report.h"
#include "pipeline/qa/report_common.h"

namespace kopru::qa {

namespace {

// The JUnit shape Jenkins and GitLab read: testsuites > testsuite > testcase, a testcase failing
// through a <failure message type> child, with <system-out> for what is not a failure.
struct CaseFindings {
  std::vector<const Finding*> failures;  // warning and error
  std::vector<const Finding*> notes;
};

std::string finding_line(const Finding& f) {
  std::string line = f.cue > 0 ? "cue " + std::to_string(f.cue) + " (" + clock(f.start) + "): "
                               : std::string("whole track: ");
  return line + f.message + "\n";
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

void set(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(clean_text(value).c_str());
}

void set(pugi::xml_node node, const char* name, std::size_t value) {
  node.append_attribute(name).set_value(static_cast<unsigned long long>(value));
}

void add_case(pugi::xml_node suite, const CheckInfo& check, const CaseFindings& found) {
  pugi::xml_node test = suite.append_child("testcase");
  set(test, "classname", "kopru.qa." + std::string(check.group));
  set(test, "name", std::string(check.name) + " (" + std::string(check.rule) + ")");
  set(test, "time", "0");
  if (!found.failures.empty()) {
    Severity worst = Severity::warning;
    std::string lines;
    for (const Finding* f : found.failures) {
      worst = std::max(worst, f->severity);
      lines += finding_line(*f);
    }
    pugi::xml_node failure = test.append_child("failure");
    set(failure, "message", plural(found.failures.size(), "finding"));
    set(failure, "type", to_string(worst));
    failure.append_child(pugi::node_pcdata).set_value(clean_text(lines).c_str());
  }
  if (!found.notes.empty()) {
    std::string lines;
    for (const Finding* f : found.notes)
      lines += "note: " + finding_line(*f);
    test.append_child("system-out")
        .append_child(pugi::node_pcdata)
        .set_value(clean_text(lines).c_str());
  }
}

}  // namespace

std::string report_junit(const Report& report) {
  std::map<std::string_view, CaseFindings> by_check;
  for (const Finding& f : report.findings) {
    CaseFindings& found = by_check[f.check];
    (f.severity == Severity::note ? found.notes : found.failures).push_back(&f);
  }

  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");
  pugi::xml_node root = doc.append_child("testsuites");
  set(root, "name", "kopru qa");

  // Groups in rule order (all_checks() lists each group's checks together).
  std::vector<std::pair<std::string_view, std::vector<const CheckInfo*>>> groups;
  for (const CheckInfo* check : checks_run(report.context)) {
    if (groups.empty() || groups.back().first != check->group)
      groups.push_back({check->group, {}});
    groups.back().second.push_back(check);
  }
  const CaseFindings none;
  const auto found_by = [&](const CheckInfo* check) -> const CaseFindings& {
    const auto it = by_check.find(check->name);
    return it == by_check.end() ? none : it->second;
  };
  const auto failed = [&](const std::vector<const CheckInfo*>& checks) {
    return static_cast<std::size_t>(
        std::count_if(checks.begin(), checks.end(),
                      [&](const CheckInfo* check) { return !found_by(check).failures.empty(); }));
  };
  std::size_t total_tests = 0;
  std::size_t total_failures = 0;
  for (const auto& [group, checks] : groups) {
    total_tests += checks.size();
    total_failures += failed(checks);
  }
  set(root, "tests", total_tests);
  set(root, "failures", total_failures);
  set(root, "errors", std::size_t{0});
  set(root, "time", "0");

  for (const auto& [group, checks] : groups) {
    pugi::xml_node suite = root.append_child("testsuite");
    set(suite, "name", group);
    set(suite, "tests", checks.size());
    set(suite, "failures", failed(checks));
    set(suite, "errors", std::size_t{0});
    set(suite, "skipped", std::size_t{0});
    set(suite, "time", "0");
    for (const CheckInfo* check : checks)
      add_case(suite, *check, found_by(check));
  }

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace kopru::qa
