#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "pipeline/qa/format.h"
#include "pipeline/qa/report.h"
#include "pipeline/qa/report_common.h"

namespace kopru::qa {

namespace {

// Above this many cues the timeline draws time buckets instead of one bar per cue, so that the
// page stays light for feature-length and batch files (100,000 cues).
constexpr std::size_t kMaxCueBars = 5000;
constexpr std::size_t kMaxBuckets = 4000;
constexpr std::size_t kMaxLanes = 4;  // overlapping cues stack into lanes, the rest share the last
constexpr double kPxPerSecond = 4;    // a 2-hour film is 28,800 px wide and scrolls
constexpr double kMinWidth = 900;
constexpr double kMaxWidth = 40000;
constexpr std::size_t kTooltipBytes = 300;
constexpr std::size_t kMarkerMessages = 3;

// Everything user-supplied (cue text, messages, paths) passes here: it is data, never markup.
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : clean_text(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

// Cut at a code point boundary.
std::string_view truncated(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes)
    return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0U) == 0x80U)
    --bytes;
  return text.substr(0, bytes);
}

std::string number(double value) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.1f", value);
  return text.data();
}

// Tick labels: minutes may pass 59 ("95:00") so that every label has the same shape.
std::string mmss(std::int64_t seconds) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%02lld:%02lld", static_cast<long long>(seconds / 60),
                static_cast<long long>(seconds % 60));
  return text.data();
}

std::string_view severity_class(int severity) {
  constexpr std::array<std::string_view, 4> kClasses = {"c", "s0", "s1", "s2"};
  return kClasses[static_cast<std::size_t>(severity) + 1];
}

// Per cue (0-based): the worst severity of its findings (-1: none) and how many it has.
struct CueMarks {
  std::vector<int> worst;
  std::vector<std::vector<const Finding*>> findings;
};

CueMarks mark_cues(const Report& report) {
  const std::size_t n = report.context.doc.cues.size();
  CueMarks marks{std::vector<int>(n, -1), std::vector<std::vector<const Finding*>>(n)};
  for (const Finding& f : report.findings) {
    if (f.cue == 0 || f.cue > n)
      continue;
    marks.worst[f.cue - 1] = std::max(marks.worst[f.cue - 1], static_cast<int>(f.severity));
    marks.findings[f.cue - 1].push_back(&f);
  }
  return marks;
}

struct Scale {
  std::int64_t end_ms = 1000;  // the timeline's right edge
  double width = kMinWidth;
  double px_per_ms = kMinWidth / 1000;
  double x(std::int64_t ms) const {
    return static_cast<double>(std::max<std::int64_t>(ms, 0)) * px_per_ms;
  }
};

Scale make_scale(const Context& context) {
  Scale scale;
  for (const Cue& cue : context.doc.cues)
    scale.end_ms = std::max({scale.end_ms, to_ms(cue.end), to_ms(cue.start)});
  if (context.film_duration)
    scale.end_ms = std::max(scale.end_ms, to_ms(*context.film_duration));
  const double seconds = static_cast<double>(scale.end_ms) / 1000;
  scale.width = std::clamp(seconds * kPxPerSecond, kMinWidth, kMaxWidth);
  scale.px_per_ms = scale.width / static_cast<double>(scale.end_ms);
  return scale;
}

void append_rect(std::string& out, std::string_view css, double x, double y, double w, double h) {
  out += "<rect class=\"";
  out += css;
  out += "\" x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(std::max(w, 1.0)) +
         "\" height=\"" + number(h) + "\">";
}

void append_marker_title(std::string& out, const std::vector<const Finding*>& findings) {
  out += "<title>";
  out += std::to_string(findings.size()) + (findings.size() == 1 ? " finding" : " findings");
  for (std::size_t i = 0; i < findings.size() && i < kMarkerMessages; ++i) {
    out += "\n";
    append_escaped(out, std::string(to_string(findings[i]->severity)) + " " + findings[i]->rule +
                            ": " + findings[i]->message);
  }
  if (findings.size() > kMarkerMessages)
    out += "\n…";
  out += "</title></rect>";
}

