// The per-word engine: split, protect, normalise, look up, run the rules, restore case. Every
// distinct word is converted once per thread and then served from a cache: subtitle dialogue
// repeats its vocabulary, and ICU's rule interpreter is the expensive part.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>

#include "pipeline/core/error.h"
#include "pipeline/translit/compiled.h"
#include "pipeline/translit/letters.h"
#include "pipeline/translit/word_cache.h"

namespace kopru::translit {

using namespace detail;  // NOLINT(google-build-using-namespace): the engine's own helpers

namespace {

// ICU's rule-based transliterators take one process-wide mutex for every call, even on separate
// instances, so threads that miss their word caches at the same time queue on it and sleep in the
// kernel. The calls are short (microseconds): a spin lock in front of them keeps ICU's mutex
// uncontended and the threads awake.
class IcuGate {
 public:
  void lock() {
    while (busy_.test_and_set(std::memory_order_acquire)) {
      while (busy_.test(std::memory_order_relaxed))
        pause();
    }
  }
  void unlock() { busy_.clear(std::memory_order_release); }

 private:
  static void pause() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
  std::atomic_flag busy_;
};

IcuGate& icu_gate() {
  static IcuGate gate;
  return gate;
}

}  // namespace

struct Transliterator::State {
  std::shared_ptr<const Compiled> compiled;
  std::unique_ptr<icu::Transliterator> rules;
  std::vector<std::unique_ptr<icu::Transliterator>> class_rules;
  std::unique_ptr<icu::RegexMatcher> foreign;
  std::vector<std::unique_ptr<icu::RegexMatcher>> rewrites;
  const icu::Normalizer2* nfc = nullptr;
  const icu::Normalizer2* nfkc = nullptr;
  WordCache cache;
  ScriptTally tally;

  explicit State(std::shared_ptr<const Compiled> c) : compiled(std::move(c)) {
    UErrorCode status = U_ZERO_ERROR;
    rules.reset(compiled->rules->clone());
    for (const auto& word_class : compiled->classes)
      class_rules.emplace_back(word_class.rules->clone());
    if (compiled->foreign)
      foreign.reset(compiled->foreign->matcher(status));
    for (const auto& rewrite : compiled->rewrites)
      rewrites.emplace_back(rewrite.pattern->matcher(status));
    nfc = icu::Normalizer2::getNFCInstance(status);
    nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || !rules)
      throw EnvironmentError(std::string("ICU: ") + u_errorName(status));
  }

  std::string text(std::string_view utf8, std::vector<Normalisation>* notes);
  std::string rewrite(std::string text);
  // The text to split into words: `utf8` itself, or `storage` when something had to change.
  // What the one pass over a run learnt, so that later steps can skip their own scans.
  struct RunTraits {
    bool digits = false;         // an ASCII digit: numeral rewrites may apply
    bool address_marks = false;  // '@', '#', ':' or 'w': a URL, address, handle or tag may be there
  };
  std::string_view prepare(std::string_view utf8, std::string& storage, RunTraits& traits,
                           std::vector<Normalisation>* notes) const;
  void chunk(std::string_view in, std::size_t base, std::string& out,
             std::vector<Normalisation>* notes);
  WordView word(std::string_view w);
  CachedWord convert_word(std::string_view w);
  // False when the word turned out to be written in the target script (then it is kept).
  bool normalise_homoglyphs(icu::UnicodeString& u, const ScriptTally& counts, CachedWord& result);
  void normalise_apostrophes(icu::UnicodeString& u, CachedWord& result) const;
  bool keeps(const icu::UnicodeString& word);
  icu::UnicodeString convert_piece(const icu::UnicodeString& piece, Case kind);
  icu::UnicodeString convert_lower(const icu::UnicodeString& lower);
  icu::UnicodeString convert_with_rules(const icu::UnicodeString& lower, const std::string& key);
  icu::Transliterator& rules_for(const icu::UnicodeString& lower);
  void style_apostrophes(icu::UnicodeString& u) const;
};

