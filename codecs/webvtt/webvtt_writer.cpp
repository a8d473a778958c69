// WebVTT writer: header, STYLE/REGION/NOTE blocks kept from a WebVTT source, cues with their
// settings and cue text. Placement from other formats (numpad alignment, \pos) is mapped to cue
// settings where WebVTT has an equivalent; everything else is reported as lossy.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "codecs/webvtt/webvtt.h"
#include "codecs/webvtt/webvtt_internal.h"
#include "pipeline/model/dump.h"  // quoted()

namespace kopru::codecs::webvtt {

namespace {

// WebVTT numbers are plain decimals: no exponent, ever.
std::string number(double value) {
  if (!std::isfinite(value))
    return "0";
  char buf[400];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  if (ec != std::errc())
    return "0";
  std::string out(buf, end);
  return out == "-0" ? "0" : out;
}

std::string percent(double value) {
  return number(value) + "%";
}

// NOTE and STYLE text may not hold a blank line or "-->" (either would end the block).
std::string block_text(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (!line.empty()) {
      if (!out.empty())
        out += '\n';
      out += line;
    }
    start = end + 1;
  }
  for (std::size_t pos = out.find("-->"); pos != std::string::npos; pos = out.find("-->", pos)) {
    out.replace(pos, 3, "- ->");
  }
  return out;
}

// Cue ids are one line and may not contain "-->".
std::string clean_id(std::string_view id, bool& changed) {
  std::string out;
  for (char c : id)
    out += (c == '\n' || c == '\r') ? ' ' : c;
  for (std::size_t pos = out.find("-->"); pos != std::string::npos; pos = out.find("-->", pos)) {
    out.replace(pos, 3, "- ->");
  }
  changed = out != id;
  return out;
}

bool is_note_text(std::string_view text) {
  return text.substr(0, 4) == "NOTE" &&
         (text.size() == 4 || text[4] == ' ' || text[4] == '\t' || text[4] == '\n');
}

bool has_vtt_settings(const Placement& p) {
  return !p.vertical.empty() || p.line || !p.line_align.empty() || p.position_percent ||
         !p.position_align.empty() || p.size_percent || !p.text_align.empty();
}

// Streams: header blocks first, then each cue with the NOTE/STYLE blocks kept before it.
class Writer : public CueWriter {
 public:
  explicit Writer(Diagnostics& diag) : diag_(diag) {}

  void begin(const Document& header_doc, std::string& out) override {
    doc_ = header_doc;
    keep_ = doc_.format_private.format == kFormat;
    out_ = &out;
    header();
    blocks_at(0);
    regions();
    out_ = nullptr;
  }

  void cue(const Cue& c, std::string& out) override {
    out_ = &out;
    if (count_ > 0)
      blocks_at(count_);
    ++count_;
    cue_text(c, count_);
    out_ = nullptr;
  }

  void end(std::string& out) override {
    out_ = &out;
    if (count_ > 0)
      blocks_at(count_);
    if (!doc_.styles.empty()) {
      diag_.warn(0, 0, "vtt-lossy-styles",
                 std::to_string(doc_.styles.size()) +
                     " named style(s) are not written: WebVTT has no named styles");
    }
    out_ = nullptr;
  }

 private:
  void header() {
    *out_ += "WEBVTT";
    if (!keep_) {
      *out_ += "\n\n";
      return;
    }
    if (const std::string* text = doc_.format_private.find(kSignatureKey)) {
      std::string line = text->substr(0, text->find_first_of("\r\n"));
      if (!line.empty() && line[0] != ' ' && line[0] != '\t')
        line.insert(0, " ");
      *out_ += line;
    }
    *out_ += '\n';
    for (const auto& [key, value] : doc_.format_private.entries) {
      // A header line may not be blank or hold "-->": either would end the header.
      if (key == kHeaderKey && !value.empty() && value.find("-->") == std::string::npos &&
          value.find_first_of("\r\n") == std::string::npos) {
        // The document's language wins over the one read: a transliterated track changes script.
        if (value.starts_with("Language:") && !doc_.meta.language.empty())
          *out_ += "Language: " + doc_.meta.language.to_string() + "\n";
        else
          *out_ += value + "\n";
      }
    }
    *out_ += '\n';
  }

