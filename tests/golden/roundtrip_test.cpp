// Every golden input, written in every format and read back: the cues, their text (with line
// breaks) and their times (to the target's precision) survive.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/text/carry.h"
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

// What the writer reported, by code: the test lets through exactly the reported lowerings.
bool reported(const Diagnostics& diag, std::string_view code_suffix) {
  for (const auto& d : diag.all()) {
    if (d.code.size() >= code_suffix.size() &&
        d.code.compare(d.code.size() - code_suffix.size(), code_suffix.size(), code_suffix) == 0)
      return true;
  }
  return false;
}

// "cue N: start moved by K frames" (or "end"): how far each (1-based) cue's start and end were
// moved in all, in frames.
std::map<std::pair<std::size_t, std::string>, std::int64_t> reported_shifts(
    const Diagnostics& diag) {
  std::map<std::pair<std::size_t, std::string>, std::int64_t> shifts;
  const std::regex pattern(R"(^cue (\d+): (start|end) moved by (-?\d+) frames)");
  for (const auto& d : diag.all()) {
    std::smatch m;
    if (d.code.ends_with("-shifted") && std::regex_search(d.message, m, pattern))
      shifts[{std::stoul(m[1]), m[2]}] += std::abs(std::stoll(m[3]));
  }
  return shifts;
}

std::string without_whitespace(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t')
      out += c;
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
  // A target that cannot store some of the characters refuses the whole document; with --replace
  // it writes the documented fallbacks, so only the cue count and times are compared then.
  bool replaced = false;
  if (target.repertoire != nullptr &&
      !find_uncarried(loaded.doc, target.repertoire(loaded.doc, save.write)).empty()) {
    EXPECT_THROW((void)io::render(loaded.doc, target, save, write_diag), CarryError);
    save.replace = true;
    replaced = true;
  }
  const std::string bytes = io::render(loaded.doc, target, save, write_diag);
  io::LoadOptions reload;
  reload.format = p.target;
  reload.read.fps = fps;
  Diagnostics reread_diag;
  const io::Loaded back = io::load_bytes(
      bytes, "roundtrip." + std::string(target.preferred_extension()), reload, reread_diag);
  const Time tolerance = caps.frame_based ? frames_to_time(1, fps) : caps.precision;
  // A cue a format cannot hold (nothing to show, shorter than its time grid, beyond its clock)
  // may be left out, and a timeline format may put cues in time order, but only when the writer
  // says so: "cue N: why; left out" (N counts every cue of the input).
  std::set<std::size_t> left_out;
  const std::regex left_out_pattern(R"(^cue (\d+): [^;]*; (left out|not written)$)");
  for (const auto& d : write_diag.all()) {
    std::smatch m;
    if (std::regex_search(d.message, m, left_out_pattern))
      left_out.insert(std::stoul(m[1]));
  }
  std::vector<const Cue*> before;
  for (std::size_t i = 0; i < loaded.doc.cues.size(); ++i) {
    if (!loaded.doc.cues[i].comment && !left_out.contains(i + 1))
      before.push_back(&loaded.doc.cues[i]);
  }
  if (reported(write_diag, "-reordered")) {
    std::stable_sort(before.begin(), before.end(),
                     [](const Cue* a, const Cue* b) { return a->start < b->start; });
  }
  // These lowerings move only spaces and line breaks (wrapping, dropped blank rows, the space a
  // CEA-608 style change takes).
  const bool layout_lowered =
      reported(write_diag, "-wrapped") || reported(write_diag, "-blank-line") ||
      reported(write_diag, "-style-space") || reported(write_diag, "-lossy-rows");
  const auto shifts = reported_shifts(write_diag);
  const auto after = shown_cues(back.doc);
  ASSERT_EQ(after.size(), before.size()) << bytes;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const std::string was = plain_text(*before[i]);
    const std::string now = plain_text(*after[i]);
    if (now != was) {
      // Only a reported, documented lowering may change the text: fallbacks for characters the
      // target lacks, layout, or emptied blank lines.
      EXPECT_GT(write_diag.count(Severity::warning), 0U) << "cue " << i + 1 << " changed silently";
      if (replaced) {
        // Fallbacks change letters; the carry tests check which.
      } else if (layout_lowered) {
        EXPECT_EQ(without_whitespace(now), without_whitespace(was)) << "cue " << i + 1;
      } else {
        EXPECT_EQ(blank_lines_emptied(now), blank_lines_emptied(was)) << "cue " << i + 1;
      }
    }
    // A pop-on caption ends when the next one is shown, so a moved start moves the end before it.
    auto shift_of = [&](std::size_t cue, const char* what) {
      const auto it = shifts.find({cue, what});
      return it == shifts.end() ? Time{} : frames_to_time(it->second, fps);
    };
    EXPECT_LE(std::chrono::abs(after[i]->start - before[i]->start),
              tolerance + shift_of(i + 1, "start"))
        << "cue " << i + 1;
    EXPECT_LE(std::chrono::abs(after[i]->end - before[i]->end),
              tolerance + shift_of(i + 1, "end") + shift_of(i + 2, "start"))
        << "cue " << i + 1;
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
