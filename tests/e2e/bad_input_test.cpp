// Damaged inputs in every format: Kopru either repairs (and says so) or refuses with a located
// error; it never crashes, never leaves a partial or temporary file, and never touches the input.
#include <gtest/gtest.h>

#include <regex>

#include "tests/e2e/cli_support.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

struct Damage {
  std::string name;
  std::string (*apply)(const std::string& good);
  bool must_fail;
};

std::string pseudo_random_bytes(std::size_t n) {
  std::string out;
  std::uint32_t x = 2463534242U;
  for (std::size_t i = 0; i < n; ++i) {
    x ^= x << 13U;
    x ^= x >> 17U;
    x ^= x << 5U;
    out += static_cast<char>(x & 0xFFU);
  }
  return out;
}

// Inserts `what` in the middle of the second line of text after the first timing-looking line.
std::string insert_mid(const std::string& good, const std::string& what) {
  std::size_t pos = good.size() / 2;
  const std::size_t nl = good.find('\n', pos);
  if (nl != std::string::npos)
    pos = nl + 1;
  std::string out = good;
  out.insert(std::min(pos + 2, out.size()), what);
  return out;
}

const Damage kDamages[] = {
    {"zero_bytes", [](const std::string&) { return std::string(); }, true},
    {"binary_garbage", [](const std::string&) { return pseudo_random_bytes(4096); }, true},
    {"truncated_half", [](const std::string& g) { return g.substr(0, g.size() / 2); }, false},
    {"truncated_mid_line", [](const std::string& g) { return g.substr(0, g.size() - 7); }, false},
    {"megabyte_line", [](const std::string& g) { return insert_mid(g, std::string(1 << 20, 'x')); },
     false},
    {"invalid_utf8", [](const std::string& g) { return insert_mid(g, "\xC3\x28\xA0\xA1"); }, true},
    {"nul_bytes", [](const std::string& g) { return insert_mid(g, std::string("a\0b\0", 4)); },
     false},
};

struct Case {
  fs::path sample;
  const Damage* damage;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const auto& entry : fs::directory_iterator(source_dir() / "samples" / "subtitles")) {
    if (entry.path().filename().string().rfind("capability.", 0) != 0)
      continue;
    for (const auto& d : kDamages)
      out.push_back({entry.path(), &d});
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) {
    return std::tie(a.sample, a.damage->name) < std::tie(b.sample, b.damage->name);
  });
  return out;
}

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.sample.filename().string() << " / " << c.damage->name;
}

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, RepairedOrRefusedNeverCrashed) {
  const Case& c = GetParam();
  ScratchDir dir;
  const std::string ext = c.sample.extension().string();
  const std::string damaged = c.damage->apply(slurp(c.sample));
  const std::string in = dir.write("damaged" + ext, damaged);
  const fs::path out = dir / "out.json";
  const auto r = run_kopru("convert '" + in + "' -o '" + out.string() + "' --fps 25");
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << "exit " << r.exit_code << "\n" << r.err;
  if (c.damage->must_fail) {
    EXPECT_EQ(r.exit_code, 3) << r.err;
  }
  if (r.exit_code == 3) {
    EXPECT_TRUE(
        std::regex_search(r.err, std::regex("damaged\\" + ext + "(:[0-9]+(:[0-9]+)?)?: error: ")))
        << r.err;
    EXPECT_FALSE(fs::exists(out));
  } else {
    EXPECT_TRUE(fs::exists(out));
    EXPECT_EQ(slurp(out).find('\0'), std::string::npos) << "a NUL reached the output";
  }
  // Nothing else in the folder: no temp file survived.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path()))
    ++files;
  EXPECT_EQ(files, r.exit_code == 0 ? 2U : 1U);
  EXPECT_EQ(slurp(in), damaged) << "the input was modified";
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.sample.filename().string() + "_" + info.param.damage->name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Samples, BadInput, ::testing::ValuesIn(cases()), case_name);

}  // namespace
}  // namespace kopru::testing
