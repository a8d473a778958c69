// YouTube SBV reader: blocks of a "H:MM:SS.mmm,H:MM:SS.mmm" line and text lines, separated by blank
// lines. YouTube reads no markup in SBV, so the text is kept exactly as written.
#include <algorithm>
#include <charconv>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/sbv/sbv.h"
#include "pipeline/core/lines.h"

namespace kopru::codecs::sbv {
namespace {

constexpr std::size_t kQuoteLimit = 60;
constexpr std::string_view kExpected = "expected \"H:MM:SS.mmm,H:MM:SS.mmm\", found ";

std::string quote(std::string_view text) {
  if (text.size() <= kQuoteLimit)
    return "\"" + std::string(text) + "\"";
  std::size_t cut = kQuoteLimit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U)
    --cut;
  return "\"" + std::string(text.substr(0, cut)) + "...\"";
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A cursor over one timing line; every step either advances or reports where it stopped.
struct Cursor {
  std::string_view text;
  std::size_t pos = 0;

  bool at(char c) const { return pos < text.size() && text[pos] == c; }
  std::size_t digits() const {
    std::size_t n = 0;
    while (pos + n < text.size() && is_digit(text[pos + n]))
      ++n;
    return n;
  }
  std::int64_t take_number(std::size_t n) {
    std::int64_t v = 0;
    std::from_chars(text.data() + pos, text.data() + pos + n, v);
    pos += n;
    return v;
  }
  void skip_spaces() {
    while (at(' ') || at('\t'))
      ++pos;
  }
};

struct TimeError {
  std::size_t at;
  std::string why;  // "" = the general "expected ..." message
};

// "H:MM:SS.mmm" at the cursor; hours are one or more digits, the rest exactly as YouTube writes.
std::optional<Time> parse_time(Cursor& c, std::optional<TimeError>& error) {
  auto bad = [&](std::size_t at, std::string why = {}) {
    error = TimeError{at, std::move(why)};
    return std::nullopt;
  };
  const std::size_t hours = c.digits();
  if (hours == 0 || hours > 6)
    return bad(c.pos);
  const std::int64_t h = c.take_number(hours);
  std::int64_t fields[2] = {0, 0};
  for (std::int64_t& field : fields) {
    if (!c.at(':'))
      return bad(c.pos);
    ++c.pos;
    if (c.digits() != 2)
      return bad(c.pos);
    const std::size_t field_at = c.pos;
    field = c.take_number(2);
    if (field > 59)
      return bad(field_at, "minutes and seconds must be below 60");
  }
  if (!c.at('.'))
    return bad(c.pos);
  ++c.pos;
  const std::size_t ms_digits = c.digits();
  if (ms_digits == 2) {
    return bad(c.pos,
               "SBV times have 3 digits of milliseconds (2 digits are SubViewer 2 "
               "centiseconds)");
  }
  if (ms_digits != 3)
    return bad(c.pos);
  const std::int64_t ms = c.take_number(3);
  return from_ms(((h * 60 + fields[0]) * 60 + fields[1]) * 1000 + ms);
}

struct Timing {
  Time start{};
  Time end{};
  bool spaced = false;  // blanks around the comma or at the end
};

std::optional<Timing> parse_timing(std::string_view line, std::optional<TimeError>& error) {
  Cursor c{line};
  Timing t;
  const std::size_t lead = c.pos;
  c.skip_spaces();
  t.spaced = c.pos != lead;
  auto start = parse_time(c, error);
  if (!start)
    return std::nullopt;
  std::size_t before = c.pos;
  c.skip_spaces();
  t.spaced = t.spaced || c.pos != before;
  if (!c.at(',')) {
    error = TimeError{c.pos, ""};
    return std::nullopt;
  }
  ++c.pos;
  before = c.pos;
  c.skip_spaces();
  t.spaced = t.spaced || c.pos != before;
  auto end = parse_time(c, error);
  if (!end)
    return std::nullopt;
  before = c.pos;
  c.skip_spaces();
  t.spaced = t.spaced || c.pos != before;
  if (c.pos != line.size()) {
    error = TimeError{c.pos, ""};
    return std::nullopt;
  }
  t.start = *start;
  t.end = *end;
  return t;
}

bool looks_like_timing(std::string_view line) {
  std::optional<TimeError> error;
  return parse_timing(line, error).has_value();
}

// "0:00:03.000 0:00:04.000" is a broken timing line, not text that followed a blank line.
bool attempted_timing(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
    line.remove_prefix(1);
  if (line.empty() || !is_digit(line.front()))
    return false;
  const auto colon = line.find(':');
  return colon != std::string_view::npos && colon <= 6;
}

// ">> NAME: text" is YouTube's speaker convention (its caption help shows it); the name becomes a
// voice span, so it can reach formats with real speakers and come back as the same text.
constexpr std::size_t kMaxSpeaker = 48;

struct Spoken {
  std::string_view speaker;
  std::string_view text;
};

std::optional<Spoken> split_speaker(std::string_view line) {
  if (!line.starts_with(">> "))
    return std::nullopt;
  const std::string_view rest = line.substr(3);
  const auto colon = rest.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > kMaxSpeaker)
    return std::nullopt;
  const std::string_view name = rest.substr(0, colon);
  if (name.front() == ' ' || name.back() == ' ' || name.find('>') != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view text = rest.substr(colon + 2);
  if (is_blank(text))
    return std::nullopt;
  return Spoken{name, text};
}

class Reader {
 public:
  Reader(const Source& source, const ReadOptions& options, Diagnostics& diag)
      : source_(source), options_(options), diag_(diag), lines_(source.text) {}

