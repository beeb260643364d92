// The tokenizer VAE: latent and output shapes, deterministic and sampled
// reconstructions, and each loss term on hand-made fields (padding ignored).
#include "dataset_tensors.hpp"
#include "vae.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <stdexcept>

namespace ember::learn {
namespace {

VaeOptions small() {
  VaeOptions o;
  o.channels = {4, 8, 8};
  o.latent_channels = 4;
  return o;
}

TEST(Vae, LatentIsAnEighthOfTheGridWithFourChannels) {
  torch::manual_seed(0);
  FieldVae vae(small());
  for (const auto& [h, w] : {std::pair<int, int>{32, 48}, {64, 96}, {8, 8}}) {
    const torch::Tensor x = torch::rand({3, 1, h, w});
    const VaeOutput out = vae->forward(x, c10::nullopt);
    EXPECT_EQ(out.mean.sizes(), (std::vector<std::int64_t>{3, 4, h / 8, w / 8}));
    EXPECT_EQ(out.logvar.sizes(), out.mean.sizes());
    EXPECT_EQ(out.reconstruction.sizes(), x.sizes());
    EXPECT_EQ(vae->decode(out.mean).sizes(), x.sizes());
  }
  EXPECT_THROW(vae->encode(torch::rand({1, 1, 30, 48})), std::invalid_argument);
  EXPECT_THROW(vae->encode(torch::rand({1, 2, 32, 48})), std::invalid_argument);
}

TEST(Vae, MeanLatentIsDeterministicSamplingIsNot) {
  torch::manual_seed(0);
  FieldVae vae(small());
  const torch::Tensor x = torch::rand({2, 1, 16, 24});
  at::Generator noise = at::make_generator<at::CPUGeneratorImpl>(5);
  const torch::NoGradGuard no_grad;
  EXPECT_TRUE(torch::equal(vae->forward(x, c10::nullopt).reconstruction,
                           vae->forward(x, c10::nullopt).reconstruction));
  EXPECT_FALSE(torch::equal(vae->forward(x, noise).reconstruction,
                            vae->forward(x, c10::nullopt).reconstruction));
}

TEST(Vae, TokenizerHoldsOneVaePerField) {
  Tokenizer t(small());
  std::vector<std::string> names;
  for (const auto& child : t->named_children()) names.push_back(child.key());
  EXPECT_EQ(names, (std::vector<std::string>{"T", "P", "mu"}));
  const auto n = t->field(0)->parameters().size();
  EXPECT_EQ(t->parameters().size(), 3 * n);
}

TEST(Sobel, GivesTheSlopeOfARamp) {
  // f(i, j) = 0.5 i + 2 j: slope 0.5 per cell in x, 2 in y.
  const torch::Tensor i = torch::arange(6, torch::kFloat32).view({1, 6});
  const torch::Tensor j = torch::arange(5, torch::kFloat32).view({5, 1});
  const torch::Tensor f = (0.5 * i + 2 * j).view({1, 1, 5, 6});
  const torch::Tensor g = sobel(f);
  ASSERT_EQ(g.sizes(), (std::vector<std::int64_t>{1, 2, 5, 6}));
  using torch::indexing::Slice;
  const torch::Tensor inner = g.index({0, Slice(), Slice(1, 4), Slice(1, 5)});
  EXPECT_TRUE(torch::allclose(inner[0], torch::full({3, 4}, 0.5)));
  EXPECT_TRUE(torch::allclose(inner[1], torch::full({3, 4}, 2.0)));
}

// An output of the given reconstruction with a zero latent (KL = 0).
VaeOutput output_of(const torch::Tensor& reconstruction) {
  return {reconstruction, torch::zeros({reconstruction.size(0), 4, 1, 1}),
          torch::zeros({reconstruction.size(0), 4, 1, 1})};
}

TEST(VaeLoss, TermsOnHandMadeFields) {
  LossSettings s;
  s.beta_kl = 0.5;
  s.edge_weight = 1;
  s.edge_gain = 4;
  s.gradient_weight = 1;
  const torch::Tensor mask = torch::ones({8, 8});
  const torch::Tensor target = torch::zeros({1, 1, 8, 8});
  // A perfect reconstruction with a zero latent costs nothing.
  LossTerms t = vae_loss(output_of(target), target, mask, s);
  EXPECT_DOUBLE_EQ(t.total.item<double>(), 0.0);
  // A uniform error of 0.2: MSE 0.04, edge term 0.2 − 0.025 (the rounded
  // |e| above its 0.05 width), no gradient error.
  t = vae_loss(output_of(target + 0.2), target, mask, s);
  EXPECT_NEAR(t.reconstruction.item<double>(), 0.04, 1e-7);
  EXPECT_NEAR(t.edge.item<double>(), 0.175, 1e-6);
  EXPECT_NEAR(t.gradient.item<double>(), 0.0, 1e-7);
  EXPECT_NEAR(t.kl.item<double>(), 0.0, 1e-7);
  s.mae = true;
  EXPECT_NEAR(vae_loss(output_of(target + 0.2), target, mask, s).reconstruction.item<double>(),
              0.2, 1e-6);
  // KL of N(1, e^0) against N(0, 1) is 1/2 per latent element.
  VaeOutput o = output_of(target);
  o.mean = torch::ones_like(o.mean);
  t = vae_loss(o, target, mask, s);
  EXPECT_NEAR(t.kl.item<double>(), 0.5, 1e-6);
  EXPECT_NEAR(t.total.item<double>(), 0.25, 1e-6);
}

TEST(VaeLoss, EdgeTermWeighsFrontsMore) {
  // A step in x (a front at column 4): the same error counts more on the
  // front than away from it.
  LossSettings s;
  s.edge_weight = 1;
  s.edge_gain = 4;
  const torch::Tensor mask = torch::ones({8, 8});
  torch::Tensor target = torch::zeros({1, 1, 8, 8});
  target.index_put_({0, 0, torch::indexing::Slice(), torch::indexing::Slice(4, 8)}, 1.0);
  torch::Tensor on_front = target.clone(), away = target.clone();
  on_front.index_put_({0, 0, 3, 4}, 0.5);
  away.index_put_({0, 0, 3, 7}, 0.5);
  const double e_front = vae_loss(output_of(on_front), target, mask, s).edge.item<double>();
  const double e_away = vae_loss(output_of(away), target, mask, s).edge.item<double>();
  EXPECT_GT(e_front, 2 * e_away);
  EXPECT_NEAR(vae_loss(output_of(on_front), target, mask, s).reconstruction.item<double>(),
              vae_loss(output_of(away), target, mask, s).reconstruction.item<double>(), 1e-9);
}

TEST(VaeLoss, PaddingIsIgnored) {
  LossSettings s;
  s.edge_weight = 1;
  s.gradient_weight = 1;
  // Real cells: the first 5 columns and 6 rows of 8 × 8.
  torch::Tensor mask = torch::zeros({8, 8});
  mask.index_put_({torch::indexing::Slice(0, 6), torch::indexing::Slice(0, 5)}, 1.0);
  torch::manual_seed(1);
  const torch::Tensor target = torch::rand({2, 1, 8, 8});
  const torch::Tensor prediction = target + 0.1 * torch::rand({2, 1, 8, 8});
  const LossTerms a = vae_loss(output_of(prediction), target, mask, s);
  // Anything at all in the padding of both changes nothing.
  const torch::Tensor pad = (1 - mask) * 7.0;
  const LossTerms b = vae_loss(output_of(prediction + pad), target - pad, mask, s);
  EXPECT_NEAR(a.reconstruction.item<double>(), b.reconstruction.item<double>(), 1e-7);
  EXPECT_NEAR(a.edge.item<double>(), b.edge.item<double>(), 1e-6);
  EXPECT_NEAR(a.gradient.item<double>(), b.gradient.item<double>(), 1e-6);
}

}  // namespace
}  // namespace ember::learn
