// Rule files: finding them, reading their `#@` header, compiling them with ICU.
#include <unicode/parseerr.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/core/error.h"
#include "pipeline/core/lines.h"
#include "pipeline/core/locales.h"
#include "pipeline/translit/compiled.h"

namespace kopru::translit {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kRuleExtension = ".rules";

std::string translit_dir() {
  return locales_dir() + "/translit";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw EnvironmentError(path + ": cannot read Kopru's transliteration data");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

struct Directive {
  std::string key;
  std::string value;
  int line = 0;
  int column = 0;      // of the value
  int key_column = 0;  // of the key
};

// The file's title (first comment line) and its `#@ key: value` lines; a value ends at " #".
struct Header {
  std::string title;
  std::vector<Directive> directives;
  const Directive* find(std::string_view key) const {
    for (const auto& d : directives) {
      if (d.key == key)
        return &d;
    }
    return nullptr;
  }
};

Header read_header(const std::string& path, std::string_view text) {
  Header header;
  for (const TextLine& text_line : split_lines(text)) {
    const std::string_view line = text_line.text;
    const int line_number = text_line.number;
    if (line.starts_with("#@")) {
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        throw ParseError("directive without ':' (expected \"#@ key: value\")",
                         SourceLocation{path, line_number, 1, 0});
      }
      std::string_view value = line.substr(colon + 1);
      if (const std::size_t comment = value.find(" #"); comment != std::string_view::npos)
        value = value.substr(0, comment);
      std::size_t value_start = colon + 1;
      while (value_start < line.size() && (line[value_start] == ' ' || line[value_start] == '\t'))
        ++value_start;
      std::size_t key_start = 2;
      while (key_start < colon && line[key_start] == ' ')
        ++key_start;
      header.directives.push_back(
          {std::string(trim(line.substr(2, colon - 2))), std::string(trim(value)), line_number,
           column_of(line, std::min(value_start, line.size())), column_of(line, key_start)});
    } else if (header.title.empty() && line.starts_with("#")) {
      header.title = std::string(trim(line.substr(1)));
    }
  }
  return header;
}

[[noreturn]] void fail_at(const std::string& path, const Directive& d, const std::string& message) {
  throw ParseError(message, SourceLocation{path, d.line, d.column, 0});
}

LanguageTag required_tag(const std::string& path, const Header& header, std::string_view key) {
  const Directive* d = header.find(key);
  if (d == nullptr) {
    throw ParseError("rule file has no \"#@ " + std::string(key) + ": TAG\" line",
                     SourceLocation{path, 1, 1, 0});
  }
  auto tag = LanguageTag::parse(d->value);
  if (!tag || tag->script().empty())
    fail_at(path, *d, "'" + d->value + "' is not a language tag with a script (e.g. uz-Latn)");
  return *tag;
}

Direction direction_from(const std::string& path, const Header& header) {
  Direction d;
  d.id = fs::path(path).stem().string();
  d.rule_path = path;
  d.title = header.title;
  d.from = required_tag(path, header, "from");
  d.to = required_tag(path, header, "to");
  if (const Directive* status = header.find("status")) {
    if (status->value == "experimental")
      d.status = Status::experimental;
    else if (status->value != "stable")
      fail_at(path, *status,
              "status must be 'stable' or 'experimental', not '" + status->value + "'");
  }
  return d;
}

UScriptCode script_code(const std::string& script) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode codes[4];
  const int n = uscript_getCode(script.c_str(), codes, 4, &status);
  return U_SUCCESS(status) && n > 0 ? codes[0] : USCRIPT_INVALID_CODE;
}

// ICU reports a rule error as an offset into the rules it was given; turn it into line:column of
// the file the rules came from.
[[noreturn]] void fail_rules(const std::string& path, std::string_view text,
                             const UParseError& error, UErrorCode status) {
  const icu::UnicodeString rules = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const int32_t offset = std::clamp<int32_t>(error.offset, 0, rules.length());
  std::string before;
  rules.tempSubString(0, offset).toUTF8String(before);
  const LineIndex index(before);
  const auto [line, column] = index.locate(static_cast<std::int64_t>(before.size()));
  std::string context;
  icu::UnicodeString(error.preContext).toUTF8String(context);
  std::string message = "invalid transliteration rule (" + std::string(u_errorName(status)) + ")";
  if (!context.empty())
    message += " after \"" + context + "\"";
  throw ParseError(message, SourceLocation{path, line, column, 0});
}

std::unique_ptr<icu::Transliterator> compile_rules(const std::string& id, const std::string& path,
                                                   std::string_view text) {
  UParseError error{};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createFromRules(icu::UnicodeString::fromUTF8(id),
                                           icu::UnicodeString::fromUTF8(icu::StringPiece(
                                               text.data(), static_cast<int32_t>(text.size()))),
                                           UTRANS_FORWARD, error, status));
  if (U_FAILURE(status) || !t)
    fail_rules(path, text, error, status);
  return t;
}

