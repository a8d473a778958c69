// WebVTT reader: the W3C WebVTT parser algorithm (signature, header, blocks, cue timings and
// settings, REGION and STYLE blocks), with every input the spec ignores reported as a diagnostic.
// Where WPT's file-parsing tests and the spec text differ (an unknown alignment after a valid
// line/position value), the reader follows WPT and the browsers: the value is kept.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/webvtt/webvtt.h"
#include "codecs/webvtt/webvtt_internal.h"
#include "pipeline/core/lines.h"

namespace kopru::codecs::webvtt {

namespace {

constexpr std::string_view kSignature = "WEBVTT";
constexpr int kMaxDiagnosticsPerLine = 8;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// The spec's ASCII whitespace inside a line (LF and CR never occur there).
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\f';
}

bool starts_with_keyword(std::string_view text, std::string_view keyword) {
  if (text.substr(0, keyword.size()) != keyword)
    return false;
  for (char c : text.substr(keyword.size())) {
    if (!is_space(c) && c != '\n' && c != '\r')
      return false;
  }
  return true;
}

bool is_note(std::string_view block) {
  return block.substr(0, 4) == "NOTE" &&
         (block.size() == 4 || block[4] == ' ' || block[4] == '\t' || block[4] == '\n');
}

std::string shorten(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax)
    return std::string(text);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string_view first_line_of(std::string_view text) {
  return text.substr(0, text.find('\n'));
}

std::string quote(std::string_view text) {
  return "\"" + shorten(text) + "\"";
}

// Splits on WebVTT whitespace, keeping each token's byte offset.
std::vector<std::pair<std::string_view, std::size_t>> split_tokens(std::string_view text) {
  std::vector<std::pair<std::string_view, std::size_t>> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (is_space(text[pos]) || text[pos] == '\n'))
      ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && !is_space(text[pos]) && text[pos] != '\n')
      ++pos;
    if (pos > start)
      out.emplace_back(text.substr(start, pos - start), start);
  }
  return out;
}

// A double from plain decimal text; numbers too small for a double read as 0, too large fail.
std::optional<double> parse_real(std::string_view text) {
  double value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (end != text.data() + text.size())
    return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    const std::string_view integer = text.substr(0, text.find('.'));
    if (integer.find_first_not_of("-0") != std::string_view::npos)
      return std::nullopt;
    return 0.0;
  }
  if (ec != std::errc())
    return std::nullopt;
  return value + 0.0;  // -0 becomes 0
}

