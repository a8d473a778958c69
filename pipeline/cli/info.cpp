#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "codecs/registry.h"
#include "pipeline/cli/app.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"
#include "pipeline/io/load.h"
#include "pipeline/model/dump.h"
#include "pipeline/text/scripts.h"

namespace kopru::cli {

namespace {

struct Summary {
  std::size_t cues = 0;
  std::size_t comments = 0;
  std::optional<Time> first_start;
  std::optional<Time> last_end;
  Time shown{};  // total time with a cue on screen, overlaps counted once
  std::size_t max_lines = 0;
  std::size_t characters = 0;
  std::set<std::string> languages;
  std::map<std::string, std::size_t> style_use;
  std::vector<text::ScriptCount> scripts;
};

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0U) != 0x80U ? 1 : 0;
  return n;
}

Summary summarise(const Document& doc) {
  Summary s;
  if (!doc.meta.language.empty())
    s.languages.insert(doc.meta.language.to_string());
  std::string all_text;
  std::vector<std::pair<Time, Time>> spans;
  for (const auto& cue : doc.cues) {
    if (cue.comment) {
      ++s.comments;
      continue;
    }
    ++s.cues;
    if (!s.first_start || cue.start < *s.first_start)
      s.first_start = cue.start;
    if (!s.last_end || cue.end > *s.last_end)
      s.last_end = cue.end;
    spans.emplace_back(cue.start, cue.end);
    if (!cue.language.empty())
      s.languages.insert(cue.language);
    if (!cue.style.empty())
      ++s.style_use[cue.style];
    std::size_t lines = 1;
    for (const auto& run : cue.runs) {
      if (run.kind == RunKind::line_break)
        ++lines;
      if (run.kind != RunKind::text)
        continue;
      s.characters += code_points(run.text);
      all_text += run.text;
      all_text += ' ';
      for (const auto& span : run.spans) {
        if (span.kind == SpanKind::lang && !span.annotation.empty()) {
          s.languages.insert(span.annotation);
        }
      }
    }
    s.max_lines = std::max(s.max_lines, lines);
  }
  std::sort(spans.begin(), spans.end());
  std::optional<std::pair<Time, Time>> current;
  for (const auto& [a, b] : spans) {
    if (b <= a)
      continue;
    if (current && a <= current->second) {
      current->second = std::max(current->second, b);
    } else {
      if (current)
        s.shown += current->second - current->first;
      current = std::make_pair(a, b);
    }
  }
  if (current)
    s.shown += current->second - current->first;
  s.scripts = text::count_scripts(all_text);
  return s;
}

}  // namespace

