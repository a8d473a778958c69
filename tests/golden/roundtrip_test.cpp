// Every golden input, written in every format and read back: the cues, their text (with line
// breaks) and their times (to the target's precision) survive.
#include <gtest/gtest.h>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "tests/golden/golden_case.h"
#include "tests/support/test_support.h"

namespace kopru::testing {
namespace {

struct Pair {
  GoldenCase source;
  std::string target;
};

std::vector<Pair> pairs() {
  std::vector<Pair> out;
  for (const auto& c : golden_cases()) {
    if (std::filesystem::exists(c.sibling(".err")))
      continue;
    for (const auto& codec : codecs::all_codecs())
      out.push_back({c, std::string(codec.name)});
  }
  return out;
}

std::vector<const Cue*> shown_cues(const Document& doc) {
  std::vector<const Cue*> cues;
  for (const auto& cue : doc.cues) {
    if (!cue.comment)
      cues.push_back(&cue);
  }
  return cues;
}

void PrintTo(const Pair& p, std::ostream* os) {
  *os << p.source.display_path() << " -> " << p.target;
}

// Lines holding only blanks become empty: a format that cannot carry an empty line inside a cue
// (WebVTT, where it would end the cue) writes a space instead, and reports it.
std::string blank_lines_emptied(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t") != std::string::npos)
      out += line;
    if (end == text.size())
      break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

class RoundTrip : public ::testing::TestWithParam<Pair> {};

TEST_P(RoundTrip, TextAndTimesSurvive) {
  const Pair& p = GetParam();
  Diagnostics diag;
  const io::Loaded loaded =
      io::load_bytes(slurp(p.source.input), p.source.display_path(), p.source.load_options(), diag);
  const codecs::Codec& target = *codecs::find_codec(p.target);
  const codecs::WriterCaps caps = target.caps();
  io::SaveOptions save;
  save.format = p.target;
  const FrameRate fps = loaded.doc.meta.frame_rate.value_or(FrameRate{25, 1});
  save.write.fps = fps;
  Diagnostics write_diag;
  const std::string bytes = io::render(loaded.doc, target, save, write_diag);
  io::LoadOptions reload;
  reload.format = p.target;
  reload.read.fps = fps;
  Diagnostics reread_diag;
  const io::Loaded back = io::load_bytes(
      bytes, "roundtrip." + std::string(target.preferred_extension()), reload, reread_diag);
  const auto before = shown_cues(loaded.doc);
  const auto after = shown_cues(back.doc);
  ASSERT_EQ(after.size(), before.size()) << bytes;
  const Time tolerance = caps.frame_based ? frames_to_time(1, fps) : caps.precision;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const std::string was = plain_text(*before[i]);
    const std::string now = plain_text(*after[i]);
    if (now != was) {
      // Only a reported, documented lowering may change the text, and only its blank lines.
      EXPECT_GT(write_diag.count(Severity::warning), 0U) << "cue " << i + 1 << " changed silently";
      EXPECT_EQ(blank_lines_emptied(now), blank_lines_emptied(was)) << "cue " << i + 1;
    }
    EXPECT_LE(std::chrono::abs(after[i]->start - before[i]->start), tolerance) << "cue " << i + 1;
    EXPECT_LE(std::chrono::abs(after[i]->end - before[i]->end), tolerance) << "cue " << i + 1;
  }
}

std::string pair_name(const ::testing::TestParamInfo<Pair>& info) {
  std::string name =
      info.param.source.codec + "_" + info.param.source.name + "_to_" + info.param.target;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllPairs, RoundTrip, ::testing::ValuesIn(pairs()), pair_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RoundTrip);

}  // namespace
}  // namespace kopru::testing
