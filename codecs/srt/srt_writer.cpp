// SubRip writer: cues renumbered 1..N, times rounded to the millisecond, markup rebuilt from the
// span stacks with as few tags as nesting allows. What SubRip cannot say is reported once per cue.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/common/streaming.h"
#include "codecs/srt/srt.h"
#include "codecs/srt/srt_internal.h"
#include "pipeline/model/dump.h"

namespace kopru::codecs::srt {

namespace {

enum Loss : unsigned {
  loss_class,
  loss_voice,
  loss_lang,
  loss_ruby,
  loss_timestamp,
  loss_raw,
  loss_alpha,
  loss_line_breaks,
  loss_count,
};

struct LossInfo {
  const char* code;
  const char* what;
};

constexpr std::array<LossInfo, loss_count> kLosses = {{
    {"srt-lossy-class", "CSS classes dropped"},
    {"srt-lossy-voice", "voice spans dropped (the text is kept)"},
    {"srt-lossy-lang", "language spans dropped (the text is kept)"},
    {"srt-lossy-ruby", "ruby written inline after its base text"},
    {"srt-lossy-timestamp", "inner timestamps dropped"},
    {"srt-lossy-raw", "markup of another format dropped"},
    {"srt-lossy-color-alpha", "colour transparency dropped"},
    {"srt-lossy-line-breaks", "line breaks at the end of the text dropped"},
}};

void append_number(std::string& out, std::int64_t value, int width) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = n; i < width; ++i)
    out += '0';
  while (n > 0)
    out += digits[--n];
}

