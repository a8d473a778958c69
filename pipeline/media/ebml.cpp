#include "pipeline/media/ebml.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>

#include "pipeline/core/error.h"

namespace kopru::media {

namespace {

// Element IDs from the Matroska specification's ebml_matroska.xml (and RFC 8794 for EBML).
constexpr std::uint32_t kEbml = 0x1A45DFA3;
constexpr std::uint32_t kDocType = 0x4282;
constexpr std::uint32_t kDocTypeVersion = 0x4287;
constexpr std::uint32_t kSegment = 0x18538067;
constexpr std::uint32_t kSeekHead = 0x114D9B74;
constexpr std::uint32_t kSeek = 0x4DBB;
constexpr std::uint32_t kSeekId = 0x53AB;
constexpr std::uint32_t kSeekPosition = 0x53AC;
constexpr std::uint32_t kCluster = 0x1F43B675;
constexpr std::uint32_t kTracks = 0x1654AE6B;
constexpr std::uint32_t kTrackEntry = 0xAE;
constexpr std::uint32_t kTrackNumber = 0xD7;
constexpr std::uint32_t kTrackUid = 0x73C5;
constexpr std::uint32_t kTrackType = 0x83;
constexpr std::uint32_t kCodecId = 0x86;
constexpr std::uint32_t kName = 0x536E;
constexpr std::uint32_t kLanguage = 0x22B59C;
constexpr std::uint32_t kLanguageBcp47 = 0x22B59D;
constexpr std::uint32_t kFlagDefault = 0x88;
constexpr std::uint32_t kFlagForced = 0x55AA;
constexpr std::uint32_t kFlagHearingImpaired = 0x55AB;
constexpr std::uint32_t kFlagVisualImpaired = 0x55AC;
constexpr std::uint32_t kFlagTextDescriptions = 0x55AD;
constexpr std::uint32_t kFlagOriginal = 0x55AE;
constexpr std::uint32_t kFlagCommentary = 0x55AF;
// Void (0xEC) and CRC-32 (0xBF) may appear in any master; like every ID not listed above they are
// skipped by their size.

// Limits on what is buffered, far above anything a real muxer writes.
constexpr std::size_t kMaxEbmlHeaderBytes = 64U << 10U;
constexpr std::size_t kMaxSeekHeadBytes = 1U << 20U;
constexpr std::size_t kMaxTracksBytes = 16U << 20U;
constexpr std::size_t kMaxTracks = 4096;
// Bounds the byte-by-byte walk (one read per element) a file of tiny elements could force.
constexpr int kMaxTopLevelElements = 4096;
constexpr int kMaxSeekHeads = 8;
// A header is at most a 4-byte ID plus an 8-byte size.
constexpr std::size_t kMaxHeaderBytes = 12;

struct Element {
  std::uint32_t id = 0;
  std::uint64_t offset = 0;  // of the ID
  std::uint64_t data = 0;    // of the payload
  std::uint64_t size = 0;    // payload bytes; meaningless when unknown_size
  bool unknown_size = false;
};

std::string hex_id(std::uint32_t id) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%X", static_cast<unsigned>(id));
  return buf;
}

std::string element_name(std::uint32_t id) {
  switch (id) {
    case kEbml:
      return "EBML header";
    case kSegment:
      return "Segment";
    case kSeekHead:
      return "SeekHead";
    case kCluster:
      return "Cluster";
    case kTracks:
      return "Tracks";
    case kTrackEntry:
      return "TrackEntry";
    default:
      return "element " + hex_id(id);
  }
}

std::string hex_bytes(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < 8; ++i) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%s%02X", i == 0 ? "" : " ",
                  static_cast<unsigned>(static_cast<unsigned char>(bytes[i])));
    out += buf;
  }
  return out.empty() ? "end of file" : out;
}

[[noreturn]] void fail(const std::string& path, std::uint64_t offset, const std::string& message) {
  const auto clamped = static_cast<std::int64_t>(
      std::min<std::uint64_t>(offset, std::numeric_limits<std::int64_t>::max()));
  throw ParseError("Matroska: " + message + " at byte " + std::to_string(offset),
                   SourceLocation{path, 0, 0, clamped});
}

// Adds offsets taken from the file, which may be hostile enough to overflow.
std::uint64_t checked_add(std::uint64_t a, std::uint64_t b, const std::string& path,
                          std::uint64_t where) {
  if (b > std::numeric_limits<std::uint64_t>::max() - a)
    fail(path, where, "element size or position is too large");
  return a + b;
}

