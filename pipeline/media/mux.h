// Writes a film with added, dropped or filtered tracks. Picture and sound are stream-copied (no
// re-encode); subtitle documents become the output container's subtitle codec; language tags are
// written in full (Matroska LanguageBCP47, MP4 elng) after libav's mux (container_patch.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"
#include "pipeline/model/language_tag.h"

namespace kopru::media {

struct TrackSettings {
  LanguageTag language;  // empty: "und"
  std::string title;
  bool default_track = false;
  bool forced = false;
  bool hearing_impaired = false;
  bool dub = false;
};

struct AddedSubtitle {
  std::string source;  // for messages
  Document doc;
  TrackSettings settings;
};

struct AddedAudio {
  std::string path;  // any file libav reads; its first audio stream is copied
  TrackSettings settings;
};

struct MuxPlan {
  std::string film;
  std::string output;
  std::vector<int> drop_streams;             // film stream indexes
  std::vector<LanguageTag> keep_only_langs;  // empty: keep all; else audio/subtitle filter
  std::vector<AddedSubtitle> subtitles;
  std::vector<AddedAudio> audio;
};

// One line of what was written, for the CLI's summary.
struct MuxedStream {
  int index = 0;
  std::string type;    // "video", "audio", "subtitle", "attachment", ...
  std::string codec;   // libav codec name
  std::string origin;  // "film #3", "uz.srt", ...
  std::string language;
  std::string title;
};

// Called with 0..1 as the film is read.
using Progress = std::function<void(double)>;

// Writes plan.output through a temporary file in the same folder, renamed on success; on any
// error nothing is left behind. Throws UsageError for a plan the output container cannot take
// (naming the track and what would work), InputError for unreadable inputs.
std::vector<MuxedStream> mux(const MuxPlan& plan, Diagnostics& diag, const Progress& progress = {});

}  // namespace kopru::media
