#include "tools/fuzz/fuzz_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return kopru::fuzz::fuzz_codec("stl", data, size);
}
