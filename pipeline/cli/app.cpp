#include "pipeline/cli/app.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"

namespace kopru::cli {

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 1 findings at the failing severity, 2 usage, 3 bad input, 4 environment "
    "or I/O.";

void add_convert(CLI::App& app, ConvertArgs& a) {
  auto* cmd = app.add_subcommand(
      "convert", "Convert subtitle files between formats through Kopru's one model.");
  cmd->footer(std::string("Examples:\n  kopru convert film.srt -o film.vtt\n"
                          "  kopru convert *.srt --out-dir out/ --to ass --jobs 4\n") +
              kExitCodes);
  cmd->add_option("inputs", a.inputs, "Input subtitle files")->required();
  cmd->add_option("-o,--output", a.output, "Output file (one input); format from its extension");
  cmd->add_option("--out-dir", a.out_dir, "Output folder (any number of inputs); needs --to");
  cmd->add_option(
      "--to", a.to,
      "Output format (see kopru formats): srt, vtt, ass, ttml, imsc, ebu-tt-d, dfxp, stl, scc...");
  cmd->add_option("--from", a.from, "Input format, when detection should be skipped");
  cmd->add_option("--encoding", a.encoding, "Input encoding (default: detect)");
  cmd->add_option("--fps", a.fps, "Frame rate for frame-based formats (25, 23.976, 30000/1001)");
  cmd->add_flag("--strict", a.strict, "Treat warnings (repaired input) as errors");
  cmd->add_flag("--lenient", a.lenient, "Replace invalid byte sequences instead of failing");
  cmd->add_flag("--bom", a.bom, "Write a UTF-8 byte order mark");
  cmd->add_flag("--crlf", a.crlf, "Write CRLF line endings");
  cmd->add_option("-j,--jobs", a.jobs, "Parallel conversions (default: one per core)")
      ->check(CLI::Range(1U, 1024U));
  cmd->add_option("--translit", a.translit,
                  "Transliterate in the same pass, FROM:TO (e.g. uz-Cyrl:uz-Latn)");
  cmd->add_option("--apostrophes", a.apostrophes,
                  "Uzbek apostrophes with --translit: unicode (default), typographic, ascii");
  cmd->add_flag("--replace", a.replace,
                "Replace characters the output format cannot store by documented fallbacks "
                "(reported one by one) instead of refusing the file");
  cmd->add_option("--charset", a.charset,
                  "Character table of the output where the format has several (EBU STL: latin, "
                  "cyrillic, arabic, greek, hebrew)");
}

void add_translit(CLI::App& app, TranslitArgs& a) {
  auto* cmd = app.add_subcommand(
      "translit", "Transliterate subtitle tracks between the scripts of a Turkic language.");
  cmd->footer(
      std::string("Examples:\n  kopru translit film.uz-Cyrl.srt --out-dir out/ --from uz-Cyrl "
                  "--to uz-Latn\n  echo 'Юлдуз' | kopru translit --text --from uz-Cyrl "
                  "--to uz-Latn\n  kopru translit --list\n") +
      kExitCodes);
  ConvertArgs& f = a.files;
  cmd->add_option("inputs", f.inputs, "Input subtitle files (any format Kopru reads)");
  cmd->add_option("-o,--output", f.output, "Output file (one input)");
  cmd->add_option("--out-dir", f.out_dir,
                  "Output folder; names get the new tag (film.uz-Cyrl.srt -> film.uz-Latn.srt)");
  cmd->add_option("--from", a.from, "Source language and script, e.g. uz-Cyrl");
  cmd->add_option("--to", a.to, "Target language and script, e.g. uz-Latn");
  cmd->add_option("--apostrophes", f.apostrophes,
                  "Uzbek apostrophes: unicode (ʻ ʼ, default), typographic (‘ ’), ascii (')");
  cmd->add_option("--format", f.to, "Output format (default: the input's)");
  cmd->add_option("--input-format", f.from, "Input format, when detection should be skipped");
  cmd->add_option("--encoding", f.encoding, "Input encoding (default: detect)");
  cmd->add_option("--fps", f.fps, "Frame rate for frame-based formats");
  cmd->add_flag("--strict", f.strict, "Treat warnings (normalised input) as errors");
  cmd->add_flag("--lenient", f.lenient, "Replace invalid byte sequences instead of failing");
  cmd->add_flag("--bom", f.bom, "Write a UTF-8 byte order mark");
  cmd->add_flag("--crlf", f.crlf, "Write CRLF line endings");
  cmd->add_option("-j,--jobs", f.jobs, "Threads (default: one per core)")
      ->check(CLI::Range(1U, 1024U));
  cmd->add_flag("--replace", f.replace,
                "Replace characters the output format cannot store by documented fallbacks "
                "(reported one by one) instead of refusing the file");
  cmd->add_option("--charset", f.charset,
                  "Character table of the output where the format has several (EBU STL: latin, "
                  "cyrillic, arabic, greek, hebrew)");
  cmd->add_flag("--text", a.text, "Read plain UTF-8 text on stdin, write the result on stdout");
  cmd->add_flag("--list", a.list, "List the directions and their status");
  cmd->add_flag("--json", a.json, "With --list: machine-readable output");
}

void add_info(CLI::App& app, InfoArgs& a) {
  auto* cmd = app.add_subcommand(
      "info", "Describe a subtitle file: format, encoding, cues, times, languages, scripts.");
  cmd->footer(kExitCodes);
  cmd->add_option("input", a.input, "Subtitle file")->required();
  cmd->add_option("--from", a.from, "Input format, when detection should be skipped");
  cmd->add_option("--encoding", a.encoding, "Input encoding (default: detect)");
  cmd->add_option("--fps", a.fps, "Frame rate for frame-based formats");
  auto* json = cmd->add_flag("--json", a.json, "Machine-readable output");
  cmd->add_flag("--dump", a.dump, "Print the parsed model as Kopru's text dump")->excludes(json);
  cmd->add_flag("--lenient", a.lenient, "Replace invalid byte sequences instead of failing");
}

void add_probe(CLI::App& app, ProbeArgs& a) {
  auto* cmd = app.add_subcommand(
      "probe", "Describe a film: container, streams, languages (BCP 47), dispositions, chapters.");
  cmd->footer(kExitCodes);
  cmd->add_option("film", a.input, "Film (MKV, MP4, MOV, TS, ...)")->required();
  cmd->add_flag("--json", a.json, "Machine-readable output");
}

void add_extract(CLI::App& app, ExtractArgs& a) {
  auto* cmd = app.add_subcommand(
      "extract", "Take text subtitle tracks out of a film, in any format Kopru writes.");
  cmd->footer(std::string("Examples:\n  kopru extract film.mkv --all --out-dir subs/\n"
                          "  kopru extract film.mkv --track 2 -o film.uz.vtt\n") +
              kExitCodes);
  cmd->add_option("film", a.input, "Film (MKV, MP4, MOV, TS, ...)")->required();
  cmd->add_option("--track", a.tracks, "Stream index (see kopru probe); repeatable");
  cmd->add_flag("--all", a.all, "Every text subtitle track");
  cmd->add_option("-o,--output", a.output, "Output file (one track)");
  cmd->add_option("--out-dir", a.out_dir,
                  "Output folder: <film>.<index>.<language>.<ext> for each track");
  cmd->add_option("--to", a.to, "Output format (default: the track's own: srt, ass or vtt)");
}

void add_mux(CLI::App& app, MuxArgs& a) {
  auto* cmd = app.add_subcommand(
      "mux", "Write a film with new subtitle and dubbed audio tracks; picture and sound copied.");
  cmd->footer(
      std::string(
          "Track settings: FILE:lang=TAG[:title=T][:default][:forced][:hi] for subtitles,\n"
          "FILE:lang=TAG[:title=T][:default][:dub] for audio. MKV keeps SubRip, ASS and\n"
          "WebVTT; MP4/MOV take mov_text. Language tags are written in full (Matroska\n"
          "LanguageBCP47, MP4 elng) beside the ISO 639-2 code.\n"
          "Examples:\n"
          "  kopru mux film.mkv -o out.mkv --add-subtitle film.uz-Latn.srt:lang=uz-Latn:default\n"
          "  kopru mux film.mp4 -o out.mp4 --add-audio dub.m4a:lang=kk-Cyrl:dub --drop-track 2\n") +
      kExitCodes);
  cmd->add_option("film", a.film, "Film (MKV, MP4, MOV, TS, ...)")->required();
  cmd->add_option("-o,--output", a.output, "Output film: .mkv, .mka, .webm, .mp4, .m4v or .mov")
      ->required();
  cmd->add_option("--add-subtitle", a.subtitles,
                  "Subtitle file (any format Kopru reads) and its settings");
  cmd->add_option("--add-audio", a.audio,
                  "Audio file (any libav reads, stream-copied) and its settings");
  cmd->add_option("--drop-track", a.drop_tracks, "Leave out this film stream (see kopru probe)");
  cmd->add_option("--keep-only-langs", a.keep_only_langs,
                  "Keep only audio and subtitle tracks in these languages (uz,kk-Cyrl)");
}

void add_qa(CLI::App& app, QaArgs& a) {
  auto* cmd = app.add_subcommand(
      "qa",
      "Check a subtitle track: timing, reading speed, layout, script and language, and "
      "against its source track.");
  cmd->footer(std::string("Exit 1 when a finding is at or above --fail-on (default error).\n"
                          "Examples:\n"
                          "  kopru qa film.uz-Latn.srt --source film.en.srt --html report.html\n"
                          "  kopru qa film.kk-Cyrl.vtt --profile partner.xml --json\n"
                          "  kopru qa film.tr.srt --fix -o film.tr.fixed.srt\n") +
              kExitCodes);
  cmd->add_option("file", a.input, "Subtitle file (any format Kopru reads)");
  cmd->add_flag("--list", a.list, "List the checks (name, rule, group, default severity)");
  cmd->add_option("--lang", a.lang, "The track's language (BCP 47), if the file does not say");
  cmd->add_option("--fps", a.fps, "Frame rate for frame-based limits");
  cmd->add_option("--profile", a.profile, "Built-in profile (netflix) or a profile .xml file");
  cmd->add_option("--source", a.source, "The track this one was translated from");
  cmd->add_option("--film", a.film, "The film: its duration and frame rate");
  cmd->add_flag("--json", a.json, "Findings as JSON on stdout");
  cmd->add_option("--junit", a.junit, "Also write a JUnit XML report");
  cmd->add_option("--html", a.html, "Also write an HTML report");
  cmd->add_option("--fail-on", a.fail_on, "note, warning or error (default)");
  cmd->add_flag("--fix", a.fix, "Apply the safe fixes and write the result to -o");
  cmd->add_option("-o,--output", a.output, "Fixed file (with --fix)");
}

void add_validate(CLI::App& app, ValidateArgs& a) {
  auto* cmd = app.add_subcommand(
      "validate", "Check TTML documents against a delivery profile; report every violation.");
  cmd->footer(std::string("Exit 1 when any document violates the profile.\n"
                          "Examples:\n"
                          "  kopru validate film.ttml --profile imsc1.1-text\n"
                          "  kopru validate *.xml --profile ebu-tt-d --json\n") +
              kExitCodes);
  cmd->add_option("files", a.inputs, "TTML documents")->required();
  cmd->add_option("--profile", a.profile, "imsc1.1-text, ebu-tt-d or dfxp")->required();
  cmd->add_flag("--json", a.json, "Violations as JSON on stdout");
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"kopru: subtitle and dubbing workflow pipeline for Turkic film exchange"};
  app.require_subcommand(1);
  app.footer(kExitCodes);
  app.set_version_flag("--version", "kopru 0.1.0");
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "Print only errors");
  ConvertArgs convert_args;
  InfoArgs info_args;
  TranslitArgs translit_args;
  ProbeArgs probe_args;
  ExtractArgs extract_args;
  MuxArgs mux_args;
  QaArgs qa_args;
  ValidateArgs validate_args;
  bool formats_json = false;
  add_convert(app, convert_args);
  add_info(app, info_args);
  add_translit(app, translit_args);
  add_probe(app, probe_args);
  add_extract(app, extract_args);
  add_mux(app, mux_args);
  add_qa(app, qa_args);
  add_validate(app, validate_args);
  app.add_subcommand("formats", "List the subtitle formats Kopru reads and writes.")
      ->add_flag("--json", formats_json, "Machine-readable output");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  Console console(quiet);
  try {
    if (app.got_subcommand("convert"))
      return convert(convert_args, console);
    if (app.got_subcommand("extract"))
      return extract(extract_args, console);
    if (app.got_subcommand("qa"))
      return qa_verb(qa_args, console);
    if (app.got_subcommand("validate"))
      return validate(validate_args, console);
    if (app.got_subcommand("mux"))
      return mux(mux_args, console);
    if (app.got_subcommand("probe"))
      return probe(probe_args, console);
    if (app.got_subcommand("translit"))
      return translit(translit_args, console);
    if (app.got_subcommand("info"))
      return info(info_args, console);
    if (app.got_subcommand("formats"))
      return formats(formats_json);
  } catch (const InputError& e) {
    console.error(e.formatted());
    return kExitBadInput;
  } catch (const UsageError& e) {
    console.error(std::string("kopru: ") + e.what());
    return kExitUsage;
  } catch (const EnvironmentError& e) {
    console.error(std::string("kopru: error: ") + e.what());
    return kExitEnvironment;
  } catch (const std::exception& e) {
    console.error(std::string("kopru: internal error: ") + e.what());
    return kExitInternal;
  }
  return kExitUsage;
}

}  // namespace kopru::cli
