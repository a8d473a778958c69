// Replays fuzz seeds and past crashes as an ordinary test under any compiler:
//   <target>_replay [--ext srt,vtt] PATH...   (files are always replayed; folders are walked,
//   keeping files with one of the extensions, or all files when --ext is not given)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxSeedBytes = 2U << 20U;

void replay(const fs::path& path, std::size_t& count) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> data((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  ++count;
}

}  // namespace

int main(int argc, char** argv) {
  std::set<std::string> extensions;
  std::vector<fs::path> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--ext" && i + 1 < argc) {
      std::string list = argv[++i];
      std::size_t start = 0;
      while (start <= list.size()) {
        const std::size_t comma = list.find(',', start);
        extensions.insert("." + list.substr(start, comma - start));
        if (comma == std::string::npos)
          break;
        start = comma + 1;
      }
    } else {
      paths.emplace_back(arg);
    }
  }
  std::size_t count = 0;
  for (const auto& path : paths) {
    if (fs::is_regular_file(path)) {
      replay(path, count);
      continue;
    }
    if (!fs::is_directory(path)) {
      std::fprintf(stderr, "replay: no such seed file or folder: %s\n", path.c_str());
      return 1;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      if (!entry.is_regular_file() || entry.file_size() > kMaxSeedBytes)
        continue;
      if (!extensions.empty() && extensions.count(entry.path().extension().string()) == 0)
        continue;
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      replay(f, count);
  }
  if (count == 0) {
    std::fprintf(stderr, "replay: no seeds found\n");
    return 1;
  }
  std::printf("replayed %zu inputs\n", count);
  return 0;
}
