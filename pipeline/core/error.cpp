#include "pipeline/core/error.h"

namespace kopru {

std::string SourceLocation::to_string() const {
  std::string out = path.empty() ? std::string("<input>") : path;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0)
      out += ':' + std::to_string(column);
  }
  return out;
}

std::string InputError::formatted() const {
  return where_.to_string() + ": error: " + what();
}

}  // namespace kopru
