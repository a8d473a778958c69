// Scenarist SCC reader: a "Scenarist_SCC V1.0" header, then lines of a SMPTE timecode
// (HH:MM:SS:FF non-drop, HH:MM:SS;FF drop-frame), a tab and 4-hex-digit words, each word a
// CEA-608 byte pair with odd parity. The words of a line go out one per frame at 29.97 fps from
// the line's timecode; the decoder (scc_decoder.cpp) turns them into cues.
#include <algorithm>
#include <bit>
#include <stdexcept>

#include "codecs/scc/scc.h"
#include "codecs/scc/scc_internal.h"
#include "pipeline/core/lines.h"

namespace kopru::codecs::scc {
namespace {

constexpr std::string_view kHeader = "Scenarist_SCC V1.0";
constexpr std::size_t kQuoteLimit = 40;

std::string quote(std::string_view text) {
  if (text.size() > kQuoteLimit)
    return "\"" + std::string(text.substr(0, kQuoteLimit)) + "...\"";
  return "\"" + std::string(text) + "\"";
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\f'))
    s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\f'))
    s.remove_suffix(1);
  return s;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

bool odd_parity(std::uint8_t byte) {
  return (std::popcount(static_cast<unsigned>(byte)) & 1) == 1;
}

// "HH:MM:SS:FF" / "HH:MM:SS;FF" at the start of a line; nullopt when the shape is wrong.
std::optional<Timecode> parse_timecode(std::string_view text) {
  if (text.size() < 11)
    return std::nullopt;
  auto two = [&](std::size_t at) -> int {
    const int hi = text[at] >= '0' && text[at] <= '9' ? text[at] - '0' : -1;
    const int lo = text[at + 1] >= '0' && text[at + 1] <= '9' ? text[at + 1] - '0' : -1;
    return hi < 0 || lo < 0 ? -1 : hi * 10 + lo;
  };
  if (text[2] != ':' || text[5] != ':' || (text[8] != ':' && text[8] != ';'))
    return std::nullopt;
  Timecode tc;
  tc.hours = two(0);
  tc.minutes = two(3);
  tc.seconds = two(6);
  tc.frames = two(9);
  tc.drop_frame = text[8] == ';';
  if (tc.hours < 0 || tc.minutes < 0 || tc.seconds < 0 || tc.frames < 0)
    return std::nullopt;
  return tc;
}

bool looks_like_data_line(std::string_view line) {
  return parse_timecode(line).has_value() && line.size() > 11 && is_space(line[11]);
}

class Reader {
 public:
  Reader(const Source& source, const ReadOptions& options, Diagnostics& diag)
      : source_(source), options_(options), diag_(diag), decoder_(diag) {}

  Document run() {
    LineReader lines(source_.text);
    TextLine line;
    bool header_seen = false;
    while (lines.next(line)) {
      const std::string_view text = trim(line.text);
      if (text.empty())
        continue;
      if (!header_seen) {
        header_seen = true;
        if (text == kHeader)
          continue;
        if (!looks_like_data_line(text))
          fail(source_, line.number, 1, "expected \"Scenarist_SCC V1.0\", found " + quote(text));
        repair(line.number, 1, "scc-missing-header",
               "the \"Scenarist_SCC V1.0\" header is missing");
      }
      data_line(line.number, line.text);
    }
    Document doc;
    doc.meta.frame_rate = kRate;
    doc.meta.source_format = "scc";
    doc.cues = decoder_.finish(frames_to_time(next_frame_, kRate));
    doc.format_private.format = "scc";
    if (drop_frame_)
      doc.format_private.set("timecode", *drop_frame_ ? "drop-frame" : "non-drop-frame");
    return doc;
  }

 private:
  void repair(int line, int column, const std::string& code, const std::string& message) {
    if (options_.strict)
      fail(source_, line, column, message);
    diag_.warn(line, column, code, message);
  }

  // The frame count of a timecode. Labels that do not exist (frames past 29, a drop-frame label
  // that is skipped) are counted on from the second they name, as other readers do, and reported.
  std::int64_t frame_of(const Timecode& tc, int line, int column, std::string_view label) {
    try {
      return timecode_to_frames(tc, kRate);
    } catch (const std::invalid_argument&) {
    }
    if (tc.minutes > 59 || tc.seconds > 59)
      fail(source_, line, column, "timecode " + quote(label) + " does not exist");
    repair(line, column, "scc-bad-timecode",
           "timecode " + quote(label) + " does not exist" +
               (tc.drop_frame && tc.frames < 30 ? " in drop-frame counting" : "") +
               "; its frames are counted on from the start of its second");
    Timecode base = tc;
    base.frames = 0;
    std::int64_t offset = 0;
    try {
      return timecode_to_frames(base, kRate) + tc.frames;
    } catch (const std::invalid_argument&) {
      // 00:01:00;00 is skipped in drop-frame counting: its second starts at ;02.
      base.frames = 2;
      offset = -2;
    }
    return timecode_to_frames(base, kRate) + offset + tc.frames;
  }

  void data_line(int number, std::string_view raw) {
    // The timecode is looked for after leading blanks; columns stay those of the raw line.
    std::size_t pos = 0;
    while (pos < raw.size() && is_space(raw[pos]))
      ++pos;
    const std::string_view text = raw.substr(pos);
    const auto tc = parse_timecode(text);
    if (!tc || (text.size() > 11 && !is_space(text[11])))
      fail(source_, number, static_cast<int>(pos) + 1,
           "expected a timecode \"HH:MM:SS:FF\" or \"HH:MM:SS;FF\" and words, found " +
               quote(trim(text)));
    std::int64_t frame = frame_of(*tc, number, static_cast<int>(pos) + 1, text.substr(0, 11));
    if (!drop_frame_) {
      drop_frame_ = tc->drop_frame;
    } else if (*drop_frame_ != tc->drop_frame && !mixed_reported_) {
      mixed_reported_ = true;
      diag_.warn(number, static_cast<int>(pos) + 9, "scc-mixed-timecode",
                 "drop-frame and non-drop-frame timecodes are mixed; each is read as written");
    }
    if (frame < next_frame_) {
      repair(number, static_cast<int>(pos) + 1, "scc-time-overlap",
             "timecode " + std::string(text.substr(0, 11)) + " is before the end of the words " +
                 "of the previous line; its words follow them (" +
                 std::to_string(next_frame_ - frame) + " frames later)");
      frame = next_frame_;
    }
    bool parity_reported = false;
    bool word_reported = false;
    std::size_t i = pos + 11;
    // Columns are counted as we go: column_of() from the line start for every word would be
    // quadratic on a long line.
    std::size_t counted_to = 0;
    int column = 1;
    while (i < raw.size()) {
      while (i < raw.size() && is_space(raw[i]))
        ++i;
      if (i >= raw.size())
        break;
      std::size_t end = i;
      while (end < raw.size() && !is_space(raw[end]))
        ++end;
      const std::string_view token = raw.substr(i, end - i);
      for (; counted_to < i; ++counted_to)
        column += (static_cast<unsigned char>(raw[counted_to]) & 0xC0U) != 0x80U ? 1 : 0;
      const Where where{number, column};
      int digits[4] = {-1, -1, -1, -1};
      if (token.size() == 4)
        for (std::size_t k = 0; k < 4; ++k)
          digits[k] = hex_digit(token[k]);
      if (std::any_of(std::begin(digits), std::end(digits), [](int d) { return d < 0; })) {
        if (!word_reported) {
          word_reported = true;
          repair(where.line, where.column, "scc-bad-word",
                 "expected a 4-hex-digit word, found " + quote(token) + "; skipped");
        }
        i = end;
        continue;
      }
      const auto b1 = static_cast<std::uint8_t>(digits[0] * 16 + digits[1]);
      const auto b2 = static_cast<std::uint8_t>(digits[2] * 16 + digits[3]);
      if ((!odd_parity(b1) || !odd_parity(b2)) && !parity_reported) {
        parity_reported = true;
        repair(where.line, where.column, "scc-bad-parity",
               "word " + std::string(token) +
                   " has a byte without odd parity; the parity bit is ignored on this line");
      }
      decoder_.word(b1 & 0x7F, b2 & 0x7F, frames_to_time(frame, kRate), where);
      ++frame;
      i = end;
    }
    next_frame_ = frame;
    decoder_.end_of_transmission();
  }

  const Source& source_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  Decoder decoder_;
  std::int64_t next_frame_ = 0;
  std::optional<bool> drop_frame_;
  bool mixed_reported_ = false;
};

}  // namespace

int probe(std::string_view head, std::string_view extension) {
  std::size_t pos = 0;
  while (pos < head.size() && (is_space(head[pos]) || head[pos] == '\r' || head[pos] == '\n'))
    ++pos;
  if (head.substr(pos).starts_with(kHeader))
    return 100;
  const bool ext = extension == "scc" || extension == "SCC";
  if (looks_like_data_line(head.substr(pos)))
    return ext ? 80 : 50;
  return ext ? 30 : 0;
}

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  return Reader(source, options, diag).run();
}

}  // namespace kopru::codecs::scc
