// Temporary stand-in until the TTML reader lands; deleted with them.
#include "codecs/ttml/ttml.h"

namespace kopru::codecs::ttml {

int probe(std::string_view, std::string_view) {
  return 0;
}
int probe_dfxp(std::string_view, std::string_view) {
  return 0;
}
int probe_imsc(std::string_view, std::string_view) {
  return 0;
}
int probe_ebu_tt_d(std::string_view, std::string_view) {
  return 0;
}
Document read(const Source& source, const ReadOptions&, Diagnostics&) {
  fail(source, 1, 1, "TTML reading is not built yet");
}
}  // namespace kopru::codecs::ttml
