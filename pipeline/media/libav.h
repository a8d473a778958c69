// RAII owners for libav objects and the one way libav errors become Kopru errors. Only
// pipeline/media/ includes libav headers.
#pragma once
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <memory>
#include <string>

namespace kopru::media {

// avformat_close_input() for input contexts.
struct InputCloser {
  void operator()(AVFormatContext* context) const;
};
using InputContext = std::unique_ptr<AVFormatContext, InputCloser>;

// libav's text for an error code (av_strerror).
std::string av_error_text(int code);

// Opens a film and reads its stream information. A file that is not a film libav reads, or is
// damaged beyond reading its header, is an InputError naming the file and libav's reason; a file
// that cannot be opened at all is an EnvironmentError.
InputContext open_input(const std::string& path);

}  // namespace kopru::media
