// What libav 5.1 cannot write, added to a film after libav's mux: Matroska `LanguageBCP47` and
// MP4 `elng`. Both patches leave every other byte where libav put it.
//
// Matroska: libav writes a TrackEntry's Name from the stream title, so the muxer hands libav a
// title padded with reserved bytes (reserve_language_room) and the patch rewrites that Name
// element, in place and at the same size, as Name + LanguageBCP47 + an EBML Void. Tracks keeps its
// size and position, so no SeekHead, Cues or Segment size changes; the Tracks CRC-32 is recomputed.
// This was chosen over moving Tracks to the end of the Segment (mkvpropedit's way) because it never
// moves data and keeps Tracks before the first Cluster, where streaming readers expect it.
//
// MP4: libav writes moov at the end of the file, so an `elng` box can be added after `mdhd` in each
// trak/mdia by rewriting only moov: no chunk offset moves.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kopru::media {

// The title to give libav for a Matroska track that will get a LanguageBCP47 element.
std::string reserve_language_room(std::string_view title, std::string_view bcp47);

struct MatroskaTrackLanguage {
  std::string title;  // the real title ("" for none)
  std::string bcp47;  // "" when the track gets no LanguageBCP47 (its title was not padded)
};

// `tracks[n - 1]` describes TrackNumber n. Also makes sure DocTypeVersion is at least 4.
// Throws InternalError when the file is not what libav was asked to write.
void write_matroska_languages(const std::string& path,
                              const std::vector<MatroskaTrackLanguage>& tracks);

// Adds `elng` (replacing any) to the tracks named by tkhd track_id. The file's moov must be its
// last box.
void write_mp4_languages(const std::string& path,
                         const std::map<std::uint32_t, std::string>& bcp47_by_track_id);

}  // namespace kopru::media
