// The override-tag parser ({\i1}, {\pos(x,y)}, \N ...) and its inverse. Tags the model can express
// become spans, line breaks and placement; every other tag, comment and drawing stays in place as
// Run::raw("ass", ...) so that ASS -> ASS keeps it.
#include <algorithm>
#include <cstdio>
#include <set>

#include "codecs/ass/ass_internal.h"

namespace kopru::codecs::ass {

namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The inline formatting that tags switched on beyond the style's own.
struct InlineState {
  bool italic = false;
  bool bold = false;
  bool underline = false;
  bool strike = false;
  std::optional<std::string> face;
  std::optional<double> size;
  std::optional<Color> color;

  bool operator==(const InlineState&) const = default;
  bool has_font() const { return face || size || color; }
};

std::vector<Span> spans_of(const InlineState& state) {
  std::vector<Span> spans;
  auto add = [&](bool on, SpanKind kind) {
    if (!on)
      return;
    Span span;
    span.kind = kind;
    spans.push_back(std::move(span));
  };
  add(state.italic, SpanKind::italic);
  add(state.bold, SpanKind::bold);
  add(state.underline, SpanKind::underline);
  add(state.strike, SpanKind::strike);
  if (state.has_font()) {
    Span span;
    span.kind = SpanKind::font;
    span.annotation = state.face.value_or("");
    span.color = state.color;
    span.size = state.size;
    spans.push_back(std::move(span));
  }
  return spans;
}

// "(x, y)" -> {x, y}
std::optional<std::pair<double, double>> parse_pair(std::string_view args) {
  args = trim(args);
  if (args.size() < 2 || args.front() != '(' || args.back() != ')')
    return std::nullopt;
  args = args.substr(1, args.size() - 2);
  const auto comma = args.find(',');
  if (comma == std::string_view::npos)
    return std::nullopt;
  const auto x = parse_double(args.substr(0, comma));
  const auto y = parse_double(args.substr(comma + 1));
  if (!x || !y)
    return std::nullopt;
  return std::make_pair(*x, *y);
}

class TextParser {
 public:
  TextParser(std::string_view text, const TextContext& context) : text_(text), context_(context) {}

  ParsedText run() {
    std::size_t next_close = 0;
    bool close_known = false;
    std::size_t i = 0;
    while (i < text_.size()) {
      const char c = text_[i];
      if (c == '{') {
        // Remember the next '}' so a line full of unclosed braces stays linear.
        if (!close_known || (next_close != std::string_view::npos && next_close < i)) {
          next_close = text_.find('}', i);
          close_known = true;
        }
        if (next_close == std::string_view::npos) {
          if (!warned_unclosed_) {
            issue(i, "ass-unclosed-brace", "'{' without a closing '}' is kept as text");
            warned_unclosed_ = true;
          }
          buffer_ += c;
          ++i;
          continue;
        }
        flush();
        block(i, text_.substr(i + 1, next_close - i - 1));
        i = next_close + 1;
        continue;
      }
      if (c == '\\' && i + 1 < text_.size() && escape(text_[i + 1])) {
        i += 2;
        continue;
      }
      buffer_ += c;
      ++i;
    }
    flush();
    return std::move(out_);
  }

 private:
  void issue(std::size_t offset, std::string code, std::string message) {
    out_.issues.push_back({offset, std::move(code), std::move(message)});
  }

  // \N \n \h and the \{ \} escapes FFmpeg writes; false when the backslash is ordinary text.
  bool escape(char next) {
    if (drawing_ && (next == 'N' || next == 'n' || next == 'h')) {
      buffer_ += '\\';
      buffer_ += next;
      return true;
    }
    switch (next) {
      case 'N':
        flush();
        out_.runs.push_back(Run::line_break());
        return true;
      case 'n':
        // libass: a hard break only with WrapStyle 2, otherwise it shows as a space.
        if (context_.wrap_style_2) {
          flush();
          out_.runs.push_back(Run::line_break());
        } else {
          buffer_ += ' ';
        }
        return true;
      case 'h':
        buffer_ += kNbsp;
        return true;
      case '{':
      case '}':
        buffer_ += next;
        return true;
      default:
        return false;
    }
  }

