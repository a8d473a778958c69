#include "tests/support/test_support.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kopru::testing {

std::filesystem::path source_dir() {
  return KOPRU_SOURCE_DIR;
}

std::filesystem::path corpus_dir() {
  std::filesystem::path dir = KOPRU_CORPUS_DIR;
  if (!std::filesystem::is_directory(dir)) {
    throw std::runtime_error("the shared corpus is missing: " + dir.string());
  }
  return dir;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::filesystem::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  if (!out)
    throw std::runtime_error("cannot write " + path.string());
  out << data;
}

bool regenerating() {
  const char* env = std::getenv("KOPRU_REGEN");
  return env != nullptr && std::string(env) == "1";
}

}  // namespace kopru::testing
