// ember's code version (EMBER_CODE_VERSION: version + git commit, set when
// the build is configured), which exported models and study reports record.
// A function in its own small file, so that a new version recompiles only it.
#pragma once

namespace ember::learn {

const char* code_version();

}  // namespace ember::learn
