// Partner profile XML files: any bytes either apply or fail with a ParseError naming a position
// inside the file; never a crash, a hang or another exception.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "pipeline/core/error.h"
#include "pipeline/qa/profile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("kopru-profile-fuzz-" + std::to_string(::getpid()) + ".xml");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  kopru::qa::Profile profile = *kopru::qa::builtin_profile("netflix");
  try {
    kopru::qa::apply_profile_file(profile, path);
  } catch (const kopru::InputError& e) {
    if (e.where().path.empty())
      std::abort();
  } catch (const kopru::EnvironmentError&) {
    // extends="other.xml" naming a file that is not there
  }
  return 0;
}
