#include "pipeline/text/carry.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "pipeline/text/carry_table.h"

namespace kopru {

namespace {

using carry::encode_utf8;

// The error lists this many characters one by one, then counts the rest per character.
constexpr std::size_t kMaxListed = 200;
// Before/after text quoted in a replacement warning, in code points.
constexpr std::size_t kMaxQuoted = 160;
// Distinct replacements named in one line's warning (a line of another script has dozens).
constexpr std::size_t kMaxPairs = 12;

bool is_mark(char32_t c) {
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

// Characters that show nothing when printed alone in a message.
bool is_invisible(char32_t c) {
  if (c == U' ')
    return false;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_SURROGATE:
    case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED:
      return true;
    default:
      return false;
  }
}

std::string hex(char32_t c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

std::string char_name(char32_t c) {
  char name[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length =
      u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  if (U_FAILURE(status) || length == 0) {
    status = U_ZERO_ERROR;
    length = u_charName(static_cast<UChar32>(c), U_EXTENDED_CHAR_NAME, name, sizeof name, &status);
  }
  if (U_FAILURE(status) || length <= 0)
    return {};
  return std::string(name, static_cast<std::size_t>(length));
}

struct CodePoint {
  char32_t c = 0;
  std::size_t begin = 0;  // byte range in the scanned text
  std::size_t end = 0;
};

std::vector<CodePoint> decode(std::string_view text) {
  std::vector<CodePoint> out;
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(text.data(), i, length, c);
    out.push_back({c < 0 ? U'\uFFFD' : static_cast<char32_t>(c), static_cast<std::size_t>(start),
                   static_cast<std::size_t>(i)});
  }
  return out;
}

// Text as a message shows it: quoted, with invisible characters spelled <U+hhhh>; a lone
// invisible character unquoted as U+hhhh; nothing at all as "nothing".
std::string shown(std::string_view text) {
  if (text.empty())
    return "nothing";
  const std::vector<CodePoint> cps = decode(text);
  if (cps.size() == 1 && is_invisible(cps[0].c))
    return hex(cps[0].c);
  // Quoted with ' unless it holds one: "'" reads better than '''.
  const char quote =
      text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos ? '"'
                                                                                            : '\'';
  std::string out(1, quote);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (is_invisible(cps[i].c)) {
      out += "<" + hex(cps[i].c) + ">";
      continue;
    }
    if (i == 0 && is_mark(cps[i].c))
      out += "\u25CC";  // a dotted circle to carry a mark that has no letter
    out += text.substr(cps[i].begin, cps[i].end - cps[i].begin);
  }
  return out + quote;
}

std::string truncated(const std::string& text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U)
      continue;
    if (count++ == kMaxQuoted)
      return text.substr(0, i) + "\u2026";
  }
  return text;
}

std::string normalized(std::string_view text, bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer =
      compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status))
    throw EnvironmentError(std::string("ICU normalizer: ") + u_errorName(status));
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString out = normalizer->normalize(in, status);
  if (U_FAILURE(status))
    throw EnvironmentError(std::string("ICU normalizer: ") + u_errorName(status));
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string nfc(std::string_view text) {
  return normalized(text, true);
}
std::string nfd(std::string_view text) {
  return normalized(text, false);
}

// NFD of one character with its combining marks dropped: "ş" -> "s". Empty when it has none.
std::string decomposition_base(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposition;
  if (U_FAILURE(status) || !normalizer->getDecomposition(static_cast<UChar32>(c), decomposition))
    return {};
  std::string base;
  for (int32_t i = 0; i < decomposition.length();) {
    const UChar32 d = decomposition.char32At(i);
    i += U16_LENGTH(d);
    if (!is_mark(static_cast<char32_t>(d)))
      base += encode_utf8(static_cast<char32_t>(d));
  }
  return base;
}

// Whether a repertoire stores characters, and what each one it lacks becomes.
class Resolver {
 public:
  explicit Resolver(const codecs::Repertoire& repertoire) : repertoire_(repertoire) {}

