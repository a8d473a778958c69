#include "pipeline/translit/worker.h"

#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>

#include "pipeline/core/error.h"

namespace kopru::translit {

namespace {

// The wire format: native-endian integers and length-prefixed bytes; both ends are this binary.
class Writer {
 public:
  void u64(std::uint64_t value) { bytes_.append(reinterpret_cast<const char*>(&value), 8); }
  void str(std::string_view text) {
    u64(text.size());
    bytes_.append(text);
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes, std::size_t at = 0) : bytes_(bytes), at_(at) {}
  std::size_t at() const { return at_; }
  std::uint64_t u64() {
    need(8);
    std::uint64_t value = 0;
    std::memcpy(&value, bytes_.data() + at_, 8);
    at_ += 8;
    return value;
  }
  std::string str() {
    const std::uint64_t size = u64();
    need(size);
    std::string text(bytes_.substr(at_, size));
    at_ += size;
    return text;
  }

 private:
  void need(std::uint64_t size) const {
    if (size > bytes_.size() - at_)
      throw InternalError("transliteration worker: truncated message");
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      throw InternalError(std::string("transliteration worker: send failed: ") +
                          std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// A message: its length, then its bytes. False at a clean end of stream.
bool read_message(int fd, std::string& message) {
  std::uint64_t size = 0;
  std::size_t got = 0;
  auto read_exact = [fd](char* into, std::size_t size_wanted, std::size_t& done) {
    while (done < size_wanted) {
      const ssize_t n = ::read(fd, into + done, size_wanted - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  };
  if (!read_exact(reinterpret_cast<char*>(&size), sizeof size, got))
    return false;
  message.resize(size);
  got = 0;
  if (!read_exact(message.data(), size, got))
    throw InternalError("transliteration worker: the other end stopped mid-message");
  return true;
}

void send_message(int fd, const std::string& message) {
  Writer header;
  header.u64(message.size());
  write_all(fd, header.bytes());
  write_all(fd, message);
}

void put_notes(Writer& out, const std::vector<Normalisation>& notes) {
  out.u64(notes.size());
  for (const auto& n : notes) {
    out.u64(n.offset);
    out.u64(static_cast<std::uint64_t>(n.severity));
    out.str(n.code);
    out.str(n.message);
  }
}

void get_notes(Reader& in, std::vector<Normalisation>* notes) {
  const std::uint64_t count = in.u64();
  for (std::uint64_t i = 0; i < count; ++i) {
    Normalisation n;
    n.offset = in.u64();
    n.severity = static_cast<Severity>(in.u64());
    n.code = in.str();
    n.message = in.str();
    if (notes != nullptr)
      notes->push_back(std::move(n));
  }
}

// The child: convert what comes, until the parent closes its end. A reply is the letters counted,
// the time taken and the number of texts, then each conversion with its notes.
[[noreturn]] void serve(int fd, const std::shared_ptr<const Compiled>& compiled) {
  try {
    Transliterator engine(compiled);
    std::string request;
    std::vector<Normalisation> notes;
    while (read_message(fd, request)) {
      const auto began = std::chrono::steady_clock::now();
      Reader in(request);
      const std::uint64_t count = in.u64();
      const ScriptTally before = engine.tally();
      Writer items;
      for (std::uint64_t i = 0; i < count; ++i) {
        notes.clear();
        items.str(engine.text(in.str(), &notes));
        put_notes(items, notes);
      }
      Writer out;
      out.u64(engine.tally().source - before.source);
      out.u64(engine.tally().target - before.target);
      out.u64(engine.tally().other - before.other);
      out.u64(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                             std::chrono::steady_clock::now() - began)
                                             .count()));
      out.u64(count);
      send_message(fd, out.bytes() + items.bytes());
    }
    ::_exit(0);
  } catch (...) {
    ::_exit(70);
  }
}

}  // namespace

Worker::Worker(const std::shared_ptr<const Compiled>& compiled) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    throw EnvironmentError(std::string("cannot start a transliteration worker: ") +
                           std::strerror(errno));
  child_ = ::fork();
  if (child_ < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw EnvironmentError(std::string("cannot start a transliteration worker: ") +
                           std::strerror(errno));
  }
  if (child_ == 0) {
    ::close(fds[0]);
    serve(fds[1], compiled);
  }
  ::close(fds[1]);
  socket_ = fds[0];
}

Worker::~Worker() {
  if (socket_ >= 0) {
    // The child sees the end of its requests and exits. shutdown(), not only close(): workers
    // forked later hold copies of this descriptor, and the end must reach the child anyway.
    ::shutdown(socket_, SHUT_RDWR);
    ::close(socket_);
  }
  if (child_ > 0) {
    int status = 0;
    while (::waitpid(child_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

void Worker::send(const std::vector<std::string_view>& texts) {
  Writer out;
  out.u64(texts.size());
  for (const auto& text : texts)
    out.str(text);
  send_message(socket_, out.bytes());
  pending_ = texts.size();
}

Reply Worker::receive(ScriptTally& tally) {
  Reply reply;
  if (!read_message(socket_, reply.message))
    throw InternalError("transliteration worker ended unexpectedly");
  Reader in(reply.message);
  tally.source += in.u64();
  tally.target += in.u64();
  tally.other += in.u64();
  last_busy_ = std::chrono::nanoseconds(in.u64());
  reply.items = in.u64();
  reply.first_item = in.at();
  if (reply.items != pending_) {
    throw InternalError("transliteration worker: answered " + std::to_string(reply.items) +
                        " texts of " + std::to_string(pending_));
  }
  pending_ = 0;
  return reply;
}

std::string ReplayConverter::text(std::string_view utf8, std::vector<Normalisation>* notes) {
  (void)utf8;
  if (next_ >= reply_.items)
    throw InternalError("transliteration worker: fewer results than texts");
  ++next_;
  Reader in(reply_.message, at_);
  std::string converted = in.str();
  get_notes(in, notes);
  at_ = in.at();
  return converted;
}

}  // namespace kopru::translit