  // STYLE and NOTE blocks kept at their place (before cue `index`, 0-based).
  void blocks_at(std::size_t index) {
    if (!keep_)
      return;
    const std::string where = std::to_string(index);
    for (const auto& [key, value] : doc_.format_private.entries) {
      if (key == std::string(kStylePrefix) + where) {
        const std::string css = block_text(value);
        if (!css.empty())
          *out_ += "STYLE\n" + css + "\n\n";
      } else if (key == std::string(kNotePrefix) + where) {
        const std::string note = block_text(value);
        if (is_note_text(note))
          *out_ += note + "\n\n";
      }
    }
  }

  void regions() {
    for (const auto& region : doc_.regions) {
      if (region.id.empty() || region.id.find_first_of(" \t\n\r\f") != std::string::npos ||
          region.id.find("-->") != std::string::npos) {
        diag_.warn(0, 0, "vtt-lossy-region",
                   "region " + quoted(region.id) + " not written: its id cannot be a WebVTT id");
        continue;
      }
      *out_ += "REGION\nid:" + region.id;
      if (region.width_percent)
        *out_ += " width:" + percent(clamp(*region.width_percent));
      if (region.lines)
        *out_ += " lines:" + std::to_string(std::max(0, *region.lines));
      if (region.region_anchor)
        *out_ += " regionanchor:" + anchor(*region.region_anchor);
      if (region.viewport_anchor)
        *out_ += " viewportanchor:" + anchor(*region.viewport_anchor);
      if (region.scroll_up)
        *out_ += " scroll:up";
      *out_ += "\n\n";
      if (region.origin || region.extent || !region.display_align.empty()) {
        diag_.warn(0, 0, "vtt-lossy-region",
                   "region " + quoted(region.id) +
                       ": TTML origin/extent/displayAlign have no WebVTT equivalent");
      }
    }
  }

  static double clamp(double value) { return std::min(100.0, std::max(0.0, value)); }
  static std::string anchor(const std::pair<double, double>& a) {
    return percent(clamp(a.first)) + "," + percent(clamp(a.second));
  }

  void lossy(std::size_t number, const std::string& what) {
    diag_.warn(0, 0, "vtt-lossy-" + what.substr(0, what.find(':')),
               "cue " + std::to_string(number) + ": " + what.substr(what.find(':') + 2));
  }

  void cue_text(const Cue& cue, std::size_t number) {
    if (cue.comment) {
      // A cue that is never shown: the nearest WebVTT form is a NOTE.
      lossy(number, "comment: a comment event is written as a NOTE block");
      const std::string text = block_text(plain_text(cue));
      *out_ += "NOTE " + format_timestamp(cue.start) + " " + format_timestamp(cue.end);
      if (!text.empty())
        *out_ += "\n" + text;
      *out_ += "\n\n";
      return;
    }
    if (!cue.id.empty()) {
      const bool plain = std::none_of(cue.id.begin(), cue.id.end(),
                                      [](char c) { return c == '\n' || c == '\r' || c == '-'; });
      if (plain) {
        *out_ += cue.id;  // the usual id, which clean_id() would hand back unchanged
      } else {
        bool changed = false;
        *out_ += clean_id(cue.id, changed);
        if (changed)
          lossy(number, "id: the id had a line break or \"-->\", which were replaced");
      }
      *out_ += '\n';
    }
    if (cue.start < Time::zero() || cue.end < Time::zero()) {
      lossy(number, "time: negative times were written as 00:00:00.000");
    }
    append_timestamp(*out_, cue.start);
    *out_ += " --> ";
    append_timestamp(*out_, cue.end);
    settings(cue, number, *out_);
    *out_ += '\n';
    losses_.clear();
    const std::size_t text_start = out_->size();
    text_for(cue, losses_);
    for (const auto& loss : losses_)
      lossy(number, "markup: " + loss + " cannot be expressed");
    // The text's line end (if there is text) and the blank line that ends the cue.
    out_->append("\n\n", out_->size() != text_start ? 2 : 1);
    if (!cue.style.empty() && cue.style != "Default" && cue.style != "*Default") {
      lossy(number, "style: style " + quoted(cue.style) + " is not written");
    }
    if (!cue.effect.empty())
      lossy(number, "effect: effect " + quoted(cue.effect) + " is dropped");
    if (cue.layer != 0)
      lossy(number, "layer: layer " + std::to_string(cue.layer) + " is dropped");
  }

