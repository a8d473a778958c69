// YouTube SBV writer: "0:00:01.000,0:00:02.500" (hours not padded, as YouTube writes them), the
// text lines, a blank line. YouTube shows SBV as plain text, so formatting is lowered and reported;
// speakers use the ">> NAME: " convention of YouTube's own caption examples.
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "codecs/sbv/sbv.h"

namespace kopru::codecs::sbv {
namespace {

std::string sbv_time(Time t) {
  const std::int64_t ms = to_ms(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%03lld",
                static_cast<long long>(ms / 3'600'000), static_cast<long long>(ms / 60'000 % 60),
                static_cast<long long>(ms / 1000 % 60), static_cast<long long>(ms % 1000));
  return buf;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

// The text lines of one cue in SBV form, with what it had to leave out reported once per kind.
class CueLines {
 public:
  CueLines(const Cue& cue, int number, Diagnostics& diag)
      : cue_(cue), number_(number), diag_(diag) {}

  std::vector<std::string> lines() {
    lines_.emplace_back();
    for (const Run& run : cue_.runs) {
      switch (run.kind) {
        case RunKind::line_break:
          lines_.emplace_back();
          break;
        case RunKind::timestamp:
          lossy("timestamp", "inner timestamps dropped");
          break;
        case RunKind::raw:
          lossy("raw", run.raw_format + " markup dropped");
          break;
        case RunKind::text:
          text(run);
          break;
      }
    }
    if (!cue_.placement.is_default())
      lossy("placement", "placement dropped");
    // Blank lines at the end cannot be told from the blank line that ends the cue: drop them.
    std::size_t last = lines_.size();
    while (last > 0 && is_blank(lines_[last - 1]))
      --last;
    const bool no_text = lines_.size() == 1 && lines_[0].empty();
    if (last != lines_.size() && !no_text) {
      lossy("blank-line", "blank lines at the end of the text dropped");
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < last; ++i) {
      if (is_blank(lines_[i])) {
        // Kopru reads the text after it back into this cue; YouTube ends the cue there.
        lossy("blank-line-inside", "blank line inside the text: YouTube ends the cue there");
        lines_[i].clear();
      }
      out.push_back(std::move(lines_[i]));
    }
    return out;
  }

 private:
  void lossy(const std::string& kind, const std::string& what) {
    if (!reported_.insert(kind).second)
      return;
    diag_.warn(0, 0, "sbv-lossy-" + kind, "cue " + std::to_string(number_) + ": " + what);
  }

  std::string speaker_of(const Run& run) const {
    for (auto it = run.spans.rbegin(); it != run.spans.rend(); ++it) {
      if (it->kind == SpanKind::voice)
        return it->annotation;
    }
    return lines_.size() == 1 ? cue_.speaker : std::string();
  }

  void text(const Run& run) {
    for (const Span& span : run.spans) {
      if (span.kind != SpanKind::voice && span.kind != SpanKind::ruby &&
          span.kind != SpanKind::ruby_text) {
        lossy("style", "formatting dropped (YouTube shows SBV as plain text)");
      }
    }
    const std::string& value = run.text;
    if (has_span(run, SpanKind::ruby_text))
      lossy("ruby", "ruby text written inline after its base");
    if (value.empty())
      return;
    std::string& line = lines_.back();
    const std::string speaker = speaker_of(run);
    if (!speaker.empty() && speaker != current_speaker_) {
      if (line.empty()) {
        line += ">> " + speaker + ": ";
        current_speaker_ = speaker;
      } else {
        lossy("voice", "a change of speaker inside a line dropped (\">> NAME:\" starts lines)");
      }
    }
    std::size_t start = 0;
    while (true) {
      const std::size_t nl = value.find('\n', start);
      std::string piece = value.substr(start, nl == std::string::npos ? nl : nl - start);
      std::erase(piece, '\r');
      lines_.back() += piece;
      if (nl == std::string::npos)
        break;
      lines_.emplace_back();
      start = nl + 1;
    }
  }

  const Cue& cue_;
  int number_;
  Diagnostics& diag_;
  std::vector<std::string> lines_;
  std::string current_speaker_;
  std::set<std::string> reported_;
};

}  // namespace

std::string write(const Document& doc, const WriteOptions&, Diagnostics& diag) {
  std::string out;
  int number = 0;
  int rounded = 0;
  for (const Cue& cue : doc.cues) {
    ++number;
    const std::string label = "cue " + std::to_string(number) + ": ";
    if (cue.comment) {
      diag.warn(0, 0, "sbv-lossy-comment", label + "comment cue not written");
      continue;
    }
    const std::vector<std::string> lines = CueLines(cue, number, diag).lines();
    Time start = cue.start;
    Time end = cue.end;
    if (start < Time::zero()) {
      diag.warn(0, 0, "sbv-lossy-negative-time", label + "negative start written as 0:00:00.000");
      start = Time::zero();
    }
    if (end < start) {
      diag.warn(0, 0, "sbv-end-before-start", label + "ends before it starts (written so)");
    }
    if (from_ms(to_ms(start)) != start || from_ms(to_ms(end)) != end)
      ++rounded;
    if (!out.empty())
      out += '\n';
    out += sbv_time(start) + "," + sbv_time(end) + "\n";
    for (const std::string& line : lines)
      out += line + "\n";
  }
  if (rounded > 0) {
    diag.note(0, 0, "sbv-rounded-to-ms",
              std::to_string(rounded) + " cue(s) had times between milliseconds; rounded");
  }
  return out;
}

WriterCaps caps() {
  WriterCaps caps;
  caps.overlaps = true;
  caps.styles = false;
  caps.italic_bold_underline = false;
  caps.colors = false;
  caps.fonts = false;
  caps.positions = false;
  caps.regions = false;
  caps.ruby = false;
  caps.voices = false;  // speakers are lowered to ">> NAME: " text
  caps.inner_timestamps = false;
  caps.frame_based = false;
  caps.max_lines = 0;
  caps.precision = from_ms(1);
  return caps;
}

}  // namespace kopru::codecs::sbv
