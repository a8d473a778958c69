#include "codecs/common/streaming.h"

namespace kopru::codecs {

namespace {

class Collector : public CueSink {
 public:
  explicit Collector(Document& doc) : doc_(doc) {}
  void begin(Document&& header) override {
    std::vector<Cue> cues = std::move(doc_.cues);
    doc_ = std::move(header);
    doc_.cues = std::move(cues);
  }
  void cue(Cue&& cue) override { doc_.cues.push_back(std::move(cue)); }

 private:
  Document& doc_;
};

}  // namespace

Document collect(ReadStreamFn read_stream, const Source& source, const ReadOptions& options,
                 Diagnostics& diag) {
  Document doc;
  Collector collector(doc);
  read_stream(source, options, diag, collector);
  return doc;
}

std::string write_all(MakeWriterFn make_writer, const Document& doc, const WriteOptions& options,
                      Diagnostics& diag) {
  std::string out;
  auto writer = make_writer(options, diag);
  Document header;
  header.meta = doc.meta;
  header.styles = doc.styles;
  header.regions = doc.regions;
  header.format_private = doc.format_private;
  writer->begin(header, out);
  for (const auto& cue : doc.cues)
    writer->cue(cue, out);
  writer->end(out);
  return out;
}

}  // namespace kopru::codecs
