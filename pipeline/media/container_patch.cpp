#include "pipeline/media/container_patch.h"

extern "C" {
#include <libavutil/crc.h>
}

#include <array>
#include <filesystem>
#include <fstream>
#include <optional>

#include "pipeline/core/error.h"
#include "pipeline/media/mp4_boxes.h"

namespace kopru::media {

namespace {

constexpr char kReserved = '\x1f';  // the padding byte: a control character no title holds
constexpr std::uint32_t kEbmlHeader = 0x1A45DFA3;
constexpr std::uint32_t kDocTypeVersion = 0x4287;
constexpr std::uint32_t kSegment = 0x18538067;
constexpr std::uint32_t kTracks = 0x1654AE6B;
constexpr std::uint32_t kCluster = 0x1F43B675;
constexpr std::uint32_t kTrackEntry = 0xAE;
constexpr std::uint32_t kTrackNumber = 0xD7;
constexpr std::uint32_t kName = 0x536E;
constexpr std::uint32_t kLanguageBcp47 = 0x22B59D;
constexpr std::uint32_t kCrc32 = 0xBF;
constexpr std::uint32_t kVoid = 0xEC;
constexpr std::uint64_t kMaxTracksBytes = 16U << 20U;

// LanguageBCP47 (3-byte ID, 1-byte size, the tag) and the smallest Void (2 bytes).
std::size_t room_for(std::string_view bcp47) {
  return 3 + 1 + bcp47.size() + 2;
}

[[noreturn]] void not_as_written(const std::string& path, const std::string& what) {
  throw InternalError(path + ": the file libav wrote is not as expected: " + what);
}

class File {
 public:
  explicit File(const std::string& path)
      : path_(path), stream_(path, std::ios::in | std::ios::out | std::ios::binary) {
    if (!stream_)
      throw EnvironmentError(path + ": cannot open for update");
  }
  std::string read(std::uint64_t offset, std::size_t size) {
    std::string bytes(size, '\0');
    stream_.clear();
    stream_.seekg(static_cast<std::streamoff>(offset));
    stream_.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, stream_.gcount())));
    return bytes;
  }
  void write(std::uint64_t offset, std::string_view bytes) {
    stream_.clear();
    stream_.seekp(static_cast<std::streamoff>(offset));
    stream_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stream_.flush();
    if (!stream_)
      throw EnvironmentError(path_ + ": cannot write");
  }

 private:
  std::string path_;
  std::fstream stream_;
};

struct Element {
  std::uint32_t id = 0;
  std::uint64_t size = 0;
  std::size_t header = 0;  // bytes of ID and size
  bool unknown_size = false;
};

// EBML variable-size integers: the number of leading zero bits of the first byte gives the length.
std::optional<Element> parse_element(std::string_view bytes) {
  if (bytes.empty())
    return std::nullopt;
  const auto first = static_cast<unsigned char>(bytes[0]);
  std::size_t id_length = 1;
  while (id_length <= 4 && (first & (0x80U >> (id_length - 1))) == 0)
    ++id_length;
  if (id_length > 4 || bytes.size() < id_length + 1)
    return std::nullopt;
  Element element;
  for (std::size_t i = 0; i < id_length; ++i)
    element.id = (element.id << 8U) | static_cast<unsigned char>(bytes[i]);
  const auto size_first = static_cast<unsigned char>(bytes[id_length]);
  std::size_t size_length = 1;
  while (size_length <= 8 && (size_first & (0x80U >> (size_length - 1))) == 0)
    ++size_length;
  if (size_length > 8 || bytes.size() < id_length + size_length)
    return std::nullopt;
  std::uint64_t size = size_first & (0xFFU >> size_length);
  bool all_ones = size == (0xFFU >> size_length);
  for (std::size_t i = 1; i < size_length; ++i) {
    const auto byte = static_cast<unsigned char>(bytes[id_length + i]);
    all_ones = all_ones && byte == 0xFF;
    size = (size << 8U) | byte;
  }
  element.size = size;
  element.unknown_size = all_ones;
  element.header = id_length + size_length;
  return element;
}

