#include "progress.hpp"

#include <cmath>
#include <cstdio>

namespace ember::learn {

std::string format_duration(double seconds) {
  char buf[48];
  const long s = std::lround(seconds);
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%ld s", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%ld min %02ld s", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
  }
  return buf;
}

EpochClock::EpochClock(std::int64_t first, std::int64_t last)
    : start_(std::chrono::steady_clock::now()), first_(first), last_(last) {}

double EpochClock::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::string EpochClock::after(std::int64_t epoch) const {
  const double elapsed = elapsed_s();
  const auto done = static_cast<double>(epoch + 1 - first_);
  const auto left = static_cast<double>(last_ - epoch - 1);
  return "elapsed " + format_duration(elapsed) + ", left ~" +
         format_duration(done > 0 ? elapsed / done * left : 0.0);
}

}  // namespace ember::learn
