// Interim scaffolding so the tree links while the codec is written; deleted by the codec's author.
#include "codecs/ass/ass.h"

namespace kopru::codecs::ass {
int probe(std::string_view, std::string_view) { return 0; }
Document read(const Source& s, const ReadOptions&, Diagnostics&) { fail(s, 1, 1, "ass reader missing"); }
std::string write(const Document&, const WriteOptions&, Diagnostics&) { throw InternalError("ass writer missing"); }
WriterCaps caps() { return {}; }
}  // namespace kopru::codecs::ass
