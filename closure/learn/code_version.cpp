#include "code_version.hpp"

namespace ember::learn {

const char* code_version() { return EMBER_CODE_VERSION; }

}  // namespace ember::learn
