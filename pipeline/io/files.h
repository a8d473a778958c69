// File I/O with Kopru's guarantees: inputs are only ever opened for reading, outputs appear whole
// or not at all (temp file in the same folder, then rename).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kopru::io {

// The whole file; throws EnvironmentError naming the path on failure.
std::string read_file(const std::filesystem::path& path);

// A whole input file, read-only. Large regular files are memory-mapped (no copy and no fresh pages
// to fault in: a tenth of a big conversion's time); small files and anything that cannot be mapped
// are read into memory. A mapped file that another process truncates while Kopru reads it ends
// the process with SIGBUS, as with any mmap-based reader.
class InputFile {
 public:
  explicit InputFile(const std::filesystem::path& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  std::string_view bytes() const { return view_; }

 private:
  std::string copy_;
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
  std::string_view view_;
};

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
