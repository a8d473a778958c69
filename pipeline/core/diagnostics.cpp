#include "pipeline/core/diagnostics.h"

#include <algorithm>

namespace kopru {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::string Diagnostic::formatted() const {
  std::string out = where.to_string();
  out += ": ";
  out += to_string(severity);
  out += ": ";
  out += message;
  if (!code.empty())
    out += " [" + code + "]";
  return out;
}

void Diagnostics::add(Severity severity, SourceLocation where, std::string code,
                      std::string message) {
  if (where.path.empty())
    where.path = path_;
  items_.push_back({severity, std::move(where), std::move(code), std::move(message)});
}

void Diagnostics::note(int line, int column, std::string code, std::string message) {
  add(Severity::note, {path_, line, column, -1}, std::move(code), std::move(message));
}

void Diagnostics::warn(int line, int column, std::string code, std::string message) {
  add(Severity::warning, {path_, line, column, -1}, std::move(code), std::move(message));
}

void Diagnostics::error(int line, int column, std::string code, std::string message) {
  add(Severity::error, {path_, line, column, -1}, std::move(code), std::move(message));
}

std::size_t Diagnostics::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace kopru
