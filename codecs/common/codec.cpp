#include "codecs/codec.h"

#include <algorithm>
#include <cctype>

namespace kopru::codecs {

void fail(const Source& source, int line, int column, const std::string& message) {
  throw ParseError(message, SourceLocation{source.path, line, column, -1});
}

bool Codec::has_extension(std::string_view ext) const {
  if (!ext.empty() && ext.front() == '.')
    ext.remove_prefix(1);
  std::string wanted(ext);
  std::transform(wanted.begin(), wanted.end(), wanted.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view list = extensions;
  while (!list.empty()) {
    const auto sp = list.find(' ');
    if (list.substr(0, sp) == wanted)
      return true;
    if (sp == std::string_view::npos)
      break;
    list.remove_prefix(sp + 1);
  }
  return false;
}

}  // namespace kopru::codecs
