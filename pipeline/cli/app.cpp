#include "pipeline/cli/app.h"

namespace kopru::cli {

int run(int /*argc*/, char** /*argv*/) { return kExitOk; }

}  // namespace kopru::cli
