// Content to cues: the body becomes a tree of nodes (styles computed, regions and languages
// inherited), and each <p> becomes one cue per interval in which its visible content is constant.
#include <algorithm>
#include <array>

#include "codecs/ttml/ttml_reader.h"

namespace kopru::codecs::ttml {

namespace {

// How long content with an indefinite end and nothing after it is shown.
constexpr Time kIndefiniteFallback = from_seconds(24 * 3600);
// Stands for an indefinite end while a <p> is cut into cues.
constexpr Time kOpenEnd = Time::max() / 2;

bool italic(const StyleSet& s) {
  const auto it = s.find("tts:fontStyle");
  return it != s.end() && (it->second == "italic" || it->second == "oblique");
}

bool bold(const StyleSet& s) {
  const auto it = s.find("tts:fontWeight");
  return it != s.end() && it->second == "bold";
}

bool decoration(const StyleSet& s, std::string_view word) {
  const auto it = s.find("tts:textDecoration");
  if (it == s.end())
    return false;
  const auto words = split_xml_space(it->second);
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string value_of(const StyleSet& s, const std::string& key) {
  const auto it = s.find(key);
  return it == s.end() ? std::string() : it->second;
}

NodeKind kind_of(const pugi::xml_node& element) {
  const std::string_view local = local_name(element.name());
  if (local == "body")
    return NodeKind::body;
  if (local == "div")
    return NodeKind::div;
  if (local == "p")
    return NodeKind::p;
  if (local == "span")
    return NodeKind::span;
  if (local == "br")
    return NodeKind::br;
  return NodeKind::other;
}

struct TreeBuilder {
  ReaderContext& ctx;
  std::vector<Node> nodes;

  void inherit(Node& node, const Node* parent) {
    if (parent == nullptr)
      return;
    for (const auto& [key, value] : parent->computed) {
      if (inherited_style(key))
        node.computed[key] = value;
    }
  }

  // The style a <p> starts from: the region's inheritable properties, then what body and divs
  // specify, so that region styles apply to the content flowed into the region.
  StyleSet region_base(const Node& p) {
    StyleSet out;
    if (const auto it = ctx.regions.find(p.region); it != ctx.regions.end()) {
      for (const auto& [key, value] : it->second.style) {
        if (inherited_style(key))
          out[key] = value;
      }
    }
    std::vector<int> chain;
    for (int a = p.parent; a >= 0; a = nodes[static_cast<std::size_t>(a)].parent)
      chain.push_back(a);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      for (const auto& [key, value] : nodes[static_cast<std::size_t>(*it)].own) {
        if (inherited_style(key))
          out[key] = value;
      }
    }
    return out;
  }

  // Inline styling on p and span that no run or placement carries is lost to every writer
  // (referenced styles survive in doc.styles), so each such property is reported once.
  void report_unmapped_inline(const pugi::xml_node& element) {
    static constexpr std::array<std::string_view, 11> kMapped = {
        "tts:color",      "tts:fontFamily",     "tts:fontSize", "tts:fontStyle",
        "tts:fontWeight", "tts:textDecoration", "tts:ruby",     "tts:textAlign",
        "tts:display",    "tts:extent",         "tts:origin"};
    for (const auto& attribute : element.attributes()) {
      const Ns ns = attribute_namespace(element, attribute);
      if (ns != Ns::tts && ns != Ns::ebutts && ns != Ns::itts)
        continue;
      const std::string key = qualified(ns, local_name(attribute.name()));
      if (!known_style_attribute(ns, local_name(attribute.name())) ||
          std::find(kMapped.begin(), kMapped.end(), key) != kMapped.end())
        continue;
      ctx.ignored(element, "ttml-ignored-style",
                  "inline " + key + " on <" + std::string(local_name(element.name())) +
                      "> has no place in Kopru's model and is left out");
    }
  }

  void add_text(int parent, const pugi::xml_node& text) {
    Node node;
    node.kind = NodeKind::text;
    node.xml = text;
    node.parent = parent;
    node.text = text.value();
    const Node& p = nodes[static_cast<std::size_t>(parent)];
    node.lang = p.lang;
    node.preserve = p.preserve;
    node.region = p.region;
    node.computed = p.computed;
    nodes.push_back(std::move(node));
    nodes[static_cast<std::size_t>(parent)].children.push_back(static_cast<int>(nodes.size()) - 1);
  }

  void add(const pugi::xml_node& element, int parent) {
    Node node;
    node.kind = kind_of(element);
    node.xml = element;
    node.parent = parent;
    const Node* up = parent >= 0 ? &nodes[static_cast<std::size_t>(parent)] : nullptr;
    node.lang = up != nullptr ? up->lang : std::string(ctx.root.attribute("xml:lang").value());
    if (const auto lang = find_attribute(element, Ns::xml, "lang"))
      node.lang = lang.value();
    node.preserve = up != nullptr && up->preserve;
    if (up == nullptr) {
      node.preserve =
          std::string_view(find_attribute(ctx.root, Ns::xml, "space").value()) == "preserve";
    }
    if (const auto space = find_attribute(element, Ns::xml, "space"))
      node.preserve = std::string_view(space.value()) == "preserve";
    node.region = up != nullptr ? up->region : std::string();
    if (node.kind == NodeKind::span && element.attribute("region")) {
      ctx.ignored(element, "ttml-ignored-span-region",
                  "region on <span> is not applied: Kopru places whole paragraphs");
    }
    if (const auto region = element.attribute("region"); region && node.kind != NodeKind::span) {
      node.region = region.value();
      if (!ctx.regions.contains(node.region)) {
        ctx.warn(element, region, "ttml-unknown-region",
                 "reference to unknown region \"" + node.region + "\"");
      }
    }
    node.own = specified_style(ctx, element, &node.style_ids);
    if (node.kind == NodeKind::p || node.kind == NodeKind::span)
      report_unmapped_inline(element);
    inherit(node, up);
    nodes.push_back(std::move(node));
    const int index = static_cast<int>(nodes.size()) - 1;
    if (parent >= 0)
      nodes[static_cast<std::size_t>(parent)].children.push_back(index);
    Node& self = nodes.back();
    if (self.kind == NodeKind::p)
      self.computed = region_base(self);
    for (const auto& [key, value] : self.own)
      self.computed[key] = value;
    self.ruby_container = value_of(self.own, "tts:ruby") == "container";
    const bool mixed = self.kind == NodeKind::p || self.kind == NodeKind::span;
    // Text directly in a seq container is not content (it has no place in the sequence).
    const bool seq = std::string_view(element.attribute("timeContainer").value()) == "seq";
    for (const auto& child : element.children()) {
      if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) && mixed) {
        if (seq) {
          if (!trim_xml_space(child.value()).empty())
            ctx.ignored(child.parent(), "ttml-ignored-seq-text",
                        "text directly inside a seq time container is not presented");
          continue;
        }
        add_text(index, child);
        continue;
      }
      if (child.type() != pugi::node_element)
        continue;
      const Ns ns = element_namespace(child);
      if (ns != Ns::tt) {
        if (ns == Ns::smpte && local_name(child.name()) == "image")
          ctx.ignored(child, "ttml-ignored-image", "image subtitles (smpte:image) are not read");
        continue;  // metadata and foreign vocabularies
      }
      const NodeKind kind = kind_of(child);
      const NodeKind own_kind = nodes[static_cast<std::size_t>(index)].kind;
      const bool allowed =
          (kind == NodeKind::div && (own_kind == NodeKind::body || own_kind == NodeKind::div)) ||
          (kind == NodeKind::p && (own_kind == NodeKind::body || own_kind == NodeKind::div)) ||
          ((kind == NodeKind::span || kind == NodeKind::br) && mixed);
      if (allowed) {
        add(child, index);
        continue;
      }
      const std::string_view local = local_name(child.name());
      if (local == "metadata" || local == "set")
        continue;  // metadata is skipped; <set> is reported by specified_style
      if (local == "image") {
        ctx.ignored(child, "ttml-ignored-image", "image content (<image>) is not read");
        continue;
      }
      ctx.ignored(child, "ttml-ignored-element",
                  "<" + std::string(child.name()) + "> is not allowed here; ignored");
    }
  }
};

