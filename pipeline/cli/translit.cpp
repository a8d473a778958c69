#include <algorithm>
#include <chrono>
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

// Streams cues in batches. With more than one job, each batch is split: forked workers
// (translit/worker.h) convert the end of it while this process reads the next batch and then
// converts the start. The split follows the measured speeds, so that the workers finish when this
// process needs their results.
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
  std::size_t batch_size() const override { return jobs_ > 1 ? kBatch : 1; }

  void start(std::span<Cue> batch, Diagnostics& diag) override {
    (void)diag;
    started_ = {};
    if (jobs_ <= 1 || batch.size() < kMinimumShare * 2)
      return;
    // Workers are forked on first need, while the process still has one thread.
    while (workers_.size() + 1 < jobs_)
      workers_.push_back(std::make_unique<translit::Worker>(plan_.compiled));
    const auto to_workers =
        static_cast<std::size_t>(static_cast<double>(batch.size()) * (1 - own_share_));
    started_.own = batch.size() - std::clamp<std::size_t>(to_workers, 0, batch.size());
    const std::size_t each = (batch.size() - started_.own) / workers_.size();
    std::size_t from = started_.own;
    for (std::size_t k = 0; k < workers_.size(); ++k) {
      const std::size_t to = k + 1 == workers_.size() ? batch.size() : from + each;
      std::vector<std::string_view> texts;
      for (const Cue& cue : batch.subspan(from, to - from))
        translit::texts_of(cue, texts);
      workers_[k]->send(texts);
      started_.ends.push_back(to);
      from = to;
    }
  }

  void cues(std::span<Cue> batch, Diagnostics& diag) override {
    if (started_.ends.empty()) {
      io::DocumentFilter::cues(batch, diag);
      return;
    }
    const auto own_begin = Clock::now();
    std::size_t number = cues_;
    for (Cue& cue : batch.first(started_.own))
      translit::transliterate_cue(cue, ++number, engine_, diag);
    const auto own_end = Clock::now();
    std::size_t from = started_.own;
    double worker_per_cue = 0;
    double waited = 0;
    for (std::size_t k = 0; k < workers_.size(); ++k) {
      const auto wait_begin = Clock::now();
      translit::ReplayConverter replay(plan_.direction, workers_[k]->receive(worker_tally_));
      waited += seconds(Clock::now() - wait_begin);
      const std::size_t to = started_.ends[k];
      for (Cue& cue : batch.subspan(from, to - from))
        translit::transliterate_cue(cue, ++number, replay, diag);
      if (!replay.exhausted())
        throw InternalError("transliteration worker: more results than texts");
      worker_per_cue =
          std::max(worker_per_cue, seconds(workers_[k]->last_busy()) /
                                       static_cast<double>(std::max<std::size_t>(1, to - from)));
      from = to;
    }
    cues_ = number;
    // Everything else this process did since the last batch: reading, writing, recording.
    const auto now = Clock::now();
    if (last_batch_end_ != Clock::time_point{}) {
      const double own_seconds = seconds(own_end - own_begin);
      const double other = seconds(now - last_batch_end_) - own_seconds - waited;
      rebalance(batch.size(), own_seconds, other, worker_per_cue);
    }
    last_batch_end_ = now;
    started_ = {};
  }

  void finish(Diagnostics& diag) override {
    translit::ScriptTally tally = engine_.tally();
    tally.add(worker_tally_);
    translit::check_source_script(tally, plan_.direction, diag.path());
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kBatch = 4096;
  static constexpr std::size_t kMinimumShare = 128;

  static double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

  // The next batch's share for this process: the workers should take as long on theirs as this
  // process takes on its own share plus everything else it does meanwhile (reading, writing).
  void rebalance(std::size_t cues, double own_seconds, double other_seconds,
                 double worker_per_cue) {
    if (started_.own == 0 || worker_per_cue <= 0)
      return;
    const double own_per_cue = own_seconds / static_cast<double>(started_.own);
    const auto workers = static_cast<double>(workers_.size());
    // own * own_per_cue + other = (cues - own) / workers * worker_per_cue
    const auto n = static_cast<double>(cues);
    const double own =
        (n * worker_per_cue / workers - other_seconds) / (own_per_cue + worker_per_cue / workers);
    own_share_ = std::clamp(own / n, 0.05, 0.95);
  }

  struct Started {
    std::size_t own = 0;            // cues [0, own) are this process's
    std::vector<std::size_t> ends;  // worker k has [ends[k-1] or own, ends[k])
  };

  const TranslitPlan& plan_;
  unsigned jobs_;
  translit::Transliterator engine_;
  std::vector<std::unique_ptr<translit::Worker>> workers_;
  translit::ScriptTally worker_tally_;
  std::size_t cues_ = 0;
  double own_share_ = 0.5;
  Clock::time_point last_batch_end_{};
  Started started_;
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
