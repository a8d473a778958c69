// A Kopru document as the packets of a container's subtitle track. Each codec's packet layout is
// built from the text Kopru's own writer produces for that format, so markup is written by one
// writer per format; mov_text goes through libav's own encoder from ASS dialogue text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/diagnostics.h"
#include "pipeline/model/document.h"

namespace kopru::media {

enum class SubtitleCodec { subrip, ass, webvtt, mov_text };

// "subrip", "ass", "webvtt", "mov_text": libav's codec names.
const char* codec_name(SubtitleCodec codec);

struct SubtitlePacket {
  std::int64_t start_ms = 0;
  std::int64_t duration_ms = 0;
  std::string data;
  std::string webvtt_id;        // WebVTT cue identifier (packet side data)
  std::string webvtt_settings;  // WebVTT cue settings (packet side data)
};

struct SubtitleTrack {
  SubtitleCodec codec = SubtitleCodec::subrip;
  std::string extradata;                // ASS script header; the mov_text sample description
  std::vector<SubtitlePacket> packets;  // in start order
};

// What a container takes: Matroska keeps SubRip, ASS and WebVTT as they are and carries every
// other source format as SubRip; MP4 and MOV carry mov_text only.
SubtitleCodec subtitle_codec_for(const Document& doc, bool mp4_family);

// Builds the packets. Everything the codec cannot carry is a diagnostic (code "mux-lossy-...",
// naming the cue); cues the container cannot show (ASS comments) are reported and left out.
SubtitleTrack encode_subtitles(const Document& doc, SubtitleCodec codec, Diagnostics& diag);

}  // namespace kopru::media
