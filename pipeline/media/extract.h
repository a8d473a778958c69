// Text subtitle tracks out of a film. Each track's packets are written back as the text file its
// codec stands for (SubRip, ASS, WebVTT; mov_text as ASS dialogue), so the codec's own Kopru reader
// parses it: one model, one parser per format.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"

namespace kopru::media {

struct ExtractedTrack {
  int index = 0;
  std::string format;  // the Kopru codec that reads `text`: "srt", "ass", "vtt"
  // What the track is saved as by default: its own format; SubRip for mov_text, which is read
  // through ASS text (libav's decoder writes tx3g styles as ASS override tags).
  std::string output_format;
  std::string text;  // the track as a file of that format
  std::size_t cues = 0;
  // mov_text: each cue's exact start and end in milliseconds, which the ASS text (centiseconds)
  // cannot hold; restored by restore_track_details().
  std::vector<std::pair<std::int64_t, std::int64_t>> exact_ms;
};

// What the text form of a track cannot say (mov_text): gives the cues read from `track.text`
// their exact times, and leaves the style libav's decoder names "Default" as the document's
// default rather than a per-cue style, so SubRip output does not report it cue by cue.
void restore_track_details(Document& doc, const ExtractedTrack& track);

// Reads the film once and returns the given subtitle streams. Throws UsageError for a stream that
// is not a text subtitle track (bitmap tracks are named as such: they need OCR).
// `webvtt_streams` names streams that Kopru's own container readers know to be WebVTT where libav
// 5.1 says "unknown" (Matroska S_TEXT/WEBVTT): their packets are read as WebVTT cue text.
std::vector<ExtractedTrack> extract_tracks(const std::string& path, const std::vector<int>& streams,
                                           Diagnostics& diag,
                                           const std::vector<int>& webvtt_streams = {});

}  // namespace kopru::media
