// Interim scaffolding so the tree links while the codec is written; deleted by the codec's author.
#include "codecs/sbv/sbv.h"

namespace kopru::codecs::sbv {
int probe(std::string_view, std::string_view) { return 0; }
Document read(const Source& s, const ReadOptions&, Diagnostics&) { fail(s, 1, 1, "sbv reader missing"); }
std::string write(const Document&, const WriteOptions&, Diagnostics&) { throw InternalError("sbv writer missing"); }
WriterCaps caps() { return {}; }
}  // namespace kopru::codecs::sbv
