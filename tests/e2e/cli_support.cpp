#include "tests/e2e/cli_support.h"

#include <algorithm>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <random>

#include "tests/support/test_support.h"

namespace kopru::testing {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ =
      fs::temp_directory_path() / ("kopru-e2e-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(rd() % 100000) + "-" + std::to_string(counter++));
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ScratchDir::write(const std::string& name, const std::string& data) const {
  const fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  spit(p, data);
  return p.string();
}

std::string q(const fs::path& path) {
  return "'" + path.string() + "'";
}

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

CommandResult run_kopru(const std::string& args) {
  return run_kopru(args, "/dev/null");
}

CommandResult run_kopru(const std::string& args, const std::string& stdin_path) {
  ScratchDir capture;
  const fs::path out = capture / "stdout";
  const fs::path err = capture / "stderr";
  const std::string command = std::string("'") + KOPRU_BINARY + "' " + args + " >'" + out.string() +
                              "' 2>'" + err.string() + "' <'" + stdin_path + "'";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

}  // namespace kopru::testing
