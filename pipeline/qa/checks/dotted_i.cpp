#include <unordered_map>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/script_support.h"

namespace kopru::qa {

namespace {

constexpr UChar32 kDotlessSmall = 0x0131;   // ı
constexpr UChar32 kDottedCapital = 0x0130;  // İ
constexpr UChar32 kCombiningDot = 0x0307;

// Turkic lower case, with plain I becoming `plain_i` (ı by Turkic rules, i by everyone else's).
void turkic_lower(std::string_view word, UChar32 plain_i, std::string& out) {
  out.clear();
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto length = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0)
      continue;
    if (c == 'I')
      c = plain_i;
    else if (c == kDottedCapital)
      c = 'i';
    else
      c = u_tolower(c);
    out += script::utf8(c);
  }
}

std::string dotted(std::string_view word) {
  std::string out;
  for (const char c : word)
    out += c == 'I' ? script::utf8(kDottedCapital) : std::string(1, c);
  return out;
}

bool is_front_vowel(UChar32 c) {
  switch (c) {
    case 'e':
    case 'E':
    case 'i':
    case 0x0130:
    case 0x00F6:
    case 0x00D6:
    case 0x00FC:
    case 0x00DC:
    case 0x0259:
    case 0x018F:
    case 0x00EE:
    case 0x00CE:
      return true;
    default:
      return false;
  }
}

bool is_back_vowel(UChar32 c) {
  switch (c) {
    case 'a':
    case 'A':
    case 'o':
    case 'O':
    case 'u':
    case 'U':
    case 'I':
    case 0x0131:
    case 0x00E2:
    case 0x00C2:
    case 0x00FB:
    case 0x00DB:
      return true;
    default:
      return false;
  }
}

// "Izmir", "IŞTE": a word-initial I whose next vowel is unambiguously front. Native ı-words keep
// vowel harmony (ılık, ırmak, ışık), so their next vowel is back.
bool initial_i_before_front_vowel(std::string_view word) {
  if (word.size() < 2 || word[0] != 'I')
    return false;
  bool upper = false;
  bool lower = false;
  UChar32 vowel = 0;
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto length = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 1; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    upper = upper || u_isupper(c);
    lower = lower || u_islower(c);
    if (vowel == 0 && (is_front_vowel(c) || is_back_vowel(c)))
      vowel = c;
  }
  return !(upper && lower) && is_front_vowel(vowel);
}

struct Candidate {
  std::size_t cue;
  std::string word;
  std::string non_turkic;  // lower case with I -> i: "istanbul"
  std::string turkic;      // lower case with I -> ı: "ıstanbul"
};

bool has_plain_i(std::string_view word) {
  return word.find('I') != std::string_view::npos;
}

// Latin words only: Cyrillic and Arabic text has no I to get wrong.
bool is_latin_word(std::string_view word) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto length = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    const UScriptCode script = script::letter_script(c);
    if (script != USCRIPT_COMMON && script != USCRIPT_LATIN)
      return false;
  }
  return true;
}

void report_combining_dots(const Context& context, std::vector<Finding>& findings) {
  const std::string dot = script::utf8(kCombiningDot);
  for (std::size_t i = 0; i < context.cues.size(); ++i) {
    for (const std::string& line : context.cues[i].own_lines) {
      script::for_each_word(line, [&](std::string_view word, std::size_t) {
        if (word.find("i" + dot) == std::string_view::npos)
          return;
        std::string fixed(word);
        for (std::size_t at = fixed.find("i" + dot); at != std::string::npos;
             at = fixed.find("i" + dot, at + 1))
          fixed.erase(at + 1, dot.size());
        findings.push_back(make_finding(
            context, "dotted-i", i,
            "'" + std::string(word) + "' has i + U+0307 (İ lower-cased by non-Turkic rules): '" +
                fixed + "'",
            "replace i + U+0307 with i"));
      });
    }
  }
}

}  // namespace

// Turkic casing pairs i/İ and ı/I. Dotless I in "ISTANBUL" cannot be proved wrong from the word
// alone, so the track is its own dictionary: a word with I whose dotted reading the track writes
// elsewhere ("istanbul", "İstanbul") and whose dotless reading ("ıstanbul") it never writes.
// Without such evidence, only a word-initial I before a front vowel ("Izmir"), in a track that
// can type İ, and only for languages with Turkish vowel harmony.
void check_dotted_i(const Context& context, std::vector<Finding>& findings) {
  if (!script::is_turkic_cased(context.language))
    return;
  report_combining_dots(context, findings);

  std::vector<Candidate> candidates;
  std::unordered_map<std::string, bool> seen;  // lower-case forms the candidates need
  bool writes_dotted_capital = false;
  const std::string dotted_capital = script::utf8(kDottedCapital);
  for (std::size_t i = 0; i < context.cues.size(); ++i) {
    for (const std::string& line : context.cues[i].own_lines) {
      writes_dotted_capital =
          writes_dotted_capital || line.find(dotted_capital) != std::string::npos;
      script::for_each_word(line, [&](std::string_view word, std::size_t) {
        if (!has_plain_i(word) || !is_latin_word(word))
          return;
        Candidate candidate{i, std::string(word), {}, {}};
        turkic_lower(word, 'i', candidate.non_turkic);
        turkic_lower(word, kDotlessSmall, candidate.turkic);
        seen.emplace(candidate.non_turkic, false);
        seen.emplace(candidate.turkic, false);
        candidates.push_back(std::move(candidate));
      });
    }
  }
  if (candidates.empty())
    return;

  std::string lowered;
  for (const CueText& cue : context.cues) {
    for (const std::string& line : cue.own_lines) {
      script::for_each_word(line, [&](std::string_view word, std::size_t) {
        if (word.size() < 2 || has_plain_i(word))
          return;
        turkic_lower(word, kDotlessSmall, lowered);
        if (const auto it = seen.find(lowered); it != seen.end())
          it->second = true;
      });
    }
  }

  const bool harmony = script::has_i_harmony(context.language);
  for (const Candidate& candidate : candidates) {
    const bool dotless_written = seen[candidate.turkic];
    if (dotless_written)
      continue;
    if (seen[candidate.non_turkic]) {
      findings.push_back(make_finding(context, "dotted-i", candidate.cue,
                                      "'" + candidate.word + "' has I where the track writes '" +
                                          candidate.non_turkic + "': '" + dotted(candidate.word) +
                                          "'"));
    } else if (harmony && writes_dotted_capital && initial_i_before_front_vowel(candidate.word)) {
      findings.push_back(make_finding(context, "dotted-i", candidate.cue,
                                      "'" + candidate.word + "' has I before a front vowel: '" +
                                          dotted_capital + candidate.word.substr(1) + "'"));
    }
  }
}

}  // namespace kopru::qa
