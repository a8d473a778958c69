// Encoding detection and decoding on arbitrary bytes: only EncodingError may come out, and what
// comes out as text must be valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pipeline/core/error.h"
#include "pipeline/text/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const bool lenient : {false, true}) {
    try {
      kopru::Diagnostics diag;
      const auto decoded = kopru::text::decode(bytes, {"fuzz", "", lenient}, diag);
      kopru::text::validate_utf8(decoded.utf8, "fuzz");
    } catch (const kopru::InputError&) {
      if (lenient)
        std::abort();  // lenient decoding never refuses input
    }
  }
  return 0;
}
