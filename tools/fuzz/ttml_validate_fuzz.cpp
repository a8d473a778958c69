// The TTML validator on arbitrary bytes, under every profile: it reports, it never crashes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codecs/ttml/ttml_validate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ttml = kopru::codecs::ttml;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kopru::codecs::Source source;
  source.path = "fuzz.ttml";
  source.bytes = bytes;
  source.text = bytes;  // parse_xml checks the UTF-8 itself
  source.encoding = "UTF-8";
  for (const auto profile : {ttml::ValidationProfile::imsc11_text,
                             ttml::ValidationProfile::ebu_tt_d, ttml::ValidationProfile::dfxp}) {
    const auto violations = ttml::validate(source, profile);
    for (const auto& v : violations) {
      if (v.rule.empty() || v.line < 0 || v.column < 0)
        __builtin_trap();
    }
  }
  return 0;
}
