#include <atomic>
#include <filesystem>
#include <map>
#include <optional>

#include "codecs/registry.h"
#include "pipeline/cli/app.h"
#include "pipeline/cli/translit_filter.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"
#include "pipeline/core/parallel.h"
#include "pipeline/io/load.h"
#include "pipeline/translit/document.h"

namespace kopru::cli {

namespace fs = std::filesystem;

namespace {

struct Plan {
  fs::path input;
  fs::path output;
};

std::optional<FrameRate> parse_fps_option(const std::string& fps) {
  if (fps.empty())
    return std::nullopt;
  auto rate = FrameRate::parse(fps);
  if (!rate)
    throw UsageError("--fps: '" + fps + "' is not a frame rate (e.g. 25, 23.976, 30000/1001)");
  return rate;
}

// Refuses before any work starts: two inputs that would land on one output, an output that is an
// input, an unknown format.
std::vector<Plan> plan_outputs(const ConvertArgs& args, const codecs::Codec* to,
                               const std::optional<TranslitPlan>& translit) {
  if (args.inputs.empty())
    throw UsageError("convert: no input files");
  if (args.output.empty() == args.out_dir.empty()) {
    throw UsageError("convert: give exactly one of -o OUT or --out-dir DIR");
  }
  if (!args.output.empty() && args.inputs.size() > 1) {
    throw UsageError("convert: -o takes one input; use --out-dir DIR for " +
                     std::to_string(args.inputs.size()) + " inputs");
  }
  if (!args.out_dir.empty() && to == nullptr && !args.keep_format) {
    throw UsageError("convert: --out-dir needs --to FORMAT");
  }
  const std::string extension = to != nullptr ? "." + std::string(to->preferred_extension()) : "";
  std::vector<Plan> plans;
  std::map<fs::path, fs::path> taken;
  for (const auto& in : args.inputs) {
    Plan plan{in, {}};
    if (!args.output.empty()) {
      plan.output = args.output;
    } else {
      const fs::path name = fs::path(in).filename();
      const std::string ext = extension.empty() ? name.extension().string() : extension;
      plan.output = fs::path(args.out_dir) /
                    (translit ? translit::retag_filename(name.string(), translit->direction, ext)
                              : name.stem().string() + ext);
    }
    const fs::path key = fs::weakly_canonical(plan.output);
    if (auto [it, fresh] = taken.emplace(key, plan.input); !fresh) {
      throw UsageError("convert: " + it->second.string() + " and " + in +
                       " would both be written to " + plan.output.string());
    }
    std::error_code ec;
    if (fs::exists(plan.input, ec) && fs::exists(plan.output, ec) &&
        fs::equivalent(plan.input, plan.output, ec)) {
      throw UsageError("convert: refusing to overwrite the input " + in);
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace

int convert(const ConvertArgs& args, Console& console) {
  const codecs::Codec* to = nullptr;
  if (!args.to.empty()) {
    to = codecs::find_codec(args.to);
    if (to == nullptr)
      throw UsageError("--to: unknown format '" + args.to + "' (see kopru formats)");
  }
  if (!args.from.empty() && codecs::find_codec(args.from) == nullptr) {
    throw UsageError("--from: unknown format '" + args.from + "' (see kopru formats)");
  }
  const auto fps = parse_fps_option(args.fps);
  std::optional<TranslitPlan> translit;
  if (!args.translit.empty())
    translit = plan_translit(args.translit, args.apostrophes);
  else if (!args.apostrophes.empty())
    throw UsageError("--apostrophes applies to transliteration only (--translit FROM:TO)");
  const std::vector<Plan> plans = plan_outputs(args, to, translit);
  const unsigned jobs = args.jobs == 0 ? default_jobs() : args.jobs;
  // Resolve the output format of -o before reading anything, so a typo costs nothing.
  io::SaveOptions save;
  save.format = to != nullptr ? std::string(to->name) : "";
  save.bom = args.bom;
  save.crlf = args.crlf;
  save.write.fps = fps;
  save.write.charset = args.charset;
  save.replace = args.replace;
  save.input_format_fallback = args.keep_format;
  if (!args.output.empty() && !args.keep_format)
    (void)io::output_codec(plans.front().output, save);
  if (!args.out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(args.out_dir, ec);
    if (ec)
      throw EnvironmentError(args.out_dir + ": cannot create folder: " + ec.message());
  }

  io::LoadOptions load;
  load.format = args.from;
  load.encoding = args.encoding;
  load.lenient = args.lenient;
  load.read.fps = fps;
  load.read.strict = args.strict;

  std::vector<int> results(plans.size(), kExitOk);
  std::atomic<std::size_t> done{0};
  // One file uses the cores for its cues; many files use them one file each.
  const unsigned cue_jobs = plans.size() == 1 ? jobs : 1;
  parallel_for(plans.size(), jobs, [&](std::size_t i) {
    const Plan& plan = plans[i];
    Diagnostics diag(plan.input.string());
    try {
      std::unique_ptr<io::DocumentFilter> filter;
      if (translit)
        filter = make_translit_filter(*translit, cue_jobs);
      const io::ConvertResult result =
          io::convert_file(plan.input, plan.output, load, save, args.strict, diag, filter.get());
      console.diagnostics(diag, args.strict);
      if (!result.written) {
        console.error(plan.input.string() + ": error: not converted (" +
                      (args.strict ? "--strict: warnings are errors" : "errors above") + ")");
        results[i] = kExitBadInput;
      }
    } catch (const InputError& e) {
      console.diagnostics(diag, args.strict);
      console.error(e.formatted());
      results[i] = kExitBadInput;
    } catch (const UsageError& e) {
      console.error(plan.input.string() + ": error: " + e.what());
      results[i] = kExitUsage;
    } catch (const EnvironmentError& e) {
      console.error(std::string("error: ") + e.what());
      results[i] = kExitEnvironment;
    } catch (const std::bad_alloc&) {
      console.error(plan.input.string() + ": error: out of memory");
      results[i] = kExitEnvironment;
    } catch (const std::exception& e) {
      console.error(plan.input.string() + ": internal error: " + e.what());
      results[i] = kExitInternal;
    }
    console.progress(++done, plans.size());
  });
  console.finish_progress();
  int exit_code = kExitOk;
  std::size_t failed = 0;
  for (int r : results) {
    exit_code = worse_exit(exit_code, r);
    if (r != kExitOk)
      ++failed;
  }
  if (plans.size() > 1) {
    console.info("converted " + std::to_string(plans.size() - failed) + " of " +
                 std::to_string(plans.size()) + " files");
  }
  return exit_code;
}

}  // namespace kopru::cli
