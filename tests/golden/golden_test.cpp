// Per codec: read -> dump, write -> output, read(output) -> write is a fixpoint, and errors as
// text. KOPRU_REGEN=1 rewrites the expected files (tools/regen-goldens); review the diff before
// committing.
#include <gtest/gtest.h>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/model/dump.h"
#include "tests/golden/golden_case.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;

void expect_file(const fs::path& path, const std::string& actual) {
  if (regenerating()) {
    spit(path, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing: run tools/regen-goldens and review it";
  EXPECT_EQ(slurp(path), actual) << "differs from " << path;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, ReadWriteAndFixpoint) {
  const GoldenCase& c = GetParam();
  const std::string bytes = slurp(c.input);
  const codecs::Codec* codec = codecs::find_codec(c.codec);
  ASSERT_NE(codec, nullptr) << "no codec named " << c.codec;
  Diagnostics diag(c.display_path());
  io::Loaded loaded;
  try {
    loaded = io::load_bytes(bytes, c.display_path(), c.load_options(), diag);
  } catch (const InputError& e) {
    expect_file(c.sibling(".err"), e.formatted() + "\n");
    return;
  }
  ASSERT_FALSE(fs::exists(c.sibling(".err")) && !regenerating())
      << c.display_path() << " was expected to fail with " << slurp(c.sibling(".err"));
  io::SaveOptions save;
  save.format = c.codec;
  save.write.fps = c.load_options().read.fps;
  Diagnostics write_diag;
  const std::string out = io::render(loaded.doc, *codec, save, write_diag);
  expect_file(c.sibling(".dump"), dump(loaded.doc) + "--- read diagnostics\n" + dump(diag) +
                                      "--- write diagnostics\n" + dump(write_diag));
  expect_file(c.sibling(".out." + c.extension), out);

  // What the codec writes, it must read back and write identically.
  Diagnostics again_diag;
  io::LoadOptions again = c.load_options();
  again.encoding.clear();
  const io::Loaded reread = io::load_bytes(out, c.display_path() + " (output)", again, again_diag);
  Diagnostics again_write;
  EXPECT_EQ(io::render(reread.doc, *codec, save, again_write), out)
      << "writing what was read from the output changed it";
  ASSERT_EQ(reread.doc.cues.size(), loaded.doc.cues.size());
  for (std::size_t i = 0; i < loaded.doc.cues.size(); ++i) {
    EXPECT_EQ(plain_text(reread.doc.cues[i]), plain_text(loaded.doc.cues[i])) << "cue " << i + 1;
  }
}

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name = info.param.codec + "_" + info.param.name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Codecs, Golden, ::testing::ValuesIn(golden_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
}  // namespace kopru::testing