  void flush() {
    if (buffer_.empty())
      return;
    if (drawing_) {
      out_.runs.push_back(Run::raw(std::string(kBagFormat), std::move(buffer_)));
    } else {
      auto spans = spans_of(state_);
      // Tags that changed nothing visible must not split the text.
      if (!out_.runs.empty() && out_.runs.back().kind == RunKind::text &&
          out_.runs.back().spans == spans) {
        out_.runs.back().text += buffer_;
      } else {
        out_.runs.push_back(Run::plain(std::move(buffer_), std::move(spans)));
      }
    }
    buffer_.clear();
  }

  // One {...} block: split into \tags at parenthesis depth 0; what precedes the first tag is a
  // comment.
  void block(std::size_t offset, std::string_view body) {
    std::string leftover;
    std::size_t first = body.find('\\');
    std::string_view comment = body.substr(0, std::min(first, body.size()));
    if (!trim(comment).empty())
      leftover += comment;
    int depth = 0;
    std::size_t start = first;
    for (std::size_t i = first == std::string_view::npos ? body.size() : first + 1;
         i <= body.size(); ++i) {
      if (i < body.size()) {
        if (body[i] == '(')
          ++depth;
        if (body[i] == ')' && depth > 0)
          --depth;
        if (body[i] != '\\' || depth > 0)
          continue;
      }
      if (start == std::string_view::npos)
        break;
      const std::string_view item = body.substr(start + 1, i - start - 1);
      if (!tag(offset + 1 + start, item)) {
        leftover += '\\';
        leftover += item;
      }
      start = i;
    }
    if (!leftover.empty())
      out_.runs.push_back(Run::raw(std::string(kBagFormat), "{" + leftover + "}"));
  }

  bool baseline(SpanKind kind) const {
    const Style* s = context_.style;
    if (s == nullptr)
      return false;
    switch (kind) {
      case SpanKind::italic:
        return s->italic;
      case SpanKind::bold:
        return s->bold;
      case SpanKind::underline:
        return s->underline;
      case SpanKind::strike:
        return s->strike;
      default:
        return false;
    }
  }

  bool toggle(SpanKind kind, bool& flag, std::string_view arg) {
    // Against a style that already has the attribute the model cannot say "off": keep it raw.
    if (baseline(kind))
      return false;
    arg = trim(arg);
    if (arg.empty() || arg == "0") {
      flag = false;
      return true;
    }
    if (arg == "1") {
      flag = true;
      return true;
    }
    return false;  // \b700 and friends: weights the model has no word for
  }

  // Applies one tag (without its backslash); false when it must stay raw.
  bool tag(std::size_t offset, std::string_view item) {
    std::string_view name;
    std::string_view arg;
    if (item.substr(0, 2) == "fn") {
      name = "fn";
      arg = item.substr(2);
    } else if (!item.empty() && item.front() == 'r') {
      name = "r";
      arg = item.substr(1);
    } else {
      std::size_t n = 0;
      if (!item.empty() && item[0] >= '1' && item[0] <= '4' && item.size() > 1 &&
          is_letter(item[1])) {
        n = 1;
      }
      while (n < item.size() && is_letter(item[n]))
        ++n;
      name = item.substr(0, n);
      arg = item.substr(n);
    }
    // Once a tag of a family stayed raw (\b700, \fs+5), the model no longer knows that
    // attribute's value: later tags of the family stay raw too, so their order survives.
    const std::string_view family = name == "1c" ? std::string_view("c") : name;
    if (is_family(family) && raw_families_.count(std::string(family)) != 0)
      return false;
    const bool consumed = apply(name, arg, offset, item);
    if (!consumed && is_family(family))
      raw_families_.insert(std::string(family));
    return consumed;
  }

