// SubRip reader: one pass over the lines, tolerant of the dialects found in real files, reporting
// every repair with its line. See codecs/srt/README.md for the decisions taken.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/common/streaming.h"
#include "codecs/srt/srt.h"
#include "codecs/srt/srt_internal.h"
#include "pipeline/core/byte_scan.h"
#include "pipeline/core/lines.h"
#include "pipeline/model/dump.h"

namespace kopru::codecs::srt {

namespace detail {

namespace {

struct NamedEntity {
  std::string_view name;  // without '&', with ';'
  std::string_view utf8;
};

constexpr NamedEntity kEntities[] = {
    {"amp;", "&"},
    {"lt;", "<"},
    {"gt;", ">"},
    {"quot;", "\""},
    {"apos;", "'"},
    {"nbsp;", "\xC2\xA0"},
    {"lrm;", "\xE2\x80\x8E"},
    {"rlm;", "\xE2\x80\x8F"},
};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int digit_value(char c, bool hex) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (!hex)
    return -1;
  const char l = ascii_lower(c);
  if (l >= 'a' && l <= 'f')
    return l - 'a' + 10;
  return -1;
}

std::size_t decode_numeric(std::string_view rest, std::string& out) {
  // rest starts after "&#"
  bool hex = false;
  std::size_t i = 0;
  if (!rest.empty() && (rest[0] == 'x' || rest[0] == 'X')) {
    hex = true;
    i = 1;
  }
  const std::size_t first = i;
  std::uint32_t value = 0;
  while (i < rest.size() && i - first < 8) {
    const int d = digit_value(rest[i], hex);
    if (d < 0)
      break;
    value = value * (hex ? 16U : 10U) + static_cast<std::uint32_t>(d);
    ++i;
  }
  if (i == first || i >= rest.size() || rest[i] != ';')
    return 0;
  // NUL, surrogates and values past Unicode stay literal text.
  if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
    return 0;
  append_utf8(out, value);
  return i + 3;  // "&#" + digits + ";"
}

}  // namespace

std::size_t decode_entity(std::string_view text, std::size_t amp, std::string& out) {
  const std::string_view rest = text.substr(amp + 1);
  if (!rest.empty() && rest[0] == '#')
    return decode_numeric(rest.substr(1), out);
  for (const auto& e : kEntities) {
    if (rest.substr(0, e.name.size()) == e.name) {
      out += e.utf8;
      return e.name.size() + 1;
    }
  }
  return 0;
}

namespace {

std::optional<SpanKind> known_tag(std::string_view name) {
  if (name.size() == 1) {
    switch (ascii_lower(name[0])) {
      case 'i':
        return SpanKind::italic;
      case 'b':
        return SpanKind::bold;
      case 'u':
        return SpanKind::underline;
      case 's':
        return SpanKind::strike;
      default:
        return std::nullopt;
    }
  }
  if (iequals(name, "font"))
    return SpanKind::font;
  return std::nullopt;
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The tag name at text[pos...] (after '<' and an optional '/'), ending at a delimiter that makes
// it a tag (">", blank or "/"); empty when the text there is not tag-shaped.
std::string_view tag_name_at(std::string_view text, std::size_t pos) {
  std::size_t q = pos;
  if (q >= text.size() || !is_alpha(text[q]))
    return {};
  while (q < text.size() && (is_alpha(text[q]) || is_digit(text[q])))
    ++q;
  if (q < text.size() && text[q] != '>' && text[q] != '/' && !is_blank_char(text[q]))
    return {};
  return text.substr(pos, q - pos);
}

}  // namespace

bool starts_known_tag(std::string_view text, std::size_t lt) {
  std::size_t q = lt + 1;
  if (q < text.size() && text[q] == '/')
    ++q;
  const std::string_view name = tag_name_at(text, q);
  return !name.empty() && known_tag(name).has_value();
}

}  // namespace detail

namespace {

using detail::iequals;
using detail::is_blank_char;
using detail::trim;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kTimingForm = "HH:MM:SS,mmm --> HH:MM:SS,mmm";
constexpr std::size_t kMaxSpanDepth = 64;
constexpr std::int64_t kMaxSeconds = 999'999LL * 3600;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_blank_char(c); });
}

bool is_digits(std::string_view s) {
  if (s.empty())
    return false;
  for (const char c : s) {
    if (!is_digit(c))
      return false;
  }
  return true;
}

bool strip_bom(std::string_view& s) {
  if (s.substr(0, kBom.size()) != kBom)
    return false;
  s.remove_prefix(kBom.size());
  return true;
}

// What the user sees in messages: the offending text, quoted and cut to a readable length.
std::string shown(std::string_view s) {
  constexpr std::size_t kMax = 60;
  if (s.size() <= kMax)
    return quoted(s);
  std::size_t end = kMax;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0U) == 0x80U)
    --end;
  return quoted(s.substr(0, end)) + "...";
}

