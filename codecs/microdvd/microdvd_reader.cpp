// MicroDVD reader: "{start}{end}text" lines whose times are frame numbers, "|" between lines, and
// the MicroDVD Player control codes ({y:i}, {C:$BBGGRR}, {P:0}...). Lower-case codes style one
// line, upper-case codes the whole cue, as the MicroDVD Player documentation says.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/microdvd/microdvd.h"
#include "codecs/microdvd/microdvd_internal.h"
#include "pipeline/core/lines.h"

namespace kopru::codecs::microdvd {
namespace {

// Frame numbers beyond this are corrupt data, not films (11,000 hours at 25 fps).
constexpr std::int64_t kMaxFrame = 1'000'000'000;
constexpr std::size_t kQuoteLimit = 60;
// How long the last cue is shown when its end frame is empty ("until the next one").
constexpr std::int64_t kOpenEndSeconds = 3;

// The start of a line for an error message, cut on a UTF-8 character boundary.
std::string excerpt(std::string_view text) {
  if (text.size() <= kQuoteLimit)
    return std::string(text);
  std::size_t cut = kQuoteLimit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U)
    --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string quote(std::string_view text) {
  return "\"" + excerpt(text) + "\"";
}

// One "{start}{end}text" line of the file.
struct FrameLine {
  int number = 0;
  std::string_view line;  // the whole line, for columns
  std::int64_t start = 0;
  std::optional<std::int64_t> end;  // nullopt: "{}", shown until the next cue
  std::size_t text_at = 0;          // byte index of the text in `line`
  std::string_view text() const { return line.substr(text_at); }
};

class LineParser {
 public:
  LineParser(const Source& source, const TextLine& line) : source_(source), line_(line) {}

  // Reads "{n}" (or "{}" when empty_allowed) at pos_; nullopt for "{}".
  std::optional<std::int64_t> frame(bool empty_allowed, const char* which) {
    if (pos_ >= text().size() || text()[pos_] != '{') {
      error(pos_,
            std::string("expected a MicroDVD line \"{start}{end}text\", found ") + quote(text()));
    }
    const std::size_t open = pos_++;
    const std::size_t close = text().find('}', pos_);
    if (close == std::string_view::npos) {
      error(open, std::string("the ") + which + " frame has no closing \"}\" in " + quote(text()));
    }
    const std::string_view digits = text().substr(pos_, close - pos_);
    const std::string_view field = text().substr(open, close + 1 - open);
    if (digits.empty()) {
      if (!empty_allowed) {
        error(open, std::string("the ") + which + " frame is empty in " + quote(text()));
      }
      pos_ = close + 1;
      return std::nullopt;
    }
    const bool negative = digits.front() == '-';
    const std::string_view body = negative ? digits.substr(1) : digits;
    const auto bad =
        std::find_if(body.begin(), body.end(), [](char c) { return c < '0' || c > '9'; });
    if (body.empty() || bad != body.end()) {
      const auto at = static_cast<std::size_t>(bad - body.begin()) + (negative ? 1 : 0);
      error(pos_ + at, std::string("expected a whole frame number in the ") + which +
                           " field, found " + quote(field));
    }
    if (negative) {
      error(pos_, "negative frame number " + quote(field) + ": frames count from 0");
    }
    std::int64_t value = 0;
    const auto result = std::from_chars(body.data(), body.data() + body.size(), value);
    if (result.ec != std::errc() || value > kMaxFrame) {
      error(pos_, "frame number " + quote(body) + " is too large");
    }
    pos_ = close + 1;
    return value;
  }

  FrameLine parse() {
    FrameLine out;
    out.number = line_.number;
    out.line = text();
    out.start = *frame(false, "start");
    out.end = frame(true, "end");
    out.text_at = pos_;
    return out;
  }

 private:
  std::string_view text() const { return line_.text; }
  [[noreturn]] void error(std::size_t at, const std::string& message) const {
    fail(source_, line_.number, column_of(text(), at), message);
  }

