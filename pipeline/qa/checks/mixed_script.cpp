#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/script_support.h"

namespace kopru::qa {

// The odd letters of a word that all have a look-alike twin are homoglyph's (and --fix replaces
// them); a word with a letter that has none ("mжshina", "Қazaq") cannot be repaired safely.
void check_mixed_script(const Context& context, std::vector<Finding>& findings) {
  const UScriptCode track = script::script_of(context.language);
  script::MixedWord mixed;
  for (std::size_t i = 0; i < context.cues.size(); ++i) {
    for (const std::string& line : context.cues[i].own_lines) {
      script::for_each_word(line, [&](std::string_view word, std::size_t) {
        if (!script::analyse_word(word, track, mixed) || mixed.all_twins)
          return;
        UChar32 shown = mixed.odd.front();
        for (std::size_t k = 0; k < mixed.odd.size(); ++k) {
          if (mixed.twins[k] == U_SENTINEL) {
            shown = mixed.odd[k];
            break;
          }
        }
        findings.push_back(make_finding(context, "mixed-script", i,
                                        script::script_name(script::letter_script(shown)) + " " +
                                            script::quoted(shown) + " in the " +
                                            script::script_name(mixed.word_script) + " word '" +
                                            std::string(word) + "'"));
      });
    }
  }
}

}  // namespace kopru::qa