void append_id(std::string& out, std::uint32_t id) {
  bool started = false;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const auto byte = static_cast<char>((id >> static_cast<unsigned>(shift)) & 0xFFU);
    if (byte != 0 || started) {
      out += byte;
      started = true;
    }
  }
}

// A size in exactly `length` bytes (1..8).
void append_size(std::string& out, std::uint64_t size, std::size_t length) {
  for (std::size_t i = 0; i < length; ++i) {
    auto byte = static_cast<unsigned char>((size >> (8 * (length - 1 - i))) & 0xFFU);
    if (i == 0)
      byte |= static_cast<unsigned char>(0x80U >> (length - 1));
    out += static_cast<char>(byte);
  }
}

std::size_t size_length(std::uint64_t size) {
  std::size_t length = 1;
  while (length < 8 && size >= (std::uint64_t{1} << (7 * length)) - 1)
    ++length;
  return length;
}

void append_element(std::string& out, std::uint32_t id, std::string_view data) {
  append_id(out, id);
  append_size(out, data.size(), size_length(data.size()));
  out += data;
}

// A Void element of exactly `total` bytes (at least 2).
void append_void(std::string& out, std::size_t total) {
  for (std::size_t length = 1; length <= 8; ++length) {
    if (total < 1 + length)
      break;
    const std::uint64_t data = total - 1 - length;
    if (data < (std::uint64_t{1} << (7 * length)) - 1) {
      append_id(out, kVoid);
      append_size(out, data, length);
      out.append(data, '\0');
      return;
    }
  }
  throw InternalError("no EBML Void fits " + std::to_string(total) + " bytes");
}

std::uint64_t read_uint(std::string_view data) {
  std::uint64_t value = 0;
  for (const char c : data)
    value = (value << 8U) | static_cast<unsigned char>(c);
  return value;
}

// Rewrites the padded Name of one TrackEntry (entry = its data) in place.
void patch_track_entry(std::string& tracks, std::size_t begin, std::size_t end,
                       const std::vector<MatroskaTrackLanguage>& languages,
                       const std::string& path) {
  std::optional<std::uint64_t> number;
  std::size_t name_at = 0;
  std::size_t name_length = 0;
  std::string_view name;
  for (std::size_t pos = begin; pos < end;) {
    const auto child = parse_element(std::string_view(tracks).substr(pos, end - pos));
    if (!child || child->unknown_size || child->size > end - pos - child->header)
      not_as_written(path, "a malformed TrackEntry");
    const std::string_view data = std::string_view(tracks).substr(pos + child->header, child->size);
    if (child->id == kTrackNumber)
      number = read_uint(data);
    if (child->id == kName) {
      name_at = pos;
      name_length = child->header + child->size;
      name = data;
    }
    pos += child->header + child->size;
  }
  if (!number || *number == 0 || *number > languages.size())
    not_as_written(path, "a TrackEntry without a known TrackNumber");
  const MatroskaTrackLanguage& language = languages[*number - 1];
  if (language.bcp47.empty())
    return;
  const std::string reserved = reserve_language_room(language.title, language.bcp47);
  if (name != reserved)
    not_as_written(path, "track " + std::to_string(*number) + " lacks the reserved Name");
  std::string replacement;
  if (!language.title.empty())
    append_element(replacement, kName, language.title);
  append_element(replacement, kLanguageBcp47, language.bcp47);
  if (replacement.size() + 2 > name_length)
    not_as_written(path, "too little room reserved for track " + std::to_string(*number));
  append_void(replacement, name_length - replacement.size());
  tracks.replace(name_at, name_length, replacement);
}

}  // namespace

std::string reserve_language_room(std::string_view title, std::string_view bcp47) {
  std::string padded(title);
  padded.append(room_for(bcp47), kReserved);
  return padded;
}

