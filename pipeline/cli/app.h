// The `kopru` command line: the one boundary that catches errors, prints them and picks the exit
// code (0 ok, 1 findings at the failing severity, 2 usage, 3 bad input, 4 environment or I/O).
#pragma once

namespace kopru::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitBadInput = 3;
inline constexpr int kExitEnvironment = 4;
inline constexpr int kExitInternal = 70;

int run(int argc, char** argv);

}  // namespace kopru::cli