// ---------------------------------------------------------------------------------------------
// Timestamps

struct Stamp {
  Time time{};
  std::size_t pos = 0;  // byte offset in the line
  bool negative = false;
  bool dot = false;           // '.' before the milliseconds
  bool no_hours = false;      // MM:SS,mmm
  bool no_millis = false;     // HH:MM:SS
  bool short_millis = false;  // fewer than 3 fraction digits (taken as a decimal fraction)
  bool odd_digits = false;    // 1-digit hours, 3-digit seconds, 4+ fraction digits...
  bool out_of_range = false;  // minutes or seconds >= 60
};

struct Timing {
  Stamp start;
  Stamp end;
  std::string_view rest;  // trailing text after the end time, trimmed
  std::size_t rest_pos = 0;
};

// Reads up to 10 digits; false if there are none or more.
bool read_number(std::string_view s, std::size_t& p, std::int64_t& value, int& digits) {
  const std::size_t start = p;
  value = 0;
  while (p < s.size() && is_digit(s[p])) {
    if (p - start >= 10)
      return false;
    value = value * 10 + (s[p] - '0');
    ++p;
  }
  digits = static_cast<int>(p - start);
  return digits > 0;
}

// The canonical "HH:MM:SS,mmm" (or '.'): nearly every stamp in real files. Reads it without the
// general loop below and gives exactly what that loop would; false leaves the rest to it.
bool parse_canonical_stamp(std::string_view s, std::size_t& pos, Stamp& st) {
  constexpr std::size_t kLength = 12;
  if (s.size() - pos < kLength)
    return false;
  const char* c = s.data() + pos;
  const bool shape = is_digit(c[0]) && is_digit(c[1]) && c[2] == ':' && is_digit(c[3]) &&
                     is_digit(c[4]) && c[5] == ':' && is_digit(c[6]) && is_digit(c[7]) &&
                     (c[8] == ',' || c[8] == '.') && is_digit(c[9]) && is_digit(c[10]) &&
                     is_digit(c[11]);
  if (!shape)
    return false;
  // A fourth fraction digit makes it an unusual stamp: the general path reports it.
  if (s.size() - pos > kLength && is_digit(c[kLength]))
    return false;
  auto two = [&](std::size_t i) { return std::int64_t{(c[i] - '0') * 10 + (c[i + 1] - '0')}; };
  const std::int64_t h = two(0);
  const std::int64_t m = two(3);
  const std::int64_t sec = two(6);
  const std::int64_t ms = (c[9] - '0') * 100 + (c[10] - '0') * 10 + (c[11] - '0');
  st = Stamp{};
  st.pos = pos;
  st.dot = c[8] == '.';
  st.out_of_range = m >= 60 || sec >= 60;
  st.time = Time((h * 3600 + m * 60 + sec) * kTicksPerSecond + ms * kTicksPerMs);
  pos += kLength;
  return true;
}

