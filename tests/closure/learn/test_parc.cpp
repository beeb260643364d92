// The PARC baseline (closure/learn/parc.hpp, parc_stage.hpp): shapes of its
// networks on the model's grid and back, the recurrent update, the model
// file; on a synthetic meso set (written with ember-datagen's writer) model
// selection on the validation run and a resume that ends with the weights of
// an uninterrupted run; on the tiny meso set (fixture learn_tiny_meso_data)
// the tiny config's training: the loss falls and the rollout beats
// persistence on its training run.
#include "config.hpp"
#include "dataset_file.hpp"
#include "dataset_tensors.hpp"
#include "meso_split.hpp"
#include "parc.hpp"
#include "parc_stage.hpp"
#include "synthetic_run.hpp"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;

ParcOptions small_options(std::int64_t pool) {
  ParcOptions o;
  o.descriptor_channels = {4, 8, 8};
  o.features = 3;
  o.hidden = 6;
  o.pool = pool;
  return o;
}

TEST(Parc, ShapesOnTheModelGridAndBack) {
  torch::manual_seed(0);
  for (const std::int64_t pool : {1, 2}) {
    Parc model(small_options(pool));
    const torch::Tensor fields = torch::rand({2, 3, 32, 48});
    const torch::Tensor grid = model->to_grid(fields);
    const std::int64_t h = 32 / pool, w = 48 / pool;
    ASSERT_EQ(grid.sizes(), (std::vector<std::int64_t>{2, 3, h, w}));
    const torch::Tensor features = model->describe(grid.narrow(1, kVoidFraction, 1));
    EXPECT_EQ(features.sizes(), (std::vector<std::int64_t>{2, 3, h, w}));
    const torch::Tensor pressure = torch::tensor({0.2f, 0.3f});
    EXPECT_EQ(model->derivative(grid, features, pressure).sizes(), grid.sizes());
    const ParcTrajectory t = model->unroll(grid, features, pressure, 4);
    EXPECT_EQ(t.states.sizes(), (std::vector<std::int64_t>{2, 4, 3, h, w}));
    EXPECT_EQ(t.derivatives.sizes(), t.states.sizes());
    EXPECT_EQ(model->from_grid(grid, 32, 48).sizes(), fields.sizes());

    const torch::Tensor rollout = parc_rollout(model, fields[0], 0.25, 3);
    ASSERT_EQ(rollout.sizes(), (std::vector<std::int64_t>{4, 3, 32, 48}));
    EXPECT_TRUE(torch::equal(rollout[0], fields[0]));  // index 0 is the given snapshot
    EXPECT_TRUE(torch::isfinite(rollout).all().item<bool>());
    EXPECT_TRUE(model->is_training());  // the rollout leaves the mode as it was
  }
  // Pooling by 2, then 3 U-Net levels: the grid must divide by 8.
  Parc model(small_options(2));
  EXPECT_THROW(model->to_grid(torch::rand({1, 3, 32, 44})), std::invalid_argument);
  ParcOptions bad = small_options(3);
  EXPECT_THROW(Parc{bad}, std::invalid_argument);
}

TEST(Parc, RecurrentUpdateAddsTheIntegralOfTheDerivative) {
  torch::manual_seed(1);
  Parc model(small_options(1));
  torch::NoGradGuard no_grad;
  const torch::Tensor state = torch::rand({1, 3, 16, 16});
  const torch::Tensor features = model->describe(state.narrow(1, kVoidFraction, 1));
  const torch::Tensor pressure = torch::tensor({0.3f});
  const ParcStep s = model->step(state, features, pressure);
  EXPECT_TRUE(torch::equal(s.derivative, model->derivative(state, features, pressure)));
  EXPECT_TRUE(torch::equal(s.increment, model->integral(s.derivative)));
  EXPECT_TRUE(torch::equal(s.next, state + s.increment));
  // Bounded by the tanh heads: one step moves a field by less than its range.
  EXPECT_LT(s.increment.abs().max().item<double>(), 1.0);
  // The unrolled trajectory is the steps fed their own predictions.
  const ParcTrajectory t = model->unroll(state, features, pressure, 3);
  torch::Tensor f = state;
  for (std::int64_t k = 0; k < 3; ++k) {
    f = model->step(f, features, pressure).next;
    EXPECT_TRUE(torch::allclose(t.states.select(1, k), f, 0, 0));
  }
}

