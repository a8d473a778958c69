#include <algorithm>

#include "pipeline/qa/checks.h"
#include "pipeline/qa/checks/text_support.h"

namespace kopru::qa {

namespace {

constexpr std::size_t kQuoteBytes = 40;

// At most kQuoteBytes of `text`, cut on a character boundary, so a 1 MB run makes a short message.
std::string quote(std::string_view text) {
  if (text.size() <= kQuoteBytes)
    return "'" + std::string(text) + "'";
  std::size_t cut = kQuoteBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return "'" + std::string(text.substr(0, cut)) + "…'";
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

// Override tags libass and VSFilter know (the ASS specs plus the common extensions).
constexpr std::string_view kAssTags[] = {
    "1a",    "1c", "2a",   "2c",   "3a",  "3c",   "4a",    "4c",    "a",     "alpha", "an",
    "b",     "be", "blur", "bord", "c",   "clip", "fad",   "fade",  "fax",   "fay",   "fe",
    "fn",    "fr", "frx",  "fry",  "frz", "fs",   "fsc",   "fscx",  "fscy",  "fsp",   "i",
    "iclip", "k",  "K",    "kf",   "ko",  "kt",   "move",  "org",   "p",     "pbo",   "pos",
    "q",     "r",  "s",    "shad", "t",   "u",    "xbord", "xshad", "ybord", "yshad"};

bool known_ass_tag(std::string_view name) {
  return std::find(std::begin(kAssTags), std::end(kAssTags), name) != std::end(kAssTags);
}

// "fnArial" -> "fn", "1c&H..." -> "1c", "rAlt" -> "r", "blur3" -> "blur".
std::string_view ass_tag_name(std::string_view item) {
  if (item.substr(0, 2) == "fn")
    return item.substr(0, 2);
  if (!item.empty() && item.front() == 'r')
    return item.substr(0, 1);
  std::size_t n = item.size() > 1 && item[0] >= '1' && item[0] <= '4' ? 1 : 0;
  while (n < item.size() && is_ascii_letter(item[n]))
    ++n;
  return item.substr(0, n);
}

// \i \u \s take 0 or 1; \b also a weight (100..900). The reader keeps bad values raw.
bool valid_toggle(std::string_view name, std::string_view arg) {
  if (name != "i" && name != "b" && name != "u" && name != "s")
    return true;
  if (arg.empty() || arg == "0" || arg == "1")
    return true;
  return name == "b" && arg.size() == 3 && arg[0] >= '1' && arg[0] <= '9' && arg.substr(1) == "00";
}

struct Problems {
  std::vector<std::string> messages;
  unsigned reported = 0;  // one message per kind per cue

  void add(unsigned kind, std::string message) {
    if ((reported & (1U << kind)) != 0)
      return;
    reported |= 1U << kind;
    messages.push_back(std::move(message));
  }
};

enum Kind : unsigned {
  unbalanced,
  unknown_tag,
  bad_value,
  foreign,
  leftover_tag,
  empty_span,
};

// Each "\tag" of an ASS block at parenthesis depth 0; text before the first is a comment.
void ass_block(const Run& run, bool ass_track, Problems& problems) {
  const std::string_view text = run.text;
  if (text.empty() || text.front() != '{') {
    if (text.find_first_of("{}") != std::string_view::npos)
      problems.add(unbalanced, "unbalanced ASS block " + quote(text));
    return;  // drawing commands (after \p1) are raw text without braces
  }
  const std::string_view body = text.substr(1, text.size() - 1);
  if (text.size() < 2 || text.back() != '}' ||
      body.substr(0, body.size() - 1).find_first_of("{}") != std::string_view::npos) {
    problems.add(unbalanced, "unbalanced ASS block " + quote(text));
    return;
  }
  const std::string_view inner = body.substr(0, body.size() - 1);
  int depth = 0;
  std::size_t start = inner.find('\\');
  for (std::size_t i = start == std::string_view::npos ? inner.size() : start + 1;
       i <= inner.size(); ++i) {
    if (i < inner.size()) {
      depth += inner[i] == '(' ? 1 : (inner[i] == ')' && depth > 0 ? -1 : 0);
      if (inner[i] != '\\' || depth > 0)
        continue;
    }
    if (start == std::string_view::npos)
      break;
    const std::string_view item = inner.substr(start + 1, i - start - 1);
    const std::string_view name = ass_tag_name(item);
    const std::string_view arg = item.substr(name.size());
    if (!known_ass_tag(name))
      problems.add(unknown_tag, "unknown ASS tag " + quote("\\" + std::string(item)));
    else if (!valid_toggle(name, arg))
      problems.add(bad_value, "bad ASS value " + quote("\\" + std::string(item)));
    else if (!ass_track && name.size() == 1 &&
             std::string_view("ibus").find(name) != std::string_view::npos)
      problems.add(foreign,
                   "ASS tag " + quote("\\" + std::string(item)) + " in a " + "non-ASS track");
    start = i;
  }
}

// MicroDVD raw runs are the codes the reader did not understand; {H:charset} is the one it keeps
// on purpose.
void microdvd_code(const Run& run, Problems& problems) {
  const std::string_view text = run.text;
  if (text.size() < 2 || text.front() != '{' || text.back() != '}')
    problems.add(unbalanced, "unbalanced MicroDVD code " + quote(text));
  else if (text.substr(0, 3) != "{H:")
    problems.add(unknown_tag, "unknown MicroDVD code " + quote(text));
}

// SubRip-style (<i>, </font>) tag names and the WebVTT ones, as a converter leaves them behind.
bool markup_tag_name(std::string_view name) {
  for (const std::string_view known : {"i", "b", "u", "s", "font", "c", "v", "lang", "ruby", "rt",
                                       "br", "span", "em", "strong", "p"}) {
    if (iequal(name, known))
      return true;
  }
  return false;
}

// "<i>", "</b>", "<font color=red>", "{\i1}", "{y:i}" shown to the viewer as text.
void tag_text(std::string_view text, Problems& problems) {
  for (std::size_t p = text.find_first_of("<{"); p != std::string_view::npos;
       p = text.find_first_of("<{", p + 1)) {
    std::size_t q = p + 1;
    if (text[p] == '<') {
      q += q < text.size() && text[q] == '/' ? 1 : 0;
      std::size_t n = q;
      while (n < text.size() && n - q < 8 && is_ascii_letter(text[n]))
        ++n;
      if (n == q || !markup_tag_name(text.substr(q, n - q)) ||
          (n < text.size() && text[n] != '>' && text[n] != ' ' && text[n] != '.' && text[n] != '/'))
        continue;
      const std::size_t end = text.find('>', n);
      problems.add(
          leftover_tag,
          quote(text.substr(
              p, end == std::string_view::npos || end - p > kQuoteBytes ? n - p : end + 1 - p)) +
              " shown as text");
      return;
    }
    const bool ass = q + 1 < text.size() && text[q] == '\\' && is_ascii_letter(text[q + 1]);
    const bool microdvd = q + 1 < text.size() && text[q + 1] == ':' &&
                          std::string_view("yYcCfFsSpPoOH").find(text[q]) != std::string_view::npos;
    if (!ass && !microdvd)
      continue;
    const std::size_t end = text.find('}', q);
    problems.add(leftover_tag,
                 quote(text.substr(p, end == std::string_view::npos || end - p > kQuoteBytes
                                          ? std::min<std::size_t>(text.size() - p, 6)
                                          : end + 1 - p)) +
                     " shown as text");
    return;
  }
}

bool has_visible(const Run& run) {
  if (run.kind == RunKind::raw)
    return run.raw_format == "ass" && !run.text.empty() && run.text.front() != '{';  // drawing
  if (run.kind != RunKind::text)
    return false;
  bool visible = false;
  text::for_each_code_point(run.text, [&](UChar32 c, std::size_t, std::size_t) {
    visible = c > 0x20 && !text::is_any_space(c);
    return !visible;
  });
  return visible;
}

std::string_view span_name(SpanKind kind) {
  switch (kind) {
    case SpanKind::italic:
      return "italics";
    case SpanKind::bold:
      return "bold";
    case SpanKind::underline:
      return "underline span";
    case SpanKind::strike:
      return "strike-through span";
    case SpanKind::font:
      return "font span";
    case SpanKind::css_class:
      return "class span";
    case SpanKind::voice:
      return "voice span";
    case SpanKind::lang:
      return "language span";
    case SpanKind::ruby:
      return "ruby";
    case SpanKind::ruby_text:
      return "ruby text";
  }
  return "span";
}

// A span (the same Span at the same depth on consecutive runs; line breaks carry none) around
// nothing but spaces or markup: "<i> </i>", "{\i1} {\i0}". Tags around nothing at all leave no
// run, so the readers' own diagnostics are the only trace of those.
class SpanTracker {
 public:
  void run(const Run& run, Problems& problems) {
    std::size_t common = 0;
    while (common < open_.size() && common < run.spans.size() &&
           *open_[common].span == run.spans[common])
      ++common;
    close_to(common, problems);
    for (std::size_t d = common; d < run.spans.size(); ++d)
      open_.push_back({&run.spans[d], false});
    if (has_visible(run)) {
      for (Open& o : open_)
        o.filled = true;
    }
  }
  void close_to(std::size_t depth, Problems& problems) {
    while (open_.size() > depth) {
      if (!open_.back().filled)
        problems.add(empty_span, "empty " + std::string(span_name(open_.back().span->kind)));
      open_.pop_back();
    }
  }

 private:
  struct Open {
    const Span* span;
    bool filled;
  };
  std::vector<Open> open_;
};

}  // namespace

// Markup the model still shows to be wrong after reading: raw markup that is unbalanced or not of
// its format, style tags of ASS left in another format, tags that ended up as visible text, and
// spans around nothing. Readers repair unclosed and stray tags themselves (with diagnostics), so
// those are not seen here.
void check_markup(const Context& context, std::vector<Finding>& findings) {
  const bool ass_track =
      context.doc.meta.source_format == "ass" || context.doc.meta.source_format.empty();
  Problems problems;
  SpanTracker spans;
  for (std::size_t i = 0; i < context.doc.cues.size(); ++i) {
    const Cue& cue = context.doc.cues[i];
    if (cue.comment)
      continue;
    problems.messages.clear();
    problems.reported = 0;
    for (const Run& run : cue.runs) {
      if (run.kind == RunKind::line_break)
        continue;
      spans.run(run, problems);
      if (run.kind == RunKind::text)
        tag_text(run.text, problems);
      else if (run.kind == RunKind::raw && run.raw_format == "ass")
        ass_block(run, ass_track, problems);
      else if (run.kind == RunKind::raw && run.raw_format == "microdvd")
        microdvd_code(run, problems);
    }
    spans.close_to(0, problems);
    if (problems.messages.empty())
      continue;
    std::string message = problems.messages.front();
    for (std::size_t p = 1; p < problems.messages.size(); ++p)
      message += ", " + problems.messages[p];
    findings.push_back(make_finding(context, "markup", i, std::move(message)));
  }
}

}  // namespace kopru::qa