// Bidi controls, Arabic presentation forms, tatweel and joiners, and NFC: what must be fixed in
// the whole run before it is split into words.
std::string_view Transliterator::State::prepare(std::string_view utf8, std::string& storage,
                                                RunTraits& traits,
                                                std::vector<Normalisation>* notes) const {
  const bool arabic_source = compiled->source_script == USCRIPT_ARABIC;
  bool needs_work = false;
  bool may_compose = false;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {
      traits.digits = traits.digits || (byte >= '0' && byte <= '9');
      traits.address_marks = traits.address_marks || byte == '@' || byte == '#' || byte == ':' ||
                             byte == 'w' || byte == 'W';
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(utf8.data(), i, utf8.size(), c);
    if (is_bidi_control(c) || (arabic_source && (c == 0x0640 || c == 0x200C || c == 0x200D ||
                                                 is_arabic_presentation_form(c)))) {
      needs_work = true;
      // What is left to learn is learnt from the whole text, conservatively.
      traits.digits = true;
      traits.address_marks = true;
      break;
    }
    may_compose = may_compose || !composes_alone(c);
  }
  std::string prepared;
  if (needs_work) {
    std::array<std::size_t, 4> counts{};
    std::array<std::size_t, 4> first{};
    prepared.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
      const std::size_t at = i;
      UChar32 c = 0;
      U8_NEXT(utf8.data(), i, utf8.size(), c);
      int kind = -1;
      if (is_bidi_control(c))
        kind = 0;
      else if (arabic_source && c == 0x0640)
        kind = 1;
      else if (arabic_source && (c == 0x200C || c == 0x200D))
        kind = 2;
      else if (arabic_source && is_arabic_presentation_form(c))
        kind = 3;
      if (kind < 0) {
        prepared.append(utf8.substr(at, i - at));
        continue;
      }
      const auto k = static_cast<std::size_t>(kind);
      if (counts[k]++ == 0)
        first[k] = at;
      if (kind == 3) {
        UErrorCode status = U_ZERO_ERROR;
        prepared += utf8_of(nfkc->normalize(icu::UnicodeString(c), status));
      }
    }
    static constexpr std::array<std::string_view, 4> kCodes{"translit-bidi-control",
                                                            "translit-tatweel", "translit-joiner",
                                                            "translit-presentation-form"};
    static constexpr std::array<std::string_view, 4> kWhat{
        "bidi control character(s) removed", "tatweel (U+0640) removed",
        "zero-width joiner(s) removed", "Arabic presentation form(s) replaced by their letters"};
    for (std::size_t k = 0; k < counts.size(); ++k) {
      if (counts[k] > 0 && notes != nullptr) {
        notes->push_back({first[k], Severity::note, std::string(kCodes[k]),
                          std::to_string(counts[k]) + " " + std::string(kWhat[k])});
      }
    }
    storage = std::move(prepared);
    utf8 = storage;
  }
  UErrorCode status = U_ZERO_ERROR;
  if ((needs_work || may_compose) &&
      !nfc->isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())),
                             status)) {
    if (notes != nullptr) {
      notes->push_back({0, Severity::note, "translit-nfc",
                        "text was not in Unicode normal form C; composed first"});
    }
    storage = utf8_of(nfc->normalize(unicode_of(utf8), status));
    return storage;
  }
  return utf8;
}

std::string Transliterator::State::text(std::string_view utf8, std::vector<Normalisation>* notes) {
  std::string storage;
  RunTraits traits;
  const std::string_view in = prepare(utf8, storage, traits, notes);
  std::string out;
  out.reserve(in.size() + in.size() / 4);
  // Most runs hold no URL, address, handle or tag: then there is no need to look for them chunk
  // by chunk.
  if (!traits.address_marks) {
    chunk(in, 0, out, notes);
    return traits.digits ? rewrite(std::move(out)) : out;
  }
  std::size_t i = 0;
  while (i < in.size()) {
    // Whitespace-separated chunks: the unit in which URLs and addresses are recognised.
    std::size_t start = i;
    while (i < in.size()) {
      UChar32 c = 0;
      std::size_t next = i;
      U8_NEXT(in.data(), next, in.size(), c);
      if (!is_space(c))
        break;
      i = next;
    }
    out.append(in.substr(start, i - start));
    start = i;
    while (i < in.size()) {
      UChar32 c = 0;
      std::size_t next = i;
      U8_NEXT(in.data(), next, in.size(), c);
      if (is_space(c))
        break;
      i = next;
    }
    const std::string_view piece = in.substr(start, i - start);
    if (is_protected_chunk(piece))
      out.append(piece);
    else
      chunk(piece, start, out, notes);
  }
  return traits.digits ? rewrite(std::move(out)) : out;
}

std::string Transliterator::State::rewrite(std::string text) {
  if (rewrites.empty())
    return text;
  for (std::size_t k = 0; k < rewrites.size(); ++k) {
    icu::UnicodeString u = unicode_of(text);
    rewrites[k]->reset(u);
    if (!rewrites[k]->find())
      continue;
    UErrorCode status = U_ZERO_ERROR;
    rewrites[k]->reset(u);
    text = utf8_of(rewrites[k]->replaceAll(compiled->rewrites[k].replacement, status));
  }
  return text;
}

