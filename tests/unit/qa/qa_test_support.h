// Helpers shared by the unit tests of `kopru qa`: cues and documents made by hand, the netflix
// profile, running one check the way run_checks does, and findings and changes as text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/model/document.h"
#include "pipeline/model/time.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/fixes.h"
#include "pipeline/qa/profile.h"

namespace kopru::qa {

inline Cue make_cue(std::int64_t start_ms, std::int64_t end_ms, std::string_view text,
                    const std::vector<Span>& spans = {}) {
  Cue cue;
  cue.start = from_ms(start_ms);
  cue.end = from_ms(end_ms);
  cue.runs = runs_from_text(text, spans);
  return cue;
}

inline Span span(SpanKind kind) {
  Span s;
  s.kind = kind;
  return s;
}

inline Document document(std::vector<Cue> cues, std::string format = "srt") {
  Document doc;
  doc.meta.source_format = std::move(format);
  doc.cues = std::move(cues);
  return doc;
}

inline Profile netflix(std::string_view language = "tr") {
  Profile profile = *builtin_profile("netflix");
  apply_language_defaults(profile, *LanguageTag::parse(language));
  return profile;
}

inline std::vector<Finding> run_check(const Context& context, CheckFn check) {
  std::vector<Finding> findings;
  check(context, findings);
  return findings;
}

// Runs one check the way run_checks does: measured, at 25 fps, with the netflix profile unless told
// otherwise.
inline std::vector<Finding> run_check(std::string_view check, const Document& doc,
                                      const Profile& profile = netflix(),
                                      std::string_view language = "tr") {
  Context context(doc, profile);
  context.language = *LanguageTag::parse(language);
  context.fps = FrameRate{25, 1};
  measure(context);
  return run_check(context, find_check(check)->run);
}

// Each finding as "cue N: message".
inline std::vector<std::string> messages(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const Finding& f : findings)
    out.push_back("cue " + std::to_string(f.cue) + ": " + f.message);
  return out;
}

// Each change as "N check: before -> after".
inline std::vector<std::string> change_lines(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  out.reserve(changes.size());
  for (const Change& c : changes)
    out.push_back(std::to_string(c.cue) + " " + c.check + ": " + c.before + " -> " + c.after);
  return out;
}

}  // namespace kopru::qa
