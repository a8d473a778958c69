// The `kopru` command line: the one boundary that catches errors, prints them and picks the exit
// code (0 ok, 1 findings at the failing severity, 2 usage, 3 bad input, 4 environment or I/O).
#pragma once

namespace kopru::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitFindings = 1,
  kExitUsage = 2,
  kExitBadInput = 3,
  kExitEnvironment = 4,
  kExitInternal = 70,
};

int run(int argc, char** argv);

}  // namespace kopru::cli
