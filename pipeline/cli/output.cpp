#include "pipeline/cli/output.h"

#include <unistd.h>

#include <algorithm>
#include <map>

#include "pipeline/cli/app.h"

namespace kopru::cli {

namespace {

int rank(int code) {
  switch (code) {
    case kExitOk:
      return 0;
    case kExitFindings:
      return 1;
    case kExitBadInput:
      return 2;
    case kExitUsage:
      return 3;
    case kExitEnvironment:
      return 4;
    default:
      return 5;
  }
}

}  // namespace

int worse_exit(int a, int b) {
  return rank(a) >= rank(b) ? a : b;
}

void Console::diagnostics(const Diagnostics& diag, bool strict) {
  if (diag.empty())
    return;
  // A damaged or lossy file can repeat one problem thousands of times: show the first few of each
  // kind, then say how many more there were.
  constexpr std::size_t kShownPerCode = 10;
  std::map<std::string, std::size_t> seen;
  std::string text;
  for (const auto& d : diag.all()) {
    if (quiet_ && d.severity == Severity::note)
      continue;
    if (++seen[d.code] > kShownPerCode)
      continue;
    Diagnostic shown = d;
    if (strict && shown.severity == Severity::warning)
      shown.severity = Severity::error;
    text += shown.formatted();
    text += '\n';
  }
  for (const auto& [code, count] : seen) {
    if (count > kShownPerCode) {
      text += diag.path() + ": note: " + std::to_string(count - kShownPerCode) + " more [" + code +
              "] not shown\n";
    }
  }
  std::lock_guard lock(mutex_);
  if (progress_shown_)
    std::fputs("\r\033[K", stderr);
  std::fputs(text.c_str(), stderr);
}

void Console::error(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (progress_shown_)
    std::fputs("\r\033[K", stderr);
  std::fprintf(stderr, "%s\n", line.c_str());
}

void Console::info(const std::string& line) {
  if (quiet_)
    return;
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "%s\n", line.c_str());
}

void Console::progress(std::size_t done, std::size_t total) {
  if (quiet_ || total < 2 || isatty(STDERR_FILENO) == 0)
    return;
  std::lock_guard lock(mutex_);
  constexpr int kWidth = 30;
  const auto filled = static_cast<int>(done * kWidth / total);
  std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu", filled,
               "==============================", kWidth - filled, "", done, total);
  progress_shown_ = true;
}

void Console::finish_progress() {
  std::lock_guard lock(mutex_);
  if (progress_shown_)
    std::fputs("\r\033[K", stderr);
  progress_shown_ = false;
}

}  // namespace kopru::cli