  const Source& source_;
  const TextLine& line_;
  std::size_t pos_ = 0;
};

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// "{1}{1}23.976": a first line at frame 0 or 1 whose text is a plausible frame rate.
std::optional<FrameRate> header_rate(const FrameLine& line) {
  if (line.start > 1)
    return std::nullopt;
  const std::string_view text = trim(line.text());
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '/' || c == ':';
      })) {
    return std::nullopt;
  }
  auto rate = FrameRate::parse(text);
  // Compared as doubles: a fraction such as 1/9223372036854775807 must not overflow.
  if (!rate || rate->as_double() <= 3 || rate->as_double() >= 200)
    return std::nullopt;
  return rate;
}

bool starts_with_default(std::string_view text) {
  constexpr std::string_view kDefault = "{DEFAULT}{}";
  if (text.size() < kDefault.size())
    return false;
  for (std::size_t i = 0; i < kDefault.size(); ++i) {
    const char a = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    if (a != kDefault[i])
      return false;
  }
  return true;
}

struct Piece {
  bool raw = false;
  std::string text;
};

struct Line {
  Format format;
  std::vector<Piece> pieces;
};

std::optional<std::pair<double, double>> parse_xy(std::string_view value) {
  const auto comma = value.find(',');
  if (comma == std::string_view::npos)
    return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<int> {
    s = trim(s);
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size())
      return std::nullopt;
    return v;
  };
  const auto x = number(value.substr(0, comma));
  const auto y = number(value.substr(comma + 1));
  if (!x || !y)
    return std::nullopt;
  return std::pair<double, double>{*x, *y};
}

std::optional<Color> parse_bgr(std::string_view value) {
  while (!value.empty() && (value.front() == '$' || value.front() == '#'))
    value.remove_prefix(1);
  std::uint32_t bgr = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), bgr, 16);
  if (value.size() != 6 || ec != std::errc() || p != value.data() + value.size()) {
    return std::nullopt;
  }
  return Color{static_cast<std::uint8_t>(bgr & 0xFFU),
               static_cast<std::uint8_t>((bgr >> 8) & 0xFFU),
               static_cast<std::uint8_t>((bgr >> 16) & 0xFFU), 255};
}

bool apply_styles(std::string_view value, Format& format) {
  Format copy = format;
  for (char c : value) {
    switch (c) {
      case 'i':
        copy.italic = true;
        break;
      case 'b':
        copy.bold = true;
        break;
      case 'u':
        copy.underline = true;
        break;
      case 's':
        copy.strike = true;
        break;
      case ',':
      case ' ':
        break;
      default:
        return false;
    }
  }
  if (value.empty())
    return false;
  format = copy;
  return true;
}

// Turns the text part of one cue line into lines of pieces, cue-wide formatting and placement.
class TextParser {
 public:
  TextParser(const FrameLine& line, Diagnostics& diag) : line_(line), diag_(diag) {}

  void parse() {
    const std::string_view text = line_.text();
    lines_.emplace_back();
    std::size_t next_close = 0;
    std::size_t next_bar = 0;
    std::size_t pos = 0;
    std::string pending;
    while (pos < text.size()) {
      const std::size_t stop = text.find_first_of("{|", pos);
      if (stop == std::string_view::npos) {
        pending.append(text.substr(pos));
        break;
      }
      pending.append(text.substr(pos, stop - pos));
      pos = stop;
      if (text[pos] == '|') {
        flush(pending);
        lines_.emplace_back();
        ++pos;
        continue;
      }
      // Cached, so a line full of unmatched "{" stays linear.
      if (next_close != std::string_view::npos && next_close <= pos) {
        next_close = text.find('}', pos);
      }
      if (next_bar != std::string_view::npos && next_bar <= pos)
        next_bar = text.find('|', pos);
      const bool code_shape =
          pos + 2 < text.size() && std::isalpha(static_cast<unsigned char>(text[pos + 1])) != 0 &&
          text[pos + 2] == ':' && next_close != std::string_view::npos && next_close < next_bar;
      if (!code_shape) {
        pending += '{';
        ++pos;
        continue;
      }
      flush(pending);
      code(pos, text.substr(pos, next_close + 1 - pos));
      pos = next_close + 1;
    }
    flush(pending);
  }

