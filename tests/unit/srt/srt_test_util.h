// Helpers shared by the SubRip unit tests.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/srt/srt.h"
#include "pipeline/model/dump.h"

namespace kopru::codecs::srt::testing {

inline Document read_srt(std::string_view text, Diagnostics& diag, bool strict = false) {
  Source source;
  source.path = "test.srt";
  source.text = text;
  source.encoding = "UTF-8";
  ReadOptions options;
  options.strict = strict;
  return read(source, options, diag);
}

inline Document read_srt(std::string_view text) {
  Diagnostics diag;
  return read_srt(text, diag);
}

inline std::string write_srt(const Document& doc, Diagnostics& diag) {
  return write(doc, WriteOptions{}, diag);
}

inline std::string write_srt(const Document& doc) {
  Diagnostics diag;
  return write_srt(doc, diag);
}

// The diagnostic codes in order, space-separated.
inline std::string codes(const Diagnostics& diag) {
  std::string out;
  for (const auto& d : diag.all()) {
    if (!out.empty())
      out += ' ';
    out += d.code;
  }
  return out;
}

inline bool has_code(const Diagnostics& diag, std::string_view code) {
  return std::any_of(diag.all().begin(), diag.all().end(),
                     [&](const Diagnostic& d) { return d.code == code; });
}

inline const Diagnostic* find_code(const Diagnostics& diag, std::string_view code) {
  for (const auto& d : diag.all()) {
    if (d.code == code)
      return &d;
  }
  return nullptr;
}

inline Span span(SpanKind kind) {
  Span s;
  s.kind = kind;
  return s;
}

// The ParseError message and location that reading `text` throws ("" when it does not throw).
inline std::string error_of(std::string_view text, bool strict) {
  Diagnostics diag;
  try {
    read_srt(text, diag, strict);
  } catch (const ParseError& e) {
    return e.formatted();
  }
  return "";
}

}  // namespace kopru::codecs::srt::testing