std::string cue_text(const Context& context, std::size_t i) {
  if (context.cues.size() != context.doc.cues.size())
    return plain_text(context.doc.cues[i]);
  std::string text;
  for (const std::string& line : context.cues[i].lines)
    text += (text.empty() ? "" : "\n") + line;
  return text;
}

constexpr double kMarkerTop = 2;
constexpr double kMarkerHeight = 10;
constexpr double kLaneTop = 16;
constexpr double kLaneHeight = 18;

// One bar per cue; overlapping cues go to the next lane. Returns the lanes' total height.
double append_cue_bars(std::string& out, const Report& report, const Scale& scale,
                       const CueMarks& marks) {
  const auto& cues = report.context.doc.cues;
  std::vector<std::int64_t> lane_end;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const std::int64_t start = to_ms(cues[i].start);
    const std::int64_t end = std::max(start, to_ms(cues[i].end));
    std::size_t lane = 0;
    while (lane < lane_end.size() && lane_end[lane] > start)
      ++lane;
    if (lane == lane_end.size() && lane_end.size() < kMaxLanes)
      lane_end.push_back(end);
    lane = std::min(lane, kMaxLanes - 1);
    lane_end[lane] = std::max(lane_end[lane], end);

    const double x = scale.x(start);
    const double w = scale.x(end) - x;
    append_rect(out, std::string("cue ") + std::string(severity_class(marks.worst[i])), x,
                kLaneTop + static_cast<double>(lane) * kLaneHeight, w, kLaneHeight - 4);
    out += "<title>Cue " + std::to_string(i + 1) + ", " + clock(cues[i].start) + " – " +
           clock(cues[i].end) + "\n";
    append_escaped(out, truncated(cue_text(report.context, i), kTooltipBytes));
    out += "</title></rect>";
    if (!marks.findings[i].empty()) {
      append_rect(out, std::string("mk ") + std::string(severity_class(marks.worst[i])), x,
                  kMarkerTop, std::max(w, 3.0), kMarkerHeight);
      append_marker_title(out, marks.findings[i]);
    }
  }
  return static_cast<double>(std::max<std::size_t>(lane_end.size(), 1)) * kLaneHeight;
}

// Cues counted into equal time buckets: bar height = cues, colour = worst finding.
double append_buckets(std::string& out, const Report& report, const Scale& scale,
                      const CueMarks& marks) {
  const auto& cues = report.context.doc.cues;
  const std::size_t buckets = std::min(kMaxBuckets, static_cast<std::size_t>(scale.width / 4));
  const double bucket_ms = static_cast<double>(scale.end_ms) / static_cast<double>(buckets);
  struct Bucket {
    std::size_t cues = 0, first = 0, last = 0;
    int worst = -1;
    std::vector<const Finding*> findings;
  };
  std::vector<Bucket> table(buckets);
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const auto b = std::min(
        buckets - 1,
        static_cast<std::size_t>(
            static_cast<double>(std::max<std::int64_t>(to_ms(cues[i].start), 0)) / bucket_ms));
    Bucket& bucket = table[b];
    if (bucket.cues++ == 0)
      bucket.first = i + 1;
    bucket.last = i + 1;
    bucket.worst = std::max(bucket.worst, marks.worst[i]);
    for (const Finding* f : marks.findings[i]) {
      if (bucket.findings.size() < kMarkerMessages)
        bucket.findings.push_back(f);
    }
  }
  std::size_t most = 1;
  for (const Bucket& bucket : table)
    most = std::max(most, bucket.cues);
  constexpr double kBarHeight = 3 * kLaneHeight;
  const double px = scale.width / static_cast<double>(buckets);
  for (std::size_t b = 0; b < buckets; ++b) {
    const Bucket& bucket = table[b];
    if (bucket.cues == 0)
      continue;
    const double h =
        std::max(2.0, kBarHeight * static_cast<double>(bucket.cues) / static_cast<double>(most));
    const auto from = static_cast<std::int64_t>(static_cast<double>(b) * bucket_ms);
    const auto to = static_cast<std::int64_t>(static_cast<double>(b + 1) * bucket_ms);
    append_rect(out, std::string("cue ") + std::string(severity_class(bucket.worst)),
                static_cast<double>(b) * px, kLaneTop + kBarHeight - h, px - 0.5, h);
    out += "<title>Cues " + std::to_string(bucket.first) + "–" + std::to_string(bucket.last) +
           " (" + std::to_string(bucket.cues) + "), " + mmss(from / 1000) + "–" + mmss(to / 1000) +
           "</title></rect>";
    if (bucket.worst >= 0) {
      append_rect(out, std::string("mk ") + std::string(severity_class(bucket.worst)),
                  static_cast<double>(b) * px, kMarkerTop, px - 0.5, kMarkerHeight);
      append_marker_title(out, bucket.findings);
    }
  }
  return kBarHeight;
}