  const std::vector<Line>& lines() const { return lines_; }
  const Format& cue_format() const { return cue_; }
  const Placement& placement() const { return placement_; }

 private:
  void flush(std::string& pending) {
    if (pending.empty())
      return;
    auto& pieces = lines_.back().pieces;
    if (!pieces.empty() && !pieces.back().raw) {
      pieces.back().text += pending;
    } else {
      pieces.push_back({false, pending});
    }
    pending.clear();
  }

  int column(std::size_t at_in_text) const {
    return column_of(line_.line, line_.text_at + at_in_text);
  }

  void keep_raw(std::size_t at, std::string_view code, const char* diag_code,
                const std::string& why) {
    diag_.warn(line_.number, column(at), diag_code,
               "control code " + quote(code) + " " + why + "; kept verbatim");
    lines_.back().pieces.push_back({true, std::string(code)});
  }

  void code(std::size_t at, std::string_view code) {
    const char letter = code[1];
    const std::string_view value = code.substr(3, code.size() - 4);
    const bool whole_cue = std::isupper(static_cast<unsigned char>(letter)) != 0;
    Format& target = whole_cue ? cue_ : lines_.back().format;
    switch (std::tolower(static_cast<unsigned char>(letter))) {
      case 'y':
        if (!apply_styles(value, target)) {
          keep_raw(at, code, "microdvd-bad-code", "has styles other than i, b, u, s");
        }
        return;
      case 'c':
        if (auto color = parse_bgr(value)) {
          target.color = color;
        } else {
          keep_raw(at, code, "microdvd-bad-code", "is not a $BBGGRR colour");
        }
        return;
      case 'f':
        if (!trim(value).empty()) {
          target.face = std::string(trim(value));
        } else {
          keep_raw(at, code, "microdvd-bad-code", "names no font");
        }
        return;
      case 's': {
        int size = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), size);
        if (ec == std::errc() && p == value.data() + value.size() && size > 0) {
          target.size = size;
        } else {
          keep_raw(at, code, "microdvd-bad-code", "is not a font size");
        }
        return;
      }
      case 'p':
        // Position is always cue-wide. {P:0} top, {P:1} bottom (MicroDVD Player, FFmpeg);
        // {P:x,y} coordinates (the form the Wikipedia description gives).
        if (value == "0" || value == "1") {
          placement_.alignment = value == "0" ? 8 : 2;
        } else if (auto xy = parse_xy(value)) {
          placement_.position = xy;
        } else {
          keep_raw(at, code, "microdvd-bad-code", "is neither {P:0}, {P:1} nor {P:x,y}");
        }
        return;
      case 'o':
        if (auto xy = parse_xy(value)) {
          placement_.position = xy;
        } else {
          keep_raw(at, code, "microdvd-bad-code", "is not {o:x,y}");
        }
        return;
      case 'h':
        keep_raw(at, code, "microdvd-charset-code",
                 "names a character set, but the text was already decoded as a whole");
        return;
      default:
        keep_raw(at, code, "microdvd-unknown-code", "is not a MicroDVD control code");
        return;
    }
  }

  const FrameLine& line_;
  Diagnostics& diag_;
  std::vector<Line> lines_;
  Format cue_;
  Placement placement_;
};

std::vector<Span> spans_for(const Format& cue, const Format& line) {
  std::vector<Span> spans;
  auto add = [&](bool on, SpanKind kind) {
    if (on)
      spans.push_back(Span{kind, {}, {}, {}, {}});
  };
  add(cue.italic || line.italic, SpanKind::italic);
  add(cue.bold || line.bold, SpanKind::bold);
  add(cue.underline || line.underline, SpanKind::underline);
  add(cue.strike || line.strike, SpanKind::strike);
  Span font{SpanKind::font, {}, {}, {}, {}};
  font.annotation = !line.face.empty() ? line.face : cue.face;
  font.color = line.color ? line.color : cue.color;
  font.size = line.size ? line.size : cue.size;
  if (!font.annotation.empty() || font.color || font.size)
    spans.push_back(font);
  return spans;
}

