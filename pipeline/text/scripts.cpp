#include "pipeline/text/scripts.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

namespace kopru::text {

std::vector<ScriptCount> count_scripts(std::string_view utf8) {
  std::map<int, std::size_t> counts;
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !u_isalpha(c))
      continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED)
      continue;
    ++counts[script];
  }
  std::vector<ScriptCount> out;
  for (const auto& [script, n] : counts) {
    const auto code = static_cast<UScriptCode>(script);
    out.push_back({uscript_getShortName(code), uscript_getName(code), n});
  }
  std::stable_sort(out.begin(), out.end(), [](const ScriptCount& a, const ScriptCount& b) {
    return a.letters > b.letters;
  });
  return out;
}

}  // namespace kopru::text
