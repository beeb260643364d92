#include "random_order.hpp"

#include <numeric>
#include <utility>

namespace ember::learn {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<std::int64_t> shuffled(std::int64_t n, std::uint64_t seed) {
  std::vector<std::int64_t> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), std::int64_t{0});
  std::uint64_t state = seed;
  for (std::int64_t i = n - 1; i > 0; --i) {
    // Modulo bias is below 2^-40 for any n a data set has; it does not matter here.
    const auto j = static_cast<std::int64_t>(splitmix64(state) % static_cast<std::uint64_t>(i + 1));
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
  }
  return order;
}

std::vector<std::int64_t> epoch_order(std::int64_t n, std::uint64_t seed, std::int64_t epoch) {
  std::uint64_t state = seed;
  const std::uint64_t mixed = splitmix64(state) ^ static_cast<std::uint64_t>(epoch);
  return shuffled(n, mixed);
}

}  // namespace ember::learn
