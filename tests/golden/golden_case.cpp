#include "tests/golden/golden_case.h"

#include <algorithm>

#include "tests/support/test_support.h"

namespace kopru::testing {

namespace fs = std::filesystem;

io::LoadOptions GoldenCase::load_options() const {
  io::LoadOptions options;
  options.format = codec;
  const fs::path file = sibling(".options");
  if (!fs::exists(file))
    return options;
  std::string text = slurp(file);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line == "strict")
      options.read.strict = true;
    if (line == "lenient")
      options.lenient = true;
    if (line.rfind("fps=", 0) == 0)
      options.read.fps = FrameRate::parse(line.substr(4));
    if (line.rfind("encoding=", 0) == 0)
      options.encoding = line.substr(9);
  }
  return options;
}

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  const fs::path root = source_dir() / "tests" / "golden";
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory())
      continue;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      const std::string filename = file.path().filename().string();
      const auto pos = filename.find(".in.");
      if (pos == std::string::npos)
        continue;
      GoldenCase c;
      c.codec = dir.path().filename().string();
      c.name = filename.substr(0, pos);
      c.input = file.path();
      c.extension = filename.substr(pos + 4);
      cases.push_back(std::move(c));
    }
  }
  std::sort(cases.begin(), cases.end(), [](const GoldenCase& a, const GoldenCase& b) {
    return a.display_path() < b.display_path();
  });
  return cases;
}

void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.display_path();
}

}  // namespace kopru::testing