  static bool is_family(std::string_view name) {
    return name == "i" || name == "b" || name == "u" || name == "s" || name == "fn" ||
           name == "fs" || name == "c";
  }

  bool apply(std::string_view name, std::string_view arg, std::size_t offset,
             std::string_view item) {
    if (name == "i")
      return toggle(SpanKind::italic, state_.italic, arg);
    if (name == "b")
      return toggle(SpanKind::bold, state_.bold, arg);
    if (name == "u")
      return toggle(SpanKind::underline, state_.underline, arg);
    if (name == "s")
      return toggle(SpanKind::strike, state_.strike, arg);
    if (name == "fn") {
      const auto face = trim(arg);
      state_.face = face.empty() ? std::nullopt : std::optional<std::string>(face);
      return true;
    }
    if (name == "fs") {
      const auto t = trim(arg);
      if (t.empty()) {
        state_.size.reset();
        return true;
      }
      if (t.front() == '+' || t.front() == '-')
        return false;  // relative sizes (VSFilter)
      const auto size = parse_double(t);
      if (!size)
        return false;
      state_.size = *size > 0 ? size : std::nullopt;
      return true;
    }
    if (name == "c" || name == "1c") {
      if (trim(arg).empty()) {
        state_.color.reset();
        return true;
      }
      const auto value = parse_color_value(arg);
      if (!value)
        return false;
      Color color = color_from_abgr(*value & 0xFFFFFFU);
      state_.color = color;
      return true;
    }
    if (name == "r") {
      state_ = InlineState{};
      return trim(arg).empty();  // \rStyle switches style: the model cannot, so keep the tag too
    }
    if (name == "an" || name == "a") {
      const auto value = parse_int(arg);
      const int numpad = !value         ? 0
                         : name == "an" ? (*value >= 1 && *value <= 9 ? *value : 0)
                                        : legacy_to_numpad(*value);
      if (numpad == 0) {
        issue(offset, "ass-invalid-alignment",
              "\\" + std::string(item) + " is not a valid alignment; kept as raw markup");
        return false;
      }
      if (out_.alignment != 0)
        return false;  // libass: the first alignment tag wins
      out_.alignment = numpad;
      return true;
    }
    if (name == "pos") {
      const auto pos = parse_pair(arg);
      if (!pos) {
        issue(offset, "ass-invalid-position",
              "\\" + std::string(item) + " is not a valid \\pos(x,y); kept as raw markup");
        return false;
      }
      if (positioned_)
        return false;  // libass: the first \pos or \move wins
      positioned_ = true;
      out_.position = pos;
      return true;
    }
    if (name == "move")
      positioned_ = true;
    if (name == "p") {
      const auto level = parse_int(arg);
      drawing_ = level && *level > 0;
    }
    return false;
  }

