// Transliteration between the scripts of a Turkic language (uz-Cyrl -> uz-Latn, ug-Arab ->
// ug-Latn...). The letters and context rules are data: ICU rule files in locales/translit/, one per
// direction, with lexicons beside them. This engine does what rule files cannot: it splits text
// into words, keeps what must not change (numbers, URLs, foreign words), normalises apostrophes and
// homoglyphs, looks words up in the lexicons, and restores letter case, so the rules only ever see
// one lower-case word. Each distinct word goes through ICU once per thread.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/language_tag.h"

namespace kopru::translit {

enum class Status { stable, experimental };
std::string_view to_string(Status status);

enum class ApostropheStyle {
  unicode,      // U+02BB ʻ and U+02BC ʼ (Unicode's recommendation; uz.wikipedia, the UDHR)
  typographic,  // U+2018 ‘ and U+2019 ’
  ascii,        // U+0027 '
};
std::optional<ApostropheStyle> parse_apostrophe_style(std::string_view name);

// One rule file's header: what it converts and how trustworthy it is.
struct Direction {
  std::string id;  // "uz-Cyrl_uz-Latn", the rule file's stem
  LanguageTag from;
  LanguageTag to;
  Status status = Status::stable;
  std::string title;      // the file's first comment line
  std::string rule_path;  // locales/translit/<id>.rules
};

// Every direction in locales/translit/, sorted by id.
std::vector<Direction> directions();
// The direction that converts `from` into `to` (language and script compared; region ignored).
std::optional<Direction> find_direction(const LanguageTag& from, const LanguageTag& to);

struct Options {
  ApostropheStyle apostrophes = ApostropheStyle::unicode;
};

// Something the engine changed in the input before transliterating, so the user learns where.
struct Normalisation {
  std::size_t offset = 0;  // byte offset in the text given to Transliterator::text()
  Severity severity = Severity::note;
  std::string code;  // "translit-apostrophe", "translit-homoglyph", ...
  std::string message;
};

// Letters seen, by script, so a caller can check the input against --from.
struct ScriptTally {
  std::size_t source = 0;  // letters of the direction's source script
  std::size_t target = 0;  // letters of the target script
  std::size_t other = 0;
  void add(const ScriptTally& more) {
    source += more.source;
    target += more.target;
    other += more.other;
  }
};

// A direction compiled once: rules parsed, lexicons loaded. Immutable; shared by threads.
class Compiled;
// Throws InputError naming file:line:col for an invalid rule file or lexicon.
std::shared_ptr<const Compiled> compile(const Direction& direction, const Options& options = {});
const Direction& direction_of(const Compiled& compiled);

// What converts the texts of a cue: the engine itself, or a stand-in that replays what another
// process converted (see worker.h).
class TextConverter {
 public:
  virtual ~TextConverter() = default;
  virtual std::string text(std::string_view utf8, std::vector<Normalisation>* notes) = 0;
  virtual const Direction& direction() const = 0;
};

// One per thread: a clone of the ICU transliterators and a cache of the words already seen.
class Transliterator final : public TextConverter {
 public:
  explicit Transliterator(std::shared_ptr<const Compiled> compiled);
  ~Transliterator() override;
  Transliterator(Transliterator&&) noexcept;
  Transliterator& operator=(Transliterator&&) noexcept;
  Transliterator(const Transliterator&) = delete;
  Transliterator& operator=(const Transliterator&) = delete;

  // The text of one run. `notes`, when given, receives what was normalised.
  std::string text(std::string_view utf8, std::vector<Normalisation>* notes = nullptr) override;
  // Letters counted by every text() call so far.
  const ScriptTally& tally() const;
  const Direction& direction() const override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The source script check: throws InputError (`path: error: ...`) when the text is not written in
// the direction's source script (most letters in the target script, or none in the source one).
void check_source_script(const ScriptTally& tally, const Direction& direction,
                         const std::string& path);

}  // namespace kopru::translit
