// WebVTT cue text: the tokenizer and tree-building rules of the WebVTT spec, producing runs, and
// the inverse (runs to canonical cue text). Character references follow the rules WPT's
// cue-text-parsing/entities.dat tests: only &amp; &lt; &gt; &lrm; &rlm; &nbsp; (with the
// semicolon) are decoded; everything else stays literal.
#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codecs/webvtt/webvtt_internal.h"
#include "pipeline/core/byte_scan.h"
#include "pipeline/core/lines.h"

namespace kopru::codecs::webvtt {

namespace {

// Deeper nesting than this is ignored: every run copies its span stack, so unbounded depth would
// make a 1 MB line of "<b>" quadratic. Real cues nest two or three levels.
constexpr std::size_t kMaxDepth = 16;
// Problems reported per cue before the rest are summarised in one diagnostic.
constexpr int kMaxDiagnosticsPerCue = 8;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// WebVTT whitespace inside tags: tab, line feed, form feed, space.
bool is_tag_space(char c) {
  return c == '\t' || c == '\n' || c == '\f' || c == ' ';
}

enum class TokenKind { text, start_tag, end_tag, timestamp, eof };

struct Token {
  TokenKind kind = TokenKind::eof;
  std::string value;  // text, tag name or timestamp text
  std::vector<std::string> classes;
  std::string annotation;
  std::size_t offset = 0;  // where the token began in the cue text
};

std::string_view decode_reference(std::string_view name) {
  // name excludes '&' and ';'
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kRefs = {{
      {"amp", "&"},
      {"lt", "<"},
      {"gt", ">"},
      {"lrm", "\u200E"},
      {"rlm", "\u200F"},
      {"nbsp", "\u00A0"},
  }};
  for (const auto& [key, value] : kRefs) {
    if (key == name)
      return value;
  }
  return {};
}

std::string normalize_annotation(std::string_view raw) {
  std::string out;
  bool pending_space = false;
  for (char c : raw) {
    if (is_tag_space(c) || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space)
      out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

// The spec's cue text tokenizer, one token per call.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  Token next() {
    Token token;
    token.offset = pos_;
    if (pos_ >= text_.size())
      return token;
    if (text_[pos_] == '<') {
      ++pos_;
      return tag(token);
    }
    token.kind = TokenKind::text;
    data(token.value);
    return token;
  }

 private:
  // Data and escape states: text up to the next '<' or the end.
  void data(std::string& result) {
    while (pos_ < text_.size() && text_[pos_] != '<') {
      if (text_[pos_] != '&') {
        result += text_[pos_++];
        continue;
      }
      std::size_t end = pos_ + 1;
      while (end < text_.size() && is_alnum(text_[end]))
        ++end;
      if (end < text_.size() && text_[end] == ';') {
        std::string_view decoded = decode_reference(text_.substr(pos_ + 1, end - pos_ - 1));
        if (!decoded.empty()) {
          result += decoded;
          pos_ = end + 1;
          continue;
        }
        result.append(text_.substr(pos_, end + 1 - pos_));
        pos_ = end + 1;
        continue;
      }
      // "&name" not followed by ';': literal. A following '&' starts a new reference.
      result.append(text_.substr(pos_, end - pos_));
      pos_ = end;
    }
  }

  Token tag(Token& token) {
    if (pos_ >= text_.size() || text_[pos_] == '>') {
      if (pos_ < text_.size())
        ++pos_;
      token.kind = TokenKind::start_tag;  // empty name: ignored by tree building
      return token;
    }
    const char c = text_[pos_];
    if (c == '/') {
      ++pos_;
      token.kind = TokenKind::end_tag;
      token.value = until_gt();
      return token;
    }
    if (is_digit(c)) {
      token.kind = TokenKind::timestamp;
      token.value = until_gt();
      return token;
    }
    token.kind = TokenKind::start_tag;
    start_tag(token);
    return token;
  }

  std::string until_gt() {
    const std::size_t end = std::min(text_.find('>', pos_), text_.size());
    std::string value(text_.substr(pos_, end - pos_));
    pos_ = end < text_.size() ? end + 1 : end;
    return value;
  }

  // Tag name, then ".class" parts, then an annotation after whitespace, up to '>'.
  void start_tag(Token& token) {
    while (pos_ < text_.size() && text_[pos_] != '>' && text_[pos_] != '.' &&
           !is_tag_space(text_[pos_])) {
      token.value += text_[pos_++];
    }
    std::string buffer;
    bool in_classes = false;
    while (pos_ < text_.size() && text_[pos_] != '>' && !is_tag_space(text_[pos_])) {
      if (text_[pos_] == '.') {
        if (in_classes && !buffer.empty())
          token.classes.push_back(buffer);
        buffer.clear();
        in_classes = true;
      } else {
        buffer += text_[pos_];
      }
      ++pos_;
    }
    if (in_classes && !buffer.empty())
      token.classes.push_back(buffer);
    if (pos_ < text_.size() && text_[pos_] != '>') {
      const std::size_t end = std::min(text_.find('>', pos_), text_.size());
      token.annotation = normalize_annotation(text_.substr(pos_, end - pos_));
      pos_ = end;
    }
    if (pos_ < text_.size())
      ++pos_;  // the '>'
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

struct Element {
  std::string name;
  Span span;
  bool has_content = false;
};

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const CueTextContext& context, Diagnostics& diag)
      : text_(text), context_(context), diag_(diag) {}

  std::vector<Run> build() {
    Tokenizer tokenizer(text_);
    for (Token token = tokenizer.next(); token.kind != TokenKind::eof; token = tokenizer.next()) {
      switch (token.kind) {
        case TokenKind::text:
          add_text(token.value);
          break;
        case TokenKind::start_tag:
          open(token);
          break;
        case TokenKind::end_tag:
          close(token);
          break;
        case TokenKind::timestamp:
          add_timestamp(token);
          break;
        case TokenKind::eof:
          break;
      }
    }
    while (!stack_.empty())
      pop();
    if (reported_ > kMaxDiagnosticsPerCue) {
      report(0, "vtt-more-cue-text-problems",
             std::to_string(reported_ - kMaxDiagnosticsPerCue) +
                 " more cue text problems in this cue were not listed");
    }
    return std::move(runs_);
  }

 private:
  std::vector<Span> spans() const {
    std::vector<Span> out;
    out.reserve(stack_.size());
    for (const auto& element : stack_)
      out.push_back(element.span);
    return out;
  }

  void push_run(Run run) {
    if (merge_text_ && run.kind == RunKind::text && !runs_.empty() &&
        runs_.back().kind == RunKind::text && runs_.back().spans.size() == stack_.size()) {
      runs_.back().text += run.text;  // split only by tags ignored for depth: keep one run
      return;
    }
    merge_text_ = false;
    run.spans = spans();
    for (auto& element : stack_)
      element.has_content = true;
    runs_.push_back(std::move(run));
  }

  void add_text(std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t nl = text.find('\n', start);
      const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      if (end > start)
        push_run(Run::plain(std::string(text.substr(start, end - start))));
      if (nl == std::string_view::npos)
        break;
      push_run(Run::line_break());
      start = nl + 1;
    }
  }