void write_matroska_languages(const std::string& path,
                              const std::vector<MatroskaTrackLanguage>& tracks) {
  File file(path);
  const std::string head = file.read(0, 64);
  const auto ebml = parse_element(head);
  if (!ebml || ebml->id != kEbmlHeader || ebml->unknown_size || ebml->size > 4096)
    not_as_written(path, "no EBML header");
  // DocTypeVersion: LanguageBCP47 is a Matroska v4 element.
  const std::string header = file.read(ebml->header, ebml->size);
  for (std::size_t pos = 0; pos < header.size();) {
    const auto child = parse_element(std::string_view(header).substr(pos));
    if (!child || child->size > header.size() - pos - child->header)
      not_as_written(path, "a malformed EBML header");
    if (child->id == kDocTypeVersion && child->size >= 1 && child->size <= 8) {
      const std::string_view value =
          std::string_view(header).substr(pos + child->header, child->size);
      if (read_uint(value) < 4) {
        std::string four(child->size, '\0');
        four.back() = 4;
        file.write(ebml->header + pos + child->header, four);
      }
    }
    pos += child->header + child->size;
  }
  std::uint64_t pos = ebml->header + ebml->size;
  const auto segment = parse_element(file.read(pos, 12));
  if (!segment || segment->id != kSegment)
    not_as_written(path, "no Segment after the EBML header");
  pos += segment->header;
  for (int guard = 0; guard < 64; ++guard) {
    const auto element = parse_element(file.read(pos, 12));
    if (!element || element->unknown_size || element->id == kCluster)
      break;
    if (element->id != kTracks) {
      pos += element->header + element->size;
      continue;
    }
    if (element->size > kMaxTracksBytes)
      not_as_written(path, "a Tracks element of " + std::to_string(element->size) + " bytes");
    const std::uint64_t data_at = pos + element->header;
    std::string data = file.read(data_at, element->size);
    if (data.size() != element->size)
      not_as_written(path, "Tracks is cut short");
    std::optional<std::size_t> crc_at;
    std::size_t after_crc = 0;
    for (std::size_t at = 0; at < data.size();) {
      const auto child = parse_element(std::string_view(data).substr(at));
      if (!child || child->unknown_size || child->size > data.size() - at - child->header)
        not_as_written(path, "a malformed Tracks element");
      const std::size_t next = at + child->header + child->size;
      if (child->id == kCrc32 && child->size == 4 && at == 0) {
        crc_at = at + child->header;
        after_crc = next;
      }
      if (child->id == kTrackEntry)
        patch_track_entry(data, at + child->header, next, tracks, path);
      at = next;
    }
    if (crc_at) {
      const std::uint32_t crc =
          av_crc(av_crc_get_table(AV_CRC_32_IEEE_LE), UINT32_MAX,
                 reinterpret_cast<const std::uint8_t*>(data.data()) + after_crc,
                 data.size() - after_crc) ^
          UINT32_MAX;
      for (std::size_t i = 0; i < 4; ++i)
        data[*crc_at + i] = static_cast<char>((crc >> (8 * i)) & 0xFFU);  // little-endian
    }
    file.write(data_at, data);
    return;
  }
  not_as_written(path, "no Tracks element before the first Cluster");
}

