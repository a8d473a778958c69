#include "pipeline/media/mp4_boxes.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>

#include "pipeline/core/error.h"

namespace kopru::media {
namespace {

constexpr std::size_t kMaxTracks = 4096;

// Apple's Macintosh language codes (Script.h), as ISO 639-2/T; "" where no code fits.
constexpr std::array<std::string_view, 95> kMacLanguages = {
    "eng", "fra", "deu", "ita", "nld", "swe", "spa", "dan", "por", "nor",  // 0-9
    "heb", "jpn", "ara", "fin", "ell", "isl", "mlt", "tur", "hrv", "zho",  // 10-19
    "urd", "hin", "tha", "kor", "lit", "pol", "hun", "est", "lav", "sme",  // 20-29
    "fao", "fas", "rus", "zho", "nld", "gle", "sqi", "ron", "ces", "slk",  // 30-39
    "slv", "yid", "srp", "mkd", "bul", "ukr", "bel", "uzb", "kaz", "aze",  // 40-49
    "aze", "hye", "kat", "ron", "kir", "tgk", "tuk", "mon", "mon", "pus",  // 50-59
    "kur", "kas", "snd", "bod", "nep", "san", "mar", "ben", "asm", "guj",  // 60-69
    "pan", "ori", "mal", "kan", "tam", "tel", "sin", "mya", "khm", "lao",  // 70-79
    "vie", "ind", "tgl", "msa", "msa", "amh", "tir", "orm", "som", "swa",  // 80-89
    "kin", "run", "nya", "mlg", "epo",                                     // 90-94
};
constexpr std::array<std::string_view, 23> kMacLanguages128 = {
    "cym", "eus", "cat", "lat", "que", "grn", "aym", "tat", "uig", "dzo",  // 128-137
    "jav", "sun", "glg", "afr", "bre", "iku", "gla", "glv", "gle", "ton",  // 138-147
    "ell", "kal", "aze",                                                   // 148-150
};

std::uint32_t be32(std::string_view s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i)
    v = (v << 8U) | static_cast<unsigned char>(s[at + i]);
  return v;
}

std::uint64_t be64(std::string_view s, std::size_t at) {
  return (std::uint64_t{be32(s, at)} << 32U) | be32(s, at + 4);
}

// A four-character code as text a user can read in a message ("\xA9nam" style escapes).
std::string printable_type(std::string_view type) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : type) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) {
      out += c;
    } else {
      out += "\\x";
      out += kHex[u >> 4U];
      out += kHex[u & 0xFU];
    }
  }
  return out;
}

[[noreturn]] void fail(const std::string& path, std::uint64_t offset, const std::string& message) {
  SourceLocation where;
  where.path = path;
  where.byte_offset = static_cast<std::int64_t>(
      std::min<std::uint64_t>(offset, std::numeric_limits<std::int64_t>::max()));
  throw ParseError("MP4: " + message + " (at byte " + std::to_string(offset) + ")", where);
}

struct BoxHeader {
  std::string type;
  std::uint64_t size = 0;  // whole box, header included; 0 = extends to the end of the file
  std::size_t header_size = 8;
};

// Parses a box header from `bytes` (which must hold at least 8 bytes; 16 for a largesize).
// Returns false when `bytes` is too short for the header it announces.
bool parse_header(std::string_view bytes, BoxHeader& out) {
  if (bytes.size() < 8)
    return false;
  out.size = be32(bytes, 0);
  out.type = std::string(bytes.substr(4, 4));
  out.header_size = 8;
  if (out.size == 1) {
    if (bytes.size() < 16)
      return false;
    out.size = be64(bytes, 8);
    out.header_size = 16;
  }
  return true;
}

// One box inside an in-memory parent: its type, payload and where it starts in the file.
struct Box {
  std::string type;
  std::string_view payload;
  std::uint64_t offset = 0;
};

// The children of a container payload, checked against the parent's bounds.
class Children {
 public:
  Children(std::string_view payload, std::uint64_t offset, const std::string& path)
      : rest_(payload), offset_(offset), path_(path) {}

  bool next(Box& box) {
    if (rest_.size() < 8) {
      // QuickTime lets a udta end with a 32-bit zero; anything else left over is damage.
      if (rest_.find_first_not_of('\0') != std::string_view::npos)
        fail(path_, offset_, std::to_string(rest_.size()) + " stray bytes after the last box");
      return false;
    }
    BoxHeader header;
    if (!parse_header(rest_, header))
      fail(path_, offset_, "truncated 64-bit box header");
    const std::uint64_t size = header.size == 0 ? rest_.size() : header.size;
    if (size < header.header_size)
      fail(path_, offset_,
           "box '" + printable_type(header.type) + "' has an impossible size " +
               std::to_string(size));
    if (size > rest_.size())
      fail(path_, offset_,
           "box '" + printable_type(header.type) + "' claims " + std::to_string(size) +
               " bytes but its parent has only " + std::to_string(rest_.size()) + " left");
    const auto length = static_cast<std::size_t>(size);
    box.type = header.type;
    box.payload = rest_.substr(header.header_size, length - header.header_size);
    box.offset = offset_;
    rest_.remove_prefix(length);
    offset_ += length;
    return true;
  }