std::vector<Run> build_runs(const TextParser& parsed) {
  std::vector<Run> runs;
  bool first = true;
  for (const Line& line : parsed.lines()) {
    if (!first)
      runs.push_back(Run::line_break());
    first = false;
    const std::vector<Span> spans = spans_for(parsed.cue_format(), line.format);
    for (const Piece& piece : line.pieces) {
      runs.push_back(piece.raw ? Run::raw("microdvd", piece.text) : Run::plain(piece.text, spans));
    }
  }
  return runs;
}

bool has_content(const std::vector<Run>& runs) {
  return std::any_of(runs.begin(), runs.end(), [](const Run& r) {
    return r.kind == RunKind::raw || (r.kind == RunKind::text && !r.text.empty());
  });
}

// NUL bytes are never subtitle text; they come from broken tools or binary data.
std::string_view strip_nul(std::string_view line, std::deque<std::string>& storage, int number,
                           Diagnostics& diag) {
  const auto nul = line.find('\0');
  if (nul == std::string_view::npos)
    return line;
  diag.warn(number, column_of(line, nul), "microdvd-nul", "NUL bytes removed from the line");
  std::string& copy = storage.emplace_back(line);
  copy.erase(std::remove(copy.begin(), copy.end(), '\0'), copy.end());
  return copy;
}

class Reader {
 public:
  Reader(const Source& source, const ReadOptions& options, Diagnostics& diag)
      : source_(source), options_(options), diag_(diag) {}

  Document read() {
    collect();
    doc_.meta.source_format = "microdvd";
    doc_.meta.source_encoding = source_.encoding;
    if (frames_.empty()) {
      if (options_.strict)
        fail(source_, 1, 1, "no MicroDVD subtitle lines in the file");
      diag_.warn(1, 1, "microdvd-empty", "no subtitle lines: the document has no cues");
      doc_.meta.frame_rate = header_ ? header_ : options_.fps;
      return std::move(doc_);
    }
    const FrameRate rate = frame_rate();
    doc_.meta.frame_rate = rate;
    for (std::size_t i = 0; i < frames_.size(); ++i)
      add_cue(i, rate);
    return std::move(doc_);
  }

 private:
  void collect() {
    LineReader reader(source_.text);
    TextLine line;
    bool first = true;
    while (reader.next(line)) {
      line.text = strip_nul(line.text, storage_, line.number, diag_);
      if (is_blank(line.text))
        continue;
      if (starts_with_default(line.text)) {
        // File-wide defaults overriding the player's settings; kept for a MicroDVD round trip.
        doc_.format_private.format = "microdvd";
        doc_.format_private.add("default", std::string(line.text.substr(11)));
        diag_.note(line.number, 1, "microdvd-default-line",
                   "{DEFAULT}{} line kept for MicroDVD output; its codes are not applied to cues");
        continue;
      }
      FrameLine parsed = LineParser(source_, line).parse();
      if (first) {
        first = false;
        if ((header_ = header_rate(parsed))) {
          header_line_ = line.number;
          continue;
        }
      }
      frames_.push_back(parsed);
    }
  }

  FrameRate frame_rate() {
    if (header_) {
      if (options_.fps && *options_.fps != *header_) {
        diag_.warn(header_line_, 1, "microdvd-fps-ignored",
                   "the file says " + header_->to_string() + " fps; the " +
                       options_.fps->to_string() + " fps given on the command line is ignored");
      }
      return *header_;
    }
    if (options_.fps)
      return *options_.fps;
    // FFmpeg silently assumes 23.976 here; a wrong guess shifts every cue, so ask instead.
    fail(source_, frames_.front().number, 1,
         "MicroDVD times are frame numbers and this file has no \"{1}{1}<fps>\" first line; "
         "pass the video's frame rate with --fps (e.g. --fps 23.976 or --fps 25)");
  }

