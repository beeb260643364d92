// Progress of a training loop: elapsed wall time and the time left, estimated
// from the mean time of the epochs run so far in this process.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ember::learn {

// "42 s", "3 min 05 s", "1 h 02 min".
std::string format_duration(double seconds);

class EpochClock {
 public:
  // Epochs first … last − 1 are to be run in this process (first > 0 after a resume).
  EpochClock(std::int64_t first, std::int64_t last);
  // After epoch `epoch` has finished: "elapsed 12 s, left ~1 min 40 s".
  std::string after(std::int64_t epoch) const;
  double elapsed_s() const;

 private:
  std::chrono::steady_clock::time_point start_;
  std::int64_t first_, last_;
};

}  // namespace ember::learn
