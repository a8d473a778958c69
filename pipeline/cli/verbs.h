// One function per verb; app.cpp wires them to CLI11.
#pragma once

#include <string>
#include <vector>

#include "pipeline/cli/output.h"

namespace kopru::cli {

struct ConvertArgs {
  std::vector<std::string> inputs;
  std::string output;   // -o
  std::string out_dir;  // --out-dir
  std::string to;       // --to
  std::string from;     // --from (input format, skips detection)
  std::string encoding;
  std::string fps;
  bool strict = false;
  bool lenient = false;
  bool bom = false;
  bool crlf = false;
  unsigned jobs = 0;  // 0 = one per core
};

int convert(const ConvertArgs& args, Console& console);

struct InfoArgs {
  std::string input;
  std::string from;
  std::string encoding;
  std::string fps;
  bool json = false;
  bool dump = false;
  bool lenient = false;
};

int info(const InfoArgs& args, Console& console);

int formats(bool json);

}  // namespace kopru::cli
