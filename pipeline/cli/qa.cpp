#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "pipeline/cli/app.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"
#include "pipeline/io/files.h"
#include "pipeline/io/load.h"
#include "pipeline/media/probe.h"
#include "pipeline/qa/checks.h"
#include "pipeline/qa/fixes.h"
#include "pipeline/qa/report.h"
#include "pipeline/text/scripts.h"

namespace kopru::cli {

namespace {

namespace fs = std::filesystem;

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note" || text == "info")
    return Severity::note;
  if (text == "warning")
    return Severity::warning;
  if (text == "error")
    return Severity::error;
  return std::nullopt;
}

// The track's language: --lang, then the file (TTML xml:lang, WebVTT Language:, ...), then its
// name; otherwise the script its letters are written in ("und-Cyrl").
void resolve_language(qa::Context& context, const QaArgs& args, const Diagnostics& load_diag) {
  if (!args.lang.empty()) {
    const auto tag = LanguageTag::parse(args.lang);
    if (!tag)
      throw UsageError("--lang: '" + args.lang + "' is not a BCP 47 language tag");
    context.language = *tag;
    context.language_source = "--lang";
    return;
  }
  if (!context.doc.meta.language.empty()) {
    context.language = context.doc.meta.language;
    context.language_source = "file";
    for (const auto& d : load_diag.all()) {
      if (d.code == "language-from-filename")
        context.language_source = "file name";
    }
    return;
  }
  std::string text;
  for (const Cue& cue : context.doc.cues) {
    text += plain_text(cue);
    text += '\n';
    if (text.size() > (1U << 20U))
      break;
  }
  const auto scripts = text::count_scripts(text);
  if (!scripts.empty()) {
    context.language = *LanguageTag::parse("und-" + scripts.front().code);
    context.language_source = "detected";
  }
}

// Frames are counted at --fps, else the film's rate, the file's own, the profile's, else 23.976
// (said in the report).
void resolve_fps(qa::Context& context, const QaArgs& args, const std::optional<FrameRate>& film) {
  if (!args.fps.empty()) {
    const auto rate = FrameRate::parse(args.fps);
    if (!rate)
      throw UsageError("--fps: '" + args.fps + "' is not a frame rate (25, 23.976, 30000/1001)");
    context.fps = *rate;
    context.fps_source = "--fps";
  } else if (film) {
    context.fps = *film;
    context.fps_source = "film";
  } else if (context.doc.meta.frame_rate) {
    context.fps = *context.doc.meta.frame_rate;
    context.fps_source = "file";
  } else if (context.profile.frame_rate) {
    context.fps = *context.profile.frame_rate;
    context.fps_source = "profile";
  } else {
    context.fps = FrameRate{24000, 1001};
    context.fps_source = "default";
  }
}

qa::Profile make_profile(const QaArgs& args, const LanguageTag& language) {
  const bool file = args.profile.ends_with(".xml") || fs::exists(args.profile);
  std::optional<qa::Profile> profile = qa::builtin_profile(file ? "netflix" : args.profile);
  if (!profile) {
    std::string names;
    for (const auto& n : qa::builtin_profile_names())
      names += (names.empty() ? "" : ", ") + n;
    throw UsageError("--profile: no built-in profile '" + args.profile + "' (built in: " + names +
                     "; or give a profile .xml file)");
  }
  qa::apply_language_defaults(*profile, language);
  if (file)
    qa::apply_profile_file(*profile, args.profile);
  return *profile;
}

void write_report(const std::string& path, const std::string& text) {
  io::write_file_atomic(path, text);
}

}  // namespace

int qa_verb(const QaArgs& args, Console& console) {
  if (args.list) {
    if (args.json) {
      nlohmann::json checks = nlohmann::json::array();
      for (const qa::CheckInfo& c : qa::all_checks()) {
        checks.push_back({{"check", c.name},
                          {"rule", c.rule},
                          {"group", c.group},
                          {"severity", to_string(c.severity)},
                          {"needs_source", c.needs_source},
                          {"summary", c.summary}});
      }
      std::cout << checks.dump(2) << '\n';
    } else {
      for (const qa::CheckInfo& c : qa::all_checks()) {
        std::printf("%-6s %-17s %-8s %-8s %s\n", std::string(c.rule).c_str(),
                    std::string(c.name).c_str(), std::string(c.group).c_str(),
                    std::string(to_string(c.severity)).c_str(), std::string(c.summary).c_str());
      }
    }
    return kExitOk;
  }
  if (args.input.empty())
    throw UsageError("qa: give the subtitle file to check (or --list)");
  const auto fail_on = parse_severity(args.fail_on);
  if (!fail_on)
    throw UsageError("--fail-on: give note, warning or error");
  if (args.fix != !args.output.empty())
    throw UsageError("qa: --fix and -o OUT go together");
  Diagnostics load_diag(args.input);
  io::Loaded loaded = io::load_file(args.input, io::LoadOptions{}, load_diag);
  console.diagnostics(load_diag, false);

  std::optional<io::Loaded> source;
  if (!args.source.empty()) {
    Diagnostics source_diag(args.source);
    source = io::load_file(args.source, io::LoadOptions{}, source_diag);
    console.diagnostics(source_diag, false);
  }
  std::optional<FrameRate> film_rate;
  std::optional<Time> film_duration;
  if (!args.film.empty()) {
    Diagnostics film_diag(args.film);
    const media::MediaInfo film = media::probe(args.film, film_diag);
    console.diagnostics(film_diag, false);
    film_duration = from_ms(std::llround(film.duration_seconds * 1000));
    for (const auto& s : film.streams) {
      if (s.type == "video" && !s.frame_rate.empty() && !film_rate)
        film_rate = FrameRate::parse(s.frame_rate);
    }
  }

  // The language decides the profile's defaults, so it is resolved against a provisional context.
  const qa::Profile base = *qa::builtin_profile("netflix");
  qa::Context probe_context(loaded.doc, base);
  resolve_language(probe_context, args, load_diag);
  const qa::Profile profile = make_profile(args, probe_context.language);

  qa::Context context(loaded.doc, profile);
  context.language = probe_context.language;
  context.language_source = probe_context.language_source;
  context.film_duration = film_duration;
  context.source = source ? &source->doc : nullptr;
  resolve_fps(context, args, film_rate);
  qa::measure(context);
  const std::vector<qa::Finding> findings = qa::run_checks(context);

  const qa::Report report{args.input, args.source, args.film, context, findings};
  if (args.json)
    std::cout << qa::report_json(report);
  else
    std::cout << qa::report_text(report);
  if (!args.junit.empty())
    write_report(args.junit, qa::report_junit(report));
  if (!args.html.empty())
    write_report(args.html, qa::report_html(report));

  if (args.fix) {
    std::vector<qa::Change> changes;
    const Document fixed = qa::apply_fixes(context, changes);
    for (const auto& change : changes) {
      console.info(args.output + ": cue " + std::to_string(change.cue) + ": fixed (" +
                   change.check + "): \"" + change.before + "\" -> \"" + change.after + "\"");
    }
    Diagnostics save_diag(args.output);
    io::SaveOptions save;
    save.input_format_fallback = true;
    io::save_file(fixed, args.output, save, save_diag);
    console.diagnostics(save_diag, false);
    console.info(args.output + ": " + std::to_string(changes.size()) + " changes");
  }
  for (const auto& f : findings) {
    if (f.severity >= *fail_on)
      return kExitFindings;
  }
  return kExitOk;
}

}  // namespace kopru::cli