 private:
  std::string_view rest_;
  std::uint64_t offset_;
  const std::string& path_;
};

// Checks that a box payload holds `needed` bytes.
void require(const Box& box, std::size_t needed, const std::string& path) {
  if (box.payload.size() < needed)
    fail(path, box.offset,
         "box '" + printable_type(box.type) + "' is too short (" +
             std::to_string(box.payload.size()) + " bytes of content, needs " +
             std::to_string(needed) + ")");
}

// A string that ends at the first NUL or at the end of the payload.
std::string c_string(std::string_view bytes) {
  return std::string(bytes.substr(0, bytes.find('\0')));
}

std::string language_from_code(std::uint16_t code) {
  if (code < 0x400) {
    std::string_view mac;
    if (code < kMacLanguages.size())
      mac = kMacLanguages[code];
    else if (code >= 128 && code - 128U < kMacLanguages128.size())
      mac = kMacLanguages128[code - 128U];
    return mac.empty() ? "und" : std::string(mac);
  }
  std::string iso;
  for (const unsigned shift : {10U, 5U, 0U}) {
    const unsigned letter = (code >> shift) & 0x1FU;
    if (letter < 1 || letter > 26)
      return "und";  // includes QuickTime's 0x7FFF "unspecified"
    iso += static_cast<char>('a' + letter - 1);
  }
  return iso;
}

void read_mdhd(const Box& box, Mp4Track& track, const std::string& path) {
  require(box, 4, path);
  const std::size_t at = box.payload[0] == 1 ? 4 + 28 : 4 + 16;
  require(box, at + 2, path);
  const auto raw = static_cast<std::uint16_t>(((static_cast<unsigned char>(box.payload[at]) << 8U) |
                                               static_cast<unsigned char>(box.payload[at + 1])) &
                                              0x7FFFU);
  track.language_code = raw;
  track.language = language_from_code(raw);
}

void read_elng(const Box& box, Mp4Track& track, const std::string& path) {
  require(box, 4, path);
  std::string tag = c_string(box.payload.substr(4));
  for (const char c : tag) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok)
      fail(path, box.offset,
           "elng box holds \"" + printable_type(tag) + "\", which is not a BCP 47 language tag");
  }
  track.language_bcp47 = std::move(tag);
}

// QuickTime writes the hdlr name as a counted (Pascal) string, ISO as a NUL-terminated one.
std::string hdlr_name(std::string_view component_type, std::string_view name) {
  if (component_type == "mhlr" && !name.empty()) {
    const auto count = static_cast<unsigned char>(name[0]);
    if (count + 1U <= name.size())
      return std::string(name.substr(1, count));
  }
  return c_string(name);
}

void read_hdlr(const Box& box, Mp4Track& track, const std::string& path) {
  require(box, 12, path);
  track.handler = std::string(box.payload.substr(8, 4));
  if (track.name.empty() && box.payload.size() > 24)
    track.name = hdlr_name(box.payload.substr(4, 4), box.payload.substr(24));
}

void read_stsd(const Box& box, Mp4Track& track, const std::string& path) {
  require(box, 8, path);
  if (be32(box.payload, 4) == 0)
    return;
  Children entries(box.payload.substr(8), box.offset + 8, path);
  Box entry;
  if (entries.next(entry))
    track.sample_entry = entry.type;
}

void read_stbl(const Box& stbl, Mp4Track& track, const std::string& path) {
  Children children(stbl.payload, stbl.offset + 8, path);
  for (Box box; children.next(box);) {
    if (box.type == "stsd")
      read_stsd(box, track, path);
  }
}

void read_minf(const Box& minf, Mp4Track& track, const std::string& path) {
  Children children(minf.payload, minf.offset + 8, path);
  for (Box box; children.next(box);) {
    if (box.type == "stbl")
      read_stbl(box, track, path);
  }
}

void read_mdia(const Box& mdia, Mp4Track& track, const std::string& path) {
  Children children(mdia.payload, mdia.offset + 8, path);
  for (Box box; children.next(box);) {
    if (box.type == "mdhd")
      read_mdhd(box, track, path);
    else if (box.type == "elng")
      read_elng(box, track, path);
    else if (box.type == "hdlr")
      read_hdlr(box, track, path);
    else if (box.type == "minf")
      read_minf(box, track, path);
  }
}

std::string udta_name(const Box& udta, const std::string& path) {
  std::string name;
  Children children(udta.payload, udta.offset + 8, path);
  for (Box box; children.next(box);) {
    if (box.type == "name")
      name = c_string(box.payload);
  }
  return name;
}

void read_tkhd(const Box& box, Mp4Track& track, const std::string& path) {
  require(box, 4, path);
  const std::size_t at = box.payload[0] == 1 ? 4 + 16 : 4 + 8;
  require(box, at + 4, path);
  track.track_id = be32(box.payload, at);
}

