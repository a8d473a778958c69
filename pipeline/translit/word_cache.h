// The per-thread word cache of the transliteration engine. Internal to pipeline/translit.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/translit/translit.h"

namespace kopru::translit::detail {

inline constexpr std::size_t kCacheLimit = 1U << 17U;  // words; the cache restarts when full

struct WordNote {
  std::size_t offset = 0;  // bytes from the start of the word
  Severity severity = Severity::note;
  std::string code;
  std::string message;
};

struct CachedWord {
  std::string out;
  std::vector<WordNote> notes;
  ScriptTally tally;
};

// What the cache hands out: valid until the next insert.
struct WordView {
  std::string_view out;
  const std::vector<WordNote>* notes = nullptr;  // null when nothing was normalised
  ScriptTally tally;
};

// The words a thread has converted. Open addressing over 8-byte slots, each pointing into one
// arena where a word's key, output and letter counts sit side by side: a hit touches two cache
// lines, where a node-based map chases pointers through memory on every word of the text.
class WordCache {
 public:
  static std::uint64_t hash_of(std::string_view key) { return std::hash<std::string_view>{}(key); }

  std::optional<WordView> find(std::string_view key, std::uint64_t hash) const {
    if (slots_.empty())
      return std::nullopt;
    const auto tag = static_cast<std::uint32_t>(hash >> 32U);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0)
        return std::nullopt;
      if (static_cast<std::uint32_t>(slot >> 32U) != tag)
        continue;
      const std::size_t at = static_cast<std::uint32_t>(slot) - 1;
      Header h{};
      std::memcpy(&h, arena_.data() + at, sizeof h);
      const char* bytes = arena_.data() + at + sizeof h;
      if (h.key_length == key.size() && std::memcmp(bytes, key.data(), key.size()) == 0)
        return view(h, bytes);
    }
  }

  WordView insert(std::string_view key, std::uint64_t hash, CachedWord word) {
    if ((count_ + 1) * 2 > slots_.size())
      grow();
    Header h{static_cast<std::uint32_t>(key.size()),
             static_cast<std::uint32_t>(word.out.size()),
             static_cast<std::uint32_t>(word.tally.source),
             static_cast<std::uint32_t>(word.tally.target),
             static_cast<std::uint32_t>(word.tally.other),
             0};
    if (!word.notes.empty()) {
      for (const auto& n : word.notes)
        notes_bytes_ += sizeof n + n.code.size() + n.message.size();
      notes_.push_back(std::move(word.notes));
      h.notes = static_cast<std::uint32_t>(notes_.size());
    }
    const std::size_t at = arena_.size();
    arena_.resize(at + sizeof h + key.size() + word.out.size());
    std::memcpy(arena_.data() + at, &h, sizeof h);
    std::memcpy(arena_.data() + at + sizeof h, key.data(), key.size());
    std::memcpy(arena_.data() + at + sizeof h + key.size(), word.out.data(), word.out.size());
    place(hash, at);
    ++count_;
    return view(h, arena_.data() + at + sizeof h);
  }

  // Full: the cache starts again (a long file's vocabulary is learnt anew, memory stays bounded).
  bool full() const { return count_ >= kCacheLimit || arena_.size() + notes_bytes_ >= kArenaLimit; }
  void clear() {
    arena_.clear();
    notes_.clear();
    notes_bytes_ = 0;
    count_ = 0;
    std::fill(slots_.begin(), slots_.end(), 0);
  }

 private:
  static constexpr std::size_t kArenaLimit = 16U << 20U;

  struct Header {
    std::uint32_t key_length;
    std::uint32_t out_length;
    std::uint32_t source;
    std::uint32_t target;
    std::uint32_t other;
    std::uint32_t notes;  // 1-based into notes_; 0 = none
  };

  WordView view(const Header& h, const char* bytes) const {
    return {std::string_view(bytes + h.key_length, h.out_length),
            h.notes == 0 ? nullptr : &notes_[h.notes - 1],
            ScriptTally{h.source, h.target, h.other}};
  }
  void place(std::uint64_t hash, std::size_t at) {
    std::size_t i = hash & mask_;
    while (slots_[i] != 0)
      i = (i + 1) & mask_;
    slots_[i] = ((hash >> 32U) << 32U) | (static_cast<std::uint64_t>(at) + 1);
  }
  void grow() {
    const std::size_t capacity = std::max<std::size_t>(4096, slots_.size() * 2);
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (std::size_t at = 0; at < arena_.size();) {
      Header h{};
      std::memcpy(&h, arena_.data() + at, sizeof h);
      place(hash_of(std::string_view(arena_.data() + at + sizeof h, h.key_length)), at);
      at += sizeof h + h.key_length + h.out_length;
    }
  }

  std::vector<std::uint64_t> slots_;  // (hash's high half << 32) | (arena offset + 1); 0 = empty
  std::vector<char> arena_;
  std::vector<std::vector<WordNote>> notes_;
  std::size_t notes_bytes_ = 0;
  std::size_t count_ = 0;
  std::size_t mask_ = 0;
};

}  // namespace kopru::translit::detail
