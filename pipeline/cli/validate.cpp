// Temporary stand-in until the TTML validator lands.
#include "pipeline/cli/app.h"
#include "pipeline/cli/verbs.h"
#include "pipeline/core/error.h"

namespace kopru::cli {

int validate(const ValidateArgs& args, Console& console) {
  (void)args;
  (void)console;
  throw UsageError("validate: not built yet");
}

}  // namespace kopru::cli