void append_axis(std::string& out, const Scale& scale, double top) {
  constexpr std::array<std::int64_t, 16> kSteps = {1,   2,   5,   10,   15,   30,   60,    120,
                                                   300, 600, 900, 1800, 3600, 7200, 18000, 36000};
  std::int64_t step = kSteps.back();
  for (const std::int64_t s : kSteps) {
    if (static_cast<double>(s * 1000) * scale.px_per_ms >= 70) {
      step = s;
      break;
    }
  }
  for (std::int64_t t = 0; t * 1000 <= scale.end_ms; t += step) {
    const std::string x = number(scale.x(t * 1000));
    out += "<line class=\"tick\" x1=\"";
    out += x;
    out += "\" x2=\"";
    out += x;
    out += "\" y1=\"0\" y2=\"";
    out += number(top + 4);
    out += "\"/><text x=\"";
    out += x;
    out += "\" y=\"";
    out += number(top + 16);
    out += "\">";
    out += mmss(t);
    out += "</text>";
  }
}

std::string timeline_svg(const Report& report, const CueMarks& marks) {
  const Scale scale = make_scale(report.context);
  std::string bars;
  const bool bucketed = report.context.doc.cues.size() > kMaxCueBars;
  const double lanes = bucketed ? append_buckets(bars, report, scale, marks)
                                : append_cue_bars(bars, report, scale, marks);
  const double axis = kLaneTop + lanes + 2;
  const double height = axis + 22;
  std::string out;
  out.reserve(bars.size() + 4096);
  out += "<svg id=\"kq-timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
         number(scale.width + 40) + "\" height=\"" + number(height) + "\" data-mode=\"" +
         (bucketed ? "buckets" : "cues") + "\"><g transform=\"translate(20,0)\">";
  append_axis(out, scale, axis);
  out += bars;
  if (report.context.film_duration) {
    const std::string x = number(scale.x(to_ms(*report.context.film_duration)));
    out += "<line class=\"film\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"0\" y2=\"" + number(axis) +
           "\"><title>end of the film, " + clock(*report.context.film_duration) + "</title></line>";
  }
  out += "</g></svg>";
  return out;
}

void append_row(std::string& out, std::string_view label, std::string_view value,
                std::string_view note = "") {
  out += "<tr><th>";
  out += label;
  out += "</th><td>";
  append_escaped(out, value.empty() ? "unknown" : value);
  if (!note.empty()) {
    out += " <span class=\"dim\">(";
    append_escaped(out, note);
    out += ")</span>";
  }
  out += "</td></tr>";
}