TEST(Parc, ModelFileRoundTrip) {
  const datagen::test::ScratchDir scratch("parc_file");
  torch::manual_seed(2);
  Parc model(small_options(2));
  const fs::path file = scratch.path() / "parc_model.pt";
  save_parc(file, model);
  Parc loaded = load_parc(file);
  EXPECT_EQ(loaded->options().descriptor_channels, model->options().descriptor_channels);
  EXPECT_EQ(loaded->options().pool, 2);
  const torch::Tensor first = torch::rand({3, 16, 16});
  EXPECT_TRUE(
      torch::equal(parc_rollout(loaded, first, 0.2, 2), parc_rollout(model, first, 0.2, 2)));
  std::ofstream(scratch.path() / "junk.pt") << "not a model";
  EXPECT_THROW(load_parc(scratch.path() / "junk.pt"), std::runtime_error);
}

// Six synthetic meso runs of 16 × 16 cells and 4 snapshots: meso_split gives
// 4 training, 1 validation and 1 test run.
fs::path synthetic_meso_set(const fs::path& dir) {
  fs::create_directories(dir / "runs");
  std::vector<std::string> names;
  for (int i = 0; i < 6; ++i) {
    const datagen::RunSpec r = datagen::test::small_run("meso", i, 16, 16, 4);
    datagen::RunWriter w(dir / "runs", r);
    for (int k = 0; k < r.spec.n_snapshots; ++k) w.append(datagen::test::snapshot(r, k));
    w.finish(datagen::test::info(r));
    names.push_back(datagen::run_name(r));
  }
  return datagen::merge_set(dir, "meso", names, "tiny");
}

Config synthetic_config(const fs::path& data, const fs::path& out,
                        std::vector<std::string> overrides = {}) {
  const std::string text = R"(
[run]
threads = 1
seed = 3
out_dir = "unset"
[data]
file = "unset"
split_seed = 2024
train_runs = "all"
[model]
descriptor_channels = [4, 8, 8]
features = 3
hidden = 6
pool = 2
microstructure_noise = 0.01
[loss]
derivative_weight = 0.5
[train]
epochs = 6
batch_size = 3
learning_rate = 3e-3
rollout_start = 1
rollout_max = 3
curriculum_epochs = 4
checkpoint_every = 2
)";
  overrides.insert(overrides.begin(),
                   {"data.file='" + data.string() + "'", "run.out_dir='" + out.string() + "'"});
  return Config::from_string(text, "parc_synthetic.toml", overrides);
}

std::vector<torch::Tensor> weights_of(const fs::path& model_file) {
  std::vector<torch::Tensor> w;
  for (const torch::Tensor& p : load_parc(model_file)->parameters())
    w.push_back(p.detach().clone());
  return w;
}

TEST(ParcStage, SelectsOnValidationAndResumesToTheSameWeights) {
  const datagen::test::ScratchDir scratch("parc_synthetic");
  const fs::path data = synthetic_meso_set(scratch.path() / "data");
  std::ostringstream log;

  const ParcReport whole = train_parc(synthetic_config(data, scratch.path() / "whole"), false, log);
  ASSERT_EQ(whole.history.size(), 6u);
  // The curriculum: windows of 1 step growing to 3 over 4 epochs.
  EXPECT_EQ(whole.history.front().rollout_length, 1);
  EXPECT_EQ(whole.history.back().rollout_length, 3);
  // The kept weights are those of the epoch best on the validation run.
  std::size_t best = 0;
  for (std::size_t e = 0; e < whole.history.size(); ++e) {
    EXPECT_TRUE(std::isfinite(whole.history[e].validation_score));
    if (whole.history[e].validation_score < whole.history[best].validation_score) best = e;
  }
  EXPECT_EQ(whole.best_epoch, static_cast<std::int64_t>(best) + 1);
  EXPECT_EQ(whole.train_runs.size(), 4u);
  EXPECT_EQ(whole.errors.count("validation"), 1u);
  EXPECT_EQ(whole.errors.count("test"), 1u);

  // Stopped after 3 epochs (a checkpoint at 2 and at the end), then resumed.
  const fs::path parts = scratch.path() / "parts";
  train_parc(synthetic_config(data, parts, {"train.epochs=3"}), false, log);
  EXPECT_THROW(train_parc(synthetic_config(data, parts), false, log),
               ConfigError);  // needs --resume
  EXPECT_THROW(train_parc(synthetic_config(data, parts, {"model.hidden=8"}), true, log),
               ConfigError);
  const ParcReport resumed = train_parc(synthetic_config(data, parts), true, log);
  ASSERT_EQ(resumed.history.size(), whole.history.size());
  for (std::size_t e = 0; e < whole.history.size(); ++e) {
    EXPECT_EQ(resumed.history[e].train_loss, whole.history[e].train_loss) << "epoch " << e + 1;
    EXPECT_EQ(resumed.history[e].validation_score, whole.history[e].validation_score);
  }
  EXPECT_EQ(resumed.best_epoch, whole.best_epoch);
  const std::vector<torch::Tensor> a = weights_of(whole.model_file),
                                   b = weights_of(resumed.model_file);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_TRUE(torch::equal(a[i], b[i])) << "parameter " << i;
}

