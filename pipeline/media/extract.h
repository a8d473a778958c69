// Text subtitle tracks out of a film. Each track's packets are written back as the text file its
// codec stands for (SubRip, ASS, WebVTT; mov_text as SubRip), so the codec's own Kopru reader
// parses it: one model, one parser per format.
#pragma once
#include <string>
#include <vector>

#include "pipeline/core/diagnostics.h"

namespace kopru::media {

struct ExtractedTrack {
  int index = 0;
  std::string format;  // the Kopru codec that reads `text`: "srt", "ass", "vtt"
  std::string text;    // the track as a file of that format
  std::size_t cues = 0;
};

// Reads the film once and returns the given subtitle streams. Throws UsageError for a stream that
// is not a text subtitle track (bitmap tracks are named as such: they need OCR).
// `webvtt_streams` names streams that Kopru's own container readers know to be WebVTT where libav
// 5.1 says "unknown" (Matroska S_TEXT/WEBVTT): their packets are read as WebVTT cue text.
std::vector<ExtractedTrack> extract_tracks(const std::string& path, const std::vector<int>& streams,
                                           Diagnostics& diag,
                                           const std::vector<int>& webvtt_streams = {});

}  // namespace kopru::media