bool parse_stamp(std::string_view s, std::size_t& pos, Stamp& st) {
  if (parse_canonical_stamp(s, pos, st))
    return true;
  std::size_t p = pos;
  st = Stamp{};
  st.pos = pos;
  if (p < s.size() && s[p] == '-') {
    st.negative = true;
    ++p;
  }
  std::array<std::int64_t, 3> groups{};
  std::array<int, 3> digits{};
  int count = 0;
  while (true) {
    if (!read_number(s, p, groups[count], digits[count]))
      return false;
    ++count;
    if (count < 3 && p + 1 < s.size() && s[p] == ':' && is_digit(s[p + 1])) {
      ++p;
      continue;
    }
    break;
  }
  if (count < 2)
    return false;
  std::int64_t frac = 0;
  int frac_digits = 0;
  if (p + 1 < s.size() && (s[p] == ',' || s[p] == '.') && is_digit(s[p + 1])) {
    st.dot = s[p] == '.';
    ++p;
    if (!read_number(s, p, frac, frac_digits) || frac_digits > 9)
      return false;
  }
  const std::int64_t h = count == 3 ? groups[0] : 0;
  const std::int64_t m = groups[count - 2];
  const std::int64_t sec = groups[count - 1];
  const int m_digits = digits[count - 2];
  const int s_digits = digits[count - 1];
  st.no_hours = count == 2;
  st.no_millis = frac_digits == 0;
  st.short_millis = frac_digits > 0 && frac_digits < 3;
  st.odd_digits =
      (count == 3 && digits[0] < 2) || m_digits != 2 || s_digits != 2 || frac_digits > 3;
  st.out_of_range = m >= 60 || sec >= 60;
  if (h > 999'999 || m > kMaxSeconds / 60 || sec > kMaxSeconds)
    return false;
  const std::int64_t total = h * 3600 + m * 60 + sec;
  if (total > kMaxSeconds)
    return false;
  std::int64_t frac_ticks = 0;
  if (frac_digits > 0) {
    std::int64_t scale = 1;
    for (int i = 0; i < frac_digits; ++i)
      scale *= 10;
    frac_ticks = divide_ticks(frac * kTicksPerSecond, scale, Rounding::nearest);
  }
  std::int64_t ticks = total * kTicksPerSecond + frac_ticks;
  if (st.negative)
    ticks = -ticks;
  st.time = Time(ticks);
  pos = p;
  return true;
}

void skip_blanks(std::string_view s, std::size_t& p) {
  while (p < s.size() && is_blank_char(s[p]))
    ++p;
}

bool parse_timing(std::string_view line, Timing& t) {
  std::size_t p = 0;
  skip_blanks(line, p);
  // Every cue text line is asked whether it is a timing line: most can be told no by their first
  // character (a stamp starts with a digit or '-'); the rest by the parse below.
  if (p >= line.size() || !(is_digit(line[p]) || line[p] == '-'))
    return false;
  if (!parse_stamp(line, p, t.start))
    return false;
  skip_blanks(line, p);
  if (line.substr(p, 3) != "-->")
    return false;
  p += 3;
  skip_blanks(line, p);
  if (!parse_stamp(line, p, t.end))
    return false;
  skip_blanks(line, p);
  t.rest_pos = p;
  t.rest = trim(line.substr(p));
  return true;
}

// "X1:40 X2:600 Y1:20 Y2:50" (any case, any order, each once).
std::optional<Placement::Box> parse_box(std::string_view rest) {
  Placement::Box box;
  int seen = 0;
  std::size_t p = 0;
  while (p < rest.size()) {
    skip_blanks(rest, p);
    if (p + 3 > rest.size())
      return std::nullopt;
    const char axis = detail::ascii_lower(rest[p]);
    const char which = rest[p + 1];
    if ((axis != 'x' && axis != 'y') || (which != '1' && which != '2') || rest[p + 2] != ':') {
      return std::nullopt;
    }
    p += 3;
    int value = 0;
    const auto [end, ec] = std::from_chars(rest.data() + p, rest.data() + rest.size(), value);
    if (ec != std::errc())
      return std::nullopt;
    p = static_cast<std::size_t>(end - rest.data());
    const int bit = (axis == 'x' ? 0 : 2) + (which - '1');
    if ((seen & (1 << bit)) != 0)
      return std::nullopt;
    seen |= 1 << bit;
    int* fields[] = {&box.x1, &box.x2, &box.y1, &box.y2};
    *fields[bit] = value;
    if (p < rest.size() && !is_blank_char(rest[p]))
      return std::nullopt;
  }
  if (seen != 0xF)
    return std::nullopt;
  return box;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics shared by the block reader and the markup parser

class Reporter {
 public:
  Reporter(const Source& source, const ReadOptions& options, Diagnostics& diag)
      : source_(source), options_(options), diag_(diag) {}

  // A lenient repair; with --strict those that change meaning fail instead.
  // A lenient repair that does not change what is shown, so --strict keeps it a warning.
  void repair(int line, int column, const char* code, const std::string& message) {
    diag_.warn(line, column, code, message);
  }

  // A repair that changes meaning: with --strict the problem is the error, otherwise the warning
  // also says what was done about it.
  void guess(int line, int column, const char* code, const std::string& problem,
             const std::string& remedy) {
    if (options_.strict)
      fail(source_, line, column, problem);
    diag_.warn(line, column, code, problem + "; " + remedy);
  }

  // A block that cannot be read is skipped; if nothing at all can be read, the first such problem
  // becomes the error.
  void skipped(int line, int column, const char* code, const std::string& message) {
    if (options_.strict)
      fail(source_, line, column, message);
    if (!first_problem_)
      first_problem_ = Problem{line, column, message};
    diag_.warn(line, column, code, message + "; the block is skipped");
  }

  void fail_if_nothing_read(bool nothing) const {
    if (nothing && first_problem_) {
      fail(source_, first_problem_->line, first_problem_->column, first_problem_->message);
    }
  }

 private:
  struct Problem {
    int line;
    int column;
    std::string message;
  };
  const Source& source_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  std::optional<Problem> first_problem_;
};

// ---------------------------------------------------------------------------------------------
// Cue text markup -> runs

class MarkupParser {
 public:
  explicit MarkupParser(Reporter& report) : report_(report) { buffer_.reserve(256); }

  void parse(const std::vector<TextLine>& lines, Cue& cue) {
    cue_ = &cue;
    runs_ = &cue.runs;
    used_ = 0;
    stack_.clear();
    reported_ = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i != 0) {
        flush();
        add_run(RunKind::line_break);
      }
      // Most lines are plain text: their run is made directly, not through buffer_. (buffer_ is
      // empty here and the last run, if any, a line break, so flush() would not merge it.)
      const std::string_view text = lines[i].text;
      if (!text.empty() && find_any_of(text, 0, "<&{") == text.size()) {
        Run& run = add_run(RunKind::text);
        run.text = text;
        run.spans = stack_;
        continue;
      }
      parse_line(lines[i]);
    }
    flush();
    runs_->resize(used_);  // drops slots left over from a longer previous cue
    if (!stack_.empty()) {
      std::string names;
      for (const auto& span : stack_)
        names += "<" + std::string(to_string(span.kind)) + ">";
      const TextLine& last = lines.back();
      issue(kUnclosed, last, last.text.size(), "srt-unclosed-tag",
            "unclosed " + names + " closed at the end of the cue");
    }
  }

 private:
  enum Issue : unsigned {
    kUnknownTag,
    kStrayClose,
    kMisnested,
    kUnclosed,
    kAssOverride,
    kFontAttribute,
    kTagAttributes,
    kTooDeep,
    kDuplicateAlignment,
  };

  // One diagnostic per kind per cue: a 1 MB line of junk tags must not make a million of them.
  void issue(Issue kind, const TextLine& line, std::size_t byte, const char* code,
             const std::string& message) {
    const unsigned bit = 1U << kind;
    if ((reported_ & bit) != 0)
      return;
    reported_ |= bit;
    report_.repair(line.number, column_of(line.text, byte), code, message);
  }

  // The next run of the cue, reset to a default Run of `kind`. The reader hands in each cue with
  // the runs of the previous one (Reader::spare_runs_), which are written over in place so that
  // their strings keep their storage: no allocation per run in the common case.
  Run& add_run(RunKind kind) {
    if (used_ == runs_->size())
      runs_->emplace_back();
    Run& run = (*runs_)[used_++];
    run.kind = kind;
    run.text.clear();
    run.spans.clear();
    run.time = Time{};
    run.raw_format.clear();
    return run;
  }

  void flush() {
    if (buffer_.empty())
      return;
    if (used_ != 0) {
      Run& last = (*runs_)[used_ - 1];
      if (last.kind == RunKind::text && last.spans == stack_) {
        last.text += buffer_;
        buffer_.clear();
        return;
      }
    }
    Run& run = add_run(RunKind::text);
    run.text = buffer_;
    run.spans = stack_;
    buffer_.clear();
  }

  void parse_line(const TextLine& line) {
    const std::string_view text = line.text;
    next_gt_ = 0;
    next_brace_ = 0;
    std::size_t p = 0;
    while (p < text.size()) {
      const std::size_t q = find_any_of(text, p, "<&{");
      buffer_.append(text.data() + p, q - p);
      if (q >= text.size())
        break;
      p = q;
      switch (text[p]) {
        case '<':
          p = tag(line, p);
          break;
        case '&': {
          const std::size_t used = detail::decode_entity(text, p, buffer_);
          if (used == 0)
            buffer_ += '&';
          p += used == 0 ? 1 : used;
          break;
        }
        default:
          p = brace(line, p);
          break;
      }
    }
  }

  // The first '>' or '}' at or after `from`, remembered so that a line full of '<' stays
  // linear. 0 means not searched yet (searches always start past 0).
  std::size_t find_gt(std::string_view text, std::size_t from) {
    if (next_gt_ == 0 || (next_gt_ != std::string_view::npos && next_gt_ < from)) {
      next_gt_ = text.find('>', from);
    }
    return next_gt_;
  }

  std::size_t find_brace(std::string_view text, std::size_t from) {
    if (next_brace_ == 0 || (next_brace_ != std::string_view::npos && next_brace_ < from)) {
      next_brace_ = text.find('}', from);
    }
    return next_brace_;
  }

  std::size_t literal(char c, std::size_t p) {
    buffer_ += c;
    return p + 1;
  }

  std::size_t tag(const TextLine& line, std::size_t lt) {
    const std::string_view text = line.text;
    std::size_t q = lt + 1;
    const bool closing = q < text.size() && text[q] == '/';
    if (closing)
      ++q;
    const std::string_view name = detail::tag_name_at(text, q);
    if (name.empty())
      return literal('<', lt);
    const std::size_t gt = find_gt(text, q);
    if (gt == std::string_view::npos)
      return literal('<', lt);
    const std::string_view whole = text.substr(lt, gt + 1 - lt);
    const std::optional<SpanKind> kind = detail::known_tag(name);
    if (!kind) {
      buffer_.append(whole);
      issue(kUnknownTag, line, lt, "srt-unknown-tag",
            "unknown tag " + shown(whole) + " kept as text");
      return gt + 1;
    }
    std::string_view attrs = trim(text.substr(q + name.size(), gt - q - name.size()));
    const bool self_closing = !attrs.empty() && attrs.back() == '/';
    if (self_closing) {
      issue(kUnknownTag, line, lt, "srt-unknown-tag",
            "empty tag " + shown(whole) + " has no effect and is dropped");
      return gt + 1;
    }
    if (closing) {
      close(line, lt, *kind, whole);
    } else {
      open(line, lt, *kind, attrs, whole);
    }
    return gt + 1;
  }

  void open(const TextLine& line, std::size_t lt, SpanKind kind, std::string_view attrs,
            std::string_view whole) {
    if (stack_.size() >= kMaxSpanDepth) {
      issue(kTooDeep, line, lt, "srt-nesting-too-deep",
            "tags nested deeper than " + std::to_string(kMaxSpanDepth) + " levels are ignored");
      return;
    }
    Span span;
    span.kind = kind;
    if (kind == SpanKind::font) {
      font_attributes(line, lt, attrs, span);
    } else if (!attrs.empty()) {
      issue(kTagAttributes, line, lt, "srt-tag-attributes",
            "attributes of " + shown(whole) + " are ignored");
    }
    flush();
    stack_.push_back(std::move(span));
  }

  void close(const TextLine& line, std::size_t lt, SpanKind kind, std::string_view whole) {
    auto it =
        std::find_if(stack_.rbegin(), stack_.rend(), [&](const Span& s) { return s.kind == kind; });
    if (it == stack_.rend()) {
      issue(kStrayClose, line, lt, "srt-stray-close-tag",
            "closing tag " + shown(whole) + " without an opening tag is ignored");
      return;
    }
    if (it != stack_.rbegin()) {
      issue(kMisnested, line, lt, "srt-misnested-tag",
            "closing tag " + shown(whole) + " closes a tag that is not the innermost one");
    }
    flush();
    stack_.erase(std::next(it).base());
  }

  void font_attributes(const TextLine& line, std::size_t lt, std::string_view attrs, Span& span) {
    std::size_t p = 0;
    while (true) {
      skip_blanks(attrs, p);
      if (p >= attrs.size())
        break;
      const std::size_t name_start = p;
      while (p < attrs.size() && attrs[p] != '=' && !is_blank_char(attrs[p]))
        ++p;
      const std::string_view name = attrs.substr(name_start, p - name_start);
      skip_blanks(attrs, p);
      std::string value;
      if (p < attrs.size() && attrs[p] == '=') {
        ++p;
        skip_blanks(attrs, p);
        std::string_view raw;
        if (p < attrs.size() && (attrs[p] == '"' || attrs[p] == '\'')) {
          const char quote = attrs[p++];
          std::size_t end = attrs.find(quote, p);
          if (end == std::string_view::npos)
            end = attrs.size();
          raw = attrs.substr(p, end - p);
          p = std::min(end + 1, attrs.size());
        } else {
          const std::size_t start = p;
          while (p < attrs.size() && !is_blank_char(attrs[p]))
            ++p;
          raw = attrs.substr(start, p - start);
        }
        for (std::size_t i = 0; i < raw.size();) {
          const std::size_t used = raw[i] == '&' ? detail::decode_entity(raw, i, value) : 0;
          if (used == 0)
            value += raw[i++];
          i += used;
        }
      }
      if (!font_attribute(name, value, span)) {
        issue(kFontAttribute, line, lt, "srt-font-attribute",
              "font attribute " + shown(std::string(name) + "=" + value) + " is not understood");
      }
    }
  }

  static bool font_attribute(std::string_view name, const std::string& value, Span& span) {
    if (iequals(name, "face")) {
      span.annotation = value;
      return true;
    }
    if (iequals(name, "color")) {
      std::optional<Color> color = Color::parse(value);
      // Many files write the hex digits without '#'.
      if (!color && (value.size() == 6 || value.size() == 8))
        color = Color::parse("#" + value);
      if (!color)
        return false;
      span.color = color;
      return true;
    }
    if (iequals(name, "size")) {
      double size = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), size);
      if (ec != std::errc() || end != value.data() + value.size() || !(size > 0) || size > 10000) {
        return false;
      }
      span.size = size;
      return true;
    }
    return false;
  }

  std::size_t brace(const TextLine& line, std::size_t open) {
    const std::string_view text = line.text;
    if (open + 1 >= text.size() || text[open + 1] != '\\')
      return literal('{', open);
    const std::size_t close = find_brace(text, open + 1);
    if (close == std::string_view::npos)
      return literal('{', open);
    const std::string_view block = text.substr(open, close + 1 - open);
    if (block.size() == 6 && block.substr(1, 3) == "\\an" && block[4] >= '1' && block[4] <= '9') {
      if (cue_->placement.alignment == 0) {
        cue_->placement.alignment = block[4] - '0';
      } else {
        issue(kDuplicateAlignment, line, open, "srt-duplicate-alignment",
              "a second alignment tag " + shown(block) + " is ignored (the first one applies)");
      }
      return close + 1;
    }
    issue(kAssOverride, line, open, "srt-ass-override",
          "ASS override block " + shown(block) + " kept as raw markup");
    flush();
    Run& raw = add_run(RunKind::raw);
    raw.raw_format = "ass";
    raw.text = block;
    raw.spans = stack_;
    return close + 1;
  }

  Reporter& report_;
  Cue* cue_ = nullptr;
  std::vector<Run>* runs_ = nullptr;
  std::size_t used_ = 0;  // runs of this cue in *runs_; slots past it are leftovers
  std::vector<Span> stack_;
  std::string buffer_;
  unsigned reported_ = 0;
  std::size_t next_gt_ = 0;
  std::size_t next_brace_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Blocks

