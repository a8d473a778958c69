#include "pipeline/core/byte_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace kopru {
namespace {

std::size_t naive(std::string_view s, std::size_t from, std::string_view set) {
  for (std::size_t i = from; i < s.size(); ++i) {
    if (set.find(s[i]) != std::string_view::npos)
      return i;
  }
  return s.size();
}

TEST(ByteScan, AgreesWithTheObviousLoop) {
  std::mt19937 rng(7);
  const std::string alphabet = "ab<&{\n\r\xd0\x90 ";
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 70, 'x');
    for (char& c : s)
      c = alphabet[rng() % alphabet.size()];
    const std::size_t from = s.empty() ? 0 : rng() % (s.size() + 1);
    ASSERT_EQ(find_any_of(s, from, "<&{"), naive(s, from, "<&{")) << s << " from " << from;
    ASSERT_EQ(find_any_of(s, from, "\n\r"), naive(s, from, "\n\r")) << s << " from " << from;
  }
  EXPECT_EQ(find_any_of("", 0, "<"), 0U);
  EXPECT_EQ(find_any_of(std::string(40, 'a') + "<", 3, "<"), 40U);
}

}  // namespace
}  // namespace kopru