// --- runs --------------------------------------------------------------------------------------

struct RunBuilder {
  const ReaderContext& ctx;
  const std::vector<Node>& nodes;
  Time from;
  Time to;
  std::vector<Run> runs;
  std::vector<bool> preserve;  // per run

  bool active(const Node& node) const {
    const Time end = node.end.value_or(Time::max());
    return node.begin <= from && end >= to && end > node.begin;
  }

  std::vector<Span> spans_for(const Node& node, const StyleSet& reference) const {
    std::vector<Span> out;
    if (node.kind == NodeKind::span && !node.style_ids.empty()) {
      Span s;
      s.kind = SpanKind::css_class;
      s.classes = node.style_ids;
      out.push_back(s);
    }
    if (node.kind == NodeKind::span && node.parent >= 0) {
      const Node& parent = nodes[static_cast<std::size_t>(node.parent)];
      if (node.lang != parent.lang && !node.lang.empty()) {
        Span s;
        s.kind = SpanKind::lang;
        s.annotation = node.lang;
        out.push_back(s);
      }
    }
    const StyleSet& c = node.computed;
    Span font;
    font.kind = SpanKind::font;
    bool has_font = false;
    const std::string color = value_of(c, "tts:color");
    if (!color.empty()) {
      const auto parsed = parse_color(color);
      const Color before = parse_color(value_of(reference, "tts:color")).value_or(Color{});
      if (parsed && *parsed != before) {
        font.color = parsed;
        has_font = true;
      }
    }
    // A paragraph's face and size are its style's (cue.style, doc.styles), not markup; only spans
    // that change them get a font span.
    const bool span = node.kind != NodeKind::p;
    const std::string family = value_of(c, "tts:fontFamily");
    if (span && !family.empty() && family != value_of(reference, "tts:fontFamily") &&
        family != "default") {
      font.annotation = family;
      has_font = true;
    }
    const std::string size = value_of(c, "tts:fontSize");
    if (span && !size.empty() && size != value_of(reference, "tts:fontSize")) {
      if (const auto lengths = parse_lengths(size)) {
        const Length& l = lengths->back();
        if (l.unit == "px") {
          font.size = l.value;
          has_font = true;
        } else if (l.unit == "c" && ctx.root_extent_px) {
          font.size = l.value * ctx.root_extent_px->second / ctx.cell_rows;
          has_font = true;
        }
      }
    }
    if (has_font)
      out.push_back(font);
    auto add_kind = [&](SpanKind kind) {
      Span s;
      s.kind = kind;
      out.push_back(s);
    };
    if (bold(c) && !bold(reference))
      add_kind(SpanKind::bold);
    if (italic(c) && !italic(reference))
      add_kind(SpanKind::italic);
    if (decoration(c, "underline") && !decoration(reference, "underline"))
      add_kind(SpanKind::underline);
    if (decoration(c, "lineThrough") && !decoration(reference, "lineThrough"))
      add_kind(SpanKind::strike);
    const std::string ruby = value_of(node.own, "tts:ruby");
    if (ruby == "container")
      add_kind(SpanKind::ruby);
    else if (ruby == "text")
      add_kind(SpanKind::ruby_text);
    return out;
  }

