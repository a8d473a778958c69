// Every `kopru qa` check and the safe fixes on whatever the SubRip reader makes of arbitrary bytes,
// with and without a source track (the input against itself, shifted): no check may throw or
// crash, every finding names a known check and a cue of the document, and the fixes keep the
// number of cues.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "codecs/registry.h"
#include "pipeline/core/error.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/fixes.h"

namespace {

kopru::Document read_srt(std::string_view bytes) {
  kopru::Diagnostics diag;
  const kopru::codecs::Codec* srt = kopru::codecs::find_codec("srt");
  return srt->read(kopru::codecs::Source{"fuzz.srt", bytes, bytes, "UTF-8"},
                   kopru::codecs::ReadOptions{}, diag);
}

void check(const kopru::Document& doc, const kopru::Document* source, const char* language) {
  kopru::qa::Profile profile = *kopru::qa::builtin_profile("netflix");
  const auto tag = *kopru::LanguageTag::parse(language);
  kopru::qa::apply_language_defaults(profile, tag);
  profile.frame_grid = true;
  profile.glyphs = {{0x20, 0x7E}};
  kopru::qa::Context context(doc, profile);
  context.language = tag;
  context.fps = kopru::FrameRate{30000, 1001};
  context.film_duration = kopru::from_seconds(60);
  context.source = source;
  kopru::qa::measure(context);
  for (const auto& finding : kopru::qa::run_checks(context)) {
    if (kopru::qa::find_check(finding.check) == nullptr || finding.cue > doc.cues.size())
      std::abort();
  }
  std::vector<kopru::qa::Change> changes;
  if (kopru::qa::apply_fixes(context, changes).cues.size() != doc.cues.size())
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kopru::Document doc;
  try {
    doc = read_srt(bytes);
  } catch (const kopru::InputError&) {
    return 0;  // the reader refused it: nothing for QA to check
  }
  kopru::Document shifted = doc;
  for (auto& cue : shifted.cues) {
    cue.start += kopru::from_ms(700);
    cue.end += kopru::from_ms(700);
  }
  check(doc, nullptr, "uz-Latn");
  check(doc, &shifted, "tr");
  check(shifted, &doc, "kk-Cyrl");
  return 0;
}
