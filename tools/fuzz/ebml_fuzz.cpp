// Feeds arbitrary bytes to the Matroska/WebM header reader: bad input may only end in ParseError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/core/error.h"
#include "pipeline/media/ebml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const auto read_at = [&bytes](std::uint64_t offset, std::size_t length) -> std::string {
    if (offset >= bytes.size())
      return {};
    return bytes.substr(static_cast<std::size_t>(offset), length);
  };
  try {
    (void)kopru::media::read_matroska_header(read_at, "fuzz.mkv");
  } catch (const kopru::ParseError&) {
  }
  return 0;
}