std::string header_html(const Report& report) {
  const Context& context = report.context;
  std::string out = "<header><h1>kopru qa: ";
  append_escaped(out, report.path);
  out += "</h1><table class=\"facts\">";
  append_row(out, "File", report.path);
  if (!report.source_path.empty())
    append_row(out, "Source track", report.source_path);
  if (!report.film_path.empty())
    append_row(out, "Film", report.film_path,
               context.film_duration ? clock(*context.film_duration) : "");
  append_row(out, "Language", language_text(context), context.language_source);
  append_row(out, "Profile", context.profile.name, context.profile.origin);
  append_row(out, "Frame rate", context.fps.to_string() + " fps", context.fps_source);
  append_row(out, "Counting rule", kCountingRule);
  append_row(out, "Cues", std::to_string(context.doc.cues.size()));
  out += "</table></header>";
  return out;
}

// The checks that found something, in rule order (unknown names last): the table's select and
// the data rows refer to them by index.
std::vector<std::pair<std::string, std::string>> found_checks(const Report& report) {
  std::map<std::string, std::string, std::less<>> found;
  for (const Finding& f : report.findings)
    found.emplace(f.check, f.rule);
  std::vector<std::pair<std::string, std::string>> checks;
  for (const CheckInfo& check : all_checks()) {
    if (const auto it = found.find(check.name); it != found.end()) {
      checks.emplace_back(it->first, it->second);
      found.erase(it);
    }
  }
  for (auto& [name, rule] : found)
    checks.emplace_back(name, rule);
  return checks;
}

std::string summary_html(const Report& report,
                         const std::vector<std::pair<std::string, std::string>>& checks) {
  const Summary summary = summarize(report.findings);
  std::string out = "<section><h2>Summary</h2><p class=\"counts\">";
  for (int s = 2; s >= 0; --s) {
    const auto severity = static_cast<Severity>(s);
    out += "<span class=\"badge " + std::string(severity_class(s)) + "\">" +
           std::to_string(summary.count(severity)) + " " + std::string(to_string(severity)) +
           (summary.count(severity) == 1 ? "" : "s") + "</span> ";
  }
  out += "</p>";
  if (!checks.empty()) {
    out +=
        "<table class=\"by-check\"><thead><tr><th>Rule</th><th>Check</th><th>Findings</th>"
        "</tr></thead><tbody>";
    for (std::size_t i = 0; i < checks.size(); ++i) {
      out += "<tr data-check=\"" + std::to_string(i) + "\"><td>";
      append_escaped(out, checks[i].second);
      out += "</td><td><a href=\"#kq-findings\">";
      append_escaped(out, checks[i].first);
      out += "</a></td><td>" + std::to_string(summary.by_check.find(checks[i].first)->second) +
             "</td></tr>";
    }
    out += "</tbody></table>";
  }
  out += "</section>";
  return out;
}

std::string findings_html(const std::vector<std::pair<std::string, std::string>>& checks) {
  std::string out =
      "<section><h2 id=\"kq-findings\">Findings</h2><form id=\"kq-filter\" "
      "onsubmit=\"return false\">";
  for (int s = 2; s >= 0; --s) {
    out += "<label><input type=\"checkbox\" checked data-sev=\"" + std::to_string(s) + "\"> " +
           std::string(to_string(static_cast<Severity>(s))) + "</label> ";
  }
  out += "<label>Rule <select id=\"kq-check\"><option value=\"\">all rules</option>";
  for (std::size_t i = 0; i < checks.size(); ++i) {
    out += "<option value=\"" + std::to_string(i) + "\">";
    append_escaped(out, checks[i].second + " " + checks[i].first);
    out += "</option>";
  }
  out +=
      "</select></label> <span id=\"kq-status\"></span></form>"
      "<table class=\"findings\"><thead><tr><th>Cue</th><th>Time</th><th>Severity</th>"
      "<th>Rule</th><th>Check</th><th>Message</th><th>Fix</th></tr></thead>"
      "<tbody id=\"kq-rows\"></tbody></table>"
      "<button id=\"kq-more\" type=\"button\" hidden>Show more</button></section>";
  return out;
}

