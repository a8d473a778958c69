#include <iostream>
#include <sstream>

#include "pipeline/cli/app.h"
#include "pipeline/cli/translit_filter.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"
#include "pipeline/core/lines.h"
#include "pipeline/translit/document.h"
#include "pipeline/translit/worker.h"

#include <nlohmann/json.hpp>

namespace kopru::cli {

namespace {

LanguageTag tag_option(const std::string& option, const std::string& value) {
  auto tag = LanguageTag::parse(value);
  if (!tag || tag->script().empty()) {
    throw UsageError(option + ": '" + value +
                     "' is not a language tag with a script (e.g. uz-Cyrl, kk-Latn, ug-Arab)");
  }
  return *tag;
}

// Streams cues in batches. With more than one job, a batch is cut into shares: this process
// converts the first, forked workers (translit/worker.h) the others, each with its own word cache.
class TranslitFilter : public io::DocumentFilter {
 public:
  TranslitFilter(const TranslitPlan& plan, unsigned jobs)
      : plan_(plan), jobs_(std::max(1U, jobs)), engine_(plan.compiled) {}

  void header(Document& header, Diagnostics& diag) override {
    translit::transliterate_header(header, engine_, diag);
  }
  void cue(Cue& cue, Diagnostics& diag) override {
    translit::transliterate_cue(cue, ++cues_, engine_, diag);
  }
  void cues(std::span<Cue> batch, Diagnostics& diag) override {
    const std::size_t shares = std::min<std::size_t>(jobs_, batch.size() / kMinimumShare + 1);
    if (shares <= 1) {
      io::DocumentFilter::cues(batch, diag);
      return;
    }
    // Workers are forked on first need, while the process still has one thread.
    while (workers_.size() + 1 < shares)
      workers_.push_back(std::make_unique<translit::Worker>(plan_.compiled));
    const auto share = [&](std::size_t k) {
      return batch.subspan(batch.size() * k / shares,
                           batch.size() * (k + 1) / shares - batch.size() * k / shares);
    };
    for (std::size_t k = 1; k < shares; ++k) {
      translit::RecordingConverter recorder(plan_.direction);
      Diagnostics ignored;
      for (const Cue& cue : share(k)) {
        Cue copy = cue;
        translit::transliterate_cue(copy, 0, recorder, ignored);
      }
      workers_[k - 1]->send(recorder.texts());
    }
    std::size_t number = cues_;
    for (Cue& cue : share(0))
      translit::transliterate_cue(cue, ++number, engine_, diag);
    for (std::size_t k = 1; k < shares; ++k) {
      translit::ReplayConverter replay(plan_.direction, workers_[k - 1]->receive(worker_tally_));
      for (Cue& cue : share(k))
        translit::transliterate_cue(cue, ++number, replay, diag);
      if (!replay.exhausted())
        throw InternalError("transliteration worker: more results than texts");
    }
    cues_ = number;
  }
  std::size_t batch_size() const override { return jobs_ > 1 ? kBatch : 1; }
  void finish(Diagnostics& diag) override {
    translit::ScriptTally tally = engine_.tally();
    tally.add(worker_tally_);
    translit::check_source_script(tally, plan_.direction, diag.path());
  }

 private:
  static constexpr std::size_t kBatch = 8192;
  static constexpr std::size_t kMinimumShare = 256;

  const TranslitPlan& plan_;
  unsigned jobs_;
  translit::Transliterator engine_;
  std::vector<std::unique_ptr<translit::Worker>> workers_;
  translit::ScriptTally worker_tally_;
  std::size_t cues_ = 0;
};

int list_directions(bool json) {
  const auto all = translit::directions();
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : all) {
      out.push_back({{"from", d.from.to_string()},
                     {"to", d.to.to_string()},
                     {"status", std::string(translit::to_string(d.status))},
                     {"title", d.title}});
    }
    std::cout << out.dump(2) << '\n';
    return kExitOk;
  }
  for (const auto& d : all) {
    std::string from = d.from.to_string();
    std::string to = d.to.to_string();
    from.resize(std::max<std::size_t>(from.size(), 9), ' ');
    to.resize(std::max<std::size_t>(to.size(), 9), ' ');
    std::string status(translit::to_string(d.status));
    status.resize(13, ' ');
    std::cout << from << "-> " << to << status << d.title << '\n';
  }
  return kExitOk;
}