icu::UnicodeSet parse_set(const std::string& path, const Directive& d, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet set(icu::UnicodeString::fromUTF8(
                          icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                      status);
  if (U_FAILURE(status))
    fail_at(path, d, "'" + std::string(text) + "' is not an ICU UnicodeSet such as [а-яўқғҳ]");
  set.freeze();
  return set;
}

// A lexicon line: source, target, optional "word" or "stem", optional "# note".
void load_lexicon(const std::string& path, Compiled& compiled) {
  const std::string text = read_text(path);
  for (const TextLine& text_line : split_lines(text)) {
    const std::string_view line = text_line.text;
    const int line_number = text_line.number;
    if (trim(line).empty() || trim(line).starts_with("#"))
      continue;
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos)
        break;
      start = tab + 1;
    }
    if (fields.size() < 2 || trim(fields[0]).empty() || trim(fields[1]).empty()) {
      throw ParseError("expected \"source<TAB>target[<TAB>word|stem]\"",
                       SourceLocation{path, line_number, 1, 0});
    }
    LexiconEntry entry{std::string(trim(fields[1])), false};
    if (fields.size() >= 3 && !trim(fields[2]).empty() && !trim(fields[2]).starts_with("#")) {
      const std::string_view kind = trim(fields[2]);
      if (kind == "stem") {
        entry.stem = true;
      } else if (kind != "word") {
        const auto column = static_cast<std::size_t>(fields[2].data() - line.data());
        throw ParseError("expected 'word' or 'stem', found '" + std::string(kind) + "'",
                         SourceLocation{path, line_number, column_of(line, column), 0});
      }
    }
    const std::string source(trim(fields[0]));
    if (entry.stem) {
      compiled.stems[source] = entry.target;
      auto& lengths = compiled.stem_lengths;
      if (std::find(lengths.begin(), lengths.end(), source.size()) == lengths.end()) {
        lengths.push_back(source.size());
        std::sort(lengths.rbegin(), lengths.rend());
      }
    }
    compiled.lexicon[source] = std::move(entry);
  }
}

void load_keep_list(const std::string& path, Compiled& compiled) {
  const std::string text = read_text(path);
  for (const TextLine& text_line : split_lines(text)) {
    const std::string_view line = trim(text_line.text);
    if (line.empty() || line.starts_with("#"))
      continue;
    std::string lower;
    icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), static_cast<int32_t>(line.size())))
        .toLower(compiled.casing)
        .toUTF8String(lower);
    compiled.keep.insert(std::move(lower));
  }
}

void set_punctuation(const std::string& path, const Directive& d, Compiled& compiled) {
  std::vector<std::string> items;
  std::istringstream in(d.value);
  for (std::string item; in >> item;)
    items.push_back(item);
  if (items.size() % 2 != 0)
    fail_at(path, d, "punctuation needs pairs: FROM TO FROM TO ...");
  for (std::size_t i = 0; i < items.size(); i += 2)
    compiled.punctuation.emplace_back(items[i], items[i + 1]);
}

void set_foreign(const std::string& path, const Directive& d, Compiled& compiled) {
  UParseError error{};
  UErrorCode status = U_ZERO_ERROR;
  compiled.foreign.reset(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(d.value), error, status));
  if (U_FAILURE(status)) {
    throw ParseError("invalid regular expression (" + std::string(u_errorName(status)) + ")",
                     SourceLocation{path, d.line, d.column + std::max(0, error.offset), 0});
  }
}

void add_rewrite(const std::string& path, const Directive& d, Compiled& compiled) {
  const std::size_t arrow = d.value.find(" => ");
  if (arrow == std::string::npos)
    fail_at(path, d, "expected \"#@ numeral-rewrite: PATTERN => REPLACEMENT\"");
  UParseError error{};
  UErrorCode status = U_ZERO_ERROR;
  Compiled::Rewrite rewrite;
  rewrite.pattern.reset(icu::RegexPattern::compile(
      icu::UnicodeString::fromUTF8(d.value.substr(0, arrow)), error, status));
  if (U_FAILURE(status)) {
    throw ParseError("invalid regular expression (" + std::string(u_errorName(status)) + ")",
                     SourceLocation{path, d.line, d.column + std::max(0, error.offset), 0});
  }
  rewrite.replacement = icu::UnicodeString::fromUTF8(d.value.substr(arrow + 4));
  compiled.rewrites.push_back(std::move(rewrite));
}