// Decodes an element header (ID and data size, both EBML variable-length integers) from the start
// of `bytes`, which were read at `offset`.
Element parse_header(std::string_view bytes, std::uint64_t offset, const std::string& path) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  // The position of the first set bit of the first byte gives the length.
  const auto vint_length = [&](std::size_t at, int max_length) {
    const unsigned first = byte(at);
    for (int length = 1; length <= max_length; ++length) {
      if ((first & (0x80U >> static_cast<unsigned>(length - 1))) != 0)
        return length;
    }
    return 0;
  };
  if (bytes.empty())
    fail(path, offset, "unexpected end of file, expected an element");
  const int id_length = vint_length(0, 4);
  if (id_length == 0)
    fail(path, offset, "invalid element ID (found " + hex_bytes(bytes) + ")");
  if (bytes.size() < static_cast<std::size_t>(id_length) + 1)
    fail(path, offset, "file ends inside an element header");
  Element element;
  element.offset = offset;
  for (int i = 0; i < id_length; ++i)
    element.id = (element.id << 8U) | byte(static_cast<std::size_t>(i));
  const auto id_bytes = static_cast<std::size_t>(id_length);
  const int size_length = vint_length(id_bytes, 8);
  if (size_length == 0)
    fail(path, offset,
         "invalid size for " + element_name(element.id) + " (found " +
             hex_bytes(bytes.substr(id_bytes)) + ")");
  const auto size_bytes = static_cast<std::size_t>(size_length);
  if (bytes.size() < id_bytes + size_bytes)
    fail(path, offset, "file ends inside the header of " + element_name(element.id));
  // The length marker bit is not part of the value.
  const std::uint64_t marker = 0x80U >> (size_bytes - 1);
  std::uint64_t value = byte(id_bytes) & (marker - 1);
  for (std::size_t i = 1; i < size_bytes; ++i)
    value = (value << 8U) | byte(id_bytes + i);
  const std::uint64_t all_ones = (std::uint64_t{1} << (7 * size_bytes)) - 1;
  element.unknown_size = value == all_ones;
  element.size = value;
  element.data = checked_add(offset, id_bytes + size_bytes, path, offset);
  return element;
}

// Calls fn(element, payload) for each child of a buffered master element.
template <typename Fn>
void for_each_child(std::string_view body, std::uint64_t body_offset, const std::string& path,
                    Fn&& fn) {
  std::size_t pos = 0;
  while (pos < body.size()) {
    const Element child = parse_header(body.substr(pos), body_offset + pos, path);
    if (child.unknown_size)
      fail(
          path, child.offset,
          element_name(child.id) + " has an unknown size, which only Segment and Cluster may have");
    const auto header_length = static_cast<std::size_t>(child.data - child.offset);
    const std::size_t room = body.size() - pos - header_length;
    if (child.size > room)
      fail(path, child.offset,
           element_name(child.id) + " of " + std::to_string(child.size) +
               " bytes runs past the end of its parent (" + std::to_string(room) + " bytes left)");
    fn(child, body.substr(pos + header_length, static_cast<std::size_t>(child.size)));
    pos += header_length + static_cast<std::size_t>(child.size);
  }
}

// An empty unsigned integer element has its default value (RFC 8794 section 7.2).
std::uint64_t read_uint(const Element& element, std::string_view payload, const std::string& path,
                        std::uint64_t default_value = 0) {
  if (payload.empty())
    return default_value;
  if (payload.size() > 8)
    fail(path, element.offset,
         element_name(element.id) + " is an integer of " + std::to_string(payload.size()) +
             " bytes, at most 8 are allowed");
  std::uint64_t value = 0;
  for (const char c : payload)
    value = (value << 8U) | static_cast<unsigned char>(c);
  return value;
}

// Strings may be padded with NULs after their content.
std::string read_string(std::string_view payload) {
  return std::string(payload.substr(0, payload.find('\0')));
}

class Reader {
 public:
  Reader(const ReadAt& read_at, const std::string& path) : read_at_(read_at), path_(path) {}

  MatroskaHeader run() {
    MatroskaHeader header;
    const Element ebml = read_ebml_header(header);
    const Element segment = find_segment(ebml);
    if (!segment.unknown_size)
      header.segment_end = end_of(segment);
    find_tracks(segment, header);
    return header;
  }

 private:
  std::string read(std::uint64_t offset, std::size_t size) {
    std::string bytes = read_at_(offset, size);
    if (bytes.size() > size)
      bytes.resize(size);
    return bytes;
  }

  // The header at `offset`, or nothing at the end of the file.
  std::optional<Element> header_at(std::uint64_t offset) {
    const std::string bytes = read(offset, kMaxHeaderBytes);
    if (bytes.empty())
      return std::nullopt;
    return parse_header(bytes, offset, path_);
  }

  std::uint64_t end_of(const Element& element) {
    return checked_add(element.data, element.size, path_, element.offset);
  }