// stdin to stdout, line by line; the whole input is checked against --from before printing.
int text_mode(const TranslitPlan& plan, Console& console) {
  std::ostringstream buffer;
  buffer << std::cin.rdbuf();
  const std::string input = std::move(buffer).str();
  translit::Transliterator engine(plan.compiled);
  const bool rtl = translit::right_to_left(plan.direction);
  Diagnostics diag("<stdin>");
  std::string out;
  out.reserve(input.size() + input.size() / 4);
  std::vector<translit::Normalisation> notes;
  for (const TextLine& line : split_lines(input)) {
    notes.clear();
    std::string converted = engine.text(line.text, &notes);
    for (const auto& n : notes) {
      diag.add(n.severity,
               SourceLocation{diag.path(), line.number,
                              column_of(line.text, std::min(n.offset, line.text.size())), -1},
               n.code, n.message);
    }
    if (rtl && !converted.empty())
      out += "\u200F";
    out += converted;
    out += '\n';
  }
  console.diagnostics(diag, false);
  translit::check_source_script(engine.tally(), plan.direction, "<stdin>");
  std::cout << out;
  std::cout.flush();
  return std::cout ? kExitOk : kExitEnvironment;
}

}  // namespace

TranslitPlan plan_translit(const std::string& from, const std::string& to,
                           const std::string& apostrophes) {
  const LanguageTag from_tag = tag_option("--from", from);
  const LanguageTag to_tag = tag_option("--to", to);
  translit::Options options;
  if (!apostrophes.empty()) {
    auto style = translit::parse_apostrophe_style(apostrophes);
    if (!style) {
      throw UsageError("--apostrophes: '" + apostrophes +
                       "' is not one of unicode, typographic, ascii");
    }
    options.apostrophes = *style;
  }
  auto direction = translit::find_direction(from_tag, to_tag);
  if (!direction) {
    throw UsageError("no transliteration from " + from_tag.to_string() + " to " +
                     to_tag.to_string() + " (see kopru translit --list)");
  }
  TranslitPlan plan{*direction, nullptr};
  try {
    plan.compiled = translit::compile(*direction, options);
  } catch (const InputError& e) {
    // A broken rule file is Kopru's installation at fault, not the user's input.
    throw EnvironmentError(e.formatted());
  }
  return plan;
}

TranslitPlan plan_translit(const std::string& spec, const std::string& apostrophes) {
  const std::size_t colon = spec.find(':');
  if (colon == std::string::npos)
    throw UsageError("--translit: expected FROM:TO (e.g. uz-Cyrl:uz-Latn), found '" + spec + "'");
  return plan_translit(spec.substr(0, colon), spec.substr(colon + 1), apostrophes);
}

std::unique_ptr<io::DocumentFilter> make_translit_filter(const TranslitPlan& plan, unsigned jobs) {
  return std::make_unique<TranslitFilter>(plan, jobs);
}

int translit(const TranslitArgs& args, Console& console) {
  if (args.list)
    return list_directions(args.json);
  if (args.from.empty() || args.to.empty())
    throw UsageError("translit: give --from TAG and --to TAG (see kopru translit --list)");
  if (args.text) {
    if (!args.files.inputs.empty() || !args.files.output.empty() || !args.files.out_dir.empty())
      throw UsageError("translit --text reads stdin and writes stdout: no files");
    return text_mode(plan_translit(args.from, args.to, args.files.apostrophes), console);
  }
  ConvertArgs files = args.files;
  files.translit = args.from + ":" + args.to;
  files.keep_format = true;
  return convert(files, console);
}

}  // namespace kopru::cli