Mp4Track read_trak(const Box& trak, const std::string& path) {
  Mp4Track track;
  std::string user_name;
  Children children(trak.payload, trak.offset + 8, path);
  for (Box box; children.next(box);) {
    if (box.type == "tkhd") {
      read_tkhd(box, track, path);
    } else if (box.type == "mdia") {
      read_mdia(box, track, path);
    } else if (box.type == "udta") {
      user_name = udta_name(box, path);
    }
  }
  if (!user_name.empty())
    track.name = user_name;
  return track;
}

void read_moov(std::string_view payload, std::uint64_t offset, const std::string& path,
               Mp4Header& header) {
  Children children(payload, offset, path);
  for (Box box; children.next(box);) {
    if (box.type != "trak")
      continue;
    if (header.tracks.size() == kMaxTracks)
      fail(path, box.offset, "more than " + std::to_string(kMaxTracks) + " tracks");
    header.tracks.push_back(read_trak(box, path));
  }
}

}  // namespace

Mp4Header read_mp4_header(const std::function<std::string(std::uint64_t, std::size_t)>& read_at,
                          const std::string& path) {
  Mp4Header header;
  bool seen_mdat = false;
  std::uint64_t offset = 0;
  BoxHeader last;
  std::uint64_t last_offset = 0;
  for (;;) {
    const std::string head = read_at(offset, 16);
    if (head.empty())
      break;
    BoxHeader box;
    if (!parse_header(head, box))
      fail(path, offset, "truncated box header (" + std::to_string(head.size()) + " bytes)");
    const bool to_end = box.size == 0;
    if (!to_end && box.size < box.header_size)
      fail(path, offset,
           "box '" + printable_type(box.type) + "' has an impossible size " +
               std::to_string(box.size));
    const std::uint64_t payload_offset = offset + box.header_size;
    if (box.type == "ftyp" && header.major_brand.empty()) {
      const std::string brand = read_at(payload_offset, 4);
      if (brand.size() < 4 || (!to_end && box.size < box.header_size + 4))
        fail(path, offset, "ftyp box is too short for a major brand");
      header.major_brand = brand;
    } else if (box.type == "mdat") {
      seen_mdat = true;
    } else if (box.type == "moov") {
      const std::uint64_t payload_size = to_end ? kMaxMoovBytes + 1 : box.size - box.header_size;
      if (!to_end && payload_size > kMaxMoovBytes)
        fail(path, offset,
             "moov box is " + std::to_string(box.size) + " bytes; Kopru reads at most " +
                 std::to_string(kMaxMoovBytes >> 20U) + " MiB");
      const std::string payload = read_at(payload_offset, static_cast<std::size_t>(payload_size));
      if (to_end && payload.size() > kMaxMoovBytes)
        fail(path, offset, "moov box runs to the end of a file larger than 64 MiB");
      if (!to_end && payload.size() < payload_size)
        fail(path, offset,
             "file ends inside the moov box (" + std::to_string(payload.size()) + " of " +
                 std::to_string(payload_size) + " bytes present)");
      header.moov_first = !seen_mdat;
      read_moov(payload, payload_offset, path, header);
      return header;
    }
    if (to_end)
      break;
    if (box.size > std::numeric_limits<std::uint64_t>::max() - offset)
      fail(path, offset, "box '" + printable_type(box.type) + "' size overflows the file");
    last = box;
    last_offset = offset;
    offset += box.size;
  }
  if (offset > 0 && read_at(offset - 1, 1).empty())
    fail(path, last_offset,
         "no moov box: box '" + printable_type(last.type) + "' claims " +
             std::to_string(last.size) +
             " bytes, past the end of the file (not an MP4/MOV file, or a truncated one)");
  fail(path, offset, "no moov box: not an MP4/MOV file, or a truncated one");
}

Mp4Header read_mp4_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw EnvironmentError(path + ": cannot open: " + std::strerror(errno));
  const auto read_at = [&in](std::uint64_t offset, std::size_t size) {
    std::string out;
    in.clear();
    if (offset > static_cast<std::uint64_t>(std::numeric_limits<std::streamoff>::max()))
      return out;
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in)
      return out;
    // Grow in steps so a size field claiming far more than the file holds allocates little.
    constexpr std::size_t kChunk = 1U << 20U;
    while (out.size() < size) {
      const std::size_t want = std::min(kChunk, size - out.size());
      const std::size_t old = out.size();
      out.resize(old + want);
      in.read(out.data() + old, static_cast<std::streamsize>(want));
      out.resize(old + static_cast<std::size_t>(in.gcount()));
      if (static_cast<std::size_t>(in.gcount()) < want)
        break;
    }
    return out;
  };
  return read_mp4_header(read_at, path);
}

std::string make_elng_box(std::string_view bcp47) {
  if (bcp47.find('\0') != std::string_view::npos)
    throw InternalError("make_elng_box: language tag holds a NUL byte");
  const std::size_t size = 8 + 4 + bcp47.size() + 1;
  std::string box;
  for (const unsigned shift : {24U, 16U, 8U, 0U})
    box += static_cast<char>((size >> shift) & 0xFFU);
  box += "elng";
  box.append(4, '\0');  // version 0, flags 0
  box += bcp47;
  box += '\0';
  return box;
}

}  // namespace kopru::media
