// Paths and file helpers shared by Kopru's tests.
#pragma once

#include <filesystem>
#include <string>

namespace kopru::testing {

std::filesystem::path source_dir();
// ../shared/corpus beside the repository; tests that need it fail (not skip) when it is absent.
std::filesystem::path corpus_dir();
std::string slurp(const std::filesystem::path& path);
void spit(const std::filesystem::path& path, const std::string& data);
// True when KOPRU_REGEN=1: golden tests then rewrite expected files instead of comparing.
bool regenerating();

}  // namespace kopru::testing
