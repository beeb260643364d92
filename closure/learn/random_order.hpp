// Random orders that are the same on every machine and standard library
// (std::shuffle and the std distributions are not), for the train/validation/
// test split and the order of samples in each epoch.
#pragma once

#include <cstdint>
#include <vector>

namespace ember::learn {

// SplitMix64 (Steele, Lea & Flood 2014): the generator, and one step of it.
std::uint64_t splitmix64(std::uint64_t& state);

// 0 … n−1 in a random order fixed by seed (Fisher–Yates on SplitMix64).
std::vector<std::int64_t> shuffled(std::int64_t n, std::uint64_t seed);

// The order of n samples in one epoch of a run seeded with seed: a function
// of (seed, epoch) only, so a resumed run sees the same order.
std::vector<std::int64_t> epoch_order(std::int64_t n, std::uint64_t seed, std::int64_t epoch);

}  // namespace ember::learn
