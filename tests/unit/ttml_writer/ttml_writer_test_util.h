// Helpers for the TTML writer tests: documents built in code, writing with a profile, reading the
// output back through the TTML reader, and loading corpus files through the loader.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "codecs/ttml/ttml.h"
#include "pipeline/core/diagnostics.h"
#include "pipeline/io/load.h"
#include "pipeline/model/document.h"

namespace kopru::codecs::ttml::testing {

inline constexpr Profile kAllProfiles[] = {Profile::ttml1, Profile::dfxp, Profile::imsc11_text,
                                           Profile::ebu_tt_d};

inline std::string profile_name(Profile profile) {
  switch (profile) {
    case Profile::ttml1:
      return "ttml";
    case Profile::dfxp:
      return "dfxp";
    case Profile::imsc11_text:
      return "imsc";
    case Profile::ebu_tt_d:
      return "ebu-tt-d";
  }
  return "?";
}

inline Cue make_cue(std::int64_t start_ms, std::int64_t end_ms, std::vector<Run> runs) {
  Cue cue;
  cue.start = from_ms(start_ms);
  cue.end = from_ms(end_ms);
  cue.runs = std::move(runs);
  return cue;
}

inline Document doc_with(std::vector<Cue> cues, std::string language = "en") {
  Document doc;
  if (!language.empty())
    doc.meta.language = *LanguageTag::parse(language);
  doc.cues = std::move(cues);
  return doc;
}

inline std::string write_profile(const Document& doc, Profile profile, Diagnostics& diag) {
  return write(doc, WriteOptions{}, diag, profile);
}

inline std::string write_profile(const Document& doc, Profile profile) {
  Diagnostics diag;
  return write(doc, WriteOptions{}, diag, profile);
}

inline Document read_text(const std::string& text, Diagnostics& diag) {
  Source source;
  source.path = "out.ttml";
  source.bytes = text;
  source.text = text;
  source.encoding = "UTF-8";
  return read(source, ReadOptions{}, diag);
}

inline Document read_text(const std::string& text) {
  Diagnostics diag;
  return read_text(text, diag);
}

inline Document load(const std::filesystem::path& path) {
  Diagnostics diag;
  return io::load_file(path, io::LoadOptions{}, diag).doc;
}

inline bool has_code(const Diagnostics& diag, std::string_view code) {
  for (const auto& d : diag.all())
    if (d.code == code)
      return true;
  return false;
}

inline int count_code(const Diagnostics& diag, std::string_view code) {
  int n = 0;
  for (const auto& d : diag.all())
    n += d.code == code ? 1 : 0;
  return n;
}

}  // namespace kopru::codecs::ttml::testing