// "parse a percentage string": digits, optionally "." digits, then "%", within 0..100.
std::optional<double> parse_percentage(std::string_view text) {
  if (text.size() < 2 || text.back() != '%')
    return std::nullopt;
  const std::string_view number = text.substr(0, text.size() - 1);
  const std::size_t dot = number.find('.');
  const std::string_view integer = number.substr(0, dot);
  if (integer.empty() || integer.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  if (dot != std::string_view::npos) {
    const std::string_view fraction = number.substr(dot + 1);
    if (fraction.empty() || fraction.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
  }
  const auto value = parse_real(number);
  if (!value || *value < 0 || *value > 100)
    return std::nullopt;
  return value;
}

// The line setting's number form: digits with an optional leading '-' and one inner '.'.
std::optional<double> parse_line_number(std::string_view text) {
  if (text.find_first_not_of("0123456789-.") != std::string_view::npos)
    return std::nullopt;
  if (text.find('-', 1) != std::string_view::npos)
    return std::nullopt;
  const std::size_t dot = text.find('.');
  if (dot != std::string_view::npos) {
    if (text.find('.', dot + 1) != std::string_view::npos)
      return std::nullopt;
    if (dot == 0 || !is_digit(text[dot - 1]) || dot + 1 >= text.size() ||
        !is_digit(text[dot + 1])) {
      return std::nullopt;
    }
  }
  return parse_real(text);
}

std::optional<std::pair<double, double>> parse_anchor(std::string_view value) {
  const std::size_t comma = value.find(',');
  if (comma == std::string_view::npos)
    return std::nullopt;
  const auto x = parse_percentage(value.substr(0, comma));
  const auto y = parse_percentage(value.substr(comma + 1));
  if (!x || !y)
    return std::nullopt;
  return std::make_pair(*x, *y);
}

class Reader {
 public:
  Reader(const Source& source, const ReadOptions& options, Diagnostics& diag)
      : source_(source), options_(options), diag_(diag) {}

  Document read() {
    check_signature();
    replace_nuls();
    lines_ = split_lines(text_);
    doc_.meta.source_format = std::string(kFormat);
    doc_.meta.source_encoding = source_.encoding;
    doc_.format_private.format = std::string(kFormat);
    const std::string_view first = lines_.empty() ? std::string_view{} : lines_[0].text;
    if (first.size() > kSignature.size()) {
      doc_.format_private.add(std::string(kSignatureKey),
                              std::string(first.substr(kSignature.size())));
    }
    next_ = 1;
    if (next_ < lines_.size() && !lines_[next_].text.empty())
      collect_block(true);
    while (next_ < lines_.size()) {
      if (lines_[next_].text.empty()) {
        ++next_;
        continue;
      }
      collect_block(false);
    }
    return std::move(doc_);
  }

 private:
  struct Block {
    std::string buffer;
    int first_line = 0;  // first line of the buffer
    int block_line = 0;  // first line of the block
    bool seen_arrow = false;
    bool timing_failed = false;
    bool style = false;
    bool region = false;
    std::optional<Cue> cue;
  };

  void check_signature() {
    const std::string_view text = source_.text;
    const bool ok = text.substr(0, kSignature.size()) == kSignature &&
                    (text.size() == kSignature.size() || text[6] == ' ' || text[6] == '\t' ||
                     text[6] == '\n' || text[6] == '\r');
    if (ok)
      return;
    const std::string_view line = text.substr(0, text.find_first_of("\r\n"));
    if (text.empty())
      fail(source_, 1, 1, "not a WebVTT file: the file is empty");
    fail(source_, 1, 1,
         "not a WebVTT file: expected \"WEBVTT\" followed by a space, tab or line break, found " +
             quote(line));
  }

  // U+0000 becomes U+FFFD before anything else, as the spec's preprocessing does.
  void replace_nuls() {
    const std::string_view in = source_.text;
    if (in.find('\0') == std::string_view::npos) {
      text_.assign(in);
      return;
    }
    text_.reserve(in.size() + 16);
    int line = 1;
    std::size_t line_start = 0;
    int reported_line = 0;
    int reported = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
      const char c = in[i];
      if (c == '\n' || (c == '\r' && (i + 1 >= in.size() || in[i + 1] != '\n'))) {
        ++line;
        line_start = i + 1;
      }
      if (c != '\0') {
        text_ += c;
        continue;
      }
      text_ += "\uFFFD";
      if (line != reported_line && reported < kMaxDiagnosticsPerLine * 4) {
        reported_line = line;
        ++reported;
        diag_.warn(line, column_of(in.substr(line_start, i + 1 - line_start), i - line_start),
                   "vtt-nul-character", "replaced NUL character(s) with U+FFFD");
      }
    }
  }

  // What the spec ignores is reported; with --strict, ignoring that changes what is shown fails.
  void ignored(int line, int column, const std::string& code, const std::string& message,
               bool changes_meaning) {
    if (options_.strict && changes_meaning) {
      fail(source_, line, column, message + " (not allowed with --strict)");
    }
    diag_.warn(line, column, code, message);
  }

  // The spec's "collect a WebVTT block".
  void collect_block(bool in_header) {
    Block block;
    block.block_line = lines_[next_].number;
    int line_count = 0;
    while (next_ < lines_.size()) {
      const TextLine& line = lines_[next_];
      ++line_count;
      ++next_;
      if (line.text.find("-->") != std::string_view::npos) {
        if (!in_header && (line_count == 1 || (line_count == 2 && !block.seen_arrow))) {
          block.seen_arrow = true;
          start_cue(block, line);
          continue;
        }
        --next_;  // this line starts the next block
        break;
      }
      if (line.text.empty())
        break;
      if (!in_header && line_count == 2 && !seen_cue_) {
        if (starts_with_keyword(block.buffer, "STYLE")) {
          block.style = true;
          block.buffer.clear();
        } else if (starts_with_keyword(block.buffer, "REGION")) {
          block.region = true;
          block.buffer.clear();
        }
      }
      if (block.buffer.empty()) {
        block.first_line = line.number;
      } else {
        block.buffer += '\n';
      }
      block.buffer.append(line.text);
    }
    finish_block(block, in_header);
  }

  void start_cue(Block& block, const TextLine& line) {
    Cue cue;
    cue.id = block.buffer;
    cue.source_line = block.buffer.empty() ? line.number : block.first_line;
    if (!parse_timings(line, cue)) {
      block.timing_failed = true;
      return;
    }
    seen_cue_ = true;
    block.cue = std::move(cue);
    block.buffer.clear();
    block.first_line = line.number + 1;
  }

  void finish_block(Block& block, bool in_header) {
    if (in_header) {
      keep_header(block.buffer, block.first_line);
    } else if (block.cue) {
      finish_cue(block);
    } else if (block.style) {
      doc_.format_private.add(std::string(kStylePrefix) + std::to_string(doc_.cues.size()),
                              block.buffer);
    } else if (block.region) {
      add_region(block.buffer, block.first_line);
    } else if (block.timing_failed) {
      // already reported with the timing line
    } else if (is_note(block.buffer)) {
      doc_.format_private.add(std::string(kNotePrefix) + std::to_string(doc_.cues.size()),
                              block.buffer);
    } else if (starts_with_keyword(first_line_of(block.buffer), "STYLE") ||
               starts_with_keyword(first_line_of(block.buffer), "REGION")) {
      const std::string kind = std::string(first_line_of(block.buffer));
      if (seen_cue_) {
        ignored(
            block.block_line, 1, "vtt-block-after-cue",
            "ignored " + kind + " block: STYLE and REGION blocks must come before the first cue",
            true);
      } else {
        ignored(block.block_line, 1, "vtt-empty-block", "ignored empty " + kind + " block", false);
      }
    } else {
      ignored(block.block_line, 1, "vtt-ignored-block",
              "ignored a block that is not a cue, NOTE, STYLE or REGION: " +
                  quote(first_line_of(block.buffer)),
              true);
    }
  }

  void keep_header(const std::string& buffer, int first_line) {
    std::size_t start = 0;
    int line = first_line;
    while (start <= buffer.size()) {
      const std::size_t end = std::min(buffer.find('\n', start), buffer.size());
      const std::string_view text = std::string_view(buffer).substr(start, end - start);
      doc_.format_private.add(std::string(kHeaderKey), std::string(text));
      if (text.substr(0, 7) == "Region:") {
        diag_.warn(line, 1, "vtt-legacy-region-header",
                   "ignored \"Region:\" header line (an old draft's syntax; use REGION blocks)");
      } else if (text.substr(0, 9) == "Language:" && doc_.meta.language.empty()) {
        std::string_view value = text.substr(9);
        while (!value.empty() && is_space(value.front()))
          value.remove_prefix(1);
        if (auto tag = LanguageTag::parse(value))
          doc_.meta.language = *tag;
      }
      start = end + 1;
      ++line;
    }
  }

  // ---- timings and settings ----

  bool parse_timings(const TextLine& line, Cue& cue) {
    const std::string_view text = line.text;
    std::size_t pos = 0;
    auto skip_space = [&] {
      while (pos < text.size() && is_space(text[pos]))
        ++pos;
    };
    auto bad = [&](std::string_view what) {
      ignored(line.number, column_of(text, std::min(pos, text.size())), "vtt-invalid-timing",
              "ignored cue: " + std::string(what) +
                  " (expected \"[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm\"), found " + quote(text),
              true);
      return false;
    };
    skip_space();
    const auto start = parse_timestamp(text, pos);
    if (!start)
      return bad("invalid start time");
    skip_space();
    if (text.substr(pos, 3) != "-->")
      return bad("expected \"-->\" after the start time");
    pos += 3;
    skip_space();
    const auto end = parse_timestamp(text, pos);
    if (!end)
      return bad("invalid end time");
    cue.start = *start;
    cue.end = *end;
    if (cue.end < cue.start) {
      diag_.warn(line.number, 1, "vtt-end-before-start",
                 "cue ends before it starts: " + quote(text));
    } else if (cue.end == cue.start) {
      diag_.note(line.number, 1, "vtt-zero-duration", "cue has zero duration");
    }
    parse_settings(line, pos, cue.placement);
    return true;
  }

  class SettingReporter {
   public:
    SettingReporter(Reader& reader, const TextLine& line) : reader_(reader), line_(line) {}
    void operator()(std::size_t offset, const std::string& code, const std::string& message,
                    bool changes_meaning = true) {
      if (++count_ > kMaxDiagnosticsPerLine && !(reader_.options_.strict && changes_meaning)) {
        return;
      }
      reader_.ignored(line_.number, column_of(line_.text, offset), code, message, changes_meaning);
    }

   private:
    Reader& reader_;
    const TextLine& line_;
    int count_ = 0;
  };

  void parse_settings(const TextLine& line, std::size_t from, Placement& placement) {
    SettingReporter report(*this, line);
    std::vector<std::string_view> seen;
    for (const auto& [token, rel] : split_tokens(line.text.substr(from))) {
      const std::size_t offset = from + rel;
      const std::size_t colon = token.find(':');
      if (colon == std::string_view::npos || colon == 0 || colon + 1 == token.size()) {
        report(offset, "vtt-invalid-setting",
               "ignored cue setting " + quote(token) + ": expected name:value");
        continue;
      }
      const std::string_view name = token.substr(0, colon);
      const std::string_view value = token.substr(colon + 1);
      const bool known = name == "region" || name == "vertical" || name == "line" ||
                         name == "position" || name == "size" || name == "align";
      if (!known) {
        report(offset, "vtt-unknown-setting", "ignored unknown cue setting " + quote(token));
        continue;
      }
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
        report(offset, "vtt-duplicate-setting",
               "cue setting " + quote(token) + " repeats an earlier " + std::string(name) +
                   ": setting (the last valid one wins)",
               false);
      }
      seen.push_back(name);
      const std::string problem = apply_setting(name, value, placement);
      if (!problem.empty()) {
        const bool partly = problem.rfind("kept", 0) == 0;
        report(offset, "vtt-invalid-setting",
               (partly ? "partly ignored cue setting " : "ignored cue setting ") + quote(token) +
                   ": " + problem);
      }
    }
  }

  // Applies one setting; returns why it was (partly) ignored, or "".
  std::string apply_setting(std::string_view name, std::string_view value, Placement& placement) {
    if (name == "region") {
      for (auto it = doc_.regions.rbegin(); it != doc_.regions.rend(); ++it) {
        if (it->id == value) {
          placement.region = it->id;
          return {};
        }
      }
      placement.region.clear();
      return "no REGION with this id was defined before the cues";
    }
    if (name == "vertical") {
      if (value != "rl" && value != "lr")
        return "expected rl or lr";
      placement.vertical = std::string(value);
      return {};
    }
    if (name == "line")
      return apply_line(value, placement);
    if (name == "position")
      return apply_position(value, placement);
    if (name == "size") {
      const auto size = parse_percentage(value);
      if (!size)
        return "expected a percentage from 0% to 100%";
      placement.size_percent = *size;
      return {};
    }
    // align
    if (value != "start" && value != "center" && value != "end" && value != "left" &&
        value != "right") {
      return "expected start, center, end, left or right";
    }
    placement.text_align = std::string(value);
    return {};
  }

  static std::string apply_line(std::string_view value, Placement& placement) {
    const std::size_t comma = value.find(',');
    const std::string_view pos = value.substr(0, comma);
    const std::optional<std::string_view> align =
        comma == std::string_view::npos ? std::nullopt
                                        : std::optional<std::string_view>(value.substr(comma + 1));
    if (pos.find_first_of("0123456789") == std::string_view::npos)
      return "expected a number";
    const bool percent = pos.back() == '%';
    const auto number = percent ? parse_percentage(pos) : parse_line_number(pos);
    if (!number) {
      return percent ? "expected a percentage from 0% to 100%" : "expected a line number";
    }
    placement.line = *number;
    placement.line_percent = percent;
    if (!align)
      return {};
    if (*align == "start" || *align == "center" || *align == "end") {
      placement.line_align = std::string(*align);
      return {};
    }
    // The spec text drops the whole setting here; WPT and browsers keep the line.
    return "kept the line but not the alignment (expected start, center or end)";
  }

  static std::string apply_position(std::string_view value, Placement& placement) {
    const std::size_t comma = value.find(',');
    const std::string_view pos = value.substr(0, comma);
    const auto number = parse_percentage(pos);
    if (!number)
      return "expected a percentage from 0% to 100%";
    placement.position_percent = *number;
    if (comma == std::string_view::npos)
      return {};
    const std::string_view align = value.substr(comma + 1);
    if (align == "line-left" || align == "center" || align == "line-right") {
      placement.position_align = std::string(align);
      return {};
    }
    // As for line: WPT keeps the position when the alignment is unknown.
    return "kept the position but not the alignment (expected line-left, center or line-right)";
  }

  // ---- regions ----

  void add_region(std::string_view settings, int first_line) {
    Region region;
    for (const auto& [token, offset] : split_tokens(settings)) {
      const std::size_t colon = token.find(':');
      std::string problem;
      if (colon == std::string_view::npos || colon == 0 || colon + 1 == token.size()) {
        problem = "expected name:value";
      } else {
        problem = apply_region_setting(token.substr(0, colon), token.substr(colon + 1), region);
      }
      if (!problem.empty()) {
        const auto [line, column] = locate(settings, offset, first_line);
        ignored(line, column, "vtt-invalid-region-setting",
                "ignored region setting " + quote(token) + ": " + problem, true);
      }
    }
    if (region.id.empty()) {
      ignored(first_line - 1, 1, "vtt-region-without-id",
              "ignored REGION block without an id: no cue can refer to it", false);
      return;
    }
    // WPT (regions-regionanchor) expects the first REGION with an id to stay in effect.
    for (const auto& existing : doc_.regions) {
      if (existing.id == region.id) {
        ignored(first_line - 1, 1, "vtt-duplicate-region",
                "ignored REGION " + quote(region.id) + ": a region with this id is already defined",
                true);
        return;
      }
    }
    doc_.regions.push_back(std::move(region));
  }

  static std::string apply_region_setting(std::string_view name, std::string_view value,
                                          Region& region) {
    if (name == "id") {
      region.id = std::string(value);
    } else if (name == "width") {
      const auto width = parse_percentage(value);
      if (!width)
        return "expected a percentage from 0% to 100%";
      region.width_percent = *width;
    } else if (name == "lines") {
      int lines = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), lines);
      if (value.find_first_not_of("0123456789") != std::string_view::npos ||
          end != value.data() + value.size() || ec != std::errc()) {
        return "expected a whole number of lines";
      }
      region.lines = lines;
    } else if (name == "regionanchor" || name == "viewportanchor") {
      const auto anchor = parse_anchor(value);
      if (!anchor)
        return "expected two percentages, x%,y%";
      (name == "regionanchor" ? region.region_anchor : region.viewport_anchor) = anchor;
    } else if (name == "scroll") {
      if (value != "up")
        return "expected up";
      region.scroll_up = true;
    } else {
      return "unknown region setting";
    }
    return {};
  }

  static std::pair<int, int> locate(std::string_view text, std::size_t offset, int first_line) {
    int line = first_line;
    std::size_t line_start = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string_view::npos && nl < offset;
         nl = text.find('\n', nl + 1)) {
      ++line;
      line_start = nl + 1;
    }
    const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
    return {line, column_of(text.substr(line_start, line_end - line_start), offset - line_start)};
  }

  // ---- cue text ----

  void finish_cue(Block& block) {
    Cue& cue = *block.cue;
    CueTextContext context;
    context.first_line = block.first_line;
    context.start = cue.start;
    context.end = cue.end;
    context.check_timestamps = true;
    cue.runs = parse_cue_text(block.buffer, context, diag_);
    set_speaker(cue);
    if (render_cue_text(cue.runs) != block.buffer) {
      cue.format_private.format = std::string(kFormat);
      cue.format_private.set(std::string(kTextKey), block.buffer);
      cue.format_private.set(std::string(kFingerprintKey), fingerprint_text(cue.runs));
    }
    doc_.cues.push_back(std::move(cue));
  }

  // A cue spoken entirely by one voice names its speaker.
  static void set_speaker(Cue& cue) {
    const std::string* name = nullptr;
    for (const auto& run : cue.runs) {
      if (run.kind != RunKind::text && run.kind != RunKind::timestamp)
        continue;
      if (run.kind == RunKind::text &&
          run.text.find_first_not_of(" \t\f\u00A0") == std::string::npos) {
        continue;
      }
      const Span* voice = nullptr;
      for (const auto& span : run.spans) {
        if (span.kind == SpanKind::voice) {
          voice = &span;
          break;
        }
      }
      if (voice == nullptr || (name != nullptr && *name != voice->annotation))
        return;
      name = &voice->annotation;
    }
    if (name != nullptr)
      cue.speaker = *name;
  }

  const Source& source_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  std::string text_;
  std::vector<TextLine> lines_;
  std::size_t next_ = 0;
  bool seen_cue_ = false;
  Document doc_;
};

}  // namespace

int probe(std::string_view head, std::string_view extension) {
  if (head.substr(0, kSignature.size()) == kSignature &&
      (head.size() == kSignature.size() || head[6] == ' ' || head[6] == '\t' || head[6] == '\n' ||
       head[6] == '\r')) {
    return 100;
  }
  if (extension == "vtt" || extension == "webvtt")
    return 30;
  return 0;
}

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  return Reader(source, options, diag).read();
}

}  // namespace kopru::codecs::webvtt
