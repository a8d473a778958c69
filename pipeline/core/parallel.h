// Runs a function over indexes 0..count-1 on a fixed set of threads. Work is handed out one index
// at a time from a shared counter, so a few large files do not leave threads idle.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace kopru {

inline unsigned default_jobs() {
  return std::max(1U, std::thread::hardware_concurrency());
}

// `fn` must not throw: the callers catch per item, since one bad file must not stop the batch.
inline void parallel_for(std::size_t count, unsigned jobs,
                         const std::function<void(std::size_t)>& fn) {
  jobs = static_cast<unsigned>(std::min<std::size_t>(std::max(1U, jobs), count));
  if (jobs <= 1) {
    for (std::size_t i = 0; i < count; ++i)
      fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++)
        fn(i);
    });
  }
}

}  // namespace kopru