  void emit(int index, std::vector<Span>& stack) {
    const Node& node = nodes[static_cast<std::size_t>(index)];
    if (!active(node))
      return;
    if (node.kind == NodeKind::text) {
      if (!node.text.empty()) {
        runs.push_back(Run::plain(node.text, stack));
        preserve.push_back(node.preserve);
      }
      return;
    }
    if (node.kind == NodeKind::br) {
      runs.push_back(Run::line_break());
      preserve.push_back(node.preserve);
      return;
    }
    if (value_of(node.own, "tts:display") == "none")
      return;
    if (value_of(node.own, "tts:ruby") == "delimiter")
      return;  // fallback parentheses for renderers without ruby
    const StyleSet reference = node.kind == NodeKind::p
                                   ? StyleSet{}
                                   : nodes[static_cast<std::size_t>(node.parent)].computed;
    const std::vector<Span> added = spans_for(node, reference);
    stack.insert(stack.end(), added.begin(), added.end());
    for (const int child : node.children)
      emit(child, stack);
    stack.resize(stack.size() - added.size());
  }
};

// XML default white-space handling (XSL: linefeed-treatment="treat-as-space",
// white-space-collapse="true", suppress-at-line-break="auto"); xml:space="preserve" keeps every
// space and turns linefeeds into line breaks.
std::vector<Run> normalise_space(const std::vector<Run>& in, const std::vector<bool>& preserve) {
  std::vector<Run> out;
  bool after_space = true;  // the start of a line swallows spaces
  for (std::size_t i = 0; i < in.size(); ++i) {
    const Run& run = in[i];
    if (run.kind == RunKind::line_break) {
      out.push_back(run);
      after_space = true;
      continue;
    }
    if (preserve[i]) {
      std::string text;
      for (const char c : run.text) {
        if (c == '\r')
          continue;
        if (c == '\n') {
          if (!text.empty())
            out.push_back(Run::plain(std::move(text), run.spans));
          text.clear();
          out.push_back(Run::line_break());
          continue;
        }
        text += c;
      }
      after_space = !text.empty() ? text.back() == ' ' : after_space;
      if (!text.empty())
        out.push_back(Run::plain(std::move(text), run.spans));
      continue;
    }
    std::string text;
    for (const char c : run.text) {
      if (xml_space_char(c)) {
        if (!after_space)
          text += ' ';
        after_space = true;
      } else {
        text += c;
        after_space = false;
      }
    }
    if (!text.empty())
      out.push_back(Run::plain(std::move(text), run.spans));
  }
  // Spaces before a line break or the end are suppressed (unless preserved: then they are
  // already in runs we do not touch, as only collapsed runs end in a generated space).
  for (std::size_t i = out.size(); i-- > 0;) {
    const bool at_line_end = i + 1 == out.size() || out[i + 1].kind == RunKind::line_break;
    if (!at_line_end || out[i].kind != RunKind::text)
      continue;
    while (!out[i].text.empty() && out[i].text.back() == ' ')
      out[i].text.pop_back();
    if (out[i].text.empty())
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
  }
  // Adjacent text runs with the same spans become one.
  std::vector<Run> merged;
  for (auto& run : out) {
    if (!merged.empty() && run.kind == RunKind::text && merged.back().kind == RunKind::text &&
        merged.back().spans == run.spans) {
      merged.back().text += run.text;
    } else {
      merged.push_back(std::move(run));
    }
  }
  return merged;
}