  Document read() {
    doc_.meta.source_format = "sbv";
    doc_.meta.source_encoding = source_.encoding;
    TextLine line;
    while (next(line)) {
      if (is_blank(line.text)) {
        ++blank_lines_;
        continue;
      }
      std::optional<TimeError> error;
      if (auto timing = parse_timing(line.text, error)) {
        block(line, *timing);
      } else if (!doc_.cues.empty() && !attempted_timing(line.text)) {
        continuation(line);
      } else {
        const std::string message = error && !error->why.empty()
                                        ? error->why + " in " + quote(line.text)
                                        : std::string(kExpected) + quote(line.text);
        fail(source_, line.number, column_of(line.text, error ? error->at : 0), message);
      }
    }
    if (doc_.cues.empty() && !had_block_) {
      if (options_.strict)
        fail(source_, 1, 1, "no SBV cues in the file");
      diag_.warn(1, 1, "sbv-empty", "no cues: the document is empty");
    }
    return std::move(doc_);
  }

 private:
  bool next(TextLine& line) {
    if (!lines_.next(line))
      return false;
    const auto nul = line.text.find('\0');
    if (nul != std::string_view::npos) {
      diag_.warn(line.number, column_of(line.text, nul), "sbv-nul",
                 "NUL bytes removed from the line");
      std::string& copy = storage_.emplace_back(line.text);
      std::erase(copy, '\0');
      line.text = copy;
    }
    return true;
  }