void Transliterator::State::chunk(std::string_view in, std::size_t base, std::string& out,
                                  std::vector<Normalisation>* notes) {
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t start = i;
    UChar32 c = static_cast<unsigned char>(in[i]);
    if (c < 0x80)
      ++i;
    else
      U8_NEXT(in.data(), i, in.size(), c);
    if (!is_word_char(c)) {
      const std::string_view ch = in.substr(start, i - start);
      bool mapped = false;
      for (const auto& [from, to] : compiled->punctuation) {
        // A comma between digits is a decimal separator, not punctuation.
        const bool between_digits = start > 0 && i < in.size() &&
                                    std::isdigit(static_cast<unsigned char>(in[start - 1])) != 0 &&
                                    std::isdigit(static_cast<unsigned char>(in[i])) != 0;
        if (ch == from && !between_digits) {
          out += to;
          mapped = true;
          break;
        }
      }
      if (!mapped)
        out.append(ch);
      continue;
    }
    // A word: letters and marks, and apostrophes standing between letters.
    while (i < in.size()) {
      std::size_t next = i;
      UChar32 d = 0;
      U8_NEXT(in.data(), next, in.size(), d);
      if (is_word_char(d)) {
        i = next;
        continue;
      }
      if (is_apostrophe_like(d) && next < in.size()) {
        std::size_t after = next;
        UChar32 e = 0;
        U8_NEXT(in.data(), after, in.size(), e);
        if (is_word_char(e)) {
          i = next;
          continue;
        }
      }
      break;
    }
    const WordView w = word(in.substr(start, i - start));
    out += w.out;
    tally.add(w.tally);
    if (notes != nullptr && w.notes != nullptr) {
      for (const auto& n : *w.notes)
        notes->push_back({base + start + n.offset, n.severity, n.code, n.message});
    }
  }
}

WordView Transliterator::State::word(std::string_view w) {
  const std::uint64_t hash = WordCache::hash_of(w);
  if (const auto hit = cache.find(w, hash))
    return *hit;
  if (cache.full())
    cache.clear();
  return cache.insert(w, hash, convert_word(w));
}

CachedWord Transliterator::State::convert_word(std::string_view w) {
  CachedWord result;
  icu::UnicodeString u = unicode_of(w);
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c))
      continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script == compiled->source_script)
      ++result.tally.source;
    else if (script == compiled->target_script)
      ++result.tally.target;
    else if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
      ++result.tally.other;
  }
  const auto keep = [&] {
    result.out = std::string(w);
    return result;
  };
  if (result.tally.source == 0)
    return keep();  // already in the target script, or in another one
  if (!normalise_homoglyphs(u, result.tally, result)) {
    result.out = utf8_of(u);
    return result;
  }
  if (compiled->source_script == USCRIPT_LATIN && is_roman_numeral(u))
    return keep();
  if (keeps(u))
    return keep();
  // A kept word with a suffix after an apostrophe (Starlink'ka): the word stays, the suffix is
  // converted.
  for (int32_t i = 1; i < u.length(); ++i) {
    if (!is_apostrophe_like(u.char32At(i)))
      continue;
    if (!keeps(u.tempSubString(0, i)))
      break;
    const int32_t suffix_start = i + U16_LENGTH(u.char32At(i));
    const std::string head = utf8_of(u.tempSubString(0, suffix_start));
    CachedWord suffix = convert_word(utf8_of(u.tempSubString(suffix_start)));
    suffix.out.insert(0, head);
    for (auto& note : suffix.notes)
      note.offset += head.size();
    suffix.notes.insert(suffix.notes.begin(), result.notes.begin(), result.notes.end());
    suffix.tally = result.tally;
    return suffix;
  }
  normalise_apostrophes(u, result);
  icu::UnicodeString converted;
  if (const Case kind = case_of(u); kind == Case::mixed) {
    for (const auto& piece : case_pieces(u))
      converted += convert_piece(piece, case_of(piece));
  } else {
    converted = convert_piece(u, kind);
  }
  style_apostrophes(converted);
  result.out = utf8_of(converted);
  return result;
}

