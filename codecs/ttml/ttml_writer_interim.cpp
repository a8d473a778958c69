// Temporary stand-in until the TTML writers land; deleted with them.
#include <stdexcept>

#include "codecs/ttml/ttml.h"

namespace kopru::codecs::ttml {

std::string write(const Document&, const WriteOptions&, Diagnostics&, Profile) {
  throw std::logic_error("TTML writing is not built yet");
}
std::string write_ttml1(const Document& d, const WriteOptions& o, Diagnostics& g) {
  return write(d, o, g, Profile::ttml1);
}
std::string write_dfxp(const Document& d, const WriteOptions& o, Diagnostics& g) {
  return write(d, o, g, Profile::dfxp);
}
std::string write_imsc(const Document& d, const WriteOptions& o, Diagnostics& g) {
  return write(d, o, g, Profile::imsc11_text);
}
std::string write_ebu_tt_d(const Document& d, const WriteOptions& o, Diagnostics& g) {
  return write(d, o, g, Profile::ebu_tt_d);
}
WriterCaps caps() {
  return {};
}
WriterCaps caps_ebu_tt_d() {
  return {};
}

}  // namespace kopru::codecs::ttml