  bool carries(char32_t c) const { return !repertoire_.carries || repertoire_.carries(c); }
  bool carries_all(std::string_view text) const {
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
      UChar32 c = 0;
      U8_NEXT(text.data(), i, length, c);
      if (!carries(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c)))
        return false;
    }
    return true;
  }

  // The table's first stored candidate, else the decomposition's base letter, else '?' (a
  // combining mark, which has no base letter, is removed).
  const std::string& fallback(char32_t c) {
    if (auto it = cache_.find(c); it != cache_.end())
      return it->second;
    return cache_.emplace(c, choose(c)).first->second;
  }

 private:
  std::string choose(char32_t c) const {
    const carry::FallbackTable& table = carry::fallback_table();
    if (auto it = table.find(c); it != table.end()) {
      for (const std::string& candidate : it->second) {
        if (carries_all(candidate))
          return candidate;
      }
    }
    if (std::string base = decomposition_base(c); !base.empty() && carries_all(base))
      return base;
    if (is_mark(c))
      return {};
    return "?";
  }

  const codecs::Repertoire& repertoire_;
  std::unordered_map<char32_t, std::string> cache_;
};

// One uncarried character found by scan().
struct Found {
  std::size_t index = 0;  // code point index in the scanned text
  char32_t c = 0;
  const std::string* fallback = nullptr;
};

// One replacement scan() decided: bytes [begin, end) of the scanned text become `replacement`.
struct Edit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string replacement;
};

// Scans text without line breaks, a letter with its combining marks at a time: such a group the
// target cannot store whole becomes its composed form (NFC) when the target stores that, otherwise
// each character it lacks becomes its fallback.
template <typename OnFound, typename OnEdit>
void scan(std::string_view text, Resolver& resolver, OnFound&& on_found, OnEdit&& on_edit) {
  const std::vector<CodePoint> cps = decode(text);
  std::size_t i = 0;
  while (i < cps.size()) {
    std::size_t j = i + 1;
    while (j < cps.size() && is_mark(cps[j].c))
      ++j;
    bool all = true;
    for (std::size_t k = i; k < j && all; ++k)
      all = resolver.carries(cps[k].c);
    if (all) {
      i = j;
      continue;
    }
    if (j - i > 1 && !is_mark(cps[i].c)) {
      const std::string_view group = text.substr(cps[i].begin, cps[j - 1].end - cps[i].begin);
      std::string composed = nfc(group);
      if (composed != group && resolver.carries_all(composed)) {
        for (std::size_t k = i; k < j; ++k) {
          if (!resolver.carries(cps[k].c))
            on_found(Found{k, cps[k].c, &composed});
        }
        on_edit(Edit{cps[i].begin, cps[j - 1].end, std::move(composed)});
        i = j;
        continue;
      }
    }
    for (std::size_t k = i; k < j; ++k) {
      if (resolver.carries(cps[k].c))
        continue;
      const std::string& fallback = resolver.fallback(cps[k].c);
      on_found(Found{k, cps[k].c, &fallback});
      on_edit(Edit{cps[k].begin, cps[k].end, fallback});
    }
    i = j;
  }
}

// The line and column reached inside a cue (line-break runs and "\n" inside text both end a
// line; raw runs do not count).
class LineCounter {
 public:
  int line() const { return line_; }
  std::size_t column_base() const { return column_base_; }
  void next_line() {
    ++line_;
    column_base_ = 0;
  }
  void advance(std::size_t code_points) { column_base_ += code_points; }

 private:
  int line_ = 1;
  std::size_t column_base_ = 0;
};

// Calls visit(piece) for each line-break-free piece of a text run, keeping `lines` up to date.
template <typename Visit>
void for_each_piece(std::string_view text, LineCounter& lines, Visit&& visit) {
  std::size_t start = 0;
  while (true) {
    const std::size_t newline = text.find('\n', start);
    const std::string_view piece =
        text.substr(start, newline == std::string_view::npos ? newline : newline - start);
    visit(piece);
    lines.advance(carry::count_code_points(piece));
    if (newline == std::string_view::npos)
      return;
    lines.next_line();
    start = newline + 1;
  }
}

void find_in_text(std::string_view text, std::size_t cue, int source_line, Resolver& resolver,
                  LineCounter& lines, std::vector<UncarriedCharacter>& found) {
  for_each_piece(text, lines, [&](std::string_view piece) {
    scan(
        piece, resolver,
        [&](const Found& f) {
          UncarriedCharacter u;
          u.cue = cue;
          u.line = lines.line();
          u.column = static_cast<int>(lines.column_base() + f.index + 1);
          u.source_line = source_line;
          u.character = f.c;
          u.fallback = *f.fallback;
          found.push_back(std::move(u));
        },
        [](const Edit&) {});
  });
}