class Reader {
 public:
  Reader(const Source& source, const ReadOptions& options, Diagnostics& diag, CueSink& sink)
      : source_(source),
        report_(source, options, diag),
        lines_(source.text),
        markup_(report_),
        sink_(sink) {}

  void run() {
    Document header;
    header.meta.source_format = "srt";
    header.meta.source_encoding = source_.encoding;
    sink_.begin(std::move(header));
    TextLine line;
    int blank_run = 0;
    int first_blank = 0;
    bool started = false;
    while (lines_.next(line)) {
      if (is_blank(line.text)) {
        if (blank_run++ == 0)
          first_blank = line.number;
        continue;
      }
      const int expected = started ? 1 : 0;
      if (blank_run > expected) {
        report_.repair(first_blank + expected, 1, "srt-extra-blank-lines",
                       std::to_string(blank_run - expected) + " extra blank line(s) ignored");
      }
      blank_run = 0;
      started = true;
      block(line);
    }
    report_.fail_if_nothing_read(cues_ == 0);
  }

 private:
  // The line with a stray U+FEFF removed (concatenated files carry one in the middle).
  std::string_view content(const TextLine& line) {
    std::string_view text = line.text;
    if (strip_bom(text)) {
      report_.repair(line.number, 1, "srt-stray-bom", "stray byte order mark (U+FEFF) ignored");
    }
    return text;
  }

