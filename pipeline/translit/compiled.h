// What a rule file compiles to. Internal to pipeline/translit.
#pragma once
#include <unicode/locid.h>
#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/uscript.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "pipeline/translit/translit.h"

namespace kopru::translit {

// Lookups by string_view without building a std::string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

enum class ApostrophePolicy {
  none,
  uzbek,   // ʻ after o/g, ʼ elsewhere (1995 Uzbek Latin)
  uyghur,  // every variant -> ' (ULY)
};

struct LexiconEntry {
  std::string target;
  bool stem = false;  // also matches the start of a longer word
};

// Word classes choose rules that take precedence over the file's own (Tatar vowel harmony).
struct WordClass {
  std::string name;
  icu::UnicodeSet letters;
  std::unique_ptr<icu::Transliterator> rules;  // class rules in front of the file's rules
};

class Compiled {
 public:
  Direction direction;
  Options options;
  UScriptCode source_script = USCRIPT_INVALID_CODE;
  UScriptCode target_script = USCRIPT_INVALID_CODE;
  icu::Locale casing;        // "tr" for Turkic dotted/dotless i, root otherwise
  icu::UnicodeSet alphabet;  // lower-case letters of the source orthography
  ApostrophePolicy apostrophes = ApostrophePolicy::none;
  std::unique_ptr<icu::RegexPattern> foreign;  // in a lower-case word: keep the word as it is
  StringSet keep;                              // lower-case words kept as they are
  StringMap<LexiconEntry> lexicon;             // every entry, by lower-case source word
  StringMap<std::string> stems;                // stem entries only
  std::vector<std::size_t> stem_lengths;       // distinct stem lengths in bytes, longest first
  std::vector<std::pair<std::string, std::string>> punctuation;  // outside words
  std::unique_ptr<icu::Transliterator> rules;
  std::vector<WordClass> classes;
  // Applied to the converted text of a run that holds an ASCII digit: typography next to numerals
  // (Uzbek "1995 йил" -> "1995-yil"), which per-word rules cannot see.
  struct Rewrite {
    std::unique_ptr<icu::RegexPattern> pattern;
    icu::UnicodeString replacement;
  };
  std::vector<Rewrite> rewrites;
};

}  // namespace kopru::translit
