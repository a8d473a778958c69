// Small helpers for the WebVTT unit tests.
#pragma once

#include <string>
#include <string_view>

#include "codecs/webvtt/webvtt.h"
#include "codecs/webvtt/webvtt_internal.h"

namespace kopru::codecs::webvtt::test {

inline Document read_text(std::string_view text, Diagnostics& diag, bool strict = false) {
  Source source{"test.vtt", text, text, "UTF-8"};
  ReadOptions options;
  options.strict = strict;
  return read(source, options, diag);
}

inline Document read_text(std::string_view text) {
  Diagnostics diag;
  return read_text(text, diag);
}

inline std::string write_doc(const Document& doc, Diagnostics& diag) {
  return write(doc, {}, diag);
}

inline std::string write_doc(const Document& doc) {
  Diagnostics diag;
  return write(doc, {}, diag);
}

inline int count_code(const Diagnostics& diag, std::string_view code) {
  int n = 0;
  for (const auto& d : diag.all())
    n += d.code == code ? 1 : 0;
  return n;
}

inline const Diagnostic* find_code(const Diagnostics& diag, std::string_view code) {
  for (const auto& d : diag.all()) {
    if (d.code == code)
      return &d;
  }
  return nullptr;
}

inline Span span(SpanKind kind, std::string annotation = {},
                 std::vector<std::string> classes = {}) {
  Span s;
  s.kind = kind;
  s.annotation = std::move(annotation);
  s.classes = std::move(classes);
  return s;
}

}  // namespace kopru::codecs::webvtt::test
