#include "pipeline/translit/document.h"

#include <filesystem>

#include "pipeline/core/lines.h"
#include "pipeline/core/parallel.h"

namespace kopru::translit {

namespace {

constexpr std::string_view kRightToLeftMark = "\u200F";

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8)
    n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return n;
}

std::string location_text(std::size_t cue_number, int line, int column) {
  return "cue " + std::to_string(cue_number) + ", line " + std::to_string(line) + ", column " +
         std::to_string(column) + ": ";
}

}  // namespace

bool right_to_left(const Direction& direction) {
  const std::string& script = direction.to.script();
  return script == "Arab" || script == "Hebr" || script == "Syrc" || script == "Thaa";
}

LanguageTag retag(const LanguageTag& tag, const Direction& direction) {
  if (tag.language() != direction.from.language())
    return tag;
  if (!tag.script().empty() && tag.script() != direction.from.script())
    return tag;
  LanguageTag out = tag;
  out.set_script(direction.to.script());
  return out;
}

std::string retag_filename(const std::string& filename, const Direction& direction,
                           const std::string& extension) {
  const std::filesystem::path path(filename);
  std::string stem = path.stem().string();
  const std::string ext = extension.empty() ? path.extension().string() : extension;
  const std::string target = direction.to.to_string();
  // The last dot-separated part of the stem that is a tag of the source language is replaced.
  std::size_t end = stem.size();
  while (end > 0) {
    const std::size_t dot = stem.rfind('.', end - 1);
    const std::size_t start = dot == std::string::npos ? 0 : dot + 1;
    if (dot == std::string::npos)
      break;  // the first part is the film's name, never a tag
    const std::string part = stem.substr(start, end - start);
    if (auto tag = LanguageTag::parse(part);
        tag && tag->language() == direction.from.language() && tag->is_common_language()) {
      stem.replace(start, end - start, retag(*tag, direction).to_string());
      return (path.parent_path() / (stem + ext)).string();
    }
    end = dot;
  }
  return (path.parent_path() / (stem + "." + target + ext)).string();
}

// The order in which transliterate_cue() asks its converter for texts: voice names of each run's
// spans, then the run's text if it is a text run, and the speaker last. Keep the two in step.
void texts_of(const Cue& cue, std::vector<std::string_view>& texts) {
  for (const Run& run : cue.runs) {
    for (const Span& span : run.spans) {
      if (span.kind == SpanKind::voice)
        texts.emplace_back(span.annotation);
    }
    if (run.kind == RunKind::text)
      texts.emplace_back(run.text);
  }
  if (!cue.speaker.empty())
    texts.emplace_back(cue.speaker);
}

void transliterate_cue(Cue& cue, std::size_t number, TextConverter& engine, Diagnostics& diag) {
  const Direction& direction = engine.direction();
  const bool rtl = right_to_left(direction);
  std::vector<Normalisation> notes;
  int line = 1;
  int column = 1;  // of the next run's first character, in the input
  bool line_start = true;
  for (Run& run : cue.runs) {
    for (Span& span : run.spans) {
      if (span.kind == SpanKind::lang) {
        if (auto tag = LanguageTag::parse(span.annotation))
          span.annotation = retag(*tag, direction).to_string();
      } else if (span.kind == SpanKind::voice) {
        // Speaker names are read by the audience (and by dubbing actors) in the new script too.
        span.annotation = engine.text(span.annotation, nullptr);
      }
    }
    if (run.kind == RunKind::line_break) {
      ++line;
      column = 1;
      line_start = true;
      continue;
    }
    if (run.kind != RunKind::text)
      continue;
    notes.clear();
    std::string converted = engine.text(run.text, &notes);
    for (const auto& n : notes) {
      const int at = column - 1 + column_of(run.text, std::min(n.offset, run.text.size()));
      diag.add(n.severity, SourceLocation{diag.path(), cue.source_line, 0, 0}, n.code,
               location_text(number, line, at) + n.message);
    }
    column += static_cast<int>(code_points(run.text));
    if (rtl && line_start && !converted.empty())
      converted.insert(0, kRightToLeftMark);
    line_start = line_start && converted.empty();
    run.text = std::move(converted);
  }
  if (!cue.speaker.empty())
    cue.speaker = engine.text(cue.speaker, nullptr);
  if (!cue.language.empty()) {
    if (auto tag = LanguageTag::parse(cue.language))
      cue.language = retag(*tag, direction).to_string();
  }
}

void transliterate_header(Document& doc, TextConverter& engine, Diagnostics& diag) {
  const Direction& direction = engine.direction();
  if (!doc.meta.language.empty() && doc.meta.language.language() != direction.from.language()) {
    diag.warn(0, 0, "translit-language-mismatch",
              "the document is tagged " + doc.meta.language.to_string() + ", not " +
                  direction.from.language() + "; transliterating as " + direction.from.to_string() +
                  " anyway");
  }
  doc.meta.language =
      doc.meta.language.empty() ? direction.to : retag(doc.meta.language, direction);
  if (doc.meta.language.script().empty())
    doc.meta.language.set_script(direction.to.script());
  std::vector<Normalisation> notes;
  doc.meta.title = engine.text(doc.meta.title, &notes);
  for (const auto& n : notes)
    diag.add(n.severity, SourceLocation{diag.path(), 0, 0, 0}, n.code, "title: " + n.message);
}

void transliterate(Document& doc, const std::shared_ptr<const Compiled>& compiled, unsigned jobs,
                   Diagnostics& diag) {
  const Direction& direction = direction_of(*compiled);
  Transliterator title_engine(compiled);
  transliterate_header(doc, title_engine, diag);
  if (jobs == 0)
    jobs = default_jobs();
  // Contiguous blocks, one transliterator (and word cache) each; diagnostics merged in cue order.
  const std::size_t blocks =
      std::max<std::size_t>(1, std::min<std::size_t>(jobs, doc.cues.size() / 64));
  std::vector<Diagnostics> block_diags(blocks, Diagnostics(diag.path()));
  std::vector<ScriptTally> tallies(blocks);
  parallel_for(blocks, static_cast<unsigned>(blocks), [&](std::size_t b) {
    Transliterator engine(compiled);
    const std::size_t begin = doc.cues.size() * b / blocks;
    const std::size_t end = doc.cues.size() * (b + 1) / blocks;
    for (std::size_t i = begin; i < end; ++i)
      transliterate_cue(doc.cues[i], i + 1, engine, block_diags[b]);
    tallies[b] = engine.tally();
  });
  ScriptTally tally = title_engine.tally();
  for (std::size_t b = 0; b < blocks; ++b) {
    tally.add(tallies[b]);
    for (const auto& d : block_diags[b].all())
      diag.add(d.severity, d.where, d.code, d.message);
  }
  check_source_script(tally, direction, diag.path());
}

}  // namespace kopru::translit
