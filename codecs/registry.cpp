#include "codecs/registry.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "codecs/ass/ass.h"
#include "codecs/json/json.h"
#include "codecs/microdvd/microdvd.h"
#include "codecs/sbv/sbv.h"
#include "codecs/scc/scc.h"
#include "codecs/srt/srt.h"
#include "codecs/stl/stl.h"
#include "codecs/ttml/ttml.h"
#include "codecs/webvtt/webvtt.h"

namespace kopru::codecs {

namespace {

// clang-format off
constexpr std::array kCodecs = {
  //    name        description                 extensions      binary probe            read            write            caps
  Codec{"srt",      "SubRip",                   "srt",          false, &srt::probe,      &srt::read,      &srt::write,      &srt::caps, &srt::read_stream, &srt::make_writer},
  Codec{"vtt",      "WebVTT",                   "vtt webvtt",   false, &webvtt::probe,   &webvtt::read,   &webvtt::write,   &webvtt::caps, nullptr, &webvtt::make_writer},
  Codec{"ass",      "Advanced SubStation Alpha / SSA v4", "ass ssa", false, &ass::probe, &ass::read,      &ass::write,      &ass::caps},
  Codec{"microdvd", "MicroDVD",                 "sub",          false, &microdvd::probe, &microdvd::read, &microdvd::write, &microdvd::caps},
  Codec{"sbv",      "YouTube SBV",              "sbv",          false, &sbv::probe,      &sbv::read,      &sbv::write,      &sbv::caps},
  Codec{"ttml",     "TTML 1 (W3C Timed Text)",  "ttml xml",     false, &ttml::probe,     &ttml::read,     &ttml::write_ttml1, &ttml::caps},
  Codec{"dfxp",     "DFXP (TTML 1 for legacy platforms)", "dfxp", false, &ttml::probe_dfxp, &ttml::read, &ttml::write_dfxp, &ttml::caps},
  Codec{"imsc",     "IMSC 1.1 Text profile",    "imsc.ttml",    false, &ttml::probe_imsc, &ttml::read,    &ttml::write_imsc, &ttml::caps},
  Codec{"ebu-tt-d", "EBU-TT-D (EBU Tech 3380)", "ebu-tt-d.xml", false, &ttml::probe_ebu_tt_d, &ttml::read, &ttml::write_ebu_tt_d, &ttml::caps_ebu_tt_d},
  Codec{"stl",      "EBU STL (Tech 3264)",      "stl",          true,  &stl::probe,      &stl::read,      &stl::write,      &stl::caps, nullptr, nullptr, &stl::repertoire},
  Codec{"scc",      "Scenarist SCC (CEA-608)",  "scc",          false, &scc::probe,      &scc::read,      &scc::write,      &scc::caps, nullptr, nullptr, &scc::repertoire},
  Codec{"json",     "Kopru JSON",               "json",         false, &json::probe,     &json::read,     &json::write,     &json::caps},
};
// clang-format on

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::span<const Codec> all_codecs() {
  return kCodecs;
}

const Codec* find_codec(std::string_view name) {
  const std::string wanted = lower(name);
  for (const auto& codec : kCodecs) {
    if (codec.name == wanted)
      return &codec;
  }
  // Accept any extension as a name too ("webvtt", "ssa", "sub").
  return codec_for_extension(wanted);
}

const Codec* codec_for_extension(std::string_view extension) {
  if (extension.empty())
    return nullptr;
  for (const auto& codec : kCodecs) {
    if (codec.has_extension(extension))
      return &codec;
  }
  return nullptr;
}

const Codec* detect_codec(std::string_view text_head, std::string_view byte_head,
                          std::string_view extension, int* score) {
  const Codec* best = nullptr;
  int best_score = 0;
  for (const auto& codec : kCodecs) {
    const int s = codec.probe(codec.binary ? byte_head : text_head, extension);
    if (s > best_score) {
      best = &codec;
      best_score = s;
    }
  }
  if (score != nullptr)
    *score = best_score;
  return best;
}

}  // namespace kopru::codecs
