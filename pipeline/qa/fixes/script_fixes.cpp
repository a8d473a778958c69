#include "pipeline/qa/checks/script_support.h"
#include "pipeline/qa/fix_steps.h"

namespace kopru::qa {

namespace {

struct Edit {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string with;
};

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// Applies `edits` (in text order, none crossing a space) and lists one change per space-separated
// chunk that changed, so the report shows "o'zbek -> oʻzbek" rather than whole lines.
void apply(std::string& text, const std::vector<Edit>& edits, std::string_view check,
           std::size_t cue, std::vector<Change>& changes) {
  if (edits.empty())
    return;
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t next = 0;  // the first edit not yet applied
  for (std::size_t begin = 0; begin < text.size();) {
    if (is_space(text[begin])) {
      out += text[begin++];
      continue;
    }
    std::size_t end = begin;
    while (end < text.size() && !is_space(text[end]))
      ++end;
    std::string chunk;
    for (std::size_t at = begin; at < end;) {
      if (next < edits.size() && edits[next].offset == at) {
        chunk += edits[next].with;
        at += edits[next].length;
        ++next;
      } else {
        chunk += text[at++];
      }
    }
    const std::string_view before(text.data() + begin, end - begin);
    if (chunk != before)
      changes.push_back({std::string(check), cue, std::string(before), chunk});
    out += chunk;
    begin = end;
  }
  text = std::move(out);
}

std::vector<Edit> homoglyph_edits(const Context& context, std::string_view text,
                                  UScriptCode track) {
  std::vector<Edit> edits;
  script::MixedWord mixed;
  script::for_each_word(text, [&](std::string_view word, std::size_t offset) {
    if (!script::analyse_word(word, track, mixed) || !mixed.all_twins)
      return;
    for (const UChar32 twin : mixed.twins) {
      if (!script::twin_allowed(context.profile, mixed.word_script, twin))
        return;
    }
    edits.push_back({offset, word.size(), script::replace_twins(word, mixed)});
  });
  return edits;
}

std::vector<Edit> apostrophe_edits(std::string_view text) {
  std::vector<Edit> edits;
  for (const script::ApostropheFix& fix : script::uzbek_apostrophes(text))
    edits.push_back({fix.offset, fix.length, script::utf8(fix.wanted)});
  return edits;
}

// Only where nothing else in the run is UTF-8 or cp1251 mojibake: Ð is also a UTF-8 lead byte.
std::vector<Edit> cp1254_edits(std::string_view text) {
  std::vector<Edit> edits;
  if (!script::utf8_mojibake(text).empty() || !script::cp1251_mojibake(text).empty())
    return edits;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (const UChar32 meant = script::cp1254_turkish(c); meant != 0)
      edits.push_back(
          {static_cast<std::size_t>(at), static_cast<std::size_t>(i - at), script::utf8(meant)});
  }
  return edits;
}

// "i̇" (i + U+0307) is what non-Turkic lower-casing makes of İ.
std::vector<Edit> combining_dot_edits(std::string_view text) {
  std::vector<Edit> edits;
  static const std::string dotted_i = "i" + script::utf8(0x0307);
  for (std::size_t at = text.find(dotted_i); at != std::string_view::npos;
       at = text.find(dotted_i, at + dotted_i.size()))
    edits.push_back({at, dotted_i.size(), "i"});
  return edits;
}

}  // namespace

// Text runs only, so markup and raw runs are never touched; a word split by markup
// ("<i>м</i>aшина") is checked but not fixed.
void fix_script(const Context& context, Document& doc, std::vector<Change>& changes) {
  const UScriptCode track = script::script_of(context.language);
  const bool uzbek_latin = script::is_uzbek_latin(context.language);
  const bool cp1254 = script::is_cp1254_language(context.language);
  const bool turkic = script::is_turkic_cased(context.language);
  const auto enabled = [&](std::string_view check) { return context.profile.enabled(check); };
  for (std::size_t i = 0; i < doc.cues.size(); ++i) {
    for (Run& run : doc.cues[i].runs) {
      if (run.kind != RunKind::text || run.text.empty())
        continue;
      if (cp1254 && enabled("mojibake"))
        apply(run.text, cp1254_edits(run.text), "mojibake", i + 1, changes);
      if (enabled("homoglyph"))
        apply(run.text, homoglyph_edits(context, run.text, track), "homoglyph", i + 1, changes);
      if (uzbek_latin && enabled("apostrophe"))
        apply(run.text, apostrophe_edits(run.text), "apostrophe", i + 1, changes);
      if (turkic && enabled("dotted-i"))
        apply(run.text, combining_dot_edits(run.text), "dotted-i", i + 1, changes);
    }
  }
}

}  // namespace kopru::qa
