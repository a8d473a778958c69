// Any bytes given to the MP4 box reader may only end in a kopru::ParseError.
#include <cstdint>
#include <string>

#include "pipeline/core/error.h"
#include "pipeline/media/mp4_boxes.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const auto read_at = [&bytes](std::uint64_t offset, std::size_t count) {
    return offset >= bytes.size() ? std::string() : bytes.substr(offset, count);
  };
  try {
    (void)kopru::media::read_mp4_header(read_at, "fuzz.mp4");
  } catch (const kopru::ParseError&) {
  }
  return 0;
}
