#include "codecs/common/layout.h"

#include <algorithm>

namespace kopru::codecs {

bool has_blank_line(std::string_view text) {
  if (text.find('\n') == std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (text.substr(start, end - start).find_first_not_of(" \t") == std::string_view::npos)
      return true;
    start = end + 1;
  }
  return false;
}

}  // namespace kopru::codecs
