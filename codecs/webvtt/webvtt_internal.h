// Pieces shared by the WebVTT reader, writer and their tests: the cue text parser and renderer,
// the timestamp grammar and the keys this codec keeps in FormatBags.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"

namespace kopru::codecs::webvtt {

// The codec's name in the registry; FormatBags written by this codec carry it.
inline constexpr std::string_view kFormat = "vtt";

// Document FormatBag keys.
inline constexpr std::string_view kSignatureKey = "signature";  // text after "WEBVTT" on line 1
inline constexpr std::string_view kHeaderKey = "header";        // one entry per header line
inline constexpr std::string_view kStylePrefix = "style:";      // "style:<cue index>" = CSS text
inline constexpr std::string_view kNotePrefix = "note:";        // "note:<cue index>" = NOTE block
// Cue FormatBag keys: the cue text as written, and the fingerprint of the runs it was parsed to,
// so an unchanged cue is written back verbatim even when its markup was not canonical.
inline constexpr std::string_view kTextKey = "text";
inline constexpr std::string_view kFingerprintKey = "text-fingerprint";

// Parses a WebVTT timestamp ("[HH:]MM:SS.mmm", hours of any width) starting at `pos`; advances
// `pos` past it on success. nullopt (and `pos` unspecified) when the text is not a timestamp or the
// hours overflow.
std::optional<Time> parse_timestamp(std::string_view text, std::size_t& pos);
// "HH:MM:SS.mmm" rounded to the millisecond; negative times clamp to zero.
std::string format_timestamp(Time t);
// format_timestamp(t) appended to `out`.
void append_timestamp(std::string& out, Time t);

// Where a cue's text starts in the input, for diagnostics, and the limits inner timestamps should
// respect.
struct CueTextContext {
  int first_line = 0;  // line of the first text line; 0 = unknown (no locations)
  Time start{};
  Time end{};
  bool check_timestamps = false;  // warn about inner timestamps outside (start, end)
};

// The WebVTT cue text parsing rules (tokenizer + tree building) producing runs: every run carries
// the stack of spans open on it; line breaks become line-break runs; elements that contain
// nothing leave one empty text run so their markup survives. Ignored markup is reported.
std::vector<Run> parse_cue_text(std::string_view text, const CueTextContext& context,
                                Diagnostics& diag);

// Canonical cue text for runs: explicit end tags, & < > escaped. Spans WebVTT cannot express are
// written in their nearest form and, when `lossy` is given, named there (one entry per kind).
std::string render_cue_text(const std::vector<Run>& runs,
                            std::vector<std::string>* lossy = nullptr);
// render_cue_text(runs, lossy) appended to `out`: the writer renders straight into its output.
void append_cue_text(std::string& out, const std::vector<Run>& runs,
                     std::vector<std::string>* lossy = nullptr);

// fingerprint(runs) as the hex text kept under kFingerprintKey.
std::string fingerprint_text(const std::vector<Run>& runs);

// The cue's text as the writer emits it: the verbatim original when the runs are unchanged since
// reading, otherwise render_cue_text().
std::string cue_text_for_writing(const Cue& cue, std::vector<std::string>* lossy = nullptr);
// cue_text_for_writing(cue, lossy) appended to `out`.
void append_cue_text_for_writing(std::string& out, const Cue& cue,
                                 std::vector<std::string>* lossy = nullptr);

}  // namespace kopru::codecs::webvtt
