#include <algorithm>

#include "pipeline/qa/checks/text_support.h"
#include "pipeline/qa/fix_steps.h"

namespace kopru::qa {

namespace {

// One code point of a displayed line, wherever it sits: a line's text may be spread over several
// runs ("Evet <i> tamam</i>"), and spaces doubled across a tag are still doubled.
struct Piece {
  std::size_t run = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  UChar32 c = -1;
  enum Action : unsigned char { keep, drop, ellipsis } action = keep;
};

using Line = std::vector<Piece>;

// The lines of a cue as pieces of its text runs; raw and timestamp runs take no room.
std::vector<Line> lines_of(const Cue& cue) {
  std::vector<Line> lines(1);
  for (std::size_t r = 0; r < cue.runs.size(); ++r) {
    const Run& run = cue.runs[r];
    if (run.kind == RunKind::line_break) {
      lines.emplace_back();
      continue;
    }
    if (run.kind != RunKind::text)
      continue;
    text::for_each_code_point(run.text, [&](UChar32 c, std::size_t begin, std::size_t end) {
      lines.back().push_back({r, begin, end, c});
      return true;
    });
  }
  return lines;
}

// The same rules as the whitespace check: breaking spaces at either end go, a run of breaking
// spaces keeps its first, and any space before closing punctuation goes (not in French, and not
// the space after a dialogue dash).
bool mark_spaces(Line& line, bool punctuation) {
  bool changed = false;
  auto drop = [&](Piece& p) {
    p.action = Piece::drop;
    changed = true;
  };
  std::size_t first = 0;
  while (first < line.size() && text::is_breaking_space(line[first].c))
    drop(line[first++]);
  std::size_t last = line.size();
  while (last > first && text::is_breaking_space(line[last - 1].c))
    drop(line[--last]);
  for (std::size_t i = first; i < last;) {
    if (!text::is_any_space(line[i].c)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < last && text::is_any_space(line[end].c))
      ++end;
    const bool before_punctuation = punctuation && i > first && end < last &&
                                    text::is_closing_punctuation(line[end].c) &&
                                    !text::is_dash(line[i - 1].c);
    for (std::size_t k = i; k < end; ++k) {
      const bool doubled =
          k > i && text::is_breaking_space(line[k].c) && text::is_breaking_space(line[k - 1].c);
      if (before_punctuation || doubled)
        drop(line[k]);
    }
    i = end;
  }
  return changed;
}

// Exactly three full stops become "…", as the ellipsis check counts them.
bool mark_ellipses(Line& line) {
  bool changed = false;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i].action == Piece::drop || line[i].c != '.') {
      ++i;
      continue;
    }
    std::vector<std::size_t> dots;
    std::size_t j = i;
    for (; j < line.size() && (line[j].action == Piece::drop || line[j].c == '.'); ++j) {
      if (line[j].action != Piece::drop)
        dots.push_back(j);
    }
    if (dots.size() == 3) {
      line[dots[0]].action = Piece::ellipsis;
      line[dots[1]].action = Piece::drop;
      line[dots[2]].action = Piece::drop;
      changed = true;
    }
    i = j;
  }
  return changed;
}

// Rewrites the text runs the marked pieces belong to. A text run left empty by the fix held only
// spaces and is removed, so no empty tag pair is written; raw markup is never touched.
void rewrite(Cue& cue, const std::vector<Line>& lines) {
  std::vector<std::string> texts(cue.runs.size());
  std::vector<bool> touched(cue.runs.size(), false);
  for (const Line& line : lines) {
    for (const Piece& p : line) {
      const std::string& source = cue.runs[p.run].text;
      touched[p.run] = touched[p.run] || p.action != Piece::keep;
      if (p.action == Piece::keep)
        texts[p.run].append(source, p.begin, p.end - p.begin);
      else if (p.action == Piece::ellipsis)
        texts[p.run] += "\xE2\x80\xA6";
    }
  }
  std::vector<Run> runs;
  runs.reserve(cue.runs.size());
  for (std::size_t r = 0; r < cue.runs.size(); ++r) {
    if (!touched[r]) {
      runs.push_back(std::move(cue.runs[r]));
      continue;
    }
    if (texts[r].empty())
      continue;
    runs.push_back(std::move(cue.runs[r]));
    runs.back().text = std::move(texts[r]);
  }
  cue.runs = std::move(runs);
}

// Runs one kind of fix over a cue and records it when it changed the text.
template <typename Mark>
void fix_cue(Cue& cue, std::size_t index, std::string_view check, Mark mark,
             std::vector<Change>& changes) {
  std::vector<Line> lines = lines_of(cue);
  bool changed = false;
  for (Line& line : lines)
    changed = mark(line) || changed;
  if (!changed)
    return;
  std::string before = plain_text(cue);
  rewrite(cue, lines);
  changes.push_back({std::string(check), index + 1, std::move(before), plain_text(cue)});
}

}  // namespace

// Spaces first, so "Hmm ..." becomes "Hmm..." and then "Hmm…". Only text runs change.
void fix_text(const Context& context, Document& doc, std::vector<Change>& changes) {
  const bool spaces = context.profile.enabled("whitespace");
  const bool ellipses = context.profile.enabled("ellipsis") && context.profile.ellipsis_character;
  const bool punctuation = !text::spaces_before_punctuation(context.language);
  for (std::size_t i = 0; i < doc.cues.size(); ++i) {
    Cue& cue = doc.cues[i];
    if (cue.comment)
      continue;
    if (spaces)
      fix_cue(
          cue, i, "whitespace",
          [punctuation](Line& line) { return mark_spaces(line, punctuation); }, changes);
    if (ellipses)
      fix_cue(cue, i, "ellipsis", mark_ellipses, changes);
  }
}

}  // namespace kopru::qa