  std::int64_t open_end(std::size_t i, const FrameRate& rate) {
    const FrameLine& line = frames_[i];
    if (i + 1 < frames_.size() && frames_[i + 1].start > line.start)
      return frames_[i + 1].start;
    if (options_.strict) {
      fail(source_, line.number, 1,
           "the last cue has an empty end frame \"{}\" and no next cue to end at");
    }
    const std::int64_t end = line.start + time_to_frames(from_seconds(kOpenEndSeconds), rate);
    diag_.warn(line.number, 1, "microdvd-open-end",
               "empty end frame with no next cue: shown for " + std::to_string(kOpenEndSeconds) +
                   " seconds (to frame " + std::to_string(end) + ")");
    return end;
  }

  void add_cue(std::size_t i, const FrameRate& rate) {
    const FrameLine& line = frames_[i];
    std::int64_t end = line.end ? *line.end : open_end(i, rate);
    if (end < line.start) {
      const std::string what = "end frame " + std::to_string(end) + " is before start frame " +
                               std::to_string(line.start);
      if (options_.strict)
        fail(source_, line.number, 1, what);
      // Kopru's model keeps end >= start (as every reader does): the cue becomes zero-length.
      diag_.warn(line.number, 1, "microdvd-end-before-start",
                 what + "; its end is set to its start");
      end = line.start;
    } else if (end == line.start) {
      diag_.warn(
          line.number, 1, "microdvd-zero-duration",
          "start and end frame are both " + std::to_string(end) + ": the cue is never shown");
    }
    TextParser parsed(line, diag_);
    parsed.parse();
    Cue cue;
    cue.start = frames_to_time(line.start, rate);
    cue.end = frames_to_time(end, rate);
    cue.runs = build_runs(parsed);
    cue.placement = parsed.placement();
    cue.source_line = line.number;
    if (!has_content(cue.runs)) {
      // Kept, so that cue counts and numbering survive a conversion.
      diag_.warn(line.number, column_of(line.line, line.text_at), "microdvd-empty-cue",
                 "cue without text");
      cue.runs.clear();
    }
    doc_.cues.push_back(std::move(cue));
  }

  const Source& source_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  Document doc_;
  std::deque<std::string> storage_;  // NUL-free copies the FrameLines point into (stable)
  std::vector<FrameLine> frames_;
  std::optional<FrameRate> header_;
  int header_line_ = 0;
};

// Lines that look like "{123}{456}" or "{123}{}".
bool frame_line_shape(std::string_view line) {
  std::size_t pos = 0;
  for (int field = 0; field < 2; ++field) {
    if (pos >= line.size() || line[pos] != '{')
      return false;
    ++pos;
    const std::size_t digits_from = pos;
    while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9')
      ++pos;
    if (field == 0 && pos == digits_from)
      return false;
    if (pos >= line.size() || line[pos] != '}')
      return false;
    ++pos;
  }
  return true;
}

}  // namespace

int probe(std::string_view head, std::string_view extension) {
  const bool sub_extension = extension == "sub" || extension == "SUB";
  int matching = 0;
  int other = 0;
  bool first_matches = false;
  bool seen_first = false;
  for (const TextLine& line : split_lines(head)) {
    if (is_blank(line.text))
      continue;
    const bool match = frame_line_shape(line.text) || starts_with_default(line.text);
    if (!seen_first)
      first_matches = match;
    seen_first = true;
    (match ? matching : other)++;
  }
  if (first_matches && matching >= 2 * other)
    return sub_extension ? 95 : 90;
  if (matching > 0 && matching >= other)
    return sub_extension ? 70 : 60;
  // ".sub" is shared with SubViewer and VobSub, so the extension alone says little.
  if (sub_extension)
    return matching > 0 || !seen_first ? 30 : 10;
  return 0;
}

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  return Reader(source, options, diag).read();
}

}  // namespace kopru::codecs::microdvd