  void block(const TextLine& first) {
    const std::string_view text = content(first);
    const std::string_view head = trim(text);
    Timing timing;
    if (is_digits(head)) {
      // Counted even when the block turns out broken, so one bad block is one warning.
      check_index(head, first.number);
      TextLine next;
      if (!lines_.next(next)) {
        report_.skipped(first.number, column_of(first.text, first.text.size()),
                        "srt-unexpected-eof",
                        "unexpected end of file after cue index " + shown(head));
        return;
      }
      if (is_blank(next.text)) {
        lines_.unread();
        report_.skipped(next.number, 1, "srt-missing-timing",
                        "expected \"" + std::string(kTimingForm) + "\" after cue index " +
                            shown(head) + ", found a blank line");
        return;
      }
      const std::string_view timing_text = content(next);
      if (!parse_timing(timing_text, timing)) {
        if (timing_text.find("-->") != std::string_view::npos) {
          bad_timing(next, timing_text);
          return;
        }
        report_.skipped(next.number, 1, "srt-missing-timing",
                        "expected \"" + std::string(kTimingForm) + "\" after cue index " +
                            shown(head) + ", found " + shown(trim(timing_text)));
        lines_.unread();
        skip_block();
        return;
      }
      cue(std::string(head), first.number, next, timing);
      return;
    }
    if (parse_timing(text, timing)) {
      report_.repair(first.number, 1, "srt-missing-index", "cue without an index line");
      cue(std::string(), first.number, first, timing);
      return;
    }
    if (text.find("-->") != std::string_view::npos) {
      bad_timing(first, text);
      return;
    }
    // A malformed index ("1a", "#12") directly followed by a timing line.
    const LineReader saved = lines_;
    TextLine next;
    if (lines_.next(next) && parse_timing(next.text, timing)) {
      report_.repair(first.number, 1, "srt-bad-index",
                     "cue index " + shown(head) + " is not a number");
      cue(std::string(head), first.number, next, timing);
      return;
    }
    lines_ = saved;
    report_.skipped(
        first.number, 1, "srt-unexpected-text",
        "expected a cue index or \"" + std::string(kTimingForm) + "\", found " + shown(head));
    skip_block();
  }

