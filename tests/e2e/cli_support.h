// Running the real `kopru` binary in a scratch folder, as a user or a script would.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kopru::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A path quoted for the shell command line run_kopru() builds.
std::string q(const std::filesystem::path& path);
// The names in a folder, sorted: what a test put there, and nothing else (no stray temp file).
std::vector<std::string> listing(const std::filesystem::path& dir);

// Runs `kopru <args>` (args are passed to /bin/sh, so quote paths) with stdout and stderr captured.
CommandResult run_kopru(const std::string& args);
// The same with standard input read from a file.
CommandResult run_kopru(const std::string& args, const std::string& stdin_path);

// A fresh folder under the system temp dir, removed when the object dies.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  std::string write(const std::string& name, const std::string& data) const;

 private:
  std::filesystem::path path_;
};

}  // namespace kopru::testing
