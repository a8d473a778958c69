// The safe automatic fixes of `kopru qa --fix`: timing (minimum gap, overlaps), ellipsis, spaces,
// homoglyphs, Uzbek apostrophes and cp1254 mojibake. A fix never changes a word's letters except
// to replace a look-alike or mis-decoded character with the one meant; every change is listed.
#pragma once

#include <string>
#include <vector>

#include "pipeline/qa/qa.h"

namespace kopru::qa {

struct Change {
  std::string check;    // the check whose finding this fixes: "min-gap", "ellipsis", ...
  std::size_t cue = 0;  // 1-based
  std::string before;
  std::string after;
};

// Returns the fixed document; `changes` lists every change made, in cue order.
Document apply_fixes(const Context& context, std::vector<Change>& changes);

}  // namespace kopru::qa