  void bad_timing(const TextLine& line, std::string_view text) {
    report_.skipped(line.number, 1, "srt-bad-timing",
                    "expected \"" + std::string(kTimingForm) + "\", found " + shown(trim(text)));
    skip_block();
  }

  // Skips to the end of a block that cannot be read, stopping early where a cue plainly begins.
  void skip_block() {
    TextLine line;
    while (true) {
      const LineReader before = lines_;
      if (!lines_.next(line))
        return;
      if (is_blank(line.text)) {
        lines_.unread();
        return;
      }
      Timing timing;
      if (parse_timing(line.text, timing)) {
        lines_ = before;
        return;
      }
      if (is_digits(trim(line.text))) {
        TextLine next;
        if (lines_.next(next) && parse_timing(next.text, timing)) {
          lines_ = before;
          return;
        }
        lines_ = before;
        lines_.next(line);
      }
    }
  }

  void check_stamps(const TextLine& line, const Timing& t) {
    // Nearly every timing line has nothing to report: skip the table walk below. (Every flag
    // that kForms lists must be tested here.)
    const auto unusual = [](const Stamp& st) {
      return st.dot || st.no_hours || st.no_millis || st.short_millis || st.odd_digits ||
             st.out_of_range;
    };
    if (!unusual(t.start) && !unusual(t.end))
      return;
    const Stamp* stamps[] = {&t.start, &t.end};
    struct Form {
      bool Stamp::*flag;
      const char* code;
      const char* what;
      const char* remedy;  // set when the reading is a guess (an error with --strict)
    };
    static constexpr Form kForms[] = {
        {&Stamp::dot, "srt-timestamp-dot", "'.' instead of ',' before the milliseconds", nullptr},
        {&Stamp::no_hours, "srt-timestamp-no-hours", "timestamp without hours (MM:SS,mmm)",
         nullptr},
        {&Stamp::no_millis, "srt-timestamp-no-millis", "timestamp without milliseconds", nullptr},
        {&Stamp::short_millis, "srt-timestamp-short-millis", "fewer than 3 fraction digits",
         "read as a decimal fraction (,5 = 500 ms)"},
        {&Stamp::odd_digits, "srt-timestamp-digits", "unusual number of digits in a timestamp",
         nullptr},
        {&Stamp::out_of_range, "srt-timestamp-range", "minutes or seconds of 60 or more",
         "counted as written"},
    };
    for (const auto& form : kForms) {
      for (const Stamp* st : stamps) {
        if (!(st->*form.flag))
          continue;
        const int column = column_of(line.text, st->pos);
        const std::string problem = std::string(form.what) + " in " + shown(trim(line.text));
        if (form.remedy != nullptr) {
          report_.guess(line.number, column, form.code, problem, form.remedy);
        } else {
          report_.repair(line.number, column, form.code, problem);
        }
        break;
      }
    }
  }