  // Appends the cue text; a speaker or language the runs do not carry is wrapped around the whole
  // cue.
  void text_for(const Cue& cue, std::vector<std::string>& losses) {
    bool has_voice = false;
    bool has_lang = false;
    for (const auto& run : cue.runs) {
      for (const auto& span : run.spans) {
        has_voice = has_voice || span.kind == SpanKind::voice;
        has_lang = has_lang || span.kind == SpanKind::lang;
      }
    }
    if ((cue.speaker.empty() || has_voice) && (cue.language.empty() || has_lang)) {
      append_cue_text_for_writing(*out_, cue, &losses);
      return;
    }
    std::vector<Run> runs = cue.runs;
    Span outer;
    if (!cue.language.empty() && !has_lang) {
      outer.kind = SpanKind::lang;
      outer.annotation = cue.language;
      for (auto& run : runs)
        run.spans.insert(run.spans.begin(), outer);
    }
    if (!cue.speaker.empty() && !has_voice) {
      outer.kind = SpanKind::voice;
      outer.annotation = cue.speaker;
      for (auto& run : runs)
        run.spans.insert(run.spans.begin(), outer);
    }
    append_cue_text(*out_, runs, &losses);
  }

  // Appends the cue settings to `out`.
  void settings(const Cue& cue, std::size_t number, std::string& out) {
    const Placement& p = cue.placement;
    if (!p.region.empty()) {
      bool known = false;
      for (const auto& region : doc_.regions)
        known = known || region.id == p.region;
      if (known) {
        out += " region:" + p.region;
      } else {
        lossy(number, "region: region " + quoted(p.region) + " is not defined");
      }
    }
    if (has_vtt_settings(p)) {
      vtt_settings(p, out);
    } else {
      mapped_settings(p, number, out);
    }
    if (p.box)
      lossy(number, "position: pixel box coordinates have no WebVTT equivalent");
    if (p.margin_l != 0 || p.margin_r != 0 || p.margin_v != 0) {
      lossy(number, "margins: margins have no WebVTT equivalent");
    }
  }

  static void vtt_settings(const Placement& p, std::string& out) {
    if (p.vertical == "rl" || p.vertical == "lr")
      out += " vertical:" + p.vertical;
    if (p.line) {
      const double line = p.line_percent ? clamp(*p.line) : *p.line;
      out += " line:" + number(line) + (p.line_percent ? "%" : "");
      if (!p.line_align.empty())
        out += "," + p.line_align;
    }
    if (p.position_percent) {
      out += " position:" + percent(clamp(*p.position_percent));
      if (!p.position_align.empty())
        out += "," + p.position_align;
    }
    if (p.size_percent)
      out += " size:" + percent(clamp(*p.size_percent));
    if (!p.text_align.empty())
      out += " align:" + p.text_align;
  }

  // Numpad alignment (ASS \an, SRT {\an8}) and \pos, as cue settings.
  void mapped_settings(const Placement& p, std::size_t number, std::string& out) {
    const int an = p.alignment;
    const int column = an >= 1 && an <= 9 ? (an - 1) % 3 : 1;  // 0 left, 1 centre, 2 right
    const int row = an >= 1 && an <= 9 ? (an - 1) / 3 : 0;     // 0 bottom, 1 middle, 2 top
    if (p.position) {
      const int rx = doc_.meta.play_res_x;
      const int ry = doc_.meta.play_res_y;
      if (rx > 0 && ry > 0) {
        static constexpr std::string_view kLineAlign[] = {"end", "center", "start"};
        static constexpr std::string_view kPosAlign[] = {"line-left", "center", "line-right"};
        static constexpr std::string_view kAlign[] = {"left", "center", "right"};
        out += " line:" + percent(clamp(p.position->second * 100.0 / ry)) + "," +
               std::string(kLineAlign[row]);
        out += " position:" + percent(clamp(p.position->first * 100.0 / rx)) + "," +
               std::string(kPosAlign[column]);
        out += " align:" + std::string(kAlign[column]);
        return;
      }
      lossy(number, "position: \\pos without a script resolution cannot be placed");
    }
    if (row == 2)
      out += " line:0";
    if (row == 1)
      out += " line:50%,center";
    if (column == 0)
      out += " align:left";
    if (column == 2)
      out += " align:right";
  }

  Document doc_;  // everything but the cues
  Diagnostics& diag_;
  bool keep_ = false;
  std::size_t count_ = 0;
  std::string* out_ = nullptr;       // the caller's output, during begin(), cue() and end()
  std::vector<std::string> losses_;  // per cue; kept to reuse its storage
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
  caps.colors = false;
  caps.fonts = false;
  caps.positions = true;
  caps.regions = true;
  caps.ruby = true;
  caps.voices = true;
  caps.inner_timestamps = true;
  caps.frame_based = false;
  caps.max_lines = 0;
  caps.precision = from_ms(1);
  return caps;
}

}  // namespace kopru::codecs::webvtt