// A word mixing Latin and Cyrillic letters was typed on two keyboards. When every letter of one
// script has a look-alike in the other, the word is read as written in the other script: as a
// source word (converted) or, when the odd letters are source look-alikes in a target-script word,
// as a target word (kept). Otherwise it is reported and its source letters converted.
bool Transliterator::State::normalise_homoglyphs(icu::UnicodeString& u, const ScriptTally& counts,
                                                 CachedWord& result) {
  const UScriptCode source = compiled->source_script;
  const UScriptCode target = compiled->target_script;
  const bool latin_cyrillic = (source == USCRIPT_LATIN || source == USCRIPT_CYRILLIC) &&
                              (target == USCRIPT_LATIN || target == USCRIPT_CYRILLIC);
  if (!latin_cyrillic || counts.target == 0)
    return true;
  // Can every letter of script `from` be replaced by a look-alike of script `to`?
  const auto foldable = [&](UScriptCode from, UScriptCode to, bool check_alphabet) {
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      i += U16_LENGTH(c);
      UErrorCode status = U_ZERO_ERROR;
      if (uscript_getScript(c, &status) != from)
        continue;
      const UChar32 r = homoglyph_in(c, to);
      if (r == U_SENTINEL)
        return false;
      if (check_alphabet && !compiled->alphabet.isEmpty() &&
          !compiled->alphabet.contains(u_tolower(r)))
        return false;
    }
    return true;
  };
  const std::string before = utf8_of(u);
  const bool to_source = foldable(target, source, true);
  const bool to_target = foldable(source, target, false);
  UScriptCode fold_from = target;
  UScriptCode fold_to = source;
  if (to_source && (!to_target || counts.source >= counts.target)) {
    // read as a source word
  } else if (to_target) {
    fold_from = source;
    fold_to = target;
  } else {
    result.notes.push_back({0, Severity::warning, "translit-mixed-script",
                            "word '" + before + "' mixes " + std::string(script_name(source)) +
                                " and " + std::string(script_name(target)) + " letters; its " +
                                std::string(script_name(source)) +
                                " letters are converted, the others kept"});
    return true;
  }
  std::size_t byte_offset = 0;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    UErrorCode status = U_ZERO_ERROR;
    const UChar32 replacement =
        uscript_getScript(c, &status) == fold_from ? homoglyph_in(c, fold_to) : U_SENTINEL;
    if (replacement != U_SENTINEL) {
      result.notes.push_back({byte_offset, Severity::warning, "translit-homoglyph",
                              std::string(script_name(fold_from)) + " " + code_point_name(c) +
                                  " inside the " + std::string(script_name(fold_to)) + " word '" +
                                  before + "' read as " + code_point_name(replacement)});
      u.replace(i, U16_LENGTH(c), replacement);
    }
    byte_offset += static_cast<std::size_t>(U8_LENGTH(c));
    i += U16_LENGTH(replacement != U_SENTINEL ? replacement : c);
  }
  return fold_to == source;
}

void Transliterator::State::normalise_apostrophes(icu::UnicodeString& u, CachedWord& result) const {
  if (compiled->apostrophes == ApostrophePolicy::none)
    return;
  std::size_t byte_offset = 0;
  UChar32 previous = 0;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    if (is_apostrophe_like(c)) {
      UChar32 wanted = '\'';
      if (compiled->apostrophes == ApostrophePolicy::uzbek) {
        const UChar32 p = u_tolower(previous);
        wanted = p == 'o' || p == 'g' ? kTurnedComma : kApostrophe;
      }
      if (c != wanted) {
        result.notes.push_back(
            {byte_offset, Severity::note, "translit-apostrophe",
             "apostrophe " + code_point_name(c) + " read as " + code_point_name(wanted)});
        u.replace(i, U16_LENGTH(c), wanted);
      }
    }
    byte_offset += static_cast<std::size_t>(U8_LENGTH(c));
    previous = c;
    i += U16_LENGTH(u.char32At(i));
  }
}

// Brands and foreign words stay as they are.
bool Transliterator::State::keeps(const icu::UnicodeString& word) {
  if (compiled->keep.empty() && !foreign)
    return false;
  icu::UnicodeString lower(word);
  lower.toLower(compiled->casing);
  if (compiled->keep.contains(utf8_of(lower)))
    return true;
  if (foreign) {
    foreign->reset(lower);
    return foreign->find();
  }
  return false;
}

icu::UnicodeString Transliterator::State::convert_piece(const icu::UnicodeString& piece,
                                                        Case kind) {
  icu::UnicodeString lower(piece);
  if (kind != Case::lower && kind != Case::none)
    lower.toLower(compiled->casing);
  icu::UnicodeString out = convert_lower(lower);
  if (kind == Case::upper) {
    out.toUpper(compiled->casing);
  } else if (kind == Case::title) {
    for (int32_t i = 0; i < out.length();) {
      const UChar32 c = out.char32At(i);
      if (u_isalpha(c) && c != kTurnedComma && c != kApostrophe) {
        icu::UnicodeString first(c);
        first.toUpper(compiled->casing);
        out.replace(i, U16_LENGTH(c), first);
        break;
      }
      i += U16_LENGTH(c);
    }
  }
  return out;
}