  std::string_view text_;
  const TextContext& context_;
  ParsedText out_;
  std::string buffer_;
  InlineState state_;
  std::set<std::string> raw_families_;
  bool drawing_ = false;
  bool positioned_ = false;
  bool warned_unclosed_ = false;
};

// --- writing
// ---------------------------------------------------------------------------------------

void add_loss(SerializeResult& result, std::string kind) {
  if (std::find(result.losses.begin(), result.losses.end(), kind) == result.losses.end()) {
    result.losses.push_back(std::move(kind));
  }
}

InlineState state_from_spans(const std::vector<Span>& spans, SerializeResult& result) {
  InlineState state;
  for (const auto& span : spans) {
    if (!span.classes.empty())
      add_loss(result, "class");
    switch (span.kind) {
      case SpanKind::italic:
        state.italic = true;
        break;
      case SpanKind::bold:
        state.bold = true;
        break;
      case SpanKind::underline:
        state.underline = true;
        break;
      case SpanKind::strike:
        state.strike = true;
        break;
      case SpanKind::font:
        // Inner font spans override outer ones attribute by attribute.
        if (!span.annotation.empty())
          state.face = span.annotation;
        if (span.size && *span.size > 0)
          state.size = span.size;
        if (span.color) {
          Color c = *span.color;
          if (c.a != 255)
            add_loss(result, "color-alpha");
          c.a = 255;
          state.color = c;
        }
        break;
      case SpanKind::css_class:
        add_loss(result, "class");
        break;
      case SpanKind::voice:
        add_loss(result, "voice");
        break;
      case SpanKind::lang:
        add_loss(result, "lang");
        break;
      case SpanKind::ruby:
        add_loss(result, "ruby");
        break;
      case SpanKind::ruby_text:
        break;  // handled by the caller
    }
  }
  return state;
}

// Font names end at the next tag or block: strip what would end them early.
std::string clean_face(std::string_view face) {
  std::string out;
  for (char c : face) {
    if (c != '\\' && c != '{' && c != '}')
      out += c;
  }
  return out;
}

std::string transition(const InlineState& from, const InlineState& to) {
  std::string tags;
  auto flag = [&](bool a, bool b, std::string_view name) {
    if (a == b)
      return;
    tags += '\\';
    tags += name;
    tags += b ? '1' : '0';
  };
  flag(from.italic, to.italic, "i");
  flag(from.bold, to.bold, "b");
  flag(from.underline, to.underline, "u");
  flag(from.strike, to.strike, "s");
  if (from.face != to.face)
    tags += "\\fn" + (to.face ? clean_face(*to.face) : "");
  if (from.size != to.size)
    tags += "\\fs" + (to.size ? format_double(*to.size) : "");
  if (from.color != to.color)
    tags += "\\c" + (to.color ? format_tag_color(*to.color) : "");
  return tags;
}

void append_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '}') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\N";
    } else if (c == '\r') {
      continue;
    } else if (text.substr(i, 2) == kNbsp) {
      out += "\\h";
      ++i;
    } else {
      out += c;
    }
  }
}

}  // namespace

ParsedText parse_text(std::string_view text, const TextContext& context) {
  return TextParser(text, context).run();
}

SerializeResult serialize_text(const std::vector<Run>& runs, const Placement& placement, bool ssa) {
  SerializeResult result;
  std::string& out = result.text;
  std::string head;
  if (placement.alignment >= 1 && placement.alignment <= 9) {
    head += ssa ? "\\a" + std::to_string(numpad_to_legacy(placement.alignment))
                : "\\an" + std::to_string(placement.alignment);
  }
  if (placement.position) {
    head += "\\pos(" + format_double(placement.position->first) + "," +
            format_double(placement.position->second) + ")";
  }
  if (!head.empty())
    out += "{" + head + "}";
  InlineState emitted;
  for (const auto& run : runs) {
    switch (run.kind) {
      case RunKind::text: {
        if (run.text.empty())
          break;
        // Ruby has no ASS form: the reading stays inline after its base (the lowering keeps
        // plain_text() unchanged).
        const InlineState target = state_from_spans(run.spans, result);
        const std::string tags = transition(emitted, target);
        if (!tags.empty())
          out += "{" + tags + "}";
        emitted = target;
        append_escaped(out, run.text);
        break;
      }
      case RunKind::line_break:
        out += "\\N";
        break;
      case RunKind::raw:
        if (run.raw_format != kBagFormat) {
          add_loss(result, "raw:" + run.raw_format);
          break;
        }
        out += run.text;
        // After \r the renderer is back at the style: so is our idea of what is open.
        if (run.text.find("\\r") != std::string::npos)
          emitted = InlineState{};
        break;
      case RunKind::timestamp:
        add_loss(result, "timestamp");
        break;
    }
  }
  return result;
}

std::string text_fingerprint(const std::vector<Run>& runs, const Placement& placement) {
  std::vector<Run> all = runs;
  std::string where = "an=" + std::to_string(placement.alignment);
  if (placement.position) {
    where += ";pos=" + format_double(placement.position->first) + "," +
             format_double(placement.position->second);
  }
  all.push_back(Run::raw("ass-placement", where));
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fingerprint(all)));
  return buf;
}

}  // namespace kopru::codecs::ass
