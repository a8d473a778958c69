// Helpers for the validator's conformance tests: run validate() on a file or a string and look at
// the rules it reports.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "codecs/ttml/ttml_validate.h"
#include "tests/support/test_support.h"

namespace kopru::testing {

inline std::vector<codecs::ttml::Violation> validate_text(const std::string& text,
                                                          codecs::ttml::ValidationProfile profile,
                                                          const std::string& path = "test.ttml") {
  codecs::Source source;
  source.path = path;
  source.bytes = text;
  source.text = text;
  if (source.text.substr(0, 3) == "\xEF\xBB\xBF")
    source.text.remove_prefix(3);
  source.encoding = "UTF-8";
  return codecs::ttml::validate(source, profile);
}

inline std::vector<codecs::ttml::Violation> validate_path(const std::filesystem::path& path,
                                                          codecs::ttml::ValidationProfile profile) {
  const std::string text = slurp(path);
  return validate_text(text, profile, path.string());
}

inline std::set<std::string> rules_of(const std::vector<codecs::ttml::Violation>& violations) {
  std::set<std::string> out;
  for (const auto& v : violations)
    out.insert(v.rule);
  return out;
}

inline std::string describe(const std::vector<codecs::ttml::Violation>& violations,
                            std::size_t limit = 8) {
  std::string out;
  for (std::size_t i = 0; i < violations.size() && i < limit; ++i) {
    const auto& v = violations[i];
    out += "  " + std::to_string(v.line) + ":" + std::to_string(v.column) + " [" + v.rule + "] " +
           v.message + "\n";
  }
  if (violations.size() > limit)
    out += "  ... " + std::to_string(violations.size() - limit) + " more\n";
  return out;
}

}  // namespace kopru::testing