  static bool known_tag(std::string_view name, SpanKind& kind) {
    static constexpr std::array<std::pair<std::string_view, SpanKind>, 8> kTags = {{
        {"c", SpanKind::css_class},
        {"i", SpanKind::italic},
        {"b", SpanKind::bold},
        {"u", SpanKind::underline},
        {"ruby", SpanKind::ruby},
        {"rt", SpanKind::ruby_text},
        {"v", SpanKind::voice},
        {"lang", SpanKind::lang},
    }};
    for (const auto& [tag, tag_kind] : kTags) {
      if (tag == name) {
        kind = tag_kind;
        return true;
      }
    }
    return false;
  }

  void open(const Token& token) {
    SpanKind kind{};
    if (token.value.empty()) {
      report(token.offset, "vtt-empty-tag", "ignored a tag without a name");
      return;
    }
    if (!known_tag(token.value, kind)) {
      report(token.offset, "vtt-unknown-tag", "ignored unknown tag <" + token.value + ">");
      ++ignored_open_;
      return;
    }
    if (kind == SpanKind::ruby_text && (stack_.empty() || stack_.back().name != "ruby")) {
      report(token.offset, "vtt-rt-outside-ruby", "ignored <rt> that is not directly in <ruby>");
      ++ignored_open_;
      return;
    }
    if (stack_.size() >= kMaxDepth) {
      report(token.offset, "vtt-nesting-too-deep",
             "ignored <" + token.value + ">: tags nested deeper than " + std::to_string(kMaxDepth));
      ++ignored_open_;
      merge_text_ = true;
      return;
    }
    Element element;
    element.name = token.value;
    element.span.kind = kind;
    element.span.classes = token.classes;
    if (kind == SpanKind::voice || kind == SpanKind::lang) {
      element.span.annotation = token.annotation;
    } else if (!token.annotation.empty()) {
      report(token.offset, "vtt-ignored-annotation",
             "ignored annotation \"" + token.annotation + "\" on <" + token.value + ">");
    }
    stack_.push_back(std::move(element));
  }