bool has_uncarried(std::string_view text, const Resolver& resolver) {
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(text.data(), i, length, c);
    if (c != '\n' && !resolver.carries(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c)))
      return true;
  }
  return false;
}

bool has_uncarried(const Document& doc, const Resolver& resolver) {
  if (has_uncarried(doc.meta.title, resolver))
    return true;
  for (const Cue& cue : doc.cues) {
    for (const Run& run : cue.runs) {
      if (run.kind == RunKind::text && has_uncarried(run.text, resolver))
        return true;
    }
  }
  return false;
}

// What changed on one line of a cue, for its warning.
struct LineChanges {
  std::string before;
  std::string after;
  std::vector<std::pair<std::pair<std::string, std::string>, std::size_t>> replaced;  // in order
  std::unordered_map<std::string, std::size_t> index;  // "from\0to" -> position in `replaced`

  void add(const std::string& from, const std::string& to) {
    const auto [it, inserted] = index.try_emplace(from + '\0' + to, replaced.size());
    if (inserted)
      replaced.push_back({{from, to}, 1});
    else
      ++replaced[it->second].second;
  }

  std::string describe() const {
    std::string out = "replaced ";
    const std::size_t listed = std::min(replaced.size(), kMaxPairs);
    for (std::size_t i = 0; i < listed; ++i) {
      const auto& [pair, count] = replaced[i];
      if (i > 0)
        out += ", ";
      out += shown(pair.first) + "\u2192" + shown(pair.second);
      if (count > 1)
        out += " \u00D7" + std::to_string(count);
    }
    if (listed < replaced.size())
      out += " and " + std::to_string(replaced.size() - listed) + " more";
    return out + ": \"" + truncated(before) + "\" -> \"" + truncated(after) + "\"";
  }
};

// Replaces what `resolver` lacks in `text`, recording each change in the line it belongs to.
std::string replace_in_text(const std::string& text, Resolver& resolver, LineCounter& lines,
                            std::vector<LineChanges>& changes) {
  std::string out;
  out.reserve(text.size());
  bool first_piece = true;
  for_each_piece(text, lines, [&](std::string_view piece) {
    if (!first_piece)
      out += '\n';
    first_piece = false;
    if (changes.size() < static_cast<std::size_t>(lines.line()))
      changes.resize(static_cast<std::size_t>(lines.line()));
    LineChanges& line = changes[static_cast<std::size_t>(lines.line()) - 1];
    line.before += piece;
    std::size_t copied = 0;
    std::string replaced;
    scan(
        piece, resolver, [](const Found&) {},
        [&](const Edit& e) {
          replaced += piece.substr(copied, e.begin - copied);
          replaced += e.replacement;
          line.add(std::string(piece.substr(e.begin, e.end - e.begin)), e.replacement);
          copied = e.end;
        });
    replaced += piece.substr(copied);
    line.after += replaced;
    out += replaced;
  });
  return out;
}

// One warning per changed line; `name_lines` is false for the title, which is one line.
void report_changes(const std::vector<LineChanges>& changes, const std::string& where,
                    bool name_lines, int source_line, Diagnostics& diag) {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (changes[i].replaced.empty())
      continue;
    const std::string line = name_lines ? ", line " + std::to_string(i + 1) : "";
    diag.warn(source_line, 0, "carry-replaced", where + line + ": " + changes[i].describe());
  }
}

std::string listing_line(const std::string& path, const UncarriedCharacter& u) {
  std::string out = SourceLocation{path, u.source_line, 0, -1}.to_string() + ": ";
  if (u.cue == 0) {
    out += "title, ";
    if (u.line > 1)
      out += "line " + std::to_string(u.line) + ", ";
  } else {
    out += "cue " + std::to_string(u.cue) + ", line " + std::to_string(u.line) + ", ";
  }
  out += "column " + std::to_string(u.column) + ": " + hex(u.character);
  if (!is_invisible(u.character))
    out += " " + shown(encode_utf8(u.character));
  if (const std::string name = char_name(u.character); !name.empty())
    out += " " + name;
  out += " (fallback: ";
  if (u.fallback.empty()) {
    out += "removed)";
  } else {
    out += shown(u.fallback);
    // A mark that composes with the letter before it into a character the target has.
    const bool composed =
        is_mark(u.character) && nfd(u.fallback).find(encode_utf8(u.character)) != std::string::npos;
    out += composed ? " with the letter before it)" : ")";
  }
  return out;
}

