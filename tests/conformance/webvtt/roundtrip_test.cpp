// Every corpus WebVTT input read, written and read again keeps every VTTCue and VTTRegion property,
// and writing is a fixpoint.
#include <gtest/gtest.h>

#include "tests/conformance/webvtt/vtt_support.h"

namespace kopru::testing::vtt {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> corpus_inputs() {
  std::vector<fs::path> out;
  for (const char* dir :
       {"wpt-webvtt/file-parsing/vtt", "wpt-webvtt/rendering-inputs", "mozilla-vttjs/tests"}) {
    for (const auto& entry : fs::recursive_directory_iterator(corpus_dir() / dir)) {
      if (entry.path().extension() == ".vtt")
        out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

nlohmann::json properties(const Document& doc) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& cue : doc.cues) {
    nlohmann::json c = cue_properties(cue);
    const Region* region = find_region(doc, cue.placement.region);
    c["region"] = region == nullptr ? nlohmann::json() : region_properties(*region);
    j.push_back(c);
  }
  return j;
}

TEST(WebvttCorpusRoundTrip, PropertiesSurviveAndWritingIsAFixpoint) {
  int files = 0;
  int rejected = 0;
  for (const auto& path : corpus_inputs()) {
    Diagnostics diag;
    Document doc;
    try {
      doc = read_vtt(path, diag);
    } catch (const InputError&) {
      // Only vtt.js has inputs without a valid signature (its file-layout "bad signature" cases).
      EXPECT_NE(path.string().find("mozilla-vttjs/tests/file-layout/"), std::string::npos) << path;
      ++rejected;
      continue;
    }
    ++files;
    Diagnostics write_diag;
    const std::string out = codecs::webvtt::write(doc, {}, write_diag);
    codecs::Source again{"again.vtt", out, out, "UTF-8"};
    Diagnostics again_diag;
    const Document back = codecs::webvtt::read(again, {}, again_diag);
    EXPECT_EQ(properties(back), properties(doc)) << path;
    for (std::size_t i = 0; i < std::min(back.cues.size(), doc.cues.size()); ++i) {
      EXPECT_EQ(back.cues[i].runs, doc.cues[i].runs) << path << " cue " << i;
    }
    EXPECT_EQ(codecs::webvtt::write(back, {}, write_diag), out) << path;
  }
  EXPECT_EQ(files + rejected, static_cast<int>(corpus_inputs().size()));
  EXPECT_GE(files, 340);
  EXPECT_LT(rejected, 10);
}

}  // namespace
}  // namespace kopru::testing::vtt