// Rows as compact arrays [cue, start_ms, end_ms, severity, check index, message, fix]: a
// 100,000-finding report stays a few megabytes and the table renders them page by page.
std::string data_json(const Report& report,
                      const std::vector<std::pair<std::string, std::string>>& checks) {
  using Json = nlohmann::json;
  std::map<std::string_view, std::size_t> index;
  Json check_list = Json::array();
  for (std::size_t i = 0; i < checks.size(); ++i) {
    index.emplace(checks[i].first, i);
    check_list.push_back({{"name", checks[i].first}, {"rule", checks[i].second}});
  }
  Json rows = Json::array();
  for (const Finding& f : report.findings) {
    rows.push_back({f.cue, to_ms(f.start), to_ms(f.end), static_cast<int>(f.severity),
                    index.at(f.check), f.message, f.fix});
  }
  const Json data = {{"severities", {"note", "warning", "error"}},
                     {"checks", std::move(check_list)},
                     {"rows", std::move(rows)}};
  // In a <script> element only "</script" or "<!--" could end the data early: '<' is written as
  // an escape (it can only occur inside JSON strings), and '>' and '&' for good measure.
  const std::string text = data.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + 64);
  for (const char c : text) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

constexpr std::string_view kStyle = R"css(
body{font:14px/1.4 system-ui,sans-serif;margin:0 24px 40px;color:#1d232a;background:#fafbfc}
h1{font-size:20px;margin:18px 0 8px;word-break:break-all}h2{font-size:16px;margin:22px 0 8px}
table{border-collapse:collapse}th,td{text-align:left;padding:3px 10px;vertical-align:top}
.facts th{color:#57606a;font-weight:600}.dim{color:#6e7781}
.by-check td,.findings td,.findings th,.by-check th{border-bottom:1px solid #d8dee4}
.by-check tbody tr{cursor:pointer}.by-check tbody tr:hover{background:#eef2f6}
.findings{width:100%}.findings td:nth-child(6),.findings td:nth-child(7){white-space:pre-wrap}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;font-weight:600}
.badge.s2,tr.s2 .sev{background:#cf222e;color:#fff}.badge.s1,tr.s1 .sev{background:#bf8700;color:#fff}
.badge.s0,tr.s0 .sev{background:#0969da;color:#fff}
.scroll{overflow-x:auto;border:1px solid #d8dee4;background:#fff;padding:6px 0}
svg text{font-size:11px;fill:#57606a}svg .tick{stroke:#e4e8ec}svg .film{stroke:#8250df;stroke-width:2}
rect.cue.c{fill:#9aa7b4}rect.s0{fill:#0969da}rect.s1{fill:#d4a72c}rect.s2{fill:#cf222e}
rect.mk{opacity:.85}.legend span{margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
form label{margin-right:12px}#kq-status{color:#57606a}#kq-more{margin:10px 0;padding:4px 14px}
)css";

// Rendering is done by the page itself from the embedded data, with textContent only (no HTML
// is ever built from report data on the client). body data-ready="1" and data-rows tell a
// headless browser test that it ran.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var body = document.body;
  var data = JSON.parse(document.getElementById('kq-data').textContent);
  var rows = data.rows, checks = data.checks, names = data.severities;
  var tbody = document.getElementById('kq-rows'), more = document.getElementById('kq-more');
  var status = document.getElementById('kq-status'), select = document.getElementById('kq-check');
  var boxes = document.querySelectorAll('input[data-sev]');
  var PAGE = 1000, matching = [], shown = 0;
  function pad(n, w) { var s = String(n); while (s.length < w) s = '0' + s; return s; }
  function clock(ms) {
    var sign = ms < 0 ? '-' : ''; ms = Math.abs(ms);
    return sign + pad(Math.floor(ms / 3600000), 2) + ':' + pad(Math.floor(ms / 60000) % 60, 2) +
      ':' + pad(Math.floor(ms / 1000) % 60, 2) + ',' + pad(ms % 1000, 3);
  }
  function cell(tr, text, css) {
    var td = document.createElement('td'); td.textContent = text;
    if (css) td.className = css;
    tr.appendChild(td);
  }
  function render() {
    var end = Math.min(matching.length, shown + PAGE), part = document.createDocumentFragment();
    for (var i = shown; i < end; i++) {
      var r = rows[matching[i]], c = checks[r[4]], tr = document.createElement('tr');
      tr.className = 's' + r[3];
      cell(tr, r[0] > 0 ? String(r[0]) : 'track');
      cell(tr, r[0] > 0 ? clock(r[1]) + ' \u2013 ' + clock(r[2]) : '');
      cell(tr, names[r[3]], 'sev'); cell(tr, c.rule); cell(tr, c.name);
      cell(tr, r[5]); cell(tr, r[6]);
      part.appendChild(tr);
    }
    tbody.appendChild(part);
    shown = end;
    more.hidden = shown >= matching.length;
    status.textContent = 'showing ' + shown + ' of ' + matching.length + ' matching findings (' +
      rows.length + ' in all)';
    body.dataset.rows = String(shown);
    body.dataset.matching = String(matching.length);
  }
  function apply() {
    var wanted = [];
    for (var i = 0; i < boxes.length; i++) wanted[Number(boxes[i].dataset.sev)] = boxes[i].checked;
    var check = select.value === '' ? -1 : Number(select.value);
    matching = [];
    for (var j = 0; j < rows.length; j++) {
      if (wanted[rows[j][3]] && (check < 0 || rows[j][4] === check)) matching.push(j);
    }
    tbody.textContent = ''; shown = 0;
    render();
  }
  for (var i = 0; i < boxes.length; i++) boxes[i].addEventListener('change', apply);
  select.addEventListener('change', apply);
  more.addEventListener('click', render);
  var summary = document.querySelectorAll('tr[data-check]');
  for (var k = 0; k < summary.length; k++) {
    summary[k].addEventListener('click', function () { select.value = this.dataset.check; apply(); });
  }
  apply();
  body.dataset.ready = '1';
})();
)js";

std::string legend_html(bool bucketed) {
  std::string out = "<p class=\"legend\">";
  out += bucketed ? "Cues counted per time bucket (bar height); " : "One bar per cue; ";
  out +=
      "the top row marks cues with findings. <span><i class=\"c\" style=\"background:#9aa7b4\">"
      "</i>no finding</span><span><i style=\"background:#0969da\"></i>note</span><span><i "
      "style=\"background:#d4a72c\"></i>warning</span><span><i style=\"background:#cf222e\"></i>"
      "error</span></p>";
  return out;
}

}  // namespace

std::string report_html(const Report& report) {
  const CueMarks marks = mark_cues(report);
  const auto checks = found_checks(report);
  const std::string data = data_json(report, checks);
  const std::string svg = timeline_svg(report, marks);
  std::string out;
  out.reserve(data.size() + svg.size() + 16384);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      // Self-contained: the page may not load anything, whatever a cue says.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
      "<title>kopru qa: ";
  append_escaped(out, report.path);
  out += "</title><style>";
  out += kStyle;
  out +=
      "</style><script>window.addEventListener('error',function(e){document.documentElement."
      "dataset.jsError=String(e.message);});</script></head><body>";
  out += header_html(report);
  out += summary_html(report, checks);
  out += "<section><h2>Timeline</h2>";
  out += legend_html(report.context.doc.cues.size() > kMaxCueBars);
  out += "<div class=\"scroll\">" + svg + "</div></section>";
  out += findings_html(checks);
  out += "<script type=\"application/json\" id=\"kq-data\">" + data + "</script><script>";
  out += kScript;
  out += "</script></body></html>\n";
  return out;
}

}  // namespace kopru::qa