  void block(const TextLine& timing_line, Timing timing) {
    had_block_ = true;
    if (timing.spaced) {
      if (options_.strict) {
        fail(source_, timing_line.number, 1,
             "blanks in the timing line " + quote(timing_line.text) +
                 " (YouTube wants \"H:MM:SS.mmm,H:MM:SS.mmm\" without spaces)");
      }
      diag_.warn(timing_line.number, 1, "sbv-timing-spaces",
                 "blanks in the timing line ignored (YouTube rejects them)");
    }
    if (timing.end < timing.start) {
      const std::string what =
          "end " + format_hms_ms(timing.end) + " is before start " + format_hms_ms(timing.start);
      if (options_.strict)
        fail(source_, timing_line.number, 1, what);
      // Kopru's model keeps end >= start (as every reader does): the cue becomes zero-length.
      diag_.warn(timing_line.number, 1, "sbv-end-before-start",
                 what + "; its end is set to its start");
      timing.end = timing.start;
    } else if (timing.end == timing.start) {
      diag_.warn(timing_line.number, 1, "sbv-zero-duration",
                 "start and end are equal: the cue is never shown");
    }
    Cue cue;
    cue.start = timing.start;
    cue.end = timing.end;
    cue.source_line = timing_line.number;
    voice_.clear();
    text_lines(cue);
    if (cue.runs.empty()) {
      // Kept, so that cue counts and numbering survive a conversion.
      diag_.warn(timing_line.number, 1, "sbv-empty-cue", "timing line without text");
    }
    doc_.cues.push_back(std::move(cue));
  }

  // Text lines (from `first`, when given) up to the next blank line or the end.
  void text_lines(Cue& cue, const TextLine* first = nullptr) {
    TextLine line;
    if (first != nullptr)
      add_text_line(cue, first->text);
    blank_lines_ = 0;
    while (next(line)) {
      if (is_blank(line.text)) {
        blank_lines_ = 1;
        break;
      }
      add_text_line(cue, line.text);
    }
  }

  void add_text_line(Cue& cue, std::string_view text) {
    if (!cue.runs.empty())
      cue.runs.push_back(Run::line_break());
    if (auto spoken = split_speaker(text)) {
      voice_ = std::string(spoken->speaker);
      text = spoken->text;
      if (cue.runs.empty())
        cue.speaker = voice_;
    }
    std::vector<Span> spans;
    if (!voice_.empty())
      spans.push_back(Span{SpanKind::voice, {}, voice_, {}, {}});
    cue.runs.push_back(Run::plain(std::string(text), std::move(spans)));
  }

  // Text after a blank line inside a block: the blank line was part of the text.
  void continuation(const TextLine& first_line) {
    if (options_.strict) {
      fail(source_, first_line.number, 1,
           std::string(kExpected) + quote(first_line.text) +
               " (a blank line ends a cue; was it meant to be inside the text?)");
    }
    diag_.warn(first_line.number, 1, "sbv-blank-line-in-text",
               "text after a blank line added to the previous cue");
    Cue& cue = doc_.cues.back();
    // One break ends the last line; each blank line is an empty line of the text.
    const int breaks = cue.runs.empty() ? blank_lines_ : blank_lines_ + 1;
    for (int i = 0; i < breaks; ++i)
      cue.runs.push_back(Run::line_break());
    Cue tail;
    text_lines(tail, &first_line);
    if (cue.runs.empty() && cue.speaker.empty())
      cue.speaker = tail.speaker;
    for (Run& run : tail.runs)
      cue.runs.push_back(std::move(run));
  }

  const Source& source_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  LineReader lines_;
  std::deque<std::string> storage_;  // NUL-free copies (stable addresses)
  Document doc_;
  bool had_block_ = false;
  int blank_lines_ = 0;  // blank lines since the last text line
  std::string voice_;    // the speaker of the line being read, from ">> NAME: "
};

}  // namespace

int probe(std::string_view head, std::string_view extension) {
  const bool sbv_extension = extension == "sbv" || extension == "SBV";
  int timings = 0;
  bool first_is_timing = false;
  bool seen_first = false;
  for (const TextLine& line : split_lines(head)) {
    if (is_blank(line.text))
      continue;
    const bool timing = looks_like_timing(line.text);
    if (!seen_first)
      first_is_timing = timing;
    seen_first = true;
    if (timing)
      ++timings;
  }
  if (first_is_timing)
    return sbv_extension ? 95 : 90;
  if (timings > 0)
    return sbv_extension ? 60 : 40;
  return sbv_extension ? 30 : 0;
}

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  return Reader(source, options, diag).read();
}

}  // namespace kopru::codecs::sbv