  std::string payload_of(const Element& element, std::size_t limit) {
    const std::string name = element_name(element.id);
    if (element.unknown_size)
      fail(path_, element.offset,
           name + " has an unknown size, which only Segment and Cluster may have");
    if (element.size > limit)
      fail(path_, element.offset,
           name + " is " + std::to_string(element.size) + " bytes, more than the limit of " +
               std::to_string(limit));
    const auto size = static_cast<std::size_t>(element.size);
    std::string payload = read(element.data, size);
    if (payload.size() < size)
      fail(path_, element.offset,
           "file ends inside " + name + " (" + std::to_string(size) + " bytes declared, " +
               std::to_string(payload.size()) + " present)");
    return payload;
  }

  Element read_ebml_header(MatroskaHeader& header) {
    const std::string magic = read(0, 4);
    if (magic != "\x1A\x45\xDF\xA3")
      fail(path_, 0,
           "not a Matroska/WebM file: expected the EBML header 1A 45 DF A3, found " +
               hex_bytes(magic));
    const Element ebml = *header_at(0);
    const std::string body = payload_of(ebml, kMaxEbmlHeaderBytes);
    header.doc_type = "matroska";
    header.doc_type_version = 1;
    for_each_child(body, ebml.data, path_, [&](const Element& child, std::string_view payload) {
      if (child.id == kDocType)
        header.doc_type = read_string(payload);
      else if (child.id == kDocTypeVersion)
        header.doc_type_version = read_uint(child, payload, path_, 1);
    });
    if (header.doc_type != "matroska" && header.doc_type != "webm")
      fail(path_, ebml.offset,
           "unsupported DocType \"" + header.doc_type + "\", expected \"matroska\" or \"webm\"");
    return ebml;
  }

  Element find_segment(const Element& ebml) {
    std::uint64_t pos = end_of(ebml);
    for (int count = 0; count < kMaxTopLevelElements; ++count) {
      const std::optional<Element> element = header_at(pos);
      if (!element)
        fail(path_, pos, "no Segment after the EBML header");
      if (element->id == kSegment)
        return *element;
      if (element->unknown_size)
        fail(path_, pos,
             element_name(element->id) +
                 " has an unknown size, which only Segment and Cluster may have");
      pos = end_of(*element);
    }
    fail(path_, pos,
         "no Segment among the first " + std::to_string(kMaxTopLevelElements) +
             " top-level elements");
  }

  // Walks the Segment's children up to the first Cluster; Tracks usually comes before it. Muxers
  // that write Tracks later (or after an unknown-size element) list it in a SeekHead.
  void find_tracks(const Element& segment, MatroskaHeader& header) {
    const std::uint64_t start = segment.data;
    const std::uint64_t end =
        segment.unknown_size ? std::numeric_limits<std::uint64_t>::max() : end_of(segment);
    std::uint64_t pos = start;
    for (int count = 0; pos < end; ++count) {
      if (count == kMaxTopLevelElements)
        fail(path_, pos,
             "more than " + std::to_string(kMaxTopLevelElements) +
                 " elements in the Segment before the first Cluster");
      const std::optional<Element> element = header_at(pos);
      // A file cut short before Tracks has none to report; that is not an error here.
      if (!element || element->id == kCluster || element->id == kSegment || element->id == kEbml ||
          element->unknown_size)
        break;
      const std::uint64_t next = end_of(*element);
      if (next > end)
        fail(path_, element->offset,
             element_name(element->id) + " runs past the end of the Segment");
      if (element->id == kTracks) {
        read_tracks(*element, header);
        return;
      }
      if (element->id == kSeekHead)
        read_seek_head(*element, start);
      pos = next;
    }
    follow_seek_heads(start, end, header);
  }

  void read_seek_head(const Element& seek_head, std::uint64_t segment_start) {
    ++seek_heads_read_;
    const std::string body = payload_of(seek_head, kMaxSeekHeadBytes);
    for_each_child(body, seek_head.data, path_, [&](const Element& seek, std::string_view entry) {
      if (seek.id != kSeek)
        return;
      std::optional<std::uint64_t> target_id;
      std::optional<std::uint64_t> position;
      for_each_child(entry, seek.data, path_, [&](const Element& child, std::string_view payload) {
        if (child.id == kSeekId)
          target_id = read_uint(child, payload, path_);
        else if (child.id == kSeekPosition)
          position = read_uint(child, payload, path_);
      });
      if (!target_id || !position)
        return;
      const std::uint64_t target = checked_add(segment_start, *position, path_, seek.offset);
      if (*target_id == kTracks && !tracks_at_)
        tracks_at_ = target;
      else if (*target_id == kSeekHead && target != seek_head.offset &&
               pending_seek_heads_.size() < kMaxSeekHeads)
        pending_seek_heads_.push_back(target);
    });
  }

