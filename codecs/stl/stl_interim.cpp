// Temporary stand-in until the real codec lands; deleted with it.
#include <stdexcept>

#include "codecs/stl/stl.h"

namespace kopru::codecs::stl {

int probe(std::string_view, std::string_view) {
  return 0;
}
Document read(const Source& source, const ReadOptions&, Diagnostics&) {
  fail(source, 1, 1, "not built yet");
}
std::string write(const Document&, const WriteOptions&, Diagnostics&) {
  throw std::logic_error("not built yet");
}
WriterCaps caps() {
  return {};
}
Repertoire repertoire(const Document&, const WriteOptions&) {
  return {};
}

}  // namespace kopru::codecs::stl
