// Printing diagnostics and errors from many worker threads without interleaving lines.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "pipeline/core/diagnostics.h"

namespace kopru::cli {

class Console {
 public:
  explicit Console(bool quiet = false) : quiet_(quiet) {}
  // Prints each diagnostic; with `strict`, warnings print as errors.
  void diagnostics(const Diagnostics& diag, bool strict);
  void error(const std::string& line);                 // always printed, to stderr
  void info(const std::string& line);                  // stderr unless quiet
  void progress(std::size_t done, std::size_t total);  // on a terminal only
  void finish_progress();

 private:
  std::mutex mutex_;
  bool quiet_ = false;
  bool progress_shown_ = false;
};

// 3 for bad input, 4 for environment, 2 for usage, 70 for bugs: the worse of two wins.
int worse_exit(int a, int b);

}  // namespace kopru::cli