  void close(const Token& token) {
    if (!stack_.empty() && stack_.back().name == token.value) {
      pop();
      return;
    }
    if (token.value == "ruby" && !stack_.empty() && stack_.back().name == "rt") {
      pop();
      pop();
      return;
    }
    if (ignored_open_ > 0) {
      --ignored_open_;  // most likely the end of a start tag that was ignored
      return;
    }
    report(token.offset, "vtt-unmatched-end-tag",
           "ignored </" + token.value + "> that closes no open tag");
  }

  void pop() {
    if (!stack_.back().has_content) {
      // Keep empty elements ("<c></c>") as an empty run so their markup survives.
      Run run = Run::plain("");
      run.spans = spans();
      runs_.push_back(std::move(run));
    }
    stack_.pop_back();
  }

  void add_timestamp(const Token& token) {
    std::size_t pos = 0;
    const auto time = parse_timestamp(token.value, pos);
    if (!time || pos != token.value.size()) {
      report(token.offset, "vtt-invalid-inner-timestamp",
             "ignored invalid timestamp tag <" + token.value + ">");
      return;
    }
    if (context_.check_timestamps && (*time <= context_.start || *time >= context_.end)) {
      report(token.offset, "vtt-inner-timestamp-outside-cue",
             "timestamp <" + token.value + "> is not inside the cue's time range");
    }
    push_run(Run::timestamp(*time));
  }

  void report(std::size_t offset, const std::string& code, std::string message) {
    ++reported_;
    if (reported_ > kMaxDiagnosticsPerCue && code != "vtt-more-cue-text-problems")
      return;
    int line = 0;
    int column = 0;
    if (context_.first_line > 0) {
      const std::size_t start_of_line = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
      const std::size_t line_start =
          start_of_line == std::string_view::npos ? 0 : start_of_line + 1;
      line = context_.first_line +
             static_cast<int>(std::count(
                 text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(line_start), '\n'));
      const std::size_t line_end = std::min(text_.find('\n', line_start), text_.size());
      column = column_of(text_.substr(line_start, line_end - line_start), offset - line_start);
    }
    diag_.warn(line, column, code, std::move(message));
  }

  std::string_view text_;
  const CueTextContext& context_;
  Diagnostics& diag_;
  std::vector<Element> stack_;
  std::vector<Run> runs_;
  int ignored_open_ = 0;
  int reported_ = 0;
  bool merge_text_ = false;
};

// ---- rendering ----

// WebVTT's default colour classes (::cue(.red) etc. in the spec's user agent style sheet).
std::string_view colour_class(const Color& color) {
  struct Named {
    std::string_view name;
    Color color;
  };
  static constexpr std::array<Named, 8> kColours = {{
      {"white", {255, 255, 255, 255}},
      {"lime", {0, 255, 0, 255}},
      {"cyan", {0, 255, 255, 255}},
      {"red", {255, 0, 0, 255}},
      {"yellow", {255, 255, 0, 255}},
      {"magenta", {255, 0, 255, 255}},
      {"blue", {0, 0, 255, 255}},
      {"black", {0, 0, 0, 255}},
  }};
  for (const auto& named : kColours) {
    if (named.color == color)
      return named.name;
  }
  return {};
}

// Class names cannot hold '.', '<', '>', '&' or whitespace.
std::string clean_class(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '.' || c == '<' || c == '>' || c == '&' || is_tag_space(c) || c == '\r')
      continue;
    out += c;
  }
  return out;
}

std::string clean_annotation(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '>')
      continue;
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

void note_loss(std::vector<std::string>* lossy, std::string what) {
  if (lossy != nullptr && std::find(lossy->begin(), lossy->end(), what) == lossy->end()) {
    lossy->push_back(std::move(what));
  }
}