std::string carry_message(const std::string& path, const codecs::Repertoire& repertoire,
                          const std::vector<UncarriedCharacter>& found) {
  const std::string name = repertoire.name.empty() ? "the output format" : repertoire.name;
  std::string out = name + " cannot store " + std::to_string(found.size()) +
                    (found.size() == 1 ? " character" : " characters") +
                    " (use --replace for the documented fallbacks, or transliterate):";
  const std::size_t listed = std::min(found.size(), kMaxListed);
  for (std::size_t i = 0; i < listed; ++i)
    out += "\n" + listing_line(path, found[i]);
  if (listed == found.size())
    return out;
  std::vector<std::pair<char32_t, std::size_t>> rest;  // in order of first appearance
  std::unordered_map<char32_t, std::size_t> index;
  for (std::size_t i = listed; i < found.size(); ++i) {
    const auto [it, inserted] = index.try_emplace(found[i].character, rest.size());
    if (inserted)
      rest.emplace_back(found[i].character, 1);
    else
      ++rest[it->second].second;
  }
  out += "\n... and " + std::to_string(found.size() - listed) + " more:";
  for (std::size_t i = 0; i < std::min(rest.size(), kMaxListed); ++i) {
    out += (i == 0 ? " " : ", ") + hex(rest[i].first);
    if (!is_invisible(rest[i].first))
      out += " " + shown(encode_utf8(rest[i].first));
    out += " \u00D7" + std::to_string(rest[i].second);
  }
  if (rest.size() > kMaxListed)
    out += " and " + std::to_string(rest.size() - kMaxListed) + " other characters";
  return out;
}

}  // namespace

std::vector<UncarriedCharacter> find_uncarried(const Document& doc,
                                               const codecs::Repertoire& repertoire) {
  std::vector<UncarriedCharacter> found;
  if (!repertoire.carries)
    return found;
  Resolver resolver(repertoire);
  if (!has_uncarried(doc, resolver))
    return found;
  LineCounter title_lines;
  find_in_text(doc.meta.title, 0, 0, resolver, title_lines, found);
  for (std::size_t i = 0; i < doc.cues.size(); ++i) {
    const Cue& cue = doc.cues[i];
    LineCounter lines;
    for (const Run& run : cue.runs) {
      if (run.kind == RunKind::line_break)
        lines.next_line();
      else if (run.kind == RunKind::text)
        find_in_text(run.text, i + 1, cue.source_line, resolver, lines, found);
    }
  }
  return found;
}

CarryError::CarryError(const std::string& path, const codecs::Repertoire& repertoire,
                       const std::vector<UncarriedCharacter>& found)
    : InputError(carry_message(path, repertoire, found), SourceLocation{path, 0, 0, -1}) {}

Document replace_uncarried(const Document& doc, const codecs::Repertoire& repertoire,
                           Diagnostics& diag) {
  Document out = doc;
  if (!repertoire.carries)
    return out;
  Resolver resolver(repertoire);
  if (!has_uncarried(doc, resolver))
    return out;
  {
    LineCounter lines;
    std::vector<LineChanges> changes;
    out.meta.title = replace_in_text(doc.meta.title, resolver, lines, changes);
    report_changes(changes, "title", changes.size() > 1, 0, diag);
  }
  for (std::size_t i = 0; i < out.cues.size(); ++i) {
    Cue& cue = out.cues[i];
    LineCounter lines;
    std::vector<LineChanges> changes;
    for (Run& run : cue.runs) {
      if (run.kind == RunKind::line_break)
        lines.next_line();
      else if (run.kind == RunKind::text)  // every run, so that the warning quotes whole lines
        run.text = replace_in_text(run.text, resolver, lines, changes);
    }
    report_changes(changes, "cue " + std::to_string(i + 1), true, cue.source_line, diag);
  }
  return out;
}

std::optional<Document> carry_or_replace(const Document& doc, const codecs::Repertoire& repertoire,
                                         bool replace, const std::string& path, Diagnostics& diag) {
  if (!repertoire.carries || !has_uncarried(doc, Resolver(repertoire)))
    return std::nullopt;
  if (!replace)
    throw CarryError(path, repertoire, find_uncarried(doc, repertoire));
  return replace_uncarried(doc, repertoire, diag);
}

}  // namespace kopru
