// Reads SubStation Alpha v4 (.ssa) and Advanced SubStation Alpha v4+ (.ass) scripts. Sections are
// read line by line as libass does; styles and events follow their own Format lines; everything
// the model has no field for goes to FormatBags so that ASS -> ASS loses nothing (README.md).
#include <algorithm>

#include "codecs/ass/ass.h"
#include "codecs/ass/ass_internal.h"
#include "pipeline/core/lines.h"

namespace kopru::codecs::ass {

namespace {

enum class Section { none, info, styles, events, verbatim };

const std::vector<std::string> kAssStyleFormat = {
    "name",       "fontname", "fontsize", "primarycolour", "secondarycolour", "outlinecolour",
    "backcolour", "bold",     "italic",   "underline",     "strikeout",       "scalex",
    "scaley",     "spacing",  "angle",    "borderstyle",   "outline",         "shadow",
    "alignment",  "marginl",  "marginr",  "marginv",       "encoding"};
const std::vector<std::string> kSsaStyleFormat = {
    "name",       "fontname", "fontsize", "primarycolour", "secondarycolour", "tertiarycolour",
    "backcolour", "bold",     "italic",   "borderstyle",   "outline",         "shadow",
    "alignment",  "marginl",  "marginr",  "marginv",       "alphalevel",      "encoding"};
const std::vector<std::string> kAssEventFormat = {
    "layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"};
const std::vector<std::string> kSsaEventFormat = {
    "marked", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"};

struct Column {
  std::string key;   // lowercase, for matching
  std::string name;  // as written, for the bag
};

std::vector<Column> parse_format(std::string_view value) {
  std::vector<Column> columns;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string_view::npos)
      comma = value.size();
    const auto name = trim(value.substr(start, comma - start));
    columns.push_back({lowercase(name), std::string(name)});
    start = comma + 1;
  }
  return columns;
}

std::vector<Column> columns_of(const std::vector<std::string>& keys) {
  std::vector<Column> columns;
  for (const auto& k : keys)
    columns.push_back({k, k});
  return columns;
}

// `count` comma-separated fields, the last one taking the rest of the line (it may hold commas);
// fewer when the line is short.
std::vector<std::string_view> split_fields(std::string_view value, std::size_t count) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (fields.size() + 1 < count) {
    const std::size_t comma = value.find(',', start);
    if (comma == std::string_view::npos)
      break;
    fields.push_back(value.substr(start, comma - start));
    start = comma + 1;
  }
  if (count > 0)
    fields.push_back(value.substr(std::min(start, value.size())));
  return fields;
}

// "[Events]" -> "Events". Inside [Fonts]/[Graphics] uuencoded lines may start with '[', so only a
// plain name counts there.
std::optional<std::string_view> section_name(std::string_view line, bool in_attachment) {
  line = trim(line);
  if (line.size() < 3 || line.front() != '[' || line.back() != ']')
    return std::nullopt;
  const auto name = line.substr(1, line.size() - 2);
  if (in_attachment) {
    const auto ok = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == ' ' || c == '+' || c == '_' || c == '.' || c == '-';
    };
    if (!std::all_of(name.begin(), name.end(), ok))
      return std::nullopt;
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'))) {
      return std::nullopt;
    }
  }
  return name;
}

// The value after "Key:" when `line` starts with it (case-insensitive).
std::optional<std::string_view> after_key(std::string_view line, std::string_view key) {
  if (!istarts_with(line, key))
    return std::nullopt;
  return line.substr(key.size());
}

std::string excerpt(std::string_view line) {
  constexpr std::size_t kMax = 60;
  if (line.size() <= kMax)
    return std::string(line);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U)
    --cut;
  return std::string(line.substr(0, cut)) + "...";
}

std::string strip_stars(std::string_view name) {
  name = trim(name);
  // SSA marks style names with leading '*'; VSFilter and libass ignore them.
  while (!name.empty() && name.front() == '*')
    name.remove_prefix(1);
  return std::string(name);
}

