// SHA-256 (FIPS 180-4) of files and byte strings, for model provenance: a
// plugin reports the hash of the model file it loaded so that a result can be
// traced to the exact parameters or weights behind it.
#pragma once

#include <string>
#include <string_view>

namespace ember::kit {

// Lower-case hex digest of the bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace ember::kit
