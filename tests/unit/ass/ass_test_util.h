// Helpers shared by the ASS unit tests.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "codecs/ass/ass.h"
#include "pipeline/model/dump.h"
#include "tests/support/test_support.h"

namespace kopru::codecs::ass::testing {

// Reads ASS text (a leading UTF-8 BOM is dropped, as the loader would).
inline Document read_text(std::string_view text, Diagnostics& diag, bool strict = false) {
  std::string_view body = text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF")
    body.remove_prefix(3);
  Source source{"test.ass", text, body, "UTF-8"};
  ReadOptions options;
  options.strict = strict;
  return read(source, options, diag);
}

inline Document read_corpus(const std::string& relative, Diagnostics& diag) {
  static thread_local std::string bytes;
  bytes = kopru::testing::slurp(kopru::testing::corpus_dir() / relative);
  return read_text(bytes, diag);
}

inline std::string write_doc(const Document& doc, Diagnostics& diag) {
  return write(doc, WriteOptions{}, diag);
}

inline int count_code(const Diagnostics& diag, std::string_view code) {
  return static_cast<int>(std::count_if(diag.all().begin(), diag.all().end(),
                                        [&](const Diagnostic& d) { return d.code == code; }));
}

// The ASS header every small test script starts with.
inline std::string script(std::string_view events, std::string_view info = "") {
  std::string s = "[Script Info]\nScriptType: v4.00+\n";
  s += info;
  s += "\n[V4+ Styles]\n"
       "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
       "BackColour, "
       "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
       "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n"
       "Style: "
       "Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,"
       "2,10,10,10,1\n"
       "Style: "
       "Slanted,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,-1,0,0,100,100,0,0,1,2,"
       "2,2,10,10,10,1\n"
       "\n[Events]\n"
       "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n";
  s += events;
  return s;
}

}  // namespace kopru::codecs::ass::testing