class Reader {
 public:
  Reader(const Source& source, const ReadOptions& options, Diagnostics& diag)
      : source_(source), options_(options), diag_(diag) {
    doc_.meta.source_format = "ass";
    doc_.meta.source_encoding = source.encoding;
    doc_.format_private.format = std::string(kBagFormat);
  }

  Document run() {
    LineReader reader(source_.text);
    TextLine line;
    while (reader.next(line)) {
      line_ = line;
      std::string_view text = line.text;
      if (line.number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
      const bool attachment = section_ == Section::verbatim && attachment_;
      if (const auto name = section_name(text, attachment)) {
        begin_section(*name);
        continue;
      }
      switch (section_) {
        case Section::none:
          before_sections(text);
          break;
        case Section::info:
          info_line(text);
          break;
        case Section::styles:
          style_line(text);
          break;
        case Section::events:
          event_line(text);
          break;
        case Section::verbatim:
          body_ += text;
          body_ += '\n';
          break;
      }
    }
    end_section();
    finish();
    return std::move(doc_);
  }

 private:
  void warn(int column, const std::string& code, const std::string& message) {
    diag_.warn(line_.number, column, code, message);
  }

  // A lenient repair that changes meaning: with --strict it stops the read, otherwise the warning
  // says what was done about it.
  void repair(int column, const std::string& code, const std::string& problem,
              const std::string& remedy) {
    if (options_.strict)
      fail(source_, line_.number, column, problem);
    warn(column, code, problem + "; " + remedy);
  }

  int column_at(std::string_view part) const {
    const auto offset = static_cast<std::size_t>(part.data() - line_.text.data());
    return column_of(line_.text, std::min(offset, line_.text.size()));
  }

  void before_sections(std::string_view text) {
    const auto t = trim(text);
    if (t.empty())
      return;
    if (istarts_with(t, "dialogue:") || istarts_with(t, "comment:")) {
      warn(1, "ass-missing-section",
           "events without an [Events] section header; reading them anyway");
      begin_section("Events");
      event_line(text);
      return;
    }
    if (first_stray_line_ == 0) {
      first_stray_line_ = line_.number;
      first_stray_text_ = excerpt(t);
    }
    warn(1, "ass-text-before-section",
         "text before the first section is ignored: \"" + excerpt(t) + "\"");
  }

  void begin_section(std::string_view name) {
    end_section();
    seen_section_ = true;
    attachment_ = false;
    auto& bag = doc_.format_private;
    if (iequals(name, "Script Info")) {
      section_ = Section::info;
    } else if (iequals(name, "V4+ Styles") || iequals(name, "V4++ Styles") ||
               iequals(name, "V4 Styles")) {
      section_ = Section::styles;
      ssa_ = iequals(name, "V4 Styles");
      style_format_.reset();
      marker_ = bag.entries.size();
      bag.add("[" + std::string(name) + "]", "");
    } else if (iequals(name, "Events")) {
      section_ = Section::events;
      event_format_.reset();
      marker_ = bag.entries.size();
      bag.add("[Events]", "");
    } else {
      section_ = Section::verbatim;
      attachment_ = iequals(name, "Fonts") || iequals(name, "Graphics");
      verbatim_key_ = "[" + std::string(name) + "]";
      body_.clear();
    }
  }

  void end_section() {
    auto& bag = doc_.format_private;
    switch (section_) {
      case Section::verbatim: {
        while (body_.size() >= 2 && body_[body_.size() - 1] == '\n' &&
               body_[body_.size() - 2] == '\n') {
          body_.pop_back();
        }
        if (!body_.empty() && body_.back() == '\n')
          body_.pop_back();
        bag.add(verbatim_key_, body_);
        body_.clear();
        break;
      }
      case Section::styles:
        bag.entries[marker_].second = join(style_extra_);
        style_extra_.clear();
        break;
      case Section::events:
        bag.entries[marker_].second = join(pending_before_);
        pending_before_.clear();
        break;
      default:
        break;
    }
    section_ = Section::none;
  }

  static std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
      if (!out.empty())
        out += '\n';
      out += l;
    }
    return out;
  }

  void info_line(std::string_view text) {
    auto& bag = doc_.format_private;
    if (trim(text).empty())
      return;
    if (text.front() == ';') {
      bag.add(std::string(kBagComment), std::string(text.substr(1)));
      return;
    }
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
      warn(1, "ass-bad-info-line",
           "[Script Info] line without \"Key: value\": \"" + excerpt(text) + "\"; kept");
      bag.add(std::string(kBagVerbatim), std::string(text));
      return;
    }
    const auto key = trim(text.substr(0, colon));
    const auto value = trim(text.substr(colon + 1));
    if (key.empty() || key.front() == '[') {
      // Not a key the bag can hold (it would read as a section): keep the line as it is.
      warn(1, "ass-bad-info-line",
           "[Script Info] line without a key: \"" + excerpt(text) + "\"; kept");
      bag.add(std::string(kBagVerbatim), std::string(text));
      return;
    }
    bag.add(std::string(key), std::string(value));
    if (iequals(key, "Title")) {
      doc_.meta.title = std::string(value);
    } else if (iequals(key, "PlayResX") || iequals(key, "PlayResY")) {
      const auto n = parse_int(value);
      if (!n || *n < 0) {
        warn(column_at(value), "ass-bad-play-res",
             std::string(key) + " \"" + excerpt(value) + "\" is not a size; ignored");
      } else if (iequals(key, "PlayResX")) {
        doc_.meta.play_res_x = *n;
      } else {
        doc_.meta.play_res_y = *n;
      }
    } else if (iequals(key, "WrapStyle")) {
      wrap_style_2_ = parse_int(value).value_or(0) == 2;
    } else if (iequals(key, "ScriptType")) {
      script_type_ssa_ = iequals(value, "v4.00");
    } else if (iequals(key, "Language") && !value.empty()) {
      if (auto tag = LanguageTag::parse(value)) {
        doc_.meta.language = *tag;
      } else {
        warn(column_at(value), "ass-bad-language",
             "Language \"" + excerpt(value) + "\" is not a BCP 47 tag; ignored");
      }
    }
  }

  const std::vector<Column>& style_format() {
    if (!style_format_) {
      warn(1, "ass-missing-format", "style before any Format line; using the standard columns");
      style_format_ = columns_of(ssa_ ? kSsaStyleFormat : kAssStyleFormat);
    }
    return *style_format_;
  }

  const std::vector<Column>& event_format() {
    if (!event_format_) {
      warn(1, "ass-missing-format", "event before any Format line; using the standard columns");
      event_format_ = columns_of(ssa_ || script_type_ssa_ ? kSsaEventFormat : kAssEventFormat);
    }
    return *event_format_;
  }

  void style_line(std::string_view text) {
    const auto t = trim(text);
    if (t.empty())
      return;
    if (const auto value = after_key(t, "format:")) {
      style_format_ = parse_format(*value);
      return;
    }
    if (const auto value = after_key(t, "style:")) {
      parse_style(*value);
      return;
    }
    if (t.front() != ';' && t.front() != '!') {
      warn(1, "ass-unknown-line", "unexpected line in styles: \"" + excerpt(t) + "\"; kept");
    }
    style_extra_.emplace_back(text);
  }

  template <typename T>
  void number_field(T& target, std::string_view field, const Column& col,
                    const std::string& style) {
    std::optional<T> value;
    if constexpr (std::is_same_v<T, int>) {
      value = parse_int(field);
    } else {
      value = parse_double(field);
    }
    if (value) {
      target = *value;
      return;
    }
    warn(column_at(field), "ass-bad-style-field",
         "style \"" + style + "\": " + col.name + " \"" + excerpt(trim(field)) +
             "\" is not a number; using the default");
  }

  void color_field(Color& target, std::string_view field, const Column& col,
                   const std::string& style) {
    if (const auto value = parse_color_value(field)) {
      target = color_from_abgr(*value);
      return;
    }
    warn(column_at(field), "ass-bad-style-field",
         "style \"" + style + "\": " + col.name + " \"" + excerpt(trim(field)) +
             "\" is not a colour; using the default");
  }

  void parse_style(std::string_view value) {
    const auto& format = style_format();
    const auto fields = split_fields(value, format.size());
    Style style;
    style.format_private.format = std::string(kBagFormat);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      // Definitions keep their '*'s: libass strips them only from the events' references.
      if (format[i].key == "name")
        style.name = std::string(trim(fields[i]));
    }
    if (fields.size() < format.size()) {
      warn(1, "ass-short-style",
           "style \"" + style.name + "\" has " + std::to_string(fields.size()) +
               " fields where Format lists " + std::to_string(format.size()) +
               "; the rest use defaults");
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      style_field(style, format[i], fields[i]);
    }
    if (doc_.find_style(style.name) != nullptr) {
      warn(1, "ass-duplicate-style",
           "style \"" + style.name + "\" is defined again; players use the last definition");
    }
    doc_.styles.push_back(std::move(style));
  }

  void style_field(Style& style, const Column& col, std::string_view field) {
    const std::string& k = col.key;
    const std::string& n = style.name;
    int flag = 0;
    if (k == "name") {
      return;
    } else if (k == "fontname") {
      style.font = std::string(trim(field));
    } else if (k == "fontsize") {
      number_field(style.font_size, field, col, n);
    } else if (k == "primarycolour") {
      color_field(style.primary, field, col, n);
    } else if (k == "secondarycolour") {
      color_field(style.secondary, field, col, n);
    } else if (k == "outlinecolour" || k == "tertiarycolour") {
      color_field(style.outline, field, col, n);
    } else if (k == "backcolour") {
      color_field(style.back, field, col, n);
    } else if (k == "bold" || k == "italic" || k == "underline" || k == "strikeout") {
      number_field(flag, field, col, n);
      bool& target = k == "bold"        ? style.bold
                     : k == "italic"    ? style.italic
                     : k == "underline" ? style.underline
                                        : style.strike;
      target = flag != 0;
    } else if (k == "scalex") {
      number_field(style.scale_x, field, col, n);
    } else if (k == "scaley") {
      number_field(style.scale_y, field, col, n);
    } else if (k == "spacing") {
      number_field(style.spacing, field, col, n);
    } else if (k == "angle") {
      number_field(style.angle, field, col, n);
    } else if (k == "borderstyle") {
      number_field(style.border_style, field, col, n);
    } else if (k == "outline") {
      number_field(style.outline_width, field, col, n);
    } else if (k == "shadow") {
      number_field(style.shadow, field, col, n);
    } else if (k == "alignment") {
      int align = style.alignment;
      number_field(align, field, col, n);
      const int numpad = ssa_ ? legacy_to_numpad(align) : (align >= 1 && align <= 9 ? align : 0);
      if (numpad == 0) {
        warn(column_at(field), "ass-bad-style-field",
             "style \"" + n + "\": Alignment " + std::to_string(align) +
                 " is out of range; using 2");
      }
      style.alignment = numpad == 0 ? 2 : numpad;
    } else if (k == "marginl") {
      number_field(style.margin_l, field, col, n);
    } else if (k == "marginr") {
      number_field(style.margin_r, field, col, n);
    } else if (k == "marginv") {
      number_field(style.margin_v, field, col, n);
    } else if (k == "encoding") {
      number_field(style.encoding, field, col, n);
    } else {
      style.format_private.add(col.name, std::string(trim(field)));
    }
  }

  void event_line(std::string_view text) {
    const auto t = trim(text);
    if (t.empty())
      return;
    if (const auto value = after_key(t, "format:")) {
      event_format_ = parse_format(*value);
      return;
    }
    if (const auto value = after_key(t, "dialogue:")) {
      parse_event(*value, false);
      return;
    }
    if (const auto value = after_key(t, "comment:")) {
      parse_event(*value, true);
      return;
    }
    const bool known = t.front() == ';' || t.front() == '!' || istarts_with(t, "picture:") ||
                       istarts_with(t, "sound:") || istarts_with(t, "movie:") ||
                       istarts_with(t, "command:");
    if (!known)
      warn(1, "ass-unknown-line", "unexpected line in events: \"" + excerpt(t) + "\"; kept");
    pending_before_.emplace_back(text);
  }

  std::optional<Time> event_time(std::string_view field, std::string_view what) {
    const auto parsed = parse_time(field);
    if (!parsed.time) {
      repair(column_at(field), "ass-bad-timestamp",
             "expected " + std::string(what) + " time \"H:MM:SS.cc\", found \"" +
                 excerpt(trim(field)) + "\"",
             "event skipped");
      return std::nullopt;
    }
    if (!parsed.repair.empty()) {
      warn(column_at(field), "ass-lenient-timestamp",
           std::string(what) + " time \"" + excerpt(trim(field)) + "\" has " + parsed.repair +
               "; read as " + format_hms_ms(*parsed.time));
    }
    return parsed.time;
  }

  int event_int(std::string_view field, std::string_view what) {
    const auto value = parse_int(field);
    if (value)
      return *value;
    repair(column_at(field), "ass-bad-" + std::string(what),
           std::string(what) + " \"" + excerpt(trim(field)) + "\" is not a whole number",
           "using 0");
    return 0;
  }

  const Style* style_named(const std::string& name) const {
    for (auto it = doc_.styles.rbegin(); it != doc_.styles.rend(); ++it) {
      if (it->name == name)
        return &*it;
    }
    return nullptr;
  }

  void parse_event(std::string_view value, bool comment) {
    const auto& format = event_format();
    if (!value.empty() && value.front() == ' ')
      value.remove_prefix(1);
    const auto fields = split_fields(value, format.size());
    if (fields.size() < format.size()) {
      repair(1, "ass-short-event",
             "event has " + std::to_string(fields.size()) + " fields where Format lists " +
                 std::to_string(format.size()),
             "event skipped");
      return;
    }
    Cue cue;
    cue.comment = comment;
    cue.source_line = line_.number;
    cue.format_private.format = std::string(kBagFormat);
    std::optional<Time> start, end;
    std::string_view text;
    bool has_start = false, has_end = false;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string& k = format[i].key;
      const std::string_view f = fields[i];
      if (k == "layer") {
        cue.layer = event_int(f, "layer");
      } else if (k == "marked") {
        const auto m = trim(f);
        if (!m.empty() && m != "Marked=0" && m != "0") {
          cue.format_private.add(std::string(kCueMarked), std::string(m));
        }
      } else if (k == "start") {
        has_start = true;
        start = event_time(f, "start");
        if (!start)
          return;
      } else if (k == "end") {
        has_end = true;
        end = event_time(f, "end");
        if (!end)
          return;
      } else if (k == "style") {
        cue.style = strip_stars(f);
      } else if (k == "name" || k == "actor") {
        cue.speaker = std::string(trim(f));
      } else if (k == "marginl") {
        cue.placement.margin_l = event_int(f, "margin");
      } else if (k == "marginr") {
        cue.placement.margin_r = event_int(f, "margin");
      } else if (k == "marginv" || k == "margint") {
        cue.placement.margin_v = event_int(f, "margin");
      } else if (k == "effect") {
        cue.effect = std::string(trim(f));
      } else if (k == "text") {
        text = f;
      } else {
        if (!warned_unknown_column_) {
          warn(1, "ass-unknown-column",
               "event column \"" + format[i].name +
                   "\" is not part of ASS; its values are kept only for reading");
          warned_unknown_column_ = true;
        }
        cue.format_private.add(format[i].name, std::string(trim(f)));
      }
    }
    if (!has_start || !has_end) {
      repair(1, "ass-bad-format", "the events Format line has no Start or End column",
             "event skipped");
      return;
    }
    cue.start = *start;
    cue.end = *end;
    if (cue.end < cue.start) {
      // Players never show such an event; a zero-length cue says the same and keeps the model's
      // end >= start.
      repair(1, "ass-end-before-start",
             "event ends (" + format_hms_ms(cue.end) + ") before it starts (" +
                 format_hms_ms(cue.start) + ")",
             "end set to the start");
      cue.end = cue.start;
    } else if (!comment && cue.end == cue.start) {
      warn(1, "ass-zero-duration",
           "event starts and ends at " + format_hms_ms(cue.start) + "; never shown");
    }
    if (!pending_before_.empty()) {
      cue.format_private.entries.insert(cue.format_private.entries.begin(),
                                        {std::string(kCueBefore), join(pending_before_)});
      pending_before_.clear();
    }
    read_text(cue, text);
    doc_.cues.push_back(std::move(cue));
  }

  void read_text(Cue& cue, std::string_view text) {
    TextContext context;
    context.wrap_style_2 = wrap_style_2_;
    context.style = style_named(cue.style);
    ParsedText parsed = parse_text(text, context);
    const auto base = static_cast<std::size_t>(text.data() - line_.text.data());
    for (const auto& issue : parsed.issues) {
      warn(column_of(line_.text, base + issue.offset), issue.code, issue.message);
    }
    cue.runs = std::move(parsed.runs);
    cue.placement.alignment = parsed.alignment;
    cue.placement.position = parsed.position;
    // Keep the text as written when our own serialisation would differ, so an unedited event
    // is written back byte for byte (tag order, comments, redundant tags).
    if (serialize_text(cue.runs, cue.placement, script_type_ssa_).text != text) {
      cue.format_private.add(std::string(kCueOriginalText), std::string(text));
      cue.format_private.add(std::string(kCueFingerprint),
                             text_fingerprint(cue.runs, cue.placement));
    }
  }

  void finish() {
    if (!seen_section_ && doc_.cues.empty()) {
      if (first_stray_line_ != 0) {
        fail(source_, first_stray_line_, 1,
             "expected \"[Script Info]\", found \"" + first_stray_text_ + "\"");
      }
      if (options_.strict)
        fail(source_, 1, 1, "the file is empty");
      diag_.warn(1, 1, "ass-empty-file", "the file is empty");
      doc_.format_private = FormatBag{};
    }
  }

  const Source& source_;
  const ReadOptions& options_;
  Diagnostics& diag_;
  Document doc_;
  TextLine line_;
  Section section_ = Section::none;
  bool seen_section_ = false;
  bool attachment_ = false;
  bool ssa_ = false;
  bool script_type_ssa_ = false;
  bool wrap_style_2_ = false;
  bool warned_unknown_column_ = false;
  std::size_t marker_ = 0;
  std::string verbatim_key_;
  std::string body_;
  std::optional<std::vector<Column>> style_format_;
  std::optional<std::vector<Column>> event_format_;
  std::vector<std::string> style_extra_;
  std::vector<std::string> pending_before_;
  int first_stray_line_ = 0;
  std::string first_stray_text_;
};

}  // namespace

int probe(std::string_view head, std::string_view extension) {
  std::size_t start = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF")
    start = 3;
  while (start < head.size() && (head[start] == ' ' || head[start] == '\t' || head[start] == '\r' ||
                                 head[start] == '\n')) {
    ++start;
  }
  const std::string lower = lowercase(head);
  if (lower.compare(start, 13, "[script info]") == 0)
    return 100;
  if (lower.find("[script info]") != std::string::npos)
    return 90;
  if (lower.find("[v4+ styles]") != std::string::npos ||
      lower.find("[v4 styles]") != std::string::npos) {
    return 80;
  }
  const bool events =
      lower.find("\ndialogue:") != std::string::npos || lower.compare(start, 9, "dialogue:") == 0;
  if (events && lower.find("[events]") != std::string::npos)
    return 80;
  if (events)
    return 50;
  if (iequals(extension, "ass") || iequals(extension, "ssa"))
    return 30;
  return 0;
}

Document read(const Source& source, const ReadOptions& options, Diagnostics& diag) {
  return Reader(source, options, diag).run();
}

}  // namespace kopru::codecs::ass
