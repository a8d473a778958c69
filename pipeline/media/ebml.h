// A small EBML reader for the parts of a Matroska/WebM header Kopru needs: libav 5.1 hides
// LanguageBCP47, the Matroska v4 track flags and S_TEXT/WEBVTT tracks, so Kopru reads the
// TrackEntry fields itself. It touches only the EBML header, the Segment's top-level elements up to
// the first Cluster, and whatever SeekHead points to, so a whole film is never loaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kopru::media {

struct MatroskaTrack {
  std::uint64_t number = 0;  // TrackNumber
  std::uint64_t uid = 0;     // TrackUID
  int type = 0;              // TrackType: 1 video, 2 audio, 17 subtitle, ...
  std::string codec_id;      // "S_TEXT/UTF8", "S_TEXT/WEBVTT", "A_AAC", ...
  std::string name;          // Name
  // Language (ISO 639-2/B) as the file says it, "eng" when absent (the spec's default). When
  // language_bcp47 is set, the spec says readers must ignore this field.
  std::string language = "eng";
  std::string language_bcp47;  // LanguageBCP47 (formerly LanguageIETF), "" when absent
  // Present only when the file has the element (a zero-length FlagDefault reads as its default 1).
  std::optional<bool> flag_default, flag_forced, flag_hearing_impaired, flag_visual_impaired,
      flag_text_descriptions, flag_original, flag_commentary;
};

struct MatroskaHeader {
  std::string doc_type;                // "matroska" / "webm"
  std::uint64_t doc_type_version = 0;  // 1 when the EBML header omits it (the spec's default)
  std::vector<MatroskaTrack> tracks;   // empty when the file has no Tracks element
  // Where the Segment's declared size says the film ends; 0 when the size is unknown (live
  // streams). A file shorter than this was cut short.
  std::uint64_t segment_end = 0;
};

// Returns up to `size` bytes at `offset`; fewer (possibly none) at the end of the file.
using ReadAt = std::function<std::string(std::uint64_t offset, std::size_t size)>;

// Reads the EBML header and the Segment's Tracks element (following SeekHead when Tracks is not
// before the first Cluster). Throws kopru::ParseError (location {path, 0, 0, byte_offset}, the
// offset also quoted in the message) on malformed data. Buffered elements are capped (EBML header
// 64 KiB, SeekHead 1 MiB, Tracks 16 MiB, 4096 tracks), so hostile sizes cannot exhaust memory.
MatroskaHeader read_matroska_header(const ReadAt& read_at, const std::string& path);
// Convenience: reads from a file; throws kopru::EnvironmentError when it cannot be opened.
MatroskaHeader read_matroska_header(const std::string& path);

}  // namespace kopru::media
