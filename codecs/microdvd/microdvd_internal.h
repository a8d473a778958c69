// Shared by the MicroDVD reader and writer.
#pragma once

#include <optional>
#include <string>

#include "pipeline/model/document.h"

namespace kopru::codecs::microdvd {

// What control codes can say about a piece of text: for one line (lower case) or the whole cue
// (upper case).
struct Format {
  bool italic = false;
  bool bold = false;
  bool underline = false;
  bool strike = false;
  std::optional<Color> color;
  std::string face;
  std::optional<double> size;
};

}  // namespace kopru::codecs::microdvd
