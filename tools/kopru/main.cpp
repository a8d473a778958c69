#include "pipeline/cli/app.h"

int main(int argc, char** argv) {
  return kopru::cli::run(argc, argv);
}
