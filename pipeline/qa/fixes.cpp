#include "pipeline/qa/fixes.h"

#include <algorithm>

#include "pipeline/qa/fix_steps.h"

namespace kopru::qa {

Document apply_fixes(const Context& context, std::vector<Change>& changes) {
  Document doc = context.doc;
  fix_text(context, doc, changes);
  fix_script(context, doc, changes);
  fix_timing(context, doc, changes);
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.cue < b.cue; });
  return doc;
}

}  // namespace kopru::qa
