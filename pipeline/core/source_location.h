#pragma once

#include <cstdint>
#include <string>

namespace kopru {

// Where in an input something was found. line and column are 1-based; 0 means unknown.
// column counts Unicode code points of the decoded text, as editors do.
struct SourceLocation {
  std::string path;
  int line = 0;
  int column = 0;
  std::int64_t byte_offset = -1;

  // "path:line:col" with the parts that are known.
  std::string to_string() const;
  bool operator==(const SourceLocation&) const = default;
};

}  // namespace kopru
