// A small ISO-BMFF (MP4 / QuickTime MOV) header reader that returns each track's language data,
// including the extended language box `elng`, which libav 5.1 neither reads nor writes.
//
// Only box headers are walked at the top level (mdat is skipped by seeking, never loaded); the
// whole `moov` (at most 64 MiB) is then read and parsed from memory. Fragmented files (moov with
// mvex, moof later) need nothing special: the track list is in moov.
//
// mdhd language: values >= 0x400 are the packed ISO 639-2/T code; 0x7FFF (QuickTime
// "unspecified") and codes with letters outside a-z give "und". Values < 0x400 are old Macintosh
// language codes (QuickTime): the codes Apple defined (0..94, 128..150) map to their ISO 639-2/T
// code, so 0 is "eng"; any other gives "und". The raw value is always kept in `language_code`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kopru::media {

struct Mp4Track {
  std::uint32_t track_id = 0;    // tkhd
  std::string handler;           // hdlr handler_type: "vide", "soun", "sbtl", "text", ...
  std::string sample_entry;      // first stsd entry type: "avc1", "mp4a", "tx3g", "wvtt", ...
  std::string language = "und";  // mdhd ISO 639-2/T (3 letters), "und" when unknown/absent
  std::uint16_t language_code = 0x55C4;  // the raw 15-bit mdhd value ("und" when absent)
  std::string language_bcp47;            // elng box in mdia, "" when absent
  std::string name;  // trak/udta/name, else the hdlr name; raw bytes, best effort
};

struct Mp4Header {
  std::string major_brand;  // ftyp; "" when the file has none (old QuickTime)
  bool moov_first = false;  // moov before any mdat (faststart, or an init segment)
  std::vector<Mp4Track> tracks;
};

// The largest moov the reader loads.
inline constexpr std::uint64_t kMaxMoovBytes = 64U << 20U;

// `read_at(offset, size)` returns up to `size` bytes at `offset` (fewer at the end of the file).
// Throws kopru::ParseError (location: path and byte offset) on malformed or truncated data, or when
// there is no moov.
Mp4Header read_mp4_header(const std::function<std::string(std::uint64_t, std::size_t)>& read_at,
                          const std::string& path);
// Same over a file; kopru::EnvironmentError when it cannot be opened.
Mp4Header read_mp4_header(const std::string& path);

// The bytes of an `elng` box (FullBox version 0, flags 0, NUL-terminated tag) to insert in mdia
// after mdhd. Throws kopru::InternalError when the tag holds a NUL (the caller validates tags).
std::string make_elng_box(std::string_view bcp47);

}  // namespace kopru::media
