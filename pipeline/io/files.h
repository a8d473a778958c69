// File I/O with Kopru's guarantees: inputs are only ever opened for reading, outputs appear whole
// or not at all (temp file in the same folder, then rename).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kopru::io {

// The whole file; throws EnvironmentError naming the path on failure.
std::string read_file(const std::filesystem::path& path);

// Writes `data` to a temp file beside `path`, then renames it over `path`. On any failure the temp
// file is removed and EnvironmentError thrown; `path` is then untouched.
void write_file_atomic(const std::filesystem::path& path, std::string_view data);

// An output file under construction: data goes to a temp file beside `path`; commit() renames it
// into place; destroying it uncommitted removes the temp file, so a failure leaves nothing behind.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void append(std::string_view data);
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path temp_;
  int fd_ = -1;
};

}  // namespace kopru::io
