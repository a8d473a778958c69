// Transliteration in other processes. ICU's rule-based transliterators serialise every call on one
// process-wide mutex (rbt.cpp, ICU 72), so threads cannot convert words in parallel; processes
// can. A Worker is a forked child that converts the texts it is sent with its own engine and
// word cache; the parent records what a cue needs converted, sends it, does its own share, then
// replays the child's results through the same cue logic.
#pragma once
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "pipeline/translit/translit.h"

namespace kopru::translit {

struct Converted {
  std::string text;
  std::vector<Normalisation> notes;
};

class Worker {
 public:
  // Forks. Call only while the process has a single thread.
  explicit Worker(std::shared_ptr<const Compiled> compiled);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Sends texts to convert; the child starts at once. Every send() needs a receive() before the
  // next send().
  void send(const std::vector<std::string>& texts);
  // The conversions, in the order sent; adds the letters the child counted to `tally`.
  std::vector<Converted> receive(ScriptTally& tally);

 private:
  int socket_ = -1;
  pid_t child_ = -1;
  std::size_t pending_ = 0;  // texts sent, not yet received
};

// Returns each text unchanged and remembers it: run over a copy of a cue, it lists what the cue
// needs converted, in the order transliterate_cue() asks.
class RecordingConverter final : public TextConverter {
 public:
  explicit RecordingConverter(const Direction& direction) : direction_(direction) {}
  std::string text(std::string_view utf8, std::vector<Normalisation>* notes) override;
  const Direction& direction() const override { return direction_; }
  std::vector<std::string>& texts() { return texts_; }

 private:
  const Direction& direction_;
  std::vector<std::string> texts_;
};

// Hands out conversions made elsewhere, in order.
class ReplayConverter final : public TextConverter {
 public:
  ReplayConverter(const Direction& direction, std::vector<Converted> results)
      : direction_(direction), results_(std::move(results)) {}
  std::string text(std::string_view utf8, std::vector<Normalisation>* notes) override;
  const Direction& direction() const override { return direction_; }
  bool exhausted() const { return next_ == results_.size(); }

 private:
  const Direction& direction_;
  std::vector<Converted> results_;
  std::size_t next_ = 0;
};

}  // namespace kopru::translit
