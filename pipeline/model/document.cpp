#include "pipeline/model/document.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace kopru {

std::string Color::to_hex() const {
  char buf[16];
  if (a == 255) {
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  } else {
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", r, g, b, a);
  }
  return buf;
}

namespace {

struct NamedColor {
  std::string_view name;
  Color color;
};

constexpr NamedColor kNamedColors[] = {
    {"black", {0, 0, 0, 255}},       {"silver", {192, 192, 192, 255}},
    {"gray", {128, 128, 128, 255}},  {"grey", {128, 128, 128, 255}},
    {"white", {255, 255, 255, 255}}, {"maroon", {128, 0, 0, 255}},
    {"red", {255, 0, 0, 255}},       {"purple", {128, 0, 128, 255}},
    {"fuchsia", {255, 0, 255, 255}}, {"magenta", {255, 0, 255, 255}},
    {"green", {0, 128, 0, 255}},     {"lime", {0, 255, 0, 255}},
    {"olive", {128, 128, 0, 255}},   {"yellow", {255, 255, 0, 255}},
    {"navy", {0, 0, 128, 255}},      {"blue", {0, 0, 255, 255}},
    {"teal", {0, 128, 128, 255}},    {"aqua", {0, 255, 255, 255}},
    {"cyan", {0, 255, 255, 255}},    {"orange", {255, 165, 0, 255}},
    {"transparent", {0, 0, 0, 0}},
};

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Color> Color::parse(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (text.empty())
    return std::nullopt;
  if (text.front() == '#') {
    text.remove_prefix(1);
    std::vector<int> digits;
    for (char c : text) {
      const int v = hex_value(c);
      if (v < 0)
        return std::nullopt;
      digits.push_back(v);
    }
    auto byte = [&](std::size_t i) {
      return static_cast<std::uint8_t>(digits[i] * 16 + digits[i + 1]);
    };
    auto nib = [&](std::size_t i) { return static_cast<std::uint8_t>(digits[i] * 17); };
    switch (digits.size()) {
      case 3:
        return Color{nib(0), nib(1), nib(2), 255};
      case 4:
        return Color{nib(0), nib(1), nib(2), nib(3)};
      case 6:
        return Color{byte(0), byte(2), byte(4), 255};
      case 8:
        return Color{byte(0), byte(2), byte(4), byte(6)};
      default:
        return std::nullopt;
    }
  }
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& named : kNamedColors) {
    if (named.name == lower)
      return named.color;
  }
  return std::nullopt;
}

const std::string* FormatBag::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k == key)
      return &v;
  }
  return nullptr;
}

void FormatBag::set(std::string key, std::string value) {
  for (auto& [k, v] : entries) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  entries.emplace_back(std::move(key), std::move(value));
}

void FormatBag::add(std::string key, std::string value) {
  entries.emplace_back(std::move(key), std::move(value));
}

std::string_view to_string(SpanKind kind) {
  switch (kind) {
    case SpanKind::italic:
      return "i";
    case SpanKind::bold:
      return "b";
    case SpanKind::underline:
      return "u";
    case SpanKind::strike:
      return "s";
    case SpanKind::font:
      return "font";
    case SpanKind::css_class:
      return "c";
    case SpanKind::voice:
      return "v";
    case SpanKind::lang:
      return "lang";
    case SpanKind::ruby:
      return "ruby";
    case SpanKind::ruby_text:
      return "rt";
  }
  return "?";
}

std::string_view to_string(RunKind kind) {
  switch (kind) {
    case RunKind::text:
      return "text";
    case RunKind::line_break:
      return "br";
    case RunKind::timestamp:
      return "time";
    case RunKind::raw:
      return "raw";
  }
  return "?";
}

Run Run::plain(std::string text, std::vector<Span> spans) {
  Run run;
  run.text = std::move(text);
  run.spans = std::move(spans);
  return run;
}

Run Run::line_break() {
  Run run;
  run.kind = RunKind::line_break;
  return run;
}

Run Run::timestamp(Time t) {
  Run run;
  run.kind = RunKind::timestamp;
  run.time = t;
  return run;
}

Run Run::raw(std::string format, std::string markup) {
  Run run;
  run.kind = RunKind::raw;
  run.text = std::move(markup);
  run.raw_format = std::move(format);
  return run;
}

const Style* Document::find_style(std::string_view name) const {
  for (const auto& style : styles) {
    if (style.name == name)
      return &style;
  }
  return nullptr;
}

std::string plain_text(const Cue& cue) {
  std::string out;
  for (const auto& run : cue.runs) {
    if (run.kind == RunKind::text) {
      out += run.text;
    } else if (run.kind == RunKind::line_break) {
      out += '\n';
    }
  }
  return out;
}

std::vector<Run> runs_from_text(std::string_view text, const std::vector<Span>& spans) {
  std::vector<Run> runs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t text_end = end;
    if (text_end > start && text[text_end - 1] == '\r')
      --text_end;
    if (text_end > start)
      runs.push_back(Run::plain(std::string(text.substr(start, text_end - start)), spans));
    if (nl == std::string_view::npos)
      break;
    runs.push_back(Run::line_break());
    start = nl + 1;
  }
  return runs;
}

namespace {

struct Fnv {
  std::uint64_t h = 1469598103934665603ULL;
  void bytes(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;
    h *= 1099511628211ULL;
  }
  void number(std::int64_t v) { bytes(std::to_string(v)); }
};

}  // namespace

std::uint64_t fingerprint(const std::vector<Run>& runs) {
  Fnv f;
  for (const auto& run : runs) {
    f.number(static_cast<int>(run.kind));
    f.bytes(run.text);
    f.bytes(run.raw_format);
    f.number(run.time.count());
    for (const auto& span : run.spans) {
      f.number(static_cast<int>(span.kind));
      f.bytes(span.annotation);
      for (const auto& c : span.classes)
        f.bytes(c);
      f.bytes(span.color ? span.color->to_hex() : "-");
      f.bytes(span.size ? std::to_string(*span.size) : "-");
    }
  }
  return f.h;
}

bool has_span(const Run& run, SpanKind kind) {
  return std::any_of(run.spans.begin(), run.spans.end(),
                     [&](const Span& s) { return s.kind == kind; });
}

}  // namespace kopru
