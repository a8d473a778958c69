// Interim scaffolding so the tree links while the codec is written; deleted by the codec's author.
#include "codecs/srt/srt.h"

namespace kopru::codecs::srt {
int probe(std::string_view, std::string_view) { return 0; }
Document read(const Source& s, const ReadOptions&, Diagnostics&) { fail(s, 1, 1, "srt reader missing"); }
std::string write(const Document&, const WriteOptions&, Diagnostics&) { throw InternalError("srt writer missing"); }
WriterCaps caps() { return {}; }
}  // namespace kopru::codecs::srt