struct OpenTag {
  std::string name;
  std::string text;  // the whole start tag
  bool operator==(const OpenTag&) const = default;
};

std::optional<OpenTag> tag_for(const Span& span, std::vector<std::string>* lossy) {
  OpenTag tag;
  std::vector<std::string> classes;
  for (const auto& cls : span.classes) {
    std::string cleaned = clean_class(cls);
    if (!cleaned.empty())
      classes.push_back(std::move(cleaned));
  }
  std::string annotation;
  switch (span.kind) {
    case SpanKind::italic:
      tag.name = "i";
      break;
    case SpanKind::bold:
      tag.name = "b";
      break;
    case SpanKind::underline:
      tag.name = "u";
      break;
    case SpanKind::strike:
      tag.name = "c";
      classes.insert(classes.begin(), "strike");
      note_loss(lossy, "strike-through (written as <c.strike>)");
      break;
    case SpanKind::font: {
      std::string_view colour = span.color ? colour_class(*span.color) : std::string_view{};
      if (!span.annotation.empty() || span.size || (span.color && colour.empty())) {
        note_loss(lossy, "font face, size or colour");
      }
      if (colour.empty())
        return std::nullopt;
      tag.name = "c";
      classes.insert(classes.begin(), std::string(colour));
      break;
    }
    case SpanKind::css_class:
      tag.name = "c";
      break;
    case SpanKind::voice:
      tag.name = "v";
      annotation = clean_annotation(span.annotation);
      break;
    case SpanKind::lang:
      tag.name = "lang";
      annotation = clean_annotation(span.annotation);
      break;
    case SpanKind::ruby:
      tag.name = "ruby";
      break;
    case SpanKind::ruby_text:
      tag.name = "rt";
      break;
  }
  tag.text = "<" + tag.name;
  for (const auto& cls : classes)
    tag.text += "." + cls;
  if (!annotation.empty())
    tag.text += " " + annotation;
  tag.text += ">";
  return tag;
}

void append_escaped(std::string& out, std::string_view text) {
  // Copies plain stretches whole: most cue text has nothing to escape.
  std::size_t plain = 0;
  for (std::size_t i = find_any_of(text, 0, "&<>\r\0"); i < text.size();
       i = find_any_of(text, i + 1, "&<>\r\0")) {
    const char c = text[i];
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\0':
        out += "\uFFFD";
        break;
      default:
        break;  // '\r' is dropped
    }
  }
  out.append(text.data() + plain, text.size() - plain);
}

// A blank line would end the cue: give empty lines a space. Works on the cue text that starts at
// all[start] (what precedes it is other output).
void fill_blank_lines(std::string& all, std::size_t start, std::vector<std::string>* lossy) {
  const std::string_view text = std::string_view(all).substr(start);
  // The common case has no empty line at all: leave the text untouched.
  if (text.find("\n\n") == std::string_view::npos && (text.empty() || text.front() != '\n') &&
      (text.empty() || text.back() != '\n')) {
    return;
  }
  std::string out;
  out.reserve(text.size());
  bool line_empty = true;
  bool filled = false;
  for (char c : text) {
    if (c == '\n') {
      if (line_empty) {
        out += ' ';
        filled = true;
      }
      line_empty = true;
    } else {
      line_empty = false;
    }
    out += c;
  }
  if (line_empty && !out.empty()) {
    out += ' ';
    filled = true;
  }
  if (filled)
    note_loss(lossy, "empty line in cue text (written as a space)");
  all.resize(start);
  all += out;
}

}  // namespace

