#include <iostream>
#include <sstream>

#include "pipeline/cli/app.h"
#include "pipeline/cli/translit_filter.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"
#include "pipeline/core/lines.h"
#include "pipeline/core/parallel.h"
#include "pipeline/translit/document.h"

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

// Streams cues in batches; with more than one job, each batch is split between threads, each
// with its own transliterator and word cache.
class TranslitFilter : public io::DocumentFilter {
 public:
  TranslitFilter(const TranslitPlan& plan, unsigned jobs) : plan_(plan), jobs_(std::max(1U, jobs)) {
    for (unsigned j = 0; j < jobs_; ++j)
      engines_.emplace_back(plan.compiled);
  }

  void header(Document& header, Diagnostics& diag) override {
    translit::transliterate_header(header, engines_.front(), diag);
  }
  void cue(Cue& cue, Diagnostics& diag) override {
    translit::transliterate_cue(cue, ++cues_, engines_.front(), diag);
  }
  void cues(std::span<Cue> batch, Diagnostics& diag) override {
    const std::size_t blocks = std::min<std::size_t>(jobs_, batch.size() / kMinimumBlock + 1);
    if (blocks <= 1) {
      io::DocumentFilter::cues(batch, diag);
      return;
    }
    std::vector<Diagnostics> block_diags(blocks, Diagnostics(diag.path()));
    const std::size_t first = cues_;
    parallel_for(blocks, static_cast<unsigned>(blocks), [&](std::size_t b) {
      const std::size_t begin = batch.size() * b / blocks;
      const std::size_t end = batch.size() * (b + 1) / blocks;
      for (std::size_t i = begin; i < end; ++i)
        translit::transliterate_cue(batch[i], first + i + 1, engines_[b], block_diags[b]);
    });
    cues_ += batch.size();
    for (const auto& block : block_diags) {
      for (const auto& d : block.all())
        diag.add(d.severity, d.where, d.code, d.message);
    }
  }
  std::size_t batch_size() const override { return jobs_ > 1 ? kBatch : 1; }
  void finish(Diagnostics& diag) override {
    translit::ScriptTally tally;
    for (const auto& engine : engines_)
      tally.add(engine.tally());
    translit::check_source_script(tally, plan_.direction, diag.path());
  }

 private:
  static constexpr std::size_t kBatch = 8192;
  static constexpr std::size_t kMinimumBlock = 256;

  const TranslitPlan& plan_;
  unsigned jobs_;
  std::vector<translit::Transliterator> engines_;
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