bool visible(const std::vector<Run>& runs) {
  return std::any_of(runs.begin(), runs.end(),
                     [](const Run& r) { return r.kind == RunKind::text && !r.text.empty(); });
}

void collect_times(const std::vector<Node>& nodes, int index, std::vector<Time>& times) {
  const Node& node = nodes[static_cast<std::size_t>(index)];
  times.push_back(node.begin);
  if (node.end)
    times.push_back(*node.end);
  for (const int child : node.children)
    collect_times(nodes, child, times);
}

std::string agent_of(const ReaderContext& ctx, pugi::xml_node element) {
  for (; element && element.type() == pugi::node_element; element = element.parent()) {
    if (const auto agent = find_attribute(element, Ns::ttm, "agent")) {
      const auto ids = split_xml_space(agent.value());
      if (ids.empty())
        return {};
      const std::string id(ids.front());
      const auto it = ctx.agents.find(id);
      return it == ctx.agents.end() ? id : it->second;
    }
  }
  return {};
}

}  // namespace

std::vector<Node> build_tree(ReaderContext& ctx, const pugi::xml_node& body) {
  TreeBuilder builder{ctx, {}};
  builder.add(body, -1);
  return std::move(builder.nodes);
}

void make_cues(ReaderContext& ctx, const std::vector<Node>& nodes, Document& doc) {
  Time last_finite{};
  for (const auto& node : nodes) {
    last_finite = std::max(last_finite, node.begin);
    if (node.end)
      last_finite = std::max(last_finite, *node.end);
  }
  const std::string doc_language = std::string(find_attribute(ctx.root, Ns::xml, "lang").value());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& p = nodes[i];
    if (p.kind != NodeKind::p)
      continue;
    bool hidden = false;
    for (int a = static_cast<int>(i); a >= 0; a = nodes[static_cast<std::size_t>(a)].parent)
      hidden = hidden || value_of(nodes[static_cast<std::size_t>(a)].own, "tts:display") == "none";
    if (hidden)
      continue;
    Time begin = p.begin;
    std::optional<Time> end = p.end;
    if (!ctx.regions.empty()) {
      const auto region = ctx.regions.find(p.region);
      if (region == ctx.regions.end()) {
        ctx.ignored(p.xml, "ttml-ignored-unregioned",
                    "content outside any declared region is not displayed (TTML §9.3) and is "
                    "left out");
        continue;
      }
      if (value_of(region->second.style, "tts:display") == "none")
        continue;
      begin = std::max(begin, region->second.begin);
      if (region->second.end)
        end = end ? std::min(*end, *region->second.end) : *region->second.end;
    }
    const bool indefinite = !end.has_value() || *end >= kOpenEnd;
    if (!end)
      end = kOpenEnd;
    if (*end <= begin)
      continue;
    std::vector<Time> times;
    collect_times(nodes, static_cast<int>(i), times);
    times.push_back(begin);
    times.push_back(*end);
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    const std::string agent = agent_of(ctx, p.xml);
    const Placement placement = placement_for(doc, p.region, p.computed);
    bool merged_last = false;
    int pieces = 0;
    for (std::size_t t = 0; t + 1 < times.size(); ++t) {
      if (times[t] < begin || times[t + 1] > *end)
        continue;
      RunBuilder builder{ctx, nodes, times[t], times[t + 1], {}, {}};
      std::vector<Span> stack;
      builder.emit(static_cast<int>(i), stack);
      std::vector<Run> runs = normalise_space(builder.runs, builder.preserve);
      if (!visible(runs)) {
        merged_last = false;
        continue;
      }
      if (merged_last && doc.cues.back().end == times[t] && doc.cues.back().runs == runs) {
        doc.cues.back().end = times[t + 1];
        continue;
      }
      Cue cue;
      cue.id = find_attribute(p.xml, Ns::xml, "id").value();
      // Later pieces of a <p> cut by timed spans get their own id.
      if (!cue.id.empty() && pieces > 0)
        cue.id += "-" + std::to_string(pieces + 1);
      ++pieces;
      cue.start = times[t];
      cue.end = times[t + 1];
      cue.runs = std::move(runs);
      cue.placement = placement;
      if (!p.style_ids.empty())
        cue.style = p.style_ids.front();
      if (p.style_ids.size() > 1) {
        std::string all;
        for (const auto& id : p.style_ids)
          all += (all.empty() ? "" : " ") + id;
        cue.format_private.format = "ttml";
        cue.format_private.set("style", all);
      }
      cue.speaker = agent;
      if (p.lang != doc_language)
        cue.language = p.lang;
      cue.source_line = ctx.line(p.xml);
      doc.cues.push_back(std::move(cue));
      merged_last = true;
    }
    if (indefinite && !doc.cues.empty() && doc.cues.back().end == kOpenEnd) {
      ctx.ignored(p.xml, "ttml-indefinite-end",
                  "content without an end is shown until the last time in the document");
      Cue& cue = doc.cues.back();
      cue.end = last_finite > cue.start ? last_finite : cue.start + kIndefiniteFallback;
      cue.format_private.format = "ttml";
      cue.format_private.set("indefinite-end", "true");
    }
  }
}

std::vector<DisplayChange> display_changes(const Document& doc) {
  std::vector<Time> times{Time{}};
  // A cue whose TTML end is indefinite ends at a stand-in time; an ISD has no such end.
  auto end_of = [](const Cue& cue) {
    const std::string* indefinite = cue.format_private.find("indefinite-end");
    return indefinite != nullptr && *indefinite == "true" ? Time::max() : cue.end;
  };
  for (const auto& cue : doc.cues) {
    times.push_back(cue.start);
    if (end_of(cue) != Time::max())
      times.push_back(cue.end);
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  std::vector<DisplayChange> out;
  for (const Time t : times) {
    const bool shown = std::any_of(doc.cues.begin(), doc.cues.end(), [&](const Cue& cue) {
      return cue.start <= t && t < end_of(cue) && !plain_text(cue).empty();
    });
    out.push_back({t, shown});
  }
  return out;
}

}  // namespace kopru::codecs::ttml
