// Kopru's own TTML output: every SRT, WebVTT, ASS/SSA and TTML file of the corpus that Kopru reads,
// written as IMSC 1.1 Text, EBU-TT-D and DFXP, must validate against the matching profile. The
// failures are printed (file, profile, first violations) so that the writer can be fixed.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/io/load.h"
#include "tests/conformance/ttml_validate/validate_support.h"

namespace kopru::testing {
namespace {

namespace fs = std::filesystem;
using codecs::ttml::ValidationProfile;

std::vector<fs::path> corpus_inputs() {
  static const std::vector<std::string> kExtensions = {".srt", ".vtt",  ".ass",
                                                       ".ssa", ".ttml", ".dfxp"};
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(corpus_dir())) {
    if (!entry.is_regular_file() || entry.file_size() > 2'000'000)
      continue;
    const auto ext = entry.path().extension().string();
    if (std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end())
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ValidateOwnOutput, EveryReadableCorpusFileWritesConformingTtml) {
  struct Target {
    const char* codec;
    ValidationProfile profile;
  };
  const Target kTargets[] = {{"imsc", ValidationProfile::imsc11_text},
                             {"ebu-tt-d", ValidationProfile::ebu_tt_d},
                             {"dfxp", ValidationProfile::dfxp}};
  int read = 0;
  int written = 0;
  int skipped = 0;
  std::vector<std::string> failures;
  for (const auto& path : corpus_inputs()) {
    Diagnostics diag(path.string());
    io::Loaded loaded;
    try {
      loaded = io::load_file(path, io::LoadOptions{}, diag);
    } catch (const Error& e) {
      // Not a file Kopru reads (deliberately broken inputs): nothing to write.
      ++skipped;
      std::cout << "[ own output skip ] " << fs::relative(path, corpus_dir()).string()
                << ": not readable: " << e.what() << "\n";
      continue;
    }
    ++read;
    for (const auto& target : kTargets) {
      const codecs::Codec* codec = codecs::find_codec(target.codec);
      ASSERT_NE(codec, nullptr) << target.codec;
      io::SaveOptions options;
      options.format = target.codec;
      options.replace = true;
      std::string out;
      Diagnostics write_diag(path.string());
      try {
        out = io::render(loaded.doc, *codec, options, write_diag);
      } catch (const Error& e) {
        failures.push_back(fs::relative(path, corpus_dir()).string() + " as " + target.codec +
                           ": the writer refused: " + e.what());
        continue;
      }
      ++written;
      const auto v = validate_text(out, target.profile, "out." + std::string(target.codec));
      if (!v.empty()) {
        failures.push_back(fs::relative(path, corpus_dir()).string() + " as " + target.codec +
                           ": " + std::to_string(v.size()) + " violation(s)\n" + describe(v, 5));
      }
    }
  }
  std::cout << "[ own output ] " << read << " corpus files read (" << skipped
            << " not readable, skipped), " << written << " documents written, " << failures.size()
            << " failing\n";
  for (const auto& f : failures)
    std::cout << "[ own output failure ] " << f << "\n";
  EXPECT_GT(read, 100);
  EXPECT_TRUE(failures.empty()) << failures.size() << " written documents violate their profile";
}

}  // namespace
}  // namespace kopru::testing
