// Transliteration as a step of a conversion (kopru translit, kopru convert --translit).
#pragma once
#include <memory>
#include <string>

#include "pipeline/io/load.h"
#include "pipeline/translit/translit.h"

namespace kopru::cli {

struct TranslitPlan {
  translit::Direction direction;
  std::shared_ptr<const translit::Compiled> compiled;
};

// From --from/--to tags (or "FROM:TO"); throws UsageError for unknown tags or directions.
TranslitPlan plan_translit(const std::string& from, const std::string& to,
                           const std::string& apostrophes);
TranslitPlan plan_translit(const std::string& spec, const std::string& apostrophes);

// One per file. `jobs` > 1 converts whole documents with cues in parallel.
std::unique_ptr<io::DocumentFilter> make_translit_filter(const TranslitPlan& plan, unsigned jobs);

}  // namespace kopru::cli