namespace {

struct Box {
  std::string type;
  std::size_t header = 8;
  std::string_view body;  // the box's data after its header
};

std::uint32_t read_be32(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint32_t>(read_uint(bytes.substr(at, 4)));
}

// The child boxes of a container box's body (moov, trak, mdia use 32-bit sizes when libav writes
// them; 64-bit sizes are read too).
std::vector<Box> children(std::string_view body, const std::string& path) {
  std::vector<Box> boxes;
  for (std::size_t at = 0; at < body.size();) {
    if (body.size() - at < 8)
      not_as_written(path, "a cut box in moov");
    std::uint64_t size = read_be32(body, at);
    std::size_t header = 8;
    if (size == 1) {
      if (body.size() - at < 16)
        not_as_written(path, "a cut box in moov");
      size = read_uint(body.substr(at + 8, 8));
      header = 16;
    } else if (size == 0) {
      size = body.size() - at;
    }
    if (size < header || size > body.size() - at)
      not_as_written(path, "a box overruns moov");
    boxes.push_back({std::string(body.substr(at + 4, 4)), header,
                     body.substr(at + header, static_cast<std::size_t>(size) - header)});
    at += static_cast<std::size_t>(size);
  }
  return boxes;
}

void append_box(std::string& out, std::string_view type, std::string_view body) {
  const std::uint64_t size = body.size() + 8;
  if (size > UINT32_MAX)
    throw InternalError("an MP4 box over 4 GiB in moov");
  for (int shift = 24; shift >= 0; shift -= 8)
    out += static_cast<char>((size >> static_cast<unsigned>(shift)) & 0xFFU);
  out += type;
  out += body;
}

std::optional<std::uint32_t> track_id(const std::vector<Box>& trak) {
  for (const Box& box : trak) {
    if (box.type != "tkhd" || box.body.empty())
      continue;
    const std::size_t at = box.body[0] == 1 ? 4 + 16 : 4 + 8;
    if (box.body.size() >= at + 4)
      return read_be32(box.body, at);
  }
  return std::nullopt;
}

std::string with_elng(const Box& mdia, const std::string& tag, const std::string& path) {
  std::string body;
  bool added = false;
  for (const Box& box : children(mdia.body, path)) {
    if (box.type == "elng")
      continue;
    append_box(body, box.type, box.body);
    if (box.type == "mdhd") {
      body += make_elng_box(tag);
      added = true;
    }
  }
  if (!added)
    not_as_written(path, "a mdia without mdhd");
  return body;
}

}  // namespace

void write_mp4_languages(const std::string& path,
                         const std::map<std::uint32_t, std::string>& bcp47_by_track_id) {
  if (bcp47_by_track_id.empty())
    return;
  const std::uint64_t file_size = std::filesystem::file_size(path);
  File file(path);
  std::uint64_t pos = 0;
  std::optional<std::uint64_t> moov_at;
  std::uint64_t moov_size = 0;
  while (pos < file_size) {
    const std::string head = file.read(pos, 16);
    if (head.size() < 8)
      not_as_written(path, "a cut box header");
    std::uint64_t size = read_be32(head, 0);
    if (size == 1 && head.size() == 16)
      size = read_uint(std::string_view(head).substr(8, 8));
    else if (size == 0)
      size = file_size - pos;
    if (size < 8 || size > file_size - pos)
      not_as_written(path, "a box overruns the file");
    if (head.substr(4, 4) == "moov") {
      moov_at = pos;
      moov_size = size;
    }
    pos += size;
  }
  if (!moov_at || *moov_at + moov_size != file_size)
    not_as_written(path, "moov is not the last box");
  if (moov_size > kMaxMoovBytes)
    not_as_written(path, "a moov of " + std::to_string(moov_size) + " bytes");
  const std::string moov = file.read(*moov_at, moov_size);
  const Box root{"moov", 8, std::string_view(moov).substr(8)};
  if (read_be32(moov, 0) != moov_size)
    not_as_written(path, "a moov with a 64-bit size");
  std::string body;
  for (const Box& box : children(root.body, path)) {
    if (box.type != "trak") {
      append_box(body, box.type, box.body);
      continue;
    }
    const std::vector<Box> trak = children(box.body, path);
    const auto id = track_id(trak);
    const auto tag = id ? bcp47_by_track_id.find(*id) : bcp47_by_track_id.end();
    if (tag == bcp47_by_track_id.end()) {
      append_box(body, box.type, box.body);
      continue;
    }
    std::string trak_body;
    for (const Box& child : trak) {
      if (child.type == "mdia")
        append_box(trak_body, "mdia", with_elng(child, tag->second, path));
      else
        append_box(trak_body, child.type, child.body);
    }
    append_box(body, "trak", trak_body);
  }
  std::string rebuilt;
  append_box(rebuilt, "moov", body);
  file.write(*moov_at, rebuilt);
}

}  // namespace kopru::media
