#include "pipeline/io/files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "pipeline/core/error.h"

namespace kopru::io {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_io(const fs::path& path, std::string_view what, int err) {
  throw EnvironmentError(path.string() + ": " + std::string(what) + ": " + std::strerror(err));
}

}  // namespace

std::string read_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    fail_io(path, "cannot open", errno);
  std::string data;
  // Regular files say their size: reserving it saves regrowing (and recopying) the whole text.
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0)
    data.reserve(static_cast<std::size_t>(info.st_size));
  char buf[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      const int err = errno;
      ::close(fd);
      fail_io(path, "cannot read", err);
    }
    if (n == 0)
      break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return data;
}

InputFile::InputFile(const fs::path& path) {
  constexpr off_t kMapFrom = off_t{1} << 20;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    fail_io(path, "cannot open", errno);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= kMapFrom) {
    void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                       MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map != MAP_FAILED) {
      ::close(fd);
      map_ = map;
      map_size_ = static_cast<std::size_t>(st.st_size);
      view_ = std::string_view(static_cast<const char*>(map_), map_size_);
      return;
    }
  }
  ::close(fd);
  copy_ = read_file(path);
  view_ = copy_;
}

InputFile::~InputFile() {
  if (map_ != nullptr)
    ::munmap(map_, map_size_);
}

AtomicFile::AtomicFile(fs::path path) : path_(std::move(path)) {
  const fs::path dir = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
  thread_local std::mt19937_64 rng{std::random_device{}()};
  for (int attempt = 0; attempt < 16 && fd_ < 0; ++attempt) {
    temp_ = dir / ("." + path_.filename().string() + ".kopru-" +
                   std::to_string(rng() % 1000000000) + ".tmp");
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0 && errno != EEXIST)
      fail_io(path_, "cannot create temporary file", errno);
  }
  if (fd_ < 0)
    fail_io(path_, "cannot create temporary file", EEXIST);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0)
    ::close(fd_);
  if (!temp_.empty())
    ::unlink(temp_.c_str());
}

void AtomicFile::append(std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      fail_io(path_, "cannot write", errno);
    }
    done += static_cast<std::size_t>(n);
  }
}

void AtomicFile::commit() {
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0)
    fail_io(path_, "cannot write", errno);
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    fail_io(path_, "cannot rename temporary file into place", errno);
  temp_.clear();
}

void write_file_atomic(const fs::path& path, std::string_view data) {
  AtomicFile file(path);
  file.append(data);
  file.commit();
}

}  // namespace kopru::io
