// BCP 47 language tags (RFC 5646): "uz-Latn", "kk-Cyrl-KZ", "az-Arab-IR", "tr-t-tr-cyrl".
// Script matters to Kopru: uz-Cyrl and uz-Latn are different deliverables.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kopru {

class LanguageTag {
 public:
  LanguageTag() = default;

  // Parses a well-formed tag (case-insensitive) and canonicalises its case: language lower,
  // Script title, REGION upper. Also accepts ISO 639-2/B and /T codes ("ger", "uzb") and "_" as
  // separator. nullopt if not well formed.
  static std::optional<LanguageTag> parse(std::string_view text);
  // From a container's ISO 639-2 code (B or T); "und" and "" give an empty tag.
  static std::optional<LanguageTag> from_iso639_2(std::string_view code);

  bool empty() const { return language_.empty(); }
  // True when the primary language is an ISO 639-1 language (by its two- or three-letter code),
  // so that "film.kk-Cyrl.srt" names a language and "film.big.srt" does not.
  bool is_common_language() const;
  // The last dot-separated part of a file name's stem that is a tag of a common language:
  // "film.uz-Latn.srt" -> uz-Latn, "film.tr.cp1254.srt" -> tr.
  static std::optional<LanguageTag> from_filename(std::string_view filename);
  const std::string& language() const { return language_; }
  const std::string& script() const { return script_; }
  const std::string& region() const { return region_; }
  const std::vector<std::string>& variants() const { return variants_; }
  // Extensions and private use, each "x-..." / "t-..." as written (lower case).
  const std::vector<std::string>& extensions() const { return extensions_; }

  void set_script(std::string_view script);  // "" removes it
  void set_region(std::string_view region);

  std::string to_string() const;  // "uz-Latn"
  // ISO 639-2/T ("deu", "uzb"); "und" when the language has no three-letter code known here.
  std::string to_iso639_2t() const;
  // ISO 639-2/B ("ger" for German, otherwise the /T code): what Matroska's Language element wants.
  std::string to_iso639_2b() const;

  // True when every subtag this tag has equals the other's (a range match: "uz" matches "uz-Latn").
  bool matches(const LanguageTag& more_specific) const;

  bool operator==(const LanguageTag&) const = default;

 private:
  std::string language_;
  std::string script_;
  std::string region_;
  std::vector<std::string> variants_;
  std::vector<std::string> extensions_;
};

}  // namespace kopru
