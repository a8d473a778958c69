#include "pipeline/text/utf8.h"

#include "pipeline/text/utf8_scan.h"

namespace kopru::text {

bool is_valid_utf8(std::string_view bytes) {
  return detail::find_invalid_utf8(bytes, 0) == detail::kNoError;
}

}  // namespace kopru::text
