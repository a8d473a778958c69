// The transliteration engine on arbitrary UTF-8 text, every direction in locales/translit/: the
// output must be valid UTF-8 and keep every ASCII digit (numbers are never transliterated).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "pipeline/text/utf8.h"
#include "pipeline/translit/translit.h"

namespace {

// Compiled once; each input gets fresh engines, so that every run is independent of the ones
// before and memory stays bounded (an engine's word cache grows with what it has seen).
const std::vector<std::shared_ptr<const kopru::translit::Compiled>>& directions() {
  static const auto all = [] {
    std::vector<std::shared_ptr<const kopru::translit::Compiled>> compiled;
    for (const auto& direction : kopru::translit::directions())
      compiled.push_back(kopru::translit::compile(direction));
    return compiled;
  }();
  return all;
}

std::size_t ascii_digits(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& all = directions();
  if (size == 0 || all.empty())
    return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  // The engine is given what readers produce: valid UTF-8.
  if (!kopru::text::is_valid_utf8(text))
    return 0;
  kopru::translit::Transliterator engine(all[data[0] % all.size()]);
  std::vector<kopru::translit::Normalisation> notes;
  const std::string out = engine.text(text, &notes);
  if (!kopru::text::is_valid_utf8(out) || ascii_digits(out) < ascii_digits(text))
    std::abort();
  for (const auto& note : notes) {
    if (note.offset > text.size())
      std::abort();
  }
  return 0;
}
