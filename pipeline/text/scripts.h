// Which Unicode scripts a text is written in (ICU's script property per code point).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kopru::text {

struct ScriptCount {
  std::string code;  // ISO 15924, e.g. "Cyrl", "Latn", "Arab"
  std::string name;  // "Cyrillic"
  std::size_t letters = 0;
};

// Counts letters (general category L*) per script, most frequent first; Common and Inherited
// characters (digits, punctuation, combining marks) are not counted.
std::vector<ScriptCount> count_scripts(std::string_view utf8);

}  // namespace kopru::text
