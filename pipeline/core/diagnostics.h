// The sink for recoverable problems: every lenient repair and every lossy lowering is reported here
// with a location, never dropped silently.
#pragma once

#include <string>
#include <vector>

#include "pipeline/core/source_location.h"

namespace kopru {

enum class Severity { note, warning, error };

std::string_view to_string(Severity severity);

struct Diagnostic {
  Severity severity = Severity::warning;
  SourceLocation where;
  std::string code;  // stable kebab-case id, e.g. "srt-missing-index"
  std::string message;

  // "path:line:col: warning: message [code]"
  std::string formatted() const;
};

class Diagnostics {
 public:
  Diagnostics() = default;
  explicit Diagnostics(std::string path) : path_(std::move(path)) {}

  // The path stamped on diagnostics that are added without one.
  const std::string& path() const { return path_; }
  void set_path(std::string path) { path_ = std::move(path); }

  void add(Severity severity, SourceLocation where, std::string code, std::string message);
  void note(int line, int column, std::string code, std::string message);
  void warn(int line, int column, std::string code, std::string message);
  void error(int line, int column, std::string code, std::string message);

  const std::vector<Diagnostic>& all() const { return items_; }
  bool empty() const { return items_.empty(); }
  std::size_t count(Severity severity) const;
  void clear() { items_.clear(); }

 private:
  std::string path_;
  std::vector<Diagnostic> items_;
};

}  // namespace kopru
