// Golden cases: tests/golden/<codec>/<case>.in.<ext>, with <case>.dump (model and diagnostics),
// <case>.out.<ext> (what the codec writes back) or <case>.err (the expected error line), and an
// optional <case>.options (one per line: fps=25, strict, lenient, encoding=cp1251).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/io/load.h"

namespace kopru::testing {

struct GoldenCase {
  std::string codec;
  std::string name;
  std::filesystem::path input;
  std::string extension;
  std::filesystem::path dir() const { return input.parent_path(); }
  std::filesystem::path sibling(const std::string& suffix) const { return dir() / (name + suffix); }
  // "srt/basic.in.srt": the path used in messages, so goldens do not depend on the checkout.
  std::string display_path() const { return codec + "/" + input.filename().string(); }
  io::LoadOptions load_options() const;
};

std::vector<GoldenCase> golden_cases();

// GoogleTest prints parameters with this instead of a byte dump.
void PrintTo(const GoldenCase& c, std::ostream* os);

}  // namespace kopru::testing
