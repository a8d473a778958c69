// Micro-benchmarks of SRT -> WebVTT conversion on the generated big SRT, split into the stages
// `kopru convert` runs (decode, SRT read, WebVTT write) and the kopru::io entry points the CLI
// calls, so a slow stage shows up on its own.
//
//   python3 tools/bench/gen_srt.py big /tmp/big.srt
//   build/tools/bench/srt_bench --srt=/tmp/big.srt   (or KOPRU_BENCH_SRT=/tmp/big.srt)
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codecs/registry.h"
#include "codecs/srt/srt.h"
#include "codecs/webvtt/webvtt.h"
#include "pipeline/core/diagnostics.h"
#include "pipeline/core/error.h"
#include "pipeline/io/files.h"
#include "pipeline/io/load.h"
#include "pipeline/text/encoding.h"

namespace {

// The input, read once before any benchmark runs; each stage starts from the previous one's
// result so it times only its own work.
struct Input {
  std::string path;
  std::string bytes;
  std::string utf8;
  std::size_t cues = 0;  // timing lines in the file, so every stage reports cues/s alike
  std::optional<kopru::Document> doc;
  std::string setup_error;  // why a stage cannot run (e.g. a codec not written yet)
};

Input& input() {
  static Input data;
  return data;
}

// Rates are per input byte and input cue for every stage, so stage costs can be compared and added.
void count(benchmark::State& state, std::size_t bytes) {
  const auto cues = static_cast<double>(input().cues);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
  state.counters["cues/s"] = benchmark::Counter(cues * static_cast<double>(state.iterations()),
                                                benchmark::Counter::kIsRate);
}

bool ready(benchmark::State& state) {
  if (!input().doc) {
    state.SkipWithError(input().setup_error.c_str());
    return false;
  }
  return true;
}

kopru::codecs::Source source() {
  kopru::codecs::Source src;
  src.path = input().path;
  src.bytes = input().bytes;
  src.text = input().utf8;
  src.encoding = "UTF-8";
  return src;
}

const kopru::codecs::Codec& vtt_codec() {
  static const kopru::codecs::Codec* codec = kopru::codecs::find_codec("vtt");
  return *codec;
}

void BM_Decode(benchmark::State& state) {
  const kopru::text::DecodeOptions options{input().path, "", false};
  for (auto _ : state) {
    kopru::Diagnostics diag;
    benchmark::DoNotOptimize(kopru::text::decode(input().bytes, options, diag));
  }
  count(state, input().bytes.size());
}

void BM_SrtRead(benchmark::State& state) {
  if (!ready(state))
    return;
  const kopru::codecs::Source src = source();
  for (auto _ : state) {
    kopru::Diagnostics diag;
    benchmark::DoNotOptimize(kopru::codecs::srt::read(src, {}, diag));
  }
  count(state, input().bytes.size());
}

void BM_WebvttWrite(benchmark::State& state) {
  if (!ready(state))
    return;
  for (auto _ : state) {
    kopru::Diagnostics diag;
    benchmark::DoNotOptimize(kopru::codecs::webvtt::write(*input().doc, {}, diag));
  }
  count(state, input().bytes.size());
}

void BM_SrtWrite(benchmark::State& state) {
  if (!ready(state))
    return;
  for (auto _ : state) {
    kopru::Diagnostics diag;
    benchmark::DoNotOptimize(kopru::codecs::srt::write(*input().doc, {}, diag));
  }
  count(state, input().bytes.size());
}

// Format detection, decoding and parsing, as `kopru convert` does for each input.
void BM_LoadBytes(benchmark::State& state) {
  if (!ready(state))
    return;
  for (auto _ : state) {
    kopru::Diagnostics diag;
    benchmark::DoNotOptimize(kopru::io::load_bytes(input().bytes, input().path, {}, diag));
  }
  count(state, input().bytes.size());
}

void BM_RenderWebvtt(benchmark::State& state) {
  if (!ready(state))
    return;
  for (auto _ : state) {
    kopru::Diagnostics diag;
    benchmark::DoNotOptimize(kopru::io::render(*input().doc, vtt_codec(), {}, diag));
  }
  count(state, input().bytes.size());
}

// The whole in-memory conversion: bytes in, WebVTT bytes out (no file I/O).
void BM_ConvertSrtToWebvtt(benchmark::State& state) {
  if (!ready(state))
    return;
  for (auto _ : state) {
    kopru::Diagnostics diag;
    const kopru::io::Loaded loaded = kopru::io::load_bytes(input().bytes, input().path, {}, diag);
    benchmark::DoNotOptimize(kopru::io::render(loaded.doc, vtt_codec(), {}, diag));
  }
  count(state, input().bytes.size());
}

BENCHMARK(BM_Decode)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SrtRead)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WebvttWrite)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SrtWrite)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadBytes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RenderWebvtt)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ConvertSrtToWebvtt)->Unit(benchmark::kMillisecond);

// Takes --srt=PATH (after Google Benchmark has removed its own flags) or $KOPRU_BENCH_SRT.
std::string srt_path(int argc, char** argv) {
  constexpr std::string_view kFlag = "--srt=";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(kFlag))
      return std::string(arg.substr(kFlag.size()));
  }
  const char* env = std::getenv("KOPRU_BENCH_SRT");
  return env != nullptr ? env : "";
}

// Reads and parses the input once; a failure leaves the later stages to report it as skipped.
void prepare(const std::string& path) {
  Input& data = input();
  data.path = path;
  data.bytes = kopru::io::read_file(path);
  kopru::Diagnostics diag;
  data.utf8 = kopru::text::decode(data.bytes, {path, "", false}, diag).utf8;
  for (std::size_t at = data.utf8.find("-->"); at != std::string::npos;
       at = data.utf8.find("-->", at + 3)) {
    ++data.cues;
  }
  try {
    data.doc = kopru::codecs::srt::read(source(), {}, diag);
  } catch (const kopru::InputError& e) {
    data.setup_error = "SRT reader failed: " + e.formatted();
  } catch (const kopru::Error& e) {
    data.setup_error = std::string("SRT reader failed: ") + e.what();
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const std::string path = srt_path(argc, argv);
  if (path.empty()) {
    std::fprintf(stderr,
                 "srt_bench: give the input with --srt=PATH or KOPRU_BENCH_SRT; make one with\n"
                 "  python3 tools/bench/gen_srt.py big /tmp/big.srt\n");
    return 2;
  }
  try {
    prepare(path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "srt_bench: %s\n", e.what());
    return 2;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
