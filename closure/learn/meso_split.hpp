// The one split of a meso data set that every meso model (the latent model's
// meso stage, the PARC baseline) and the evaluation use, so that all of them
// are selected on the same validation runs and compared on the same held-out
// test runs; and the training-run subsets of the scarce-data study.
#pragma once

#include "dataset_tensors.hpp"
#include "random_order.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember::learn {

// Fixed fractions (the seed's meso split is 18/2/6 of 26 runs): 30 runs give
// 21 training, 3 validation and 6 test runs.
inline constexpr double kMesoValidationFraction = 0.1;
inline constexpr double kMesoTestFraction = 0.2;
// The split seed every shipped meso config uses (data.split_seed).
inline constexpr std::uint64_t kMesoSplitSeed = 2024;

// split_runs with the fixed fractions. Sets of 2 or 3 runs (the tiny preset
// has 2) are too small for a validation run: they get one test run and no
// validation run (a stage then keeps its last epoch). Throws
// std::invalid_argument for fewer than 2 runs.
inline Split meso_split(std::int64_t n_runs, std::uint64_t split_seed) {
  if (n_runs < 2)
    throw std::invalid_argument("a meso set of " + std::to_string(n_runs) +
                                " run(s) cannot be split into training and test runs");
  return split_runs(n_runs, n_runs < 4 ? 0.0 : kMesoValidationFraction, kMesoTestFraction,
                    split_seed);
}

// The first `count` of the split's training runs in an order fixed by seed
// (run.seed), sorted; count 0 means all of them. For one seed the subsets are
// nested (the 2 runs are among the 4, …). Throws std::invalid_argument when
// count exceeds the training runs.
inline std::vector<std::int64_t> meso_training_runs(const Split& split, std::int64_t count,
                                                    std::uint64_t seed) {
  const auto n = static_cast<std::int64_t>(split.train.size());
  if (count == 0) return split.train;
  if (count < 0 || count > n)
    throw std::invalid_argument(std::to_string(count) + " training runs asked for, the split has " +
                                std::to_string(n));
  const std::vector<std::int64_t> order = shuffled(n, seed);
  std::vector<std::int64_t> subset;
  for (std::int64_t i = 0; i < count; ++i)
    subset.push_back(split.train[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])]);
  std::sort(subset.begin(), subset.end());
  return subset;
}

}  // namespace ember::learn
