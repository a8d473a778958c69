// The General Subtitle Information block: its field layout and the probe, which looks at the
// code page number and the disk format code at the start of the file.
#include <algorithm>
#include <cctype>

#include "codecs/stl/stl.h"
#include "codecs/stl/stl_internal.h"
#include "pipeline/core/error.h"

namespace kopru::codecs::stl {

namespace detail {

const std::vector<GsiField>& gsi_fields() {
  static const std::vector<GsiField> fields = {
      {"CPN", 0, 3, false},    {"DFC", 3, 8, false},   {"DSC", 11, 1, false},
      {"CCT", 12, 2, false},   {"LC", 14, 2, false},   {"OPT", 16, 32, true},
      {"OET", 48, 32, true},   {"TPT", 80, 32, true},  {"TET", 112, 32, true},
      {"TN", 144, 32, true},   {"TCD", 176, 32, true}, {"SLR", 208, 16, true},
      {"CD", 224, 6, false},   {"RD", 230, 6, false},  {"RN", 236, 2, false},
      {"TNB", 238, 5, false},  {"TNS", 243, 5, false}, {"TNG", 248, 3, false},
      {"MNC", 251, 2, false},  {"MNR", 253, 2, false}, {"TCS", 255, 1, false},
      {"TCP", 256, 8, false},  {"TCF", 264, 8, false}, {"TND", 272, 1, false},
      {"DSN", 273, 1, false},  {"CO", 274, 3, false},  {"PUB", 277, 32, true},
      {"EN", 309, 32, true},   {"ECD", 341, 32, true}, {"SB", 373, 75, false},
      {"UDA", 448, 576, true},
  };
  return fields;
}

const GsiField& gsi_field(std::string_view name) {
  for (const GsiField& f : gsi_fields()) {
    if (f.name == name)
      return f;
  }
  throw InternalError("unknown GSI field " + std::string(name));
}

}  // namespace detail

int probe(std::string_view head, std::string_view extension) {
  const bool ext = extension == "stl" || extension == "STL";
  if (head.size() >= 11) {
    const bool digits = std::all_of(head.begin(), head.begin() + 3, [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    const std::string_view dfc = head.substr(3, 8);
    if (digits && (dfc == "STL25.01" || dfc == "STL30.01"))
      return 100;
    if (dfc.substr(0, 3) == "STL" && dfc.substr(5) == ".01")
      return digits ? 80 : 60;
  }
  // ASCII stereolithography shares the extension; without the GSI signature it is a guess.
  return ext && head.substr(0, 5) != "solid" ? 20 : 0;
}

}  // namespace kopru::codecs::stl