  void follow_seek_heads(std::uint64_t segment_start, std::uint64_t segment_end,
                         MatroskaHeader& header) {
    // A SeekHead may point to a second one (mkvmerge puts one after the Clusters).
    for (std::size_t i = 0;
         !tracks_at_ && i < pending_seek_heads_.size() && seek_heads_read_ < kMaxSeekHeads; ++i) {
      const std::uint64_t at = pending_seek_heads_[i];
      const Element element = expect_element_at(at, kSeekHead, segment_end);
      read_seek_head(element, segment_start);
    }
    if (!tracks_at_)
      return;
    read_tracks(expect_element_at(*tracks_at_, kTracks, segment_end), header);
  }

  Element expect_element_at(std::uint64_t at, std::uint32_t id, std::uint64_t segment_end) {
    const std::string what = "SeekHead points to " + element_name(id);
    if (at >= segment_end)
      fail(path_, at, what + " beyond the end of the Segment");
    const std::optional<Element> element = header_at(at);
    if (!element)
      fail(path_, at, what + " beyond the end of the file");
    if (element->id != id)
      fail(path_, at, what + " but finds " + element_name(element->id));
    return *element;
  }

  void read_tracks(const Element& tracks, MatroskaHeader& header) {
    const std::string body = payload_of(tracks, kMaxTracksBytes);
    for_each_child(body, tracks.data, path_, [&](const Element& child, std::string_view payload) {
      if (child.id != kTrackEntry)
        return;
      if (header.tracks.size() == kMaxTracks)
        fail(path_, child.offset, "more than " + std::to_string(kMaxTracks) + " tracks");
      header.tracks.push_back(read_track_entry(child, payload));
    });
  }

  MatroskaTrack read_track_entry(const Element& entry, std::string_view body) {
    MatroskaTrack track;
    for_each_child(body, entry.data, path_, [&](const Element& child, std::string_view payload) {
      const auto flag = [&](std::uint64_t default_value) {
        return read_uint(child, payload, path_, default_value) != 0;
      };
      switch (child.id) {
        case kTrackNumber:
          track.number = read_uint(child, payload, path_);
          break;
        case kTrackUid:
          track.uid = read_uint(child, payload, path_);
          break;
        case kTrackType:
          track.type = read_track_type(child, payload);
          break;
        case kCodecId:
          track.codec_id = read_string(payload);
          break;
        case kName:
          track.name = read_string(payload);
          break;
        case kLanguage:
          track.language = read_string(payload);
          break;
        case kLanguageBcp47:
          track.language_bcp47 = read_string(payload);
          break;
        case kFlagDefault:
          track.flag_default = flag(1);
          break;
        case kFlagForced:
          track.flag_forced = flag(0);
          break;
        case kFlagHearingImpaired:
          track.flag_hearing_impaired = flag(0);
          break;
        case kFlagVisualImpaired:
          track.flag_visual_impaired = flag(0);
          break;
        case kFlagTextDescriptions:
          track.flag_text_descriptions = flag(0);
          break;
        case kFlagOriginal:
          track.flag_original = flag(0);
          break;
        case kFlagCommentary:
          track.flag_commentary = flag(0);
          break;
        default:
          break;
      }
    });
    return track;
  }

  int read_track_type(const Element& element, std::string_view payload) {
    const std::uint64_t type = read_uint(element, payload, path_);
    if (type > 255)
      fail(path_, element.offset, "TrackType " + std::to_string(type) + " is out of range 1-254");
    return static_cast<int>(type);
  }

  const ReadAt& read_at_;
  const std::string& path_;
  std::optional<std::uint64_t> tracks_at_;
  std::vector<std::uint64_t> pending_seek_heads_;
  int seek_heads_read_ = 0;
};

}  // namespace

MatroskaHeader read_matroska_header(const ReadAt& read_at, const std::string& path) {
  return Reader(read_at, path).run();
}

MatroskaHeader read_matroska_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw EnvironmentError(path + ": cannot open: " + std::strerror(errno));
  const ReadAt read_at = [&in](std::uint64_t offset, std::size_t size) {
    std::string bytes;
    in.clear();
    if (offset > static_cast<std::uint64_t>(std::numeric_limits<std::streamoff>::max()) ||
        !in.seekg(static_cast<std::streamoff>(offset)))
      return bytes;
    // Grows with what the file really holds, so a hostile size never allocates ahead of the data.
    char buf[1 << 16];
    while (bytes.size() < size) {
      const std::size_t want = std::min(sizeof buf, size - bytes.size());
      in.read(buf, static_cast<std::streamsize>(want));
      const auto got = static_cast<std::size_t>(in.gcount());
      bytes.append(buf, got);
      if (got < want)
        break;
    }
    return bytes;
  };
  return read_matroska_header(read_at, path);
}

}  // namespace kopru::media
