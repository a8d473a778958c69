// What a film holds: container, streams with BCP 47 languages and dispositions, chapters,
// attachments. libav reads the container; Kopru's own readers add what libav 5.1 hides
// (Matroska LanguageBCP47 and v4 flags, MP4 elng, WebVTT tracks it calls "unknown").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/diagnostics.h"

namespace kopru::media {

struct StreamInfo {
  int index = 0;
  std::string type;             // "video", "audio", "subtitle", "data", "attachment"
  std::string codec;            // libav's codec name, or the container's id when libav has none
  std::string language;         // BCP 47 ("uz-Latn", "en"); "" when undeclared
  std::string language_source;  // "LanguageBCP47", "elng", "container" (ISO 639-2), ""
  std::string title;
  std::vector<std::string> dispositions;  // "default", "forced", "hearing_impaired", ...
  std::string frame_rate;                 // "24000/1001" (video)
  double start_seconds = 0;
  double duration_seconds = 0;        // 0 when the container does not say
  int width = 0, height = 0;          // video
  int sample_rate = 0, channels = 0;  // audio
  bool text = false;                  // a text subtitle track Kopru can extract
  bool bitmap = false;                // PGS, VobSub, DVB: pictures, need OCR
  std::string filename, mime_type;    // attachments (ASS fonts)
};

struct ChapterInfo {
  double start_seconds = 0;
  double end_seconds = 0;
  std::string title;
};

struct MediaInfo {
  std::string path;
  std::string container;       // libav's format name, e.g. "matroska,webm"
  std::string container_long;  // "Matroska / WebM"
  double duration_seconds = 0;
  std::int64_t bit_rate = 0;
  std::uint64_t size_bytes = 0;
  // The bytes the container says the film has (where the Matroska Segment ends, the furthest
  // sample in the index); 0 when it does not say. More than size_bytes: the file was cut short.
  std::uint64_t declared_bytes = 0;
  std::string title;
  std::vector<StreamInfo> streams;
  std::vector<ChapterInfo> chapters;

  bool cut_short() const { return declared_bytes > size_bytes; }
};

// Throws ParseError for a file libav cannot read as a film; odd but readable details become
// diagnostics.
MediaInfo probe(const std::string& path, Diagnostics& diag);

}  // namespace kopru::media