  void cue(std::string id, int source_line, const TextLine& timing_line, const Timing& timing) {
    if (!is_digits(id))
      check_index(id, source_line);
    const bool negative = timing.start.negative || timing.end.negative;
    if (negative) {
      report_.skipped(
          timing_line.number,
          column_of(timing_line.text, timing.start.negative ? timing.start.pos : timing.end.pos),
          "srt-negative-time", "negative time in " + shown(trim(timing_line.text)));
      read_text();
      return;
    }
    check_stamps(timing_line, timing);
    Cue cue;
    cue.runs = std::move(spare_runs_);
    cue.id = std::move(id);
    cue.source_line = source_line;
    cue.start = timing.start.time;
    cue.end = timing.end.time;
    if (cue.end < cue.start) {
      report_.guess(timing_line.number, column_of(timing_line.text, timing.end.pos),
                    "srt-end-before-start",
                    "cue ends before it starts in " + shown(trim(timing_line.text)),
                    "its end is set to its start");
      cue.end = cue.start;
    }
    if (!timing.rest.empty())
      trailing(timing_line, timing, cue);
    read_text();
    if (text_lines_.empty()) {
      cue.runs.clear();
    } else {
      markup_.parse(text_lines_, cue);
    }
    sink_.cue(std::move(cue));
    // Whatever the sink left of the runs (all of them, for a sink that only looked) is written
    // over by the next cue.
    spare_runs_ = std::move(cue.runs);
    ++cues_;
  }

