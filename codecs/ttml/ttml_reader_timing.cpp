// The TTML timing model (TTML2 §12, as ttconv and imscJS apply it): begin and end offsets from the
// sync base (the parent's begin in a par container, the previous sibling's end in a seq), dur from
// the element's own begin, implicit durations (indefinite for text and br in par, the children's
// extent for containers, zero for empty elements), and every interval clamped to its parent's.
#include <algorithm>
#include <limits>

#include "codecs/ttml/ttml_reader.h"

namespace kopru::codecs::ttml {

namespace {

constexpr Time kIndefinite = Time::max();

Time add(Time a, Time b) {
  if (a == kIndefinite || b == kIndefinite || a.count() > kIndefinite.count() - b.count())
    return kIndefinite;
  return a + b;
}

std::optional<Time> read_time(const ReaderContext& ctx, const pugi::xml_node& element,
                              std::string_view name) {
  const pugi::xml_attribute attribute = element.attribute(std::string(name).c_str());
  if (!attribute)
    return std::nullopt;
  const std::string_view text = trim_xml_space(attribute.value());
  const auto t = parse_time_expression(text, ctx.params);
  if (!t) {
    ctx.error(element, attribute,
              "invalid time expression \"" + std::string(attribute.value()) + "\" in " +
                  std::string(name) + " (expected e.g. \"00:00:01.500\", \"1.5s\" or \"40f\")");
  }
  return t;
}

bool is_seq(const pugi::xml_node& element) {
  return std::string_view(element.attribute("timeContainer").value()) == "seq";
}

struct Timer {
  ReaderContext& ctx;
  std::vector<Node>& nodes;
  std::vector<Time> begin;  // unclamped absolute
  std::vector<Time> end;

  // Resolves node i whose sync base is `sync` (absolute); returns nothing, fills begin/end.
  void resolve(int i, Time sync) {
    Node& node = nodes[static_cast<std::size_t>(i)];
    TimeAttributes t;
    if (node.kind != NodeKind::text)
      t = time_attributes(ctx, node.xml);
    const Time b = add(sync, t.begin.value_or(Time{}));
    begin[static_cast<std::size_t>(i)] = b;
    const bool seq = node.kind != NodeKind::text && is_seq(node.xml);
    Time implicit = b;
    if (node.kind == NodeKind::text || node.kind == NodeKind::br)
      implicit = kIndefinite;
    Time previous_end = b;
    for (const int child : node.children) {
      resolve(child, seq ? previous_end : b);
      const Time child_end = end[static_cast<std::size_t>(child)];
      previous_end = child_end;
      if (seq)
        implicit = child_end;
      else
        implicit = std::max(implicit, child_end);
    }
    std::optional<Time> explicit_end;
    if (t.end)
      explicit_end = add(sync, *t.end);
    if (t.dur)
      explicit_end = std::min(explicit_end.value_or(kIndefinite), add(b, *t.dur));
    if (explicit_end && *explicit_end < b) {
      const std::string message = "end " + format_hms_ms(*explicit_end) + " is before begin " +
                                  format_hms_ms(b) + "; the element is never shown";
      if (ctx.options.strict)
        ctx.error(node.xml, message);
      ctx.warn(node.xml, "ttml-end-before-begin", message);
    }
    end[static_cast<std::size_t>(i)] = explicit_end.value_or(implicit);
  }
};

}  // namespace

TimeAttributes time_attributes(const ReaderContext& ctx, const pugi::xml_node& element) {
  TimeAttributes t;
  t.begin = read_time(ctx, element, "begin");
  t.end = read_time(ctx, element, "end");
  t.dur = read_time(ctx, element, "dur");
  return t;
}

void compute_timing(ReaderContext& ctx, std::vector<Node>& nodes) {
  if (nodes.empty())
    return;
  Timer timer{ctx, nodes, std::vector<Time>(nodes.size()), std::vector<Time>(nodes.size())};
  timer.resolve(0, Time{});
  // Clamp top-down: parents precede their children in `nodes`.
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    Node& node = nodes[i];
    Time b = timer.begin[i];
    Time e = std::max(timer.end[i], b);
    if (node.parent >= 0) {
      const Node& parent = nodes[static_cast<std::size_t>(node.parent)];
      const Time parent_end = parent.end.value_or(kIndefinite);
      b = std::clamp(b, parent.begin, std::max(parent.begin, parent_end));
      e = std::clamp(e, b, std::max(b, parent_end));
    }
    node.begin = b;
    node.end = e == kIndefinite ? std::nullopt : std::optional<Time>(e);
  }
}

}  // namespace kopru::codecs::ttml