std::optional<Time> parse_timestamp(std::string_view text, std::size_t& pos) {
  auto digits = [&](std::int64_t& value) {
    const std::size_t begin = pos;
    value = 0;
    while (pos < text.size() && is_digit(text[pos])) {
      if (value < 1'000'000'000'000)
        value = value * 10 + (text[pos] - '0');
      ++pos;
    }
    return pos - begin;
  };
  auto expect = [&](char c) {
    if (pos >= text.size() || text[pos] != c)
      return false;
    ++pos;
    return true;
  };
  if (pos >= text.size() || !is_digit(text[pos]))
    return std::nullopt;
  std::int64_t v1 = 0;
  std::int64_t v2 = 0;
  std::int64_t v3 = 0;
  std::int64_t ms = 0;
  const std::size_t len1 = digits(v1);
  const bool hours = len1 != 2 || v1 > 59;
  if (!expect(':') || digits(v2) != 2)
    return std::nullopt;
  if (hours || (pos < text.size() && text[pos] == ':')) {
    if (!expect(':') || digits(v3) != 2)
      return std::nullopt;
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  if (!expect('.') || digits(ms) != 3)
    return std::nullopt;
  if (v2 > 59 || v3 > 59)
    return std::nullopt;
  constexpr std::int64_t kMaxHours = 2'000'000;  // keeps ticks far inside int64
  if (v1 > kMaxHours)
    return std::nullopt;
  return from_ms(((v1 * 60 + v2) * 60 + v3) * 1000 + ms);
}

std::string format_timestamp(Time t) {
  std::string out;
  append_timestamp(out, t);
  return out;
}

void append_timestamp(std::string& out, Time t) {
  append_hms_ms(out, std::max(t, Time::zero()), '.');
}

std::vector<Run> parse_cue_text(std::string_view text, const CueTextContext& context,
                                Diagnostics& diag) {
  return TreeBuilder(text, context, diag).build();
}

std::string render_cue_text(const std::vector<Run>& runs, std::vector<std::string>* lossy) {
  std::string out;
  append_cue_text(out, runs, lossy);
  return out;
}

void append_cue_text(std::string& out, const std::vector<Run>& runs,
                     std::vector<std::string>* lossy) {
  const std::size_t text_start = out.size();
  std::vector<OpenTag> open;
  auto close_to = [&](std::size_t depth) {
    while (open.size() > depth) {
      out += "</" + open.back().name + ">";
      open.pop_back();
    }
  };
  for (const auto& run : runs) {
    if (run.kind == RunKind::line_break) {
      // A break without spans (runs_from_text) leaves open tags alone; one with spans closes
      // the tags it is not inside of, so parsed cues render as they were written.
      if (!run.spans.empty()) {
        std::vector<OpenTag> inside;
        for (const auto& span : run.spans) {
          if (auto tag = tag_for(span, nullptr))
            inside.push_back(std::move(*tag));
        }
        std::size_t common = 0;
        while (common < open.size() && common < inside.size() && open[common] == inside[common]) {
          ++common;
        }
        close_to(common);
      }
      out += '\n';
      continue;
    }
    if (run.kind == RunKind::raw && run.raw_format != kFormat) {
      note_loss(lossy, "markup of another format (" + run.raw_format + ")");
      continue;
    }
    std::vector<OpenTag> wanted;
    for (const auto& span : run.spans) {
      if (auto tag = tag_for(span, lossy))
        wanted.push_back(std::move(*tag));
    }
    std::size_t common = 0;
    while (common < open.size() && common < wanted.size() && open[common] == wanted[common]) {
      ++common;
    }
    close_to(common);
    for (std::size_t i = common; i < wanted.size(); ++i) {
      out += wanted[i].text;
      open.push_back(wanted[i]);
    }
    switch (run.kind) {
      case RunKind::text:
        // A '\n' inside the text is not escaped: it goes through as the line break it is.
        append_escaped(out, run.text);
        break;
      case RunKind::timestamp:
        out += '<';
        append_timestamp(out, run.time);
        out += '>';
        break;
      case RunKind::raw:
        out += run.text;
        break;
      case RunKind::line_break:
        break;
    }
  }
  close_to(0);
  fill_blank_lines(out, text_start, lossy);
}

std::string fingerprint_text(const std::vector<Run>& runs) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fingerprint(runs)));
  return buf;
}

std::string cue_text_for_writing(const Cue& cue, std::vector<std::string>* lossy) {
  std::string out;
  append_cue_text_for_writing(out, cue, lossy);
  return out;
}

void append_cue_text_for_writing(std::string& out, const Cue& cue,
                                 std::vector<std::string>* lossy) {
  if (cue.format_private.format == kFormat) {
    const std::string* text = cue.format_private.find(kTextKey);
    const std::string* print = cue.format_private.find(kFingerprintKey);
    if (text != nullptr && print != nullptr && *print == fingerprint_text(cue.runs)) {
      out += *text;
      return;
    }
  }
  append_cue_text(out, cue.runs, lossy);
}

}  // namespace kopru::codecs::webvtt
