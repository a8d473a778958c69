// The TTML writers: one document builder for TTML1, DFXP, IMSC 1.1 Text and EBU-TT-D, driven by
// the profile's rules (ttml_writer_profiles.cpp) and the style and region tables
// (ttml_writer_styles.cpp). The XML is written as text, never through an indenting serialiser:
// head and body are indented by structure, and each paragraph's content stays on its line so
// that no whitespace is added inside text.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>

#include "codecs/ttml/ttml_writer_internal.h"
#include "pipeline/model/dump.h"

namespace kopru::codecs::ttml {

namespace writer {

namespace {

// One element open around a run of text: its attributes, plus an identity for ruby containers so
// that two base/text pairs of one model ruby become two TTML ruby containers.
struct Element {
  Attributes attributes;
  int ruby_group = -1;
  bool operator==(const Element&) const = default;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : " ") + item;
  return out;
}

std::vector<std::string> split_spaces(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ')
      ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ')
      ++i;
    if (i > start)
      out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

// Whether a referenced style already sets this value (colours compared as colours: "#FFFF00"
// in a style is the "#ffff00" a font span writes).
bool implies(const Attributes& implied, std::string_view key, std::string_view value) {
  const bool colour = key == "tts:color" || key == "tts:backgroundColor";
  return std::any_of(implied.begin(), implied.end(), [&](const auto& kv) {
    if (kv.first != key)
      return false;
    if (colour)
      return Color::parse(kv.second) == Color::parse(value) && Color::parse(value).has_value();
    return kv.second == value;
  });
}

// A family name as TTML takes it: lists and quoted names as given, others quoted when needed.
std::string font_family_value(std::string_view font) {
  if (font.find_first_of(",'\"") != std::string_view::npos || is_ncname(font))
    return std::string(font);
  return "'" + std::string(font) + "'";
}

// XML 1.0 cannot carry C0 controls other than tab, LF and CR, nor U+FFFE / U+FFFF.
bool xml_forbidden(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r';
  return c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
         (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
          static_cast<unsigned char>(text[i + 2]) == 0xBF);
}

Rules rules_with_root(const Document& doc, Profile profile) {
  Rules rules = rules_for(profile);
  const std::string* extent =
      doc.format_private.format == "ttml" ? doc.format_private.find("tts:extent") : nullptr;
  rules.root_px_extent = extent != nullptr && extent->find("px") != std::string::npos;
  return rules;
}

class DocumentWriter {
 public:
  DocumentWriter(const Document& doc, const WriteOptions& options, Diagnostics& diag,
                 Profile profile)
      : doc_(doc),
        diag_(diag),
        rules_(rules_with_root(doc, profile)),
        reporter_(diag),
        styles_(doc, rules_, reporter_),
        regions_(doc, rules_, reporter_) {
    choose_time_format(options);
  }

  std::string write() {
    std::string body;
    body += "  ";
    append_start_tag(body, el("body"), {}, false);
    body += "\n    ";
    append_start_tag(body, el("div"), {}, false);
    body += '\n';
    for (std::size_t i = 0; i < doc_.cues.size(); ++i)
      append_cue(body, i);
    body += "    </" + el("div") + ">\n  </" + el("body") + ">\n";
    const std::string head = make_head();
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    append_start_tag(out, el("tt"), root_attributes(head + body), false);
    out += '\n';
    out += head;
    out += body;
    out += "</" + el("tt") + ">\n";
    return out;
  }

 private:
  std::string el(std::string_view local) const {
    return std::string(rules_.prefix) + std::string(local);
  }

  void choose_time_format(const WriteOptions& options) {
    rate_ = doc_.meta.frame_rate ? doc_.meta.frame_rate : options.fps;
    if (!rules_.frames || !doc_.meta.frame_rate)
      return;
    // Frames only when every time falls on one: otherwise milliseconds say it exactly enough.
    for (const Cue& cue : doc_.cues)
      if (clock_frames(cue.start, *rate_).empty() || clock_frames(cue.end, *rate_).empty())
        return;
    frames_ = true;
  }

  std::string time_value(Time t, std::size_t index) {
    if (t < Time{}) {
      reporter_.cue(index, "negative-time", "a time before 00:00:00 written as 00:00:00.000");
      t = Time{};
    }
    if (frames_)
      return clock_frames(t, *rate_);
    return clock_time(t);
  }

  std::string agent_id(const std::string& name) {
    const auto it = agents_.find(name);
    if (it != agents_.end())
      return it->second;
    std::string id = "agent" + std::to_string(agent_order_.size() + 1);
    agents_.emplace(name, id);
    agent_order_.push_back(name);
    return id;
  }

  // The style ids a cue's p references, mapped to the ids written.
  std::vector<std::string> p_style_ids(const Cue& cue) {
    std::string all = cue.style;
    if (cue.format_private.format == "ttml")
      if (const std::string* listed = cue.format_private.find("style"))
        all = *listed;
    std::vector<std::string> ids;
    if (all.empty())
      return ids;
    // A name may itself contain spaces (ASS): try it whole first.
    if (const std::string id = styles_.id_for(all); !id.empty())
      return {id};
    for (const std::string& name : split_spaces(all)) {
      if (const std::string id = styles_.id_for(name); !id.empty())
        ids.push_back(id);
    }
    return ids;
  }

  void add_implied(Attributes& implied, const std::vector<std::string>& ids) const {
    for (const auto& id : ids)
      if (const Attributes* attributes = styles_.attributes_of(id))
        implied.insert(implied.end(), attributes->begin(), attributes->end());
  }

  // ------------------------------------------------------------------------------ run markup

  struct RunStyle {
    std::vector<Element> elements;     // nested spans (inline profiles)
    Attributes merged;                 // every inline attribute (EBU-TT-D)
    std::vector<std::string> classes;  // referenced style ids
    std::string lang;
    bool ruby_text = false;
  };

  RunStyle style_run(const Run& run, const Attributes& p_implied, std::size_t index,
                     int ruby_group) {
    RunStyle out;
    Attributes implied = p_implied;
    bool underline = false;
    bool strike = false;
    for (std::size_t s = 0; s < run.spans.size(); ++s) {
      const Span& span = run.spans[s];
      Element element;
      Attributes& a = element.attributes;
      auto add = [&](std::string key, std::string value) {
        if (!implies(implied, key, value))
          a.emplace_back(std::move(key), std::move(value));
      };
      switch (span.kind) {
        case SpanKind::italic:
          add("tts:fontStyle", "italic");
          break;
        case SpanKind::bold:
          add("tts:fontWeight", "bold");
          break;
        case SpanKind::underline:
        case SpanKind::strike: {
          (span.kind == SpanKind::underline ? underline : strike) = true;
          // Decorations do not add up through nesting in TTML: say both where both apply.
          add("tts:textDecoration", underline && strike ? "underline lineThrough"
                                    : underline         ? "underline"
                                                        : "lineThrough");
          break;
        }
        case SpanKind::font:
          if (span.color)
            add("tts:color", span.color->to_hex());
          if (!span.annotation.empty())
            add("tts:fontFamily", font_family_value(span.annotation));
          if (span.size)
            add_font_size(a, *span.size, index);
          break;
        case SpanKind::css_class: {
          std::vector<std::string> ids;
          for (const auto& name : span.classes) {
            if (const std::string id = styles_.id_for(name); !id.empty())
              ids.push_back(id);
            else
              reporter_.cue(index, "class",
                            "class \"" + name + "\" names no style; the class is dropped");
          }
          if (!ids.empty()) {
            a.emplace_back("style", join(ids));
            out.classes.insert(out.classes.end(), ids.begin(), ids.end());
            add_implied(implied, ids);
          }
          break;
        }
        case SpanKind::voice:
          if (rules_.agents && !span.annotation.empty())
            a.emplace_back("ttm:agent", agent_id(span.annotation));
          else if (!span.annotation.empty())
            reporter_.cue(index, "voice",
                          std::string(rules_.name) + " has no agents; voice \"" + span.annotation +
                              "\" dropped (the text is kept)");
          break;
        case SpanKind::lang:
          if (!span.annotation.empty()) {
            a.emplace_back("xml:lang", span.annotation);
            out.lang = span.annotation;
          }
          break;
        case SpanKind::ruby:
          if (rules_.ruby) {
            // A referenced style may already make the container, the base or the text.
            if (!implies(implied, "tts:ruby", "container")) {
              a.emplace_back("tts:ruby", "container");
              element.ruby_group = ruby_group;
              out.elements.push_back(element);
            }
            if (!has_ruby_role_after(run, s, implied))
              out.elements.push_back({{{"tts:ruby", "base"}}, -1});
            continue;
          }
          reporter_.cue(
              index, "ruby",
              std::string(rules_.name) + " has no ruby; ruby text written inline after its base");
          break;
        case SpanKind::ruby_text:
          out.ruby_text = true;
          if (rules_.ruby)
            add("tts:ruby", "text");
          break;
      }
      if (!a.empty()) {
        for (const auto& kv : a)
          if (kv.first != "style" && kv.first != "xml:lang" && kv.first != "ttm:agent" &&
              kv.first != "tts:ruby")
            out.merged.push_back(kv);
        out.elements.push_back(std::move(element));
      }
    }
    return out;
  }

  // Whether a span after position `s` in the run's stack is ruby text, or references a style
  // that makes it the ruby base or text.
  bool has_ruby_role_after(const Run& run, std::size_t s, const Attributes& implied) const {
    for (std::size_t k = s + 1; k < run.spans.size(); ++k) {
      const Span& later = run.spans[k];
      if (later.kind == SpanKind::ruby_text)
        return true;
      if (later.kind != SpanKind::css_class)
        continue;
      Attributes attributes = implied;
      std::vector<std::string> ids;
      for (const auto& name : later.classes)
        ids.push_back(styles_.id_for(name));
      add_implied(attributes, ids);
      if (implies(attributes, "tts:ruby", "base") || implies(attributes, "tts:ruby", "text"))
        return true;
    }
    return false;
  }

  void add_font_size(Attributes& a, double size, std::size_t index) {
    // A size in pixels means something only against the root container's pixel extent.
    const std::string* extent =
        doc_.format_private.format == "ttml" ? doc_.format_private.find("tts:extent") : nullptr;
    const bool verbatim = rules_.profile == Profile::ttml1 || rules_.profile == Profile::dfxp;
    if (verbatim || (extent != nullptr && extent->find("px") != std::string::npos)) {
      if (rules_.profile != Profile::ebu_tt_d) {
        a.emplace_back("tts:fontSize", format_number(size) + "px");
        return;
      }
      const auto parts = split_spaces(*extent);
      const double height = parts.size() == 2 ? std::atof(parts[1].c_str()) : 0;
      double rows = 15;
      if (const std::string* cells = doc_.format_private.find("ttp:cellResolution")) {
        const auto cr = split_spaces(*cells);
        if (cr.size() == 2)
          rows = std::atof(cr[1].c_str());
      }
      if (height > 0 && rows > 0) {
        // EBU-TT-D sizes are percentages of the cell height: 1c is 100 %.
        a.emplace_back("tts:fontSize",
                       format_number(std::round(size * rows / height * 10000) / 100) + "%");
        return;
      }
    }
    reporter_.cue(index, "font-size", "a font size without a pixel frame of reference is dropped");
  }

  void append_text(std::string& out, std::string_view text, std::size_t index) {
    std::size_t i = 0;
    while (i < text.size()) {
      if (text[i] == '\n') {
        append_start_tag(out, el("br"), {}, true);
        ++i;
        continue;
      }
      if (xml_forbidden(text, i)) {
        reporter_.cue(index, "control-character",
                      "a control character XML cannot carry is written as U+FFFD");
        out += "\xEF\xBF\xBD";
        i += static_cast<unsigned char>(text[i]) < 0x20 ? 1 : 3;
        continue;
      }
      const std::size_t start = i;
      while (i < text.size() && text[i] != '\n' && !xml_forbidden(text, i))
        ++i;
      append_escaped_text(out, text.substr(start, i - start));
    }
  }

  // Inner timestamps and another format's markup have no TTML form: reported, not written.
  bool dropped(const Run& run, std::size_t index) {
    if (run.kind == RunKind::timestamp) {
      reporter_.cue(index, "timestamp", "inner timestamps dropped");
      return true;
    }
    if (run.kind == RunKind::raw) {
      reporter_.cue(index, "raw", "markup of another format (" + run.raw_format + ") dropped");
      return true;
    }
    return false;
  }

  // Inline profiles: the span stacks become nested spans, opened and closed as little as the
  // runs' stacks allow.
  void append_nested(std::string& out, const Cue& cue, const Attributes& p_implied,
                     std::size_t index) {
    std::vector<Element> open;
    int ruby_group = 0;
    bool last_ruby_text = false;
    auto close_to = [&](std::size_t depth) {
      while (open.size() > depth) {
        out += "</" + el("span") + ">";
        open.pop_back();
      }
    };
    for (const Run& run : cue.runs) {
      if (dropped(run, index))
        continue;
      if (run.kind == RunKind::line_break) {
        append_start_tag(out, el("br"), {}, true);  // inside whatever is open: br has no style
        continue;
      }
      const bool in_ruby = has_span(run, SpanKind::ruby);
      const bool is_ruby_text = has_span(run, SpanKind::ruby_text);
      if (in_ruby && !is_ruby_text && last_ruby_text)
        ++ruby_group;
      last_ruby_text = in_ruby && is_ruby_text;
      const RunStyle style = style_run(run, p_implied, index, ruby_group);
      std::size_t common = 0;
      while (common < open.size() && common < style.elements.size() &&
             open[common] == style.elements[common])
        ++common;
      close_to(common);
      for (std::size_t e = common; e < style.elements.size(); ++e) {
        append_start_tag(out, el("span"), style.elements[e].attributes, false);
        open.push_back(style.elements[e]);
      }
      append_text(out, run.text, index);
    }
    close_to(0);
  }

  // EBU-TT-D: every piece of text in one tt:span whose style attribute references the styles
  // that give it its look; line breaks between spans.
  void append_referential(std::string& out, const Cue& cue, const Attributes& p_implied,
                          const std::vector<std::string>& p_styles, std::size_t index) {
    std::optional<Attributes> open;
    auto close = [&] {
      if (open) {
        out += "</" + el("span") + ">";
        open.reset();
      }
    };
    for (const Run& run : cue.runs) {
      if (dropped(run, index))
        continue;
      if (run.kind == RunKind::line_break) {
        close();
        append_start_tag(out, el("br"), {}, true);
        continue;
      }
      const RunStyle style = style_run(run, p_implied, index, 0);
      std::vector<std::string> ids = style.classes;
      if (!style.merged.empty() || (ids.empty() && p_styles.empty())) {
        Attributes merged = base_span_style(style.merged);
        ids.push_back(styles_.intern(merged));
      }
      if (ids.empty())
        ids = p_styles;  // the paragraph's own look, referenced again as the brief requires
      Attributes attributes{{"style", join(ids)}};
      if (!style.lang.empty())
        attributes.emplace_back("xml:lang", style.lang);
      if (!open || *open != attributes) {
        close();
        append_start_tag(out, el("span"), attributes, false);
        open = attributes;
      }
      append_text(out, run.text, index);
    }
    close();
  }

  // For documents without TTML styles of their own, every span gets the broadcast look (white
  // on black) plus its own properties; later ones win.
  Attributes base_span_style(const Attributes& own) const {
    Attributes out;
    if (!has_ttml_styles())
      out = {{"tts:color", "#FFFFFF"}, {"tts:backgroundColor", "#000000"}};
    for (const auto& [key, value] : own) {
      const std::string& name = key;  // clang 14 cannot capture a structured binding
      auto it =
          std::find_if(out.begin(), out.end(), [&](const auto& kv) { return kv.first == name; });
      if (it != out.end())
        it->second = value;
      else
        out.emplace_back(key, value);
    }
    return out;
  }

  bool has_ttml_styles() const {
    return std::any_of(doc_.styles.begin(), doc_.styles.end(),
                       [](const Style& s) { return s.format_private.format == "ttml"; });
  }

  // ------------------------------------------------------------------------------ paragraphs

  std::string p_id(const Cue& cue, std::size_t index) {
    std::string id;
    auto taken = [&](const std::string& candidate) {
      return p_ids_.contains(candidate) || styles_.has_id(candidate) || regions_.has_id(candidate);
    };
    if (is_ncname(cue.id) && !taken(cue.id))
      id = cue.id;
    else if (rules_.id_required)
      for (std::size_t n = index + 1; id.empty() || taken(id); ++n)
        id = "sub" + std::to_string(n);
    if (!id.empty())
      p_ids_.insert(id);
    return id;
  }

  // Whether the default white-space handling (XSL collapse and trim around line breaks) would
  // change the cue's text: then the paragraph keeps it with xml:space="preserve".
  static bool needs_preserve(const Cue& cue) {
    const std::string text = plain_text(cue);
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\t')
        return true;
      if (c != ' ')
        continue;
      const bool edge = i == 0 || i + 1 == text.size() || text[i - 1] == '\n' ||
                        text[i + 1] == '\n' || text[i + 1] == ' ';
      if (edge)
        return true;
    }
    return false;
  }

  std::string wanted_text_align(const Cue& cue) const {
    if (!cue.placement.text_align.empty() || doc_.format_private.format == "ttml")
      return cue.placement.text_align;  // a TTML reader's alignment is derived, not asked for
    const int numpad = cue.placement.alignment;
    if (numpad >= 1 && numpad <= 9)
      return (numpad - 1) % 3 == 0 ? "left" : ((numpad - 1) % 3 == 2 ? "right" : "center");
    return "";
  }

  void append_cue(std::string& out, std::size_t index) {
    const Cue& cue = doc_.cues[index];
    if (cue.comment) {
      reporter_.cue(index, "comment", "a comment cue (never displayed) is not written");
      return;
    }
    // Readers show nothing for these, so writing them would only make files that differ on a
    // round trip; leaving them out is reported instead.
    if (cue.end <= cue.start) {
      reporter_.cue(index, "zero-duration", "shown for no time; not written");
      return;
    }
    if (plain_text(cue).find_first_not_of(" \t\n") == std::string::npos) {
      reporter_.cue(index, "empty-cue", "nothing to show; not written");
      return;
    }
    Attributes attributes;
    if (const std::string id = p_id(cue, index); !id.empty())
      attributes.emplace_back("xml:id", id);
    attributes.emplace_back("begin", time_value(cue.start, index));
    // A paragraph the reader found without an end stays open-ended (until the next change).
    const std::string* indefinite =
        cue.format_private.format == "ttml" ? cue.format_private.find("indefinite-end") : nullptr;
    if (indefinite == nullptr || *indefinite != "true")
      attributes.emplace_back("end", time_value(cue.end, index));
    // A TTML paragraph without a region stays in the default region (the whole root container);
    // cues of other formats go to the band their placement asks for.
    const bool default_region = doc_.format_private.format == "ttml" &&
                                cue.placement.region.empty() && rules_.profile != Profile::ebu_tt_d;
    const std::string region = default_region ? "" : regions_.region_for(doc_, cue, index);
    if (!region.empty())
      attributes.emplace_back("region", region);
    std::vector<std::string> p_styles = p_style_ids(cue);
    const std::vector<std::string> document_p_styles = p_styles;
    if (!cue.style.empty() && p_styles.empty())
      reporter_.cue(index, "style", "style \"" + cue.style + "\" is not declared; dropped");
    Attributes p_implied;
    add_implied(p_implied, p_styles);
    // Alignment: the region's or the style's unless the cue asks for another.
    std::string align = wanted_text_align(cue);
    std::string inherited = rules_.referential_only ? "" : regions_.text_align_of(region);
    for (const auto& [key, value] : p_implied)
      if (key == "tts:textAlign")
        inherited = value;
    if (rules_.referential_only) {
      const bool own_style = p_styles.empty();
      // Documents from other formats get the usual broadcast line padding; TTML ones keep theirs.
      const bool padding = doc_.format_private.format != "ttml" &&
                           std::none_of(p_implied.begin(), p_implied.end(), [](const auto& kv) {
                             return kv.first == "ebutts:linePadding";
                           });
      if (align.empty() && own_style)
        align = "center";
      const bool realign = !align.empty() && align != inherited;
      if (own_style || realign || padding) {
        Attributes p_style;
        if (own_style || realign)
          p_style.emplace_back("tts:textAlign", align.empty() ? inherited : align);
        if (padding)
          p_style.emplace_back("ebutts:linePadding", "0.5c");
        p_styles.push_back(styles_.intern(p_style));
      }
    }
    if (!p_styles.empty())
      attributes.emplace_back("style", join(p_styles));
    if (!rules_.referential_only && !align.empty() && align != inherited)
      attributes.emplace_back("tts:textAlign", align);
    if (!cue.speaker.empty()) {
      if (rules_.agents)
        attributes.emplace_back("ttm:agent", agent_id(cue.speaker));
      else
        reporter_.cue(
            index, "speaker",
            std::string(rules_.name) + " has no agents; speaker \"" + cue.speaker + "\" dropped");
    }
    if (!cue.language.empty())
      attributes.emplace_back("xml:lang", cue.language);
    if (needs_preserve(cue))
      attributes.emplace_back("xml:space", "preserve");
    out += "      ";
    append_start_tag(out, el("p"), attributes, false);
    if (rules_.referential_only)
      append_referential(out, cue, p_implied, document_p_styles, index);
    else
      append_nested(out, cue, p_implied, index);
    out += "</" + el("p") + ">\n";
  }

  // ------------------------------------------------------------------------------ head, root

  std::string make_head() {
    std::string metadata;
    if (!doc_.meta.title.empty()) {
      if (rules_.title) {
        metadata += "      <ttm:title>";
        append_escaped_text(metadata, doc_.meta.title);
        metadata += "</ttm:title>\n";
      } else {
        reporter_.document("title", std::string(rules_.name) + " has no title; \"" +
                                        doc_.meta.title + "\" dropped");
      }
    }
    for (std::size_t i = 0; i < agent_order_.size(); ++i) {
      const std::string& name = agent_order_[i];
      metadata += "      ";
      append_start_tag(metadata, "ttm:agent", {{"xml:id", agents_.at(name)}, {"type", "character"}},
                       false);
      append_start_tag(metadata, "ttm:name", {{"type", "full"}}, false);
      append_escaped_text(metadata, name);
      metadata += "</ttm:name></ttm:agent>\n";
    }
    if (rules_.profile == Profile::ebu_tt_d)
      metadata +=
          "      <ebuttm:documentMetadata>\n"
          "        <ebuttm:conformsToStandard>urn:ebu:tt:distribution:2018-04"
          "</ebuttm:conformsToStandard>\n"
          "      </ebuttm:documentMetadata>\n";
    std::string styling;
    styles_.append_styling(styling, rules_, "      ");
    std::string layout;
    regions_.append_layout(layout, rules_, "      ");
    std::string head = "  <" + el("head") + ">\n";
    if (!metadata.empty())
      head += "    <" + el("metadata") + ">\n" + metadata + "    </" + el("metadata") + ">\n";
    if (!styling.empty())
      head += "    <" + el("styling") + ">\n" + styling + "    </" + el("styling") + ">\n";
    if (!layout.empty())
      head += "    <" + el("layout") + ">\n" + layout + "    </" + el("layout") + ">\n";
    head += "  </" + el("head") + ">\n";
    return head;
  }

  std::string language() {
    if (!doc_.meta.language.empty())
      return doc_.meta.language.to_string();
    diag_.warn(0, 0, "ttml-unknown-language",
               "the document's language is unknown; xml:lang=\"und\" written");
    return "und";
  }

  Attributes root_attributes(const std::string& content) {
    Attributes parameters;
    parameters.emplace_back("xml:lang", language());
    if (!rules_.content_profile.empty())
      parameters.emplace_back("ttp:contentProfiles", std::string(rules_.content_profile));
    if (rules_.profile == Profile::ebu_tt_d)
      parameters.emplace_back("ttp:timeBase", "media");
    if (rules_.frame_rate && doc_.meta.frame_rate) {
      const Attributes rate = frame_rate_attributes(*doc_.meta.frame_rate);
      parameters.insert(parameters.end(), rate.begin(), rate.end());
    } else if (doc_.meta.frame_rate && rules_.profile != Profile::ebu_tt_d) {
      reporter_.document("frame-rate",
                         "the frame rate is not written in " + std::string(rules_.name));
    }
    bool cell_resolution = false;
    if (doc_.format_private.format == "ttml") {
      for (const auto& [key, value] : doc_.format_private.entries) {
        if (!rules_.allows_root_attribute(key))
          continue;
        const std::string& name = key;  // clang 14 cannot capture a structured binding
        if (std::any_of(parameters.begin(), parameters.end(),
                        [&](const auto& kv) { return kv.first == name; }))
          continue;
        cell_resolution = cell_resolution || key == "ttp:cellResolution";
        parameters.emplace_back(key, value);
      }
    }
    if (rules_.profile == Profile::ebu_tt_d && !cell_resolution)
      parameters.emplace_back("ttp:cellResolution", "32 15");

    // Namespace declarations for every prefix the document uses.
    std::string all = content;
    for (const auto& [key, value] : parameters)
      all += " " + key + "=";
    Attributes out;
    if (rules_.prefix.empty())
      out.emplace_back("xmlns", std::string(namespace_uri("tt")));
    static constexpr std::string_view kPrefixes[] = {
        "tt", "ttp", "tts", "ttm", "ebuttm", "ebutts", "ebuttp", "itts", "ittp", "ittm", "smpte"};
    for (const std::string_view prefix : kPrefixes) {
      const std::string p(prefix);
      const bool used = all.find(" " + p + ":") != std::string::npos ||
                        all.find("<" + p + ":") != std::string::npos ||
                        (prefix == "tt" && !rules_.prefix.empty());
      if (used && !(prefix == "tt" && rules_.prefix.empty()))
        out.emplace_back("xmlns:" + p, std::string(namespace_uri(prefix)));
    }
    out.insert(out.end(), parameters.begin(), parameters.end());
    return out;
  }

  const Document& doc_;
  Diagnostics& diag_;
  Rules rules_;
  Reporter reporter_;
  StyleTable styles_;
  RegionTable regions_;
  std::optional<FrameRate> rate_;
  bool frames_ = false;
  std::map<std::string, std::string> agents_;
  std::vector<std::string> agent_order_;
  std::set<std::string> p_ids_;
};

}  // namespace

}  // namespace writer

std::string write(const Document& doc, const WriteOptions& options, Diagnostics& diag,
                  Profile profile) {
  writer::DocumentWriter builder(doc, options, diag, profile);
  return builder.write();
}

}  // namespace kopru::codecs::ttml
