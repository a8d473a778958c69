// Quality checks of a subtitle track: each check is one function over the document (and, for the
// comparison checks, a source track), with its limits taken from a profile. Checks only report;
// the safe fixes are in fixes.h.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"
#include "pipeline/model/language_tag.h"
#include "pipeline/model/time.h"
#include "pipeline/qa/cue_text.h"
#include "pipeline/qa/profile.h"

namespace kopru::qa {

struct Finding {
  std::string check;  // stable kebab-case name: "reading-speed"
  std::string rule;   // stable ID: "KQ0203"
  Severity severity = Severity::warning;
  std::size_t cue = 0;  // 1-based; 0 for the whole track
  Time start{};
  Time end{};
  std::string message;  // "23.4 cps > 17"
  std::string fix;      // what `kopru qa --fix` changes, "" when it has no safe fix
};

// What every check reads. Built once per run (see make_context); cue texts are measured once.
struct Context {
  const Document& doc;
  const Profile& profile;
  LanguageTag language;         // the track's language, "" when unknown
  std::string language_source;  // "file", "--lang", "file name", "detected", ""
  FrameRate fps;           // for frame-based limits (from --fps, the film, the file or the profile)
  std::string fps_source;  // "--fps", "film", "file", "profile", "default"
  std::optional<Time> film_duration;  // --film
  const Document* source = nullptr;   // --source: the track this one was translated from
  std::vector<CueText> cues;          // doc.cues measured, same order
  std::vector<CueText> source_cues;   // source->cues measured

  Context(const Document& document, const Profile& profile_in)
      : doc(document), profile(profile_in) {}
};

// One check: appends its findings. Must not throw on any document.
using CheckFn = void (*)(const Context& context, std::vector<Finding>& findings);

struct CheckInfo {
  std::string_view name;     // "reading-speed"
  std::string_view rule;     // "KQ0203"
  std::string_view group;    // "timing", "reading", "text", "script", "source"
  Severity severity;         // default severity (a profile may change it)
  bool needs_source;         // runs only with --source
  std::string_view summary;  // one line for `kopru qa --list` and reports
  CheckFn run;
};

// Every check, in rule order.
std::span<const CheckInfo> all_checks();
const CheckInfo* find_check(std::string_view name);

// Measures the cues of `context.doc` (and of the source) into the context.
void measure(Context& context);

// Runs every check the profile enables, with the profile's severities; findings sorted by cue,
// then by rule.
std::vector<Finding> run_checks(const Context& context);

// A finding with the check's name, rule and the profile's severity filled in.
Finding make_finding(const Context& context, std::string_view check, std::size_t cue_index,
                     std::string message, std::string fix = "");

}  // namespace kopru::qa