TEST(ParcStage, TrainsOnTheStudysSubsetOfTrainingRuns) {
  const datagen::test::ScratchDir scratch("parc_subset");
  const fs::path data_file = synthetic_meso_set(scratch.path() / "data");
  std::ostringstream log;
  const ParcReport r = train_parc(
      synthetic_config(data_file, scratch.path() / "out", {"data.train_runs=2", "train.epochs=1"}),
      false, log);
  const DatasetTensors data = load_dataset(data_file);
  std::vector<std::string> expected;
  for (const std::int64_t i : meso_training_runs(meso_split(6, 2024), 2, 3))
    expected.push_back(data.runs[static_cast<std::size_t>(i)]);
  EXPECT_EQ(r.train_runs, expected);
  EXPECT_THROW(
      train_parc(synthetic_config(data_file, scratch.path() / "more", {"data.train_runs=5"}), false,
                 log),
      ConfigError);
  EXPECT_THROW(
      train_parc(synthetic_config(data_file, scratch.path() / "word", {"data.train_runs=most"}),
                 false, log),
      ConfigError);
}

TEST(ParcStage, TinyTrainingLearnsAndBeatsPersistence) {
  const datagen::test::ScratchDir scratch("parc_tiny");
  std::ostringstream log;
  const ParcReport r =
      train_parc(Config::from_file(EMBER_PARC_TINY_CONFIG,
                                   {"data.file='" + std::string(EMBER_LEARN_TINY_MESO_SET) + "'",
                                    "run.out_dir='" + scratch.path().string() + "'"}),
                 false, log);
  std::cout << log.str();
  ASSERT_FALSE(r.history.empty());
  for (const ParcEpoch& e : r.history) ASSERT_TRUE(std::isfinite(e.train_loss));
  // Falling: the last epochs, on whole-run windows, well below the first.
  EXPECT_LT(r.history.back().train_loss, 0.3 * r.history.front().train_loss);
  // On its own training run, full rollouts from snapshot 0 beat snapshot 0 held.
  const auto& train = r.errors.at("train");
  for (const int f : {kTemperature, kPressure})
    EXPECT_LT(train[static_cast<std::size_t>(f)].rmse,
              0.5 * train[static_cast<std::size_t>(f)].persistence_rmse)
        << kFieldScales[static_cast<std::size_t>(f)].symbol;
  EXPECT_LT(train[kVoidFraction].rmse, train[kVoidFraction].persistence_rmse);

  // The model file rolls out as the stage scored it.
  const DatasetTensors data = load_dataset(EMBER_LEARN_TINY_MESO_SET);
  const auto run =
      std::find(data.runs.begin(), data.runs.end(), r.train_runs.at(0)) - data.runs.begin();
  Parc model = load_parc(r.model_file);
  const torch::Tensor truth = data.fields[run];
  const torch::Tensor predicted =
      parc_rollout(model, truth[0], data.shock_pressure[run].item<double>(), data.n_times - 1);
  const FieldScale& T = kFieldScales[kTemperature];
  const double rmse_K =
      ((predicted - truth).select(1, kTemperature).narrow(0, 1, data.n_times - 1) * data.mask)
          .square()
          .sum()
          .div((data.n_times - 1) * data.mask.sum())
          .sqrt()
          .item<double>() *
      (T.hi - T.lo);
  EXPECT_NEAR(rmse_K, train[kTemperature].rmse, 1e-3 * train[kTemperature].rmse);
}

}  // namespace
}  // namespace ember::learn