  void trailing(const TextLine& line, const Timing& timing, Cue& cue) {
    if (auto box = parse_box(timing.rest)) {
      cue.placement.box = *box;
      return;
    }
    report_.repair(line.number, column_of(line.text, timing.rest_pos), "srt-timing-trailing-text",
                   "text after the timing line kept only for SubRip output: " + shown(timing.rest));
    cue.format_private.format = "srt";
    cue.format_private.set("timing-extra", std::string(timing.rest));
  }

  void check_index(std::string_view id, int line) {
    // The value, read while checking the digits (at most 18 of them: no overflow).
    std::int64_t index = 0;
    bool number = !id.empty() && id.size() <= 18;
    for (std::size_t i = 0; number && i < id.size(); ++i) {
      number = is_digit(id[i]);
      if (number)
        index = index * 10 + (id[i] - '0');
    }
    if (!number) {
      if (previous_index_ >= 0)
        ++previous_index_;
      return;
    }
    if (previous_index_ >= 0 && index != previous_index_ + 1) {
      report_.repair(
          line, 1, "srt-index-sequence",
          "cue index " + std::string(id) + " does not follow " + std::to_string(previous_index_));
    }
    previous_index_ = index;
  }

  // Whether a non-blank line after a blank one begins the next cue rather than continuing the text.
  static bool starts_block(const TextLine& line) {
    std::string_view text = line.text;
    strip_bom(text);
    Timing timing;
    return is_digits(trim(text)) || parse_timing(text, timing);
  }

  void read_text() {
    text_lines_.clear();
    TextLine line;
    LineReader before_previous = lines_;
    while (true) {
      const LineReader before = lines_;
      if (!lines_.next(line))
        return;
      if (is_blank(line.text)) {
        if (!blank_inside_text(line))
          return;
        before_previous = lines_;
        continue;
      }
      Timing timing;
      if (parse_timing(line.text, timing)) {
        // The blank line between two cues is missing; a number just before is the next index.
        const bool index_before = !text_lines_.empty() && is_digits(trim(text_lines_.back().text));
        if (index_before)
          text_lines_.pop_back();
        lines_ = index_before ? before_previous : before;
        report_.repair(lines_.line_number() + 1, 1, "srt-missing-blank-line",
                       "no blank line before the next cue");
        return;
      }
      text_lines_.push_back(line);
      before_previous = before;
    }
  }

  // At a blank line inside cue text: looks ahead; if the text goes on (the next non-blank line is
  // neither an index nor a timing line), keeps the blank lines as empty text lines.
  bool blank_inside_text(const TextLine& blank) {
    LineReader look = lines_;
    TextLine next;
    int blanks = 1;
    while (look.next(next)) {
      if (is_blank(next.text)) {
        ++blanks;
        continue;
      }
      if (starts_block(next))
        break;
      report_.repair(blank.number, 1, "srt-blank-line-in-text",
                     "blank line inside the cue text kept (the next line is not a new cue)");
      for (int i = 0; i < blanks; ++i) {
        TextLine empty = blank;
        empty.text = {};
        empty.number = blank.number + i;
        text_lines_.push_back(empty);
      }
      lines_ = look;
      lines_.unread();
      return true;
    }
    lines_.unread();
    return false;
  }

  const Source& source_;
  Reporter report_;
  LineReader lines_;
  MarkupParser markup_;
  CueSink& sink_;
  std::size_t cues_ = 0;
  std::vector<TextLine> text_lines_;
  std::vector<Run> spare_runs_;  // the previous cue's runs, see MarkupParser::add_run()
  std::int64_t previous_index_ = -1;
};

}  // namespace

void read_stream(const Source& source, const ReadOptions& options, Diagnostics& diag,
                 CueSink& sink) {
  Reader reader(source, options, diag, sink);
  reader.run();
}

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  return collect(&read_stream, source, options, diag);
}

int probe(std::string_view head, std::string_view extension) {
  if (!extension.empty() && extension.front() == '.')
    extension.remove_prefix(1);
  const bool srt_extension = iequals(extension, "srt");
  LineReader lines(head);
  TextLine line;
  int non_blank = 0;
  bool index_before = false;
  while (lines.next(line) && non_blank < 16) {
    std::string_view text = line.text;
    strip_bom(text);
    text = trim(text);
    if (text.empty())
      continue;
    ++non_blank;
    if (non_blank == 1 && text.substr(0, 6) == "WEBVTT")
      return 0;
    Timing timing;
    if (parse_timing(text, timing)) {
      if (timing.start.dot || timing.end.dot)
        return index_before ? 60 : 40;
      return (index_before || srt_extension) ? 95 : 90;
    }
    index_before = is_digits(text);
  }
  return srt_extension ? 30 : 0;
}

}  // namespace kopru::codecs::srt