icu::Transliterator& Transliterator::State::rules_for(const icu::UnicodeString& lower) {
  for (std::size_t k = 0; k < compiled->classes.size(); ++k) {
    if (compiled->classes[k].letters.containsSome(lower))
      return *class_rules[k];
  }
  return *rules;
}

// Lexicon first (whole word, then the longest stem), the rules for everything else.
icu::UnicodeString Transliterator::State::convert_lower(const icu::UnicodeString& lower) {
  const std::string key = utf8_of(lower);
  if (auto it = compiled->lexicon.find(key); it != compiled->lexicon.end())
    return unicode_of(it->second.target);
  return convert_with_rules(lower, key);
}

icu::UnicodeString Transliterator::State::convert_with_rules(const icu::UnicodeString& lower,
                                                             const std::string& key) {
  icu::Transliterator& t = rules_for(lower);
  for (const std::size_t length : compiled->stem_lengths) {
    if (length >= key.size() || (static_cast<unsigned char>(key[length]) & 0xC0U) == 0x80U)
      continue;  // the whole word (looked up already), or not a character boundary
    auto it = compiled->stems.find(std::string_view(key).substr(0, length));
    if (it == compiled->stems.end())
      continue;
    // The rest of the word is converted with the stem before it as context, so rules that look
    // at the previous letter still see it.
    icu::UnicodeString text(lower);
    const int32_t stem_units = unicode_of(key.substr(0, length)).length();
    UTransPosition position{0, text.length(), stem_units, text.length()};
    {
      const std::lock_guard gate(icu_gate());
      t.finishTransliteration(text, position);
    }
    icu::UnicodeString out = unicode_of(it->second);
    out += text.tempSubString(stem_units);
    return out;
  }
  icu::UnicodeString text(lower);
  {
    const std::lock_guard gate(icu_gate());
    t.transliterate(text);
  }
  return text;
}

void Transliterator::State::style_apostrophes(icu::UnicodeString& u) const {
  switch (compiled->options.apostrophes) {
    case ApostropheStyle::unicode:
      return;
    case ApostropheStyle::typographic:
      u.findAndReplace(icu::UnicodeString(kTurnedComma), icu::UnicodeString(UChar32{0x2018}));
      u.findAndReplace(icu::UnicodeString(kApostrophe), icu::UnicodeString(UChar32{0x2019}));
      return;
    case ApostropheStyle::ascii:
      u.findAndReplace(icu::UnicodeString(kTurnedComma), icu::UnicodeString(UChar32{'\''}));
      u.findAndReplace(icu::UnicodeString(kApostrophe), icu::UnicodeString(UChar32{'\''}));
      return;
  }
}

Transliterator::Transliterator(std::shared_ptr<const Compiled> compiled)
    : state_(std::make_unique<State>(std::move(compiled))) {}
Transliterator::~Transliterator() = default;
Transliterator::Transliterator(Transliterator&&) noexcept = default;
Transliterator& Transliterator::operator=(Transliterator&&) noexcept = default;

std::string Transliterator::text(std::string_view utf8, std::vector<Normalisation>* notes) {
  return state_->text(utf8, notes);
}

const ScriptTally& Transliterator::tally() const {
  return state_->tally;
}

const Direction& Transliterator::direction() const {
  return state_->compiled->direction;
}

void check_source_script(const ScriptTally& tally, const Direction& direction,
                         const std::string& path) {
  const std::size_t total = tally.source + tally.target + tally.other;
  if (total == 0 || (tally.source > 0 && tally.source >= tally.target))
    return;
  const std::string from = direction.from.to_string();
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode codes[2];
  uscript_getCode(direction.to.script().c_str(), codes, 2, &status);
  const std::string found = tally.target >= tally.other
                                ? std::string(script_name(codes[0]))
                                : std::string("another script than ") + direction.from.script();
  const std::size_t share = std::max(tally.target, tally.other) * 100 / total;
  throw ParseError("the text is written in " + found + " (" + std::to_string(share) + " % of " +
                       std::to_string(total) + " letters), not in the script of --from " + from,
                   SourceLocation{path, 0, 0, 0});
}

}  // namespace kopru::translit
