// Transliteration in other processes. ICU's rule-based transliterators serialise every call on one
// process-wide mutex (rbt.cpp, ICU 72), so threads cannot convert words in parallel; processes
// can. A Worker is a forked child that converts the texts it is sent with its own engine and
// word cache; the parent records what a cue needs converted, sends it, does its own share, then
// replays the child's results through the same cue logic.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/translit/translit.h"

namespace kopru::translit {

// A worker's conversions of one batch, read as they are replayed.
struct Reply {
  std::string message;
  std::size_t first_item = 0;  // byte offset of the first conversion in `message`
  std::size_t items = 0;
};

class Worker {
 public:
  // Forks. Call only while the process has a single thread.
  explicit Worker(const std::shared_ptr<const Compiled>& compiled);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Sends texts to convert; the child starts at once. Every send() needs a receive() before the
  // next send().
  void send(const std::vector<std::string_view>& texts);
  // The conversions, in the order sent; adds the letters the child counted to `tally`.
  Reply receive(ScriptTally& tally);
  // How long the child took to convert the last batch received.
  std::chrono::nanoseconds last_busy() const { return last_busy_; }

 private:
  int socket_ = -1;
  pid_t child_ = -1;
  std::size_t pending_ = 0;  // texts sent, not yet received
  std::chrono::nanoseconds last_busy_{0};
};

// Hands out conversions made elsewhere, in order.
class ReplayConverter final : public TextConverter {
 public:
  ReplayConverter(const Direction& direction, Reply reply)
      : direction_(direction), reply_(std::move(reply)), at_(reply_.first_item) {}
  std::string text(std::string_view utf8, std::vector<Normalisation>* notes) override;
  const Direction& direction() const override { return direction_; }
  bool exhausted() const { return next_ == reply_.items; }

 private:
  const Direction& direction_;
  Reply reply_;
  std::size_t at_ = 0;
  std::size_t next_ = 0;
};

}  // namespace kopru::translit