int info(const InfoArgs& args, Console& console) {
  io::LoadOptions load;
  load.format = args.from;
  load.encoding = args.encoding;
  load.lenient = args.lenient;
  if (!args.fps.empty()) {
    load.read.fps = FrameRate::parse(args.fps);
    if (!load.read.fps)
      throw UsageError("--fps: '" + args.fps + "' is not a frame rate");
  }
  Diagnostics diag(args.input);
  io::Loaded loaded;
  try {
    loaded = io::load_file(args.input, load, diag);
  } catch (const InputError&) {
    console.diagnostics(diag, false);
    throw;
  }
  const Document& doc = loaded.doc;
  if (args.dump) {
    std::fputs(dump(doc).c_str(), stdout);
    console.diagnostics(diag, false);
    return kExitOk;
  }
  const Summary s = summarise(doc);
  const Time duration = s.first_start && s.last_end ? *s.last_end - *s.first_start : Time{};
  if (args.json) {
    nlohmann::ordered_json j;
    j["path"] = args.input;
    j["format"] = loaded.codec->name;
    j["format_description"] = loaded.codec->description;
    j["probe_score"] = loaded.probe_score;
    j["size_bytes"] = loaded.size_bytes;
    if (!loaded.codec->binary) {
      j["encoding"] = loaded.encoding;
      j["encoding_confidence"] = loaded.encoding_confidence;
    }
    j["cues"] = s.cues;
    j["comments"] = s.comments;
    j["first_start_ms"] = s.first_start ? nlohmann::ordered_json(to_ms(*s.first_start)) : nullptr;
    j["last_end_ms"] = s.last_end ? nlohmann::ordered_json(to_ms(*s.last_end)) : nullptr;
    j["duration_ms"] = to_ms(duration);
    j["shown_ms"] = to_ms(s.shown);
    j["max_lines"] = s.max_lines;
    j["characters"] = s.characters;
    j["frame_rate"] =
        doc.meta.frame_rate ? nlohmann::ordered_json(doc.meta.frame_rate->to_string()) : nullptr;
    j["title"] = doc.meta.title;
    j["languages"] = s.languages;
    auto scripts = nlohmann::ordered_json::array();
    for (const auto& sc : s.scripts) {
      scripts.push_back({{"script", sc.code}, {"name", sc.name}, {"letters", sc.letters}});
    }
    j["scripts"] = scripts;
    auto styles = nlohmann::ordered_json::array();
    for (const auto& st : doc.styles) {
      const auto it = s.style_use.find(st.name);
      styles.push_back({{"name", st.name},
                        {"font", st.font},
                        {"size", st.font_size},
                        {"cues", it == s.style_use.end() ? 0 : it->second}});
    }
    j["styles"] = styles;
    auto diags = nlohmann::ordered_json::array();
    for (const auto& d : diag.all()) {
      diags.push_back({{"severity", to_string(d.severity)},
                       {"line", d.where.line},
                       {"column", d.where.column},
                       {"code", d.code},
                       {"message", d.message}});
    }
    j["diagnostics"] = diags;
    std::puts(j.dump(2).c_str());
    return kExitOk;
  }
  auto line = [](const std::string& key, const std::string& value) {
    std::printf("%-12s %s\n", (key + ":").c_str(), value.c_str());
  };
  line("file", args.input);
  line("format",
       std::string(loaded.codec->name) + " (" + std::string(loaded.codec->description) + ")");
  if (!loaded.codec->binary) {
    line("encoding",
         loaded.encoding + " (confidence " + std::to_string(loaded.encoding_confidence) + ")");
  }
  line("cues", std::to_string(s.cues) +
                   (s.comments ? " (+" + std::to_string(s.comments) + " comments)" : ""));
  line("first", s.first_start ? format_hms_ms(*s.first_start) : "-");
  line("last", s.last_end ? format_hms_ms(*s.last_end) : "-");
  line("duration", format_hms_ms(duration));
  line("shown", format_hms_ms(s.shown));
  line("max lines", std::to_string(s.max_lines));
  if (doc.meta.frame_rate)
    line("frame rate", doc.meta.frame_rate->to_string());
  if (!doc.meta.title.empty())
    line("title", doc.meta.title);
  std::string langs;
  for (const auto& l : s.languages)
    langs += (langs.empty() ? "" : ", ") + l;
  line("languages", langs.empty() ? "(not stated)" : langs);
  std::string scripts;
  for (const auto& sc : s.scripts) {
    scripts += (scripts.empty() ? "" : ", ") + sc.code + " " + std::to_string(sc.letters);
  }
  line("scripts", scripts.empty() ? "(no letters)" : scripts);
  std::string styles;
  for (const auto& st : doc.styles)
    styles += (styles.empty() ? "" : ", ") + st.name;
  if (!styles.empty())
    line("styles", styles);
  line("diagnostics", std::to_string(diag.all().size()));
  console.diagnostics(diag, false);
  return kExitOk;
}

int formats(bool json) {
  if (json) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& c : codecs::all_codecs()) {
      list.push_back({{"name", c.name},
                      {"description", c.description},
                      {"extensions", c.extensions},
                      {"binary", c.binary}});
    }
    std::puts(list.dump(2).c_str());
    return kExitOk;
  }
  for (const auto& c : codecs::all_codecs()) {
    std::printf("%-10s %-12s %s\n", std::string(c.name).c_str(), std::string(c.extensions).c_str(),
                std::string(c.description).c_str());
  }
  return kExitOk;
}

}  // namespace kopru::cli