void append_time(std::string& out, Time t) {
  const std::int64_t ms = to_ms(t, Rounding::nearest);
  append_number(out, ms / 3'600'000, 2);
  out += ':';
  append_number(out, ms / 60'000 % 60, 2);
  out += ':';
  append_number(out, ms / 1000 % 60, 2);
  out += ',';
  append_number(out, ms % 1000, 3);
}

bool writable(SpanKind kind) {
  return kind == SpanKind::italic || kind == SpanKind::bold || kind == SpanKind::underline ||
         kind == SpanKind::strike || kind == SpanKind::font;
}

std::string attribute_value(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '"') {
      out += "&quot;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

// Streams: cues are numbered and written as they come, so memory does not grow with the file.
class Writer : public CueWriter {
 public:
  explicit Writer(Diagnostics& diag) : diag_(diag) {}

  void begin(const Document& header, std::string& out) override {
    document_losses(header);
    (void)out;
  }

  void cue(const Cue& cue, std::string& out) override {
    ++position_;
    if (cue.comment) {
      lossy(position_, "srt-lossy-comment", "comment cue not written (SubRip would show it)");
      return;
    }
    // write_cue appends to out_: lend it the caller's buffer for the duration.
    out_.swap(out);
    write_cue(cue, ++number_, position_);
    out_.swap(out);
  }

  void end(std::string& /*out*/) override {}

 private:
  void lossy(int position, const char* code, const std::string& what) {
    diag_.warn(0, 0, code, "cue " + std::to_string(position) + ": " + what);
  }

  void document_losses(const Document& doc) {
    if (!doc.styles.empty()) {
      diag_.warn(0, 0, "srt-lossy-styles",
                 std::to_string(doc.styles.size()) + " named style(s) dropped");
    }
    if (!doc.regions.empty()) {
      diag_.warn(0, 0, "srt-lossy-regions",
                 std::to_string(doc.regions.size()) + " region(s) dropped");
    }
    if (!doc.meta.title.empty()) {
      diag_.warn(0, 0, "srt-lossy-title", "title " + quoted(doc.meta.title) + " dropped");
    }
  }

  void write_cue(const Cue& cue, int number, int position) {
    losses_ = 0;
    append_number(out_, number, 1);
    out_ += '\n';
    Time start = cue.start;
    Time end = cue.end;
    if (start < Time::zero() || end < Time::zero()) {
      lossy(position, "srt-lossy-negative-time", "negative time written as 00:00:00,000");
      start = std::max(start, Time::zero());
      end = std::max(end, Time::zero());
    }
    if (to_ms(end) < to_ms(start)) {
      lossy(position, "srt-lossy-end-before-start", "end before start written as the start");
      end = start;
    }
    append_time(out_, start);
    out_ += " --> ";
    append_time(out_, end);
    placement(cue, position);
    if (cue.format_private.format == "srt") {
      if (const std::string* extra = cue.format_private.find("timing-extra")) {
        out_ += ' ';
        out_ += *extra;
      }
    }
    out_ += '\n';
    cue_metadata(cue, position);
    body(cue);
    out_ += body_;
    out_ += "\n\n";
    for (unsigned i = 0; i < loss_count; ++i) {
      if ((losses_ & (1U << i)) != 0)
        lossy(position, kLosses[i].code, kLosses[i].what);
    }
  }

  void placement(const Cue& cue, int position) {
    const Placement& p = cue.placement;
    if (p.box) {
      out_ += " X1:" + std::to_string(p.box->x1) + " X2:" + std::to_string(p.box->x2) +
              " Y1:" + std::to_string(p.box->y1) + " Y2:" + std::to_string(p.box->y2);
    }
    Placement rest = p;
    rest.alignment = 0;
    rest.box.reset();
    if (p.alignment < 0 || p.alignment > 9) {
      lossy(position, "srt-lossy-placement",
            "alignment " + std::to_string(p.alignment) + " is not a numpad position");
    }
    if (rest.is_default())
      return;
    std::string fields;
    auto add = [&](bool present, const char* name) {
      if (!present)
        return;
      if (!fields.empty())
        fields += ", ";
      fields += name;
    };
    add(rest.position.has_value(), "position");
    add(rest.margin_l != 0 || rest.margin_r != 0 || rest.margin_v != 0, "margins");
    add(!rest.region.empty(), "region");
    add(!rest.vertical.empty(), "vertical");
    add(rest.line.has_value() || rest.line_percent || !rest.line_align.empty(), "line");
    add(rest.position_percent.has_value() || !rest.position_align.empty(), "position%");
    add(rest.size_percent.has_value(), "size");
    add(!rest.text_align.empty(), "text-align");
    lossy(position, "srt-lossy-placement", "placement dropped (" + fields + ")");
  }

  void cue_metadata(const Cue& cue, int position) {
    if (!cue.style.empty())
      lossy(position, "srt-lossy-style", "style " + quoted(cue.style));
    if (!cue.speaker.empty()) {
      lossy(position, "srt-lossy-speaker", "speaker " + quoted(cue.speaker));
    }
    if (!cue.language.empty()) {
      lossy(position, "srt-lossy-language", "language " + quoted(cue.language));
    }
    if (cue.layer != 0)
      lossy(position, "srt-lossy-layer", "layer " + std::to_string(cue.layer));
    if (!cue.effect.empty())
      lossy(position, "srt-lossy-effect", "effect " + quoted(cue.effect));
  }

  // The spans of a run that SubRip can write, in order; notes what is lost.
  void wanted(const Run& run, std::vector<Span>& want) {
    want.clear();
    for (const auto& span : run.spans) {
      if (!span.classes.empty())
        losses_ |= 1U << loss_class;
      switch (span.kind) {
        case SpanKind::css_class:
          losses_ |= 1U << loss_class;
          continue;
        case SpanKind::voice:
          losses_ |= 1U << loss_voice;
          continue;
        case SpanKind::lang:
          losses_ |= 1U << loss_lang;
          continue;
        case SpanKind::ruby:
        case SpanKind::ruby_text:
          losses_ |= 1U << loss_ruby;
          continue;
        default:
          break;
      }
      if (!writable(span.kind))
        continue;
      Span out;
      out.kind = span.kind;
      if (span.kind == SpanKind::font) {
        out.annotation = span.annotation;
        out.color = span.color;
        out.size = span.size;
        if (out.color && out.color->a != 255) {
          losses_ |= 1U << loss_alpha;
          out.color->a = 255;
        }
      }
      want.push_back(std::move(out));
    }
  }

  static std::size_t common_prefix(const std::vector<Span>& a, const std::vector<Span>& b) {
    std::size_t k = 0;
    while (k < a.size() && k < b.size() && a[k] == b[k])
      ++k;
    return k;
  }

  void close_to(std::size_t depth) {
    while (open_.size() > depth) {
      body_ += "</";
      body_ += to_string(open_.back().kind);
      body_ += '>';
      open_.pop_back();
    }
  }

  void open_tag(const Span& span) {
    body_ += '<';
    body_ += to_string(span.kind);
    if (span.kind == SpanKind::font) {
      if (!span.annotation.empty())
        body_ += " face=\"" + attribute_value(span.annotation) + '"';
      if (span.color)
        body_ += " color=\"" + span.color->to_hex() + '"';
      if (span.size)
        body_ += " size=\"" + format_number(*span.size) + '"';
    }
    body_ += '>';
  }

  void move_to(const std::vector<Span>& want) {
    close_to(common_prefix(open_, want));
    for (std::size_t i = open_.size(); i < want.size(); ++i) {
      open_tag(want[i]);
      open_.push_back(want[i]);
    }
  }

  void text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      switch (c) {
        case '<':
          body_ += detail::starts_known_tag(s, i) ? "&lt;" : "<";
          break;
        case '&':
          scratch_.clear();
          body_ += detail::decode_entity(s, i, scratch_) > 0 ? "&amp;" : "&";
          break;
        case '{':
          // The reader takes "{\" for an override block; a numeric reference keeps it text.
          if (i + 1 < s.size() && s[i + 1] == '\\') {
            body_ += "{&#92;";
            ++i;
          } else {
            body_ += c;
          }
          break;
        case '\r':
          if (i + 1 < s.size() && s[i + 1] == '\n')
            break;
          body_ += '\n';
          break;
        default:
          body_ += c;
      }
    }
  }

  // SubRip players understand ASS override blocks ("{\\an8}", "{\\blur2}"), so those raw runs
  // are written back; ASS comments ("{note}") and drawing commands would show as text: dropped.
  static bool writable_raw(const Run& run) {
    if (run.raw_format == "srt")
      return true;
    const std::string_view t = run.text;
    return run.raw_format == "ass" && t.size() >= 3 && t.substr(0, 2) == "{\\" && t.back() == '}' &&
           t.find('}') == t.size() - 1;
  }

  static bool has_content(const Run& run) {
    return (run.kind == RunKind::text && !run.text.empty()) ||
           (run.kind == RunKind::raw && writable_raw(run));
  }

  void body(const Cue& cue) {
    body_.clear();
    open_.clear();
    const int alignment = cue.placement.alignment;
    if (alignment >= 1 && alignment <= 9) {
      body_ += "{\\an";
      body_ += static_cast<char>('0' + alignment);
      body_ += '}';
    }
    const auto& runs = cue.runs;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const Run& run = runs[i];
      switch (run.kind) {
        case RunKind::text:
          if (run.text.empty())
            break;
          wanted(run, want_);
          move_to(want_);
          text(run.text);
          break;
        case RunKind::raw:
          if (!has_content(run)) {
            losses_ |= 1U << loss_raw;
            break;
          }
          wanted(run, want_);
          move_to(want_);
          body_ += run.text;
          break;
        case RunKind::timestamp:
          losses_ |= 1U << loss_timestamp;
          break;
        case RunKind::line_break: {
          // Close what the next line does not continue before the break, for tidy lines.
          std::size_t next = i + 1;
          while (next < runs.size() && !has_content(runs[next]))
            ++next;
          if (next < runs.size()) {
            wanted(runs[next], want_);
          } else {
            want_.clear();
          }
          close_to(common_prefix(open_, want_));
          body_ += '\n';
          break;
        }
      }
    }
    close_to(0);
    // A blank line would end the cue: trailing breaks cannot be written.
    if (!body_.empty() && body_.back() == '\n') {
      while (!body_.empty() && body_.back() == '\n')
        body_.pop_back();
      losses_ |= 1U << loss_line_breaks;
    }
  }

  Diagnostics& diag_;
  int number_ = 0;
  int position_ = 0;
  std::string out_;
  std::string body_;
  std::string scratch_;
  std::vector<Span> open_;
  std::vector<Span> want_;
  unsigned losses_ = 0;
};

}  // namespace

std::unique_ptr<CueWriter> make_writer(const WriteOptions& /*options*/, Diagnostics& diag) {
  return std::make_unique<Writer>(diag);
}

std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag) {
  return write_all(&make_writer, doc, options, diag);
}

WriterCaps caps() {
  WriterCaps caps;
  caps.overlaps = true;
  caps.styles = false;
  caps.italic_bold_underline = true;
  caps.colors = true;
  caps.fonts = true;
  caps.positions = true;  // {\anN} and X1..Y2 boxes
  caps.regions = false;
  caps.ruby = false;
  caps.voices = false;
  caps.inner_timestamps = false;
  caps.frame_based = false;
  caps.max_lines = 0;
  caps.precision = from_ms(1);
  return caps;
}

}  // namespace kopru::codecs::srt
