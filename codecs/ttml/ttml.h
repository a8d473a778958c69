// The TTML family through one reader and one writer per profile: TTML1, DFXP, IMSC 1.1 Text and
// EBU-TT-D (SMPTE-TT and IMSC 1.0.1 text read as TTML1 with their extensions).
#pragma once

#include "codecs/codec.h"

namespace kopru::codecs::ttml {

enum class Profile { ttml1, dfxp, imsc11_text, ebu_tt_d };

// One reader for every profile. Each registry entry probes for its own evidence (the declared
// profile, the namespaces, the extension), the generic "ttml" entry for any <tt> document.
int probe(std::string_view head, std::string_view extension);
int probe_dfxp(std::string_view head, std::string_view extension);
int probe_imsc(std::string_view head, std::string_view extension);
int probe_ebu_tt_d(std::string_view head, std::string_view extension);
Document read(const Source& source, const ReadOptions& options, Diagnostics& diag);

std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag,
                  Profile profile);
std::string write_ttml1(const Document& doc, const WriteOptions& options, Diagnostics& diag);
std::string write_dfxp(const Document& doc, const WriteOptions& options, Diagnostics& diag);
std::string write_imsc(const Document& doc, const WriteOptions& options, Diagnostics& diag);
std::string write_ebu_tt_d(const Document& doc, const WriteOptions& options, Diagnostics& diag);
WriterCaps caps();
WriterCaps caps_ebu_tt_d();  // no frames, no overlapping regions beyond the profile's

}  // namespace kopru::codecs::ttml
