// The latent model's pieces without data: evolver shapes on the micro and
// meso latent grids (odd sizes included), the step's composition and
// conditioning, the snapshot-interval mapping and its error, the evolver
// file, the trained-tokenizer loader, the probabilistic rollout, and the
// meso split shared with PARC and the evaluation.
#include "checkpoint.hpp"
#include "latent_dynamics.hpp"
#include "latent_rollout.hpp"
#include "meso_split.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <unistd.h>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;

EvolverOptions evolver(std::vector<std::int64_t> channels) {
  EvolverOptions o;
  o.channels = std::move(channels);
  o.latent_channels = 4;
  return o;
}

// Gives every zero-initialised output layer random weights, so that the
// evolvers do something.
void randomise(torch::nn::Module& m) {
  torch::NoGradGuard no_grad;
  for (auto& p : m.parameters()) p.normal_(0, 0.1);
}

fs::path scratch(const std::string& name) {
  const fs::path p = fs::temp_directory_path() /
                     ("ember_latent_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

TEST(LatentDynamics, KeepsTheLatentGridOfMicroAndMesoSets) {
  // (h, w) of the latent grids: tiny micro 4×6, full micro 8×12, full meso
  // 12×20 (its second level 3×5), and an odd one.
  const std::pair<std::int64_t, std::int64_t> grids[] = {{4, 6}, {8, 12}, {12, 20}, {3, 5}};
  for (const auto& channels : {std::vector<std::int64_t>{8, 16}, std::vector<std::int64_t>{8, 16, 16}}) {
    torch::manual_seed(0);
    LatentDynamics d(evolver(channels));
    randomise(*d);
    for (const auto& [h, w] : grids) {
      const torch::Tensor z = torch::randn({2, 12, h, w});
      const torch::Tensor p = torch::tensor({0.2f, 0.4f});
      EXPECT_EQ(d->decoupled(z, p).sizes(), z.sizes()) << h << "x" << w;
      EXPECT_EQ(d->step(z, p).sizes(), z.sizes()) << h << "x" << w;
      EXPECT_EQ(d->rollout(z, p, 3, 2).sizes(), (std::vector<std::int64_t>{2, 3, 12, h, w}));
    }
  }
  EXPECT_THROW(LatentDynamics(evolver({8})), std::invalid_argument);
  EXPECT_THROW(LatentDynamics(evolver({8, 8, 8, 8})), std::invalid_argument);
  LatentDynamics d(evolver({8, 16}));
  EXPECT_THROW(d->step(torch::randn({1, 8, 4, 6}), torch::zeros({1})), std::invalid_argument);
}

TEST(LatentDynamics, AnUntrainedStepIsPersistence) {
  torch::manual_seed(1);
  LatentDynamics d(evolver({8, 16}));
  const torch::Tensor z = torch::randn({3, 12, 8, 12});
  EXPECT_TRUE(torch::equal(d->step(z, torch::full({3}, 0.3)), z));
}

TEST(LatentDynamics, StepIsDecoupledThenCoupled) {
  torch::manual_seed(2);
  LatentDynamics d(evolver({8, 16}));
  randomise(*d);
  const torch::NoGradGuard no_grad;
  const torch::Tensor z = torch::randn({2, 12, 4, 6});
  const torch::Tensor p = torch::tensor({0.1f, 0.3f});
  EXPECT_TRUE(torch::allclose(d->step(z, p), d->coupled(d->decoupled(z, p), p)));
  // Each decoupled evolver sees its own field only: changing z_P leaves the
  // T and μ channels of the decoupled step alone, but not of the whole step.
  torch::Tensor z2 = z.clone();
  z2.narrow(1, 4, 4).add_(1.0);
  const torch::Tensor a = d->decoupled(z, p), b = d->decoupled(z2, p);
  EXPECT_TRUE(torch::equal(a.narrow(1, 0, 4), b.narrow(1, 0, 4)));
  EXPECT_TRUE(torch::equal(a.narrow(1, 8, 4), b.narrow(1, 8, 4)));
  EXPECT_FALSE(torch::equal(a.narrow(1, 4, 4), b.narrow(1, 4, 4)));
  EXPECT_FALSE(torch::allclose(d->step(z, p).narrow(1, 0, 4), d->step(z2, p).narrow(1, 0, 4)));
  // The shock pressure conditions the step.
  EXPECT_FALSE(torch::allclose(d->step(z, p), d->step(z, p + 0.2)));
  // The parameter groups split the whole set.
  EXPECT_EQ(d->decoupled_parameters().size() + d->coupled_parameters().size(),
            d->parameters().size());
}

TEST(LatentStepsPerSnapshot, IsTheWholeRatioOfTheIntervals) {
  EXPECT_EQ(latent_steps_per_snapshot(0.2e-9, 0.1e-9), 2);  // full meso on full micro
  EXPECT_EQ(latent_steps_per_snapshot(0.2e-9, 0.2e-9), 1);  // tiny
  EXPECT_EQ(latent_steps_per_snapshot(0.3e-9, 0.1e-9), 3);  // 2.9999999999999996 in doubles
  for (const auto& [dt, step] : {std::pair<double, double>{0.15e-9, 0.1e-9}, {0.05e-9, 0.1e-9},
                                 {0.0, 0.1e-9}, {0.2e-9, 0.0}}) {
    try {
      latent_steps_per_snapshot(dt, step);
      ADD_FAILURE() << dt << " / " << step << " accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("is not a whole number (>= 1) of latent steps"),
                std::string::npos)
          << e.what();
    }
  }
}

TEST(LatentDynamicsFile, RoundTrips) {
  const fs::path dir = scratch("file");
  torch::manual_seed(3);
  LatentDynamicsFile f;
  f.model = LatentDynamics(evolver({8, 16, 16}));
  randomise(*f.model);
  f.stage = "meso";
  f.tokenizer = "/somewhere/tokenizer.pt";
  f.latent_step_s = 1e-10;
  f.steps_per_snapshot = 2;
  f.data_hash = "abc";
  save_latent_dynamics(dir / "m.pt", f);
  LatentDynamicsFile g = load_latent_dynamics(dir / "m.pt");
  EXPECT_EQ(g.model->options().channels, f.model->options().channels);
  EXPECT_EQ(g.stage, "meso");
  EXPECT_EQ(g.tokenizer, f.tokenizer);
  EXPECT_EQ(g.latent_step_s, 1e-10);
  EXPECT_EQ(g.steps_per_snapshot, 2);
  EXPECT_EQ(g.data_hash, "abc");
  const torch::NoGradGuard no_grad;
  const torch::Tensor z = torch::randn({1, 12, 4, 6});
  EXPECT_TRUE(torch::equal(g.model->step(z, torch::ones({1})), f.model->step(z, torch::ones({1}))));
  EXPECT_THROW(load_latent_dynamics(dir / "absent.pt"), std::runtime_error);
  fs::remove_all(dir);
}

// A tokenizer checkpoint as the tokenizer stage writes one (its settings
// text records the model.* keys).
fs::path tokenizer_checkpoint(const fs::path& dir, Tokenizer& t) {
  CheckpointMeta meta;
  meta.stage = "tokenizer";
  meta.text["settings"] =
      "data.split_seed = 1\nmodel.channels = [4, 8, 8]\nmodel.latent_channels = 4\nrun.seed = 1\n";
  torch::optim::Adam adam(t->parameters());
  const at::Generator noise = at::make_generator<at::CPUGeneratorImpl>(1);
  save_checkpoint(dir / "tokenizer.pt", meta, *t, adam, noise);
  return dir / "tokenizer.pt";
}

TEST(LatentRollout, MeanAndEnsembleFromOneSnapshot) {
  const fs::path dir = scratch("rollout");
  torch::manual_seed(4);
  VaeOptions vae;
  vae.channels = {4, 8, 8};
  Tokenizer t(vae);
  TrainedTokenizer loaded = load_trained_tokenizer(tokenizer_checkpoint(dir, t));
  EXPECT_EQ(loaded.latent_channels, 4);
  for (const auto& p : loaded.model->parameters()) EXPECT_FALSE(p.requires_grad());
  const torch::Tensor first = torch::rand({3, 32, 48});
  {
    const torch::NoGradGuard no_grad;
    EXPECT_TRUE(torch::equal(decode_fields(loaded.model, encode_fields(loaded.model, first.unsqueeze(0)).mean),
                             decode_fields(t, encode_fields(t, first.unsqueeze(0)).mean)));
  }

  LatentModel m;
  m.tokenizer = loaded.model;
  m.dynamics.model = LatentDynamics(evolver({8, 16}));
  randomise(*m.dynamics.model);
  m.dynamics.steps_per_snapshot = 2;
  const ProbabilisticRollout r = latent_rollout(m, first, 0.3, 4, 5, 11);
  EXPECT_EQ(r.mean.sizes(), (std::vector<std::int64_t>{5, 3, 32, 48}));
  EXPECT_EQ(r.ensemble.sizes(), (std::vector<std::int64_t>{5, 5, 3, 32, 48}));
  EXPECT_TRUE(torch::equal(r.mean[0], first));
  EXPECT_TRUE(torch::equal(r.ensemble.select(1, 0), first.expand({5, 3, 32, 48})));
  // The mean rollout is the decoded latent path from the encoder mean.
  {
    const torch::NoGradGuard no_grad;
    const torch::Tensor z0 = encode_fields(m.tokenizer, first.unsqueeze(0)).mean;
    const torch::Tensor z = m.dynamics.model->rollout(z0, torch::full({1}, 0.3), 4, 2);
    EXPECT_TRUE(torch::allclose(r.mean[4], decode_fields(m.tokenizer, z.select(1, 3))[0], 1e-5, 1e-6));
  }
  // Members differ from each other and from the mean; the seed fixes them.
  EXPECT_FALSE(torch::allclose(r.ensemble[0][2], r.ensemble[1][2]));
  EXPECT_FALSE(torch::allclose(r.ensemble[0][2], r.mean[2]));
  EXPECT_TRUE(torch::equal(latent_rollout(m, first, 0.3, 4, 5, 11).ensemble, r.ensemble));
  EXPECT_FALSE(torch::equal(latent_rollout(m, first, 0.3, 4, 5, 12).ensemble, r.ensemble));
  EXPECT_FALSE(latent_rollout(m, first, 0.3, 4, 0, 11).ensemble.defined());
  EXPECT_THROW(latent_rollout(m, torch::rand({2, 32, 48}), 0.3, 4, 1, 1), std::invalid_argument);
  fs::remove_all(dir);
}

TEST(MesoSplit, FixedFractionsAndNestedTrainingSubsets) {
  const Split s = meso_split(30, kMesoSplitSeed);
  EXPECT_EQ(s.train.size(), 21u);
  EXPECT_EQ(s.validation.size(), 3u);
  EXPECT_EQ(s.test.size(), 6u);
  std::set<std::int64_t> all(s.train.begin(), s.train.end());
  all.insert(s.validation.begin(), s.validation.end());
  all.insert(s.test.begin(), s.test.end());
  EXPECT_EQ(all.size(), 30u);
  EXPECT_EQ(meso_split(30, kMesoSplitSeed).test, s.test);  // deterministic

  const Split tiny = meso_split(2, kMesoSplitSeed);  // the tiny preset
  EXPECT_EQ(tiny.train.size(), 1u);
  EXPECT_TRUE(tiny.validation.empty());
  EXPECT_EQ(tiny.test.size(), 1u);
  EXPECT_THROW(meso_split(1, kMesoSplitSeed), std::invalid_argument);

  EXPECT_EQ(meso_training_runs(s, 0, 7), s.train);
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    const auto two = meso_training_runs(s, 2, seed), four = meso_training_runs(s, 4, seed),
               eight = meso_training_runs(s, 8, seed);
    EXPECT_EQ(two.size(), 2u);
    EXPECT_TRUE(std::includes(four.begin(), four.end(), two.begin(), two.end()));
    EXPECT_TRUE(std::includes(eight.begin(), eight.end(), four.begin(), four.end()));
    EXPECT_TRUE(std::includes(s.train.begin(), s.train.end(), eight.begin(), eight.end()));
    EXPECT_EQ(meso_training_runs(s, 4, seed), four);
  }
  EXPECT_NE(meso_training_runs(s, 4, 1), meso_training_runs(s, 4, 2));
  EXPECT_THROW(meso_training_runs(s, 22, 1), std::invalid_argument);
}

}  // namespace
}  // namespace ember::learn