void add_class(const std::string& path, const Directive& d, std::string_view main_rules,
               Compiled& compiled) {
  // NAME [SET] FILE: the set may contain spaces, so it is everything between the first '[' and
  // the matching last ']'.
  const std::size_t open = d.value.find('[');
  const std::size_t close = d.value.rfind(']');
  if (open == std::string::npos || close == std::string::npos || close < open)
    fail_at(path, d, "expected \"#@ class: NAME [SET] FILE.rules\"");
  WordClass word_class;
  word_class.name = std::string(trim(std::string_view(d.value).substr(0, open)));
  word_class.letters = parse_set(path, d, std::string_view(d.value).substr(open, close - open + 1));
  const std::string file(trim(std::string_view(d.value).substr(close + 1)));
  if (word_class.name.empty() || file.empty())
    fail_at(path, d, "expected \"#@ class: NAME [SET] FILE.rules\"");
  const std::string class_path =
      (fs::path(compiled.direction.rule_path).parent_path() / file).string();
  const std::string class_rules = read_text(class_path);
  // Compiled alone first so that an error points into the class file itself.
  (void)compile_rules(compiled.direction.id + "/" + word_class.name, class_path, class_rules);
  // Two passes: the class rules convert what they claim, the file's rules the rest. (Rules in
  // one pass would be refused by ICU as masking each other.)
  std::string combined = class_rules;
  combined += "\n::Null;\n";
  combined += main_rules;
  word_class.rules =
      compile_rules(compiled.direction.id + "/" + word_class.name, class_path, combined);
  compiled.classes.push_back(std::move(word_class));
}

}  // namespace

std::string_view to_string(Status status) {
  return status == Status::stable ? "stable" : "experimental";
}

std::optional<ApostropheStyle> parse_apostrophe_style(std::string_view name) {
  if (name == "unicode")
    return ApostropheStyle::unicode;
  if (name == "typographic")
    return ApostropheStyle::typographic;
  if (name == "ascii")
    return ApostropheStyle::ascii;
  return std::nullopt;
}

std::vector<Direction> directions() {
  const std::string dir = translit_dir();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw EnvironmentError(dir + ": Kopru's transliteration rules are missing");
  std::vector<Direction> found;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != kRuleExtension)
      continue;
    const std::string path = entry.path().string();
    const std::string text = read_text(path);
    const Header header = read_header(path, text);
    // Class files (e.g. tt-Cyrl_tt-Latn.back.rules) are parts of a direction, not directions.
    if (header.find("from") == nullptr &&
        entry.path().stem().string().find('.') != std::string::npos)
      continue;
    found.push_back(direction_from(path, header));
  }
  std::sort(found.begin(), found.end(),
            [](const Direction& a, const Direction& b) { return a.id < b.id; });
  return found;
}

std::optional<Direction> find_direction(const LanguageTag& from, const LanguageTag& to) {
  for (auto& d : directions()) {
    if (d.from.language() == from.language() && d.from.script() == from.script() &&
        d.to.language() == to.language() && d.to.script() == to.script()) {
      return d;
    }
  }
  return std::nullopt;
}

std::shared_ptr<const Compiled> compile(const Direction& direction, const Options& options) {
  auto compiled = std::make_shared<Compiled>();
  compiled->direction = direction;
  compiled->options = options;
  const std::string& path = direction.rule_path;
  const fs::path folder = fs::path(path).parent_path();
  const std::string text = read_text(path);
  const Header header = read_header(path, text);
  compiled->source_script = script_code(direction.from.script());
  compiled->target_script = script_code(direction.to.script());
  if (compiled->source_script == USCRIPT_INVALID_CODE ||
      compiled->target_script == USCRIPT_INVALID_CODE) {
    throw ParseError(
        "unknown script in " + direction.from.to_string() + " -> " + direction.to.to_string(),
        SourceLocation{path, 1, 1, 0});
  }
  compiled->casing = icu::Locale::getRoot();
  for (const Directive& d : header.directives) {
    if (d.key == "casing") {
      if (d.value == "tr")
        compiled->casing = icu::Locale("tr");
      else if (d.value != "root")
        fail_at(path, d, "casing must be 'root' or 'tr', not '" + d.value + "'");
    }
  }
  for (const Directive& d : header.directives) {
    if (d.key == "from" || d.key == "to" || d.key == "status" || d.key == "casing" ||
        d.key == "class") {
      continue;  // read above, or below once the file's own rules are compiled
    }
    if (d.key == "alphabet") {
      compiled->alphabet = parse_set(path, d, d.value);
    } else if (d.key == "lexicon") {
      load_lexicon((folder / d.value).string(), *compiled);
    } else if (d.key == "keep") {
      load_keep_list((folder / d.value).string(), *compiled);
    } else if (d.key == "foreign") {
      set_foreign(path, d, *compiled);
    } else if (d.key == "apostrophes") {
      if (d.value == "uz")
        compiled->apostrophes = ApostrophePolicy::uzbek;
      else if (d.value == "uly")
        compiled->apostrophes = ApostrophePolicy::uyghur;
      else
        fail_at(path, d, "apostrophes must be 'uz' or 'uly', not '" + d.value + "'");
    } else if (d.key == "punctuation") {
      set_punctuation(path, d, *compiled);
    } else if (d.key == "numeral-rewrite") {
      add_rewrite(path, d, *compiled);
    } else {
      throw ParseError("unknown directive '" + d.key + "'",
                       SourceLocation{path, d.line, d.key_column, 0});
    }
  }
  compiled->rules = compile_rules(direction.id, path, text);
  for (const Directive& d : header.directives) {
    if (d.key == "class")
      add_class(path, d, text, *compiled);
  }
  return compiled;
}

const Direction& direction_of(const Compiled& compiled) {
  return compiled.direction;
}

}  // namespace kopru::translit
