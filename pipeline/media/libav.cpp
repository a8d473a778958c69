#include "pipeline/media/libav.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "pipeline/core/error.h"

namespace kopru::media {

void InputCloser::operator()(AVFormatContext* context) const {
  avformat_close_input(&context);
}

std::string av_error_text(int code) {
  std::array<char, AV_ERROR_MAX_STRING_SIZE> text{};
  if (av_strerror(code, text.data(), text.size()) < 0)
    return "libav error " + std::to_string(code);
  return text.data();
}

InputContext open_input(const std::string& path) {
  // libav's own log lines would interleave with Kopru's diagnostics; its errors reach the user
  // through the exceptions below, with av_strerror's text.
  av_log_set_level(AV_LOG_QUIET);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw EnvironmentError(path + ": no such file");
  if (!std::ifstream(path, std::ios::binary))
    throw EnvironmentError(path + ": cannot read: " + std::strerror(errno));
  if (std::filesystem::file_size(path, ec) == 0)
    throw ParseError("empty file: no film data", SourceLocation{path, 0, 0, -1});
  AVFormatContext* raw = nullptr;
  if (const int ret = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); ret < 0) {
    // The file is readable (checked above): whatever libav finds wrong is in its content.
    throw ParseError("not a film libav can open (" + av_error_text(ret) + ")",
                     SourceLocation{path, 0, 0, -1});
  }
  InputContext context(raw);
  if (const int ret = avformat_find_stream_info(context.get(), nullptr); ret < 0) {
    throw ParseError("cannot read the streams (" + av_error_text(ret) + ")",
                     SourceLocation{path, 0, 0, -1});
  }
  return context;
}

}  // namespace kopru::media
