#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/script_support.h"

namespace kopru::qa {

namespace {

// The word around byte `offset` of `line`, apostrophes included: "o'zbek".
std::string_view word_at(std::string_view line, std::size_t offset) {
  std::size_t begin = offset;
  while (begin > 0 && line[begin - 1] != ' ')
    --begin;
  std::size_t end = line.find(' ', offset);
  if (end == std::string_view::npos)
    end = line.size();
  return line.substr(begin, end - begin);
}

}  // namespace

// Uzbek Latin (decision 1 of turkic-orthography.md): ʻ U+02BB in oʻ gʻ, ʼ U+02BC for the tutuq
// belgisi; ' ’ ‘ ` ´ in their place break search, sorting and transliteration to Cyrillic.
void check_apostrophe(const Context& context, std::vector<Finding>& findings) {
  if (!script::is_uzbek_latin(context.language))
    return;
  for (std::size_t i = 0; i < context.cues.size(); ++i) {
    for (const std::string& line : context.cues[i].own_lines) {
      std::size_t word_end = 0;
      for (const script::ApostropheFix& fix : script::uzbek_apostrophes(line)) {
        if (fix.offset < word_end)
          continue;  // one finding per word: "o'g'il"
        const std::string_view word = word_at(line, fix.offset);
        word_end = static_cast<std::size_t>(word.data() - line.data()) + word.size();
        findings.push_back(make_finding(context, "apostrophe", i,
                                        script::quoted(fix.found) + " in '" + std::string(word) +
                                            "' where Uzbek writes " + script::quoted(fix.wanted),
                                        "replace with " + script::quoted(fix.wanted)));
      }
    }
  }
}

}  // namespace kopru::qa
