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
  cmd->add_option("--to", a.to, "Output format: srt, vtt, ass, microdvd, sbv, json");
  cmd->add_option("--from", a.from, "Input format, when detection should be skipped");
  cmd->add_option("--encoding", a.encoding, "Input encoding (default: detect)");
  cmd->add_option("--fps", a.fps, "Frame rate for frame-based formats (25, 23.976, 30000/1001)");
  cmd->add_flag("--strict", a.strict, "Treat warnings (repaired input) as errors");
  cmd->add_flag("--lenient", a.lenient, "Replace invalid byte sequences instead of failing");
  cmd->add_flag("--bom", a.bom, "Write a UTF-8 byte order mark");
  cmd->add_flag("--crlf", a.crlf, "Write CRLF line endings");
  cmd->add_option("-j,--jobs", a.jobs, "Parallel conversions (default: one per core)")
      ->check(CLI::Range(1U, 1024U));
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
  bool formats_json = false;
  add_convert(app, convert_args);
  add_info(app, info_args);
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
