// Evaluate throughput of the Ignition & Growth plugin through the C ABI, in
// cells per second, for the batch sizes a host uses: one cell, a few, a
// block's worth and a whole rank's shocked region.
#include "ember/closure.hpp"

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

namespace {

void BM_IgEvaluate(benchmark::State& state) {
  const auto n = static_cast<int64_t>(state.range(0));
  ember::Model model(ember::Plugin::open(EMBER_IG_PLUGIN_PATH), EMBER_IG_MODEL_PATH);
  ember::Workspace ws = model.workspace();

  // Shocked, partly reacted PBX 9501 states, as a host sends them.
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> rho(1900.0, 3000.0), p(1e9, 40e9), lam(0.0, 1.0);
  std::vector<double> in[3];
  for (auto& v : in) v.resize(static_cast<size_t>(n));
  for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
    in[0][i] = rho(rng);
    in[1][i] = p(rng);
    in[2][i] = lam(rng);
  }
  const double* inputs[3] = {in[0].data(), in[1].data(), in[2].data()};
  std::vector<double> out[3];
  for (auto& v : out) v.resize(static_cast<size_t>(n));
  double* outputs[3] = {out[0].data(), out[1].data(), out[2].data()};
  std::vector<double> s_old(static_cast<size_t>(n), 0.0), s_new(static_cast<size_t>(n));
  std::vector<int32_t> status(static_cast<size_t>(n));

  ember_batch b = ember::make_batch(n, 1e-9);
  b.inputs = inputs;
  b.outputs = outputs;
  b.state_old = s_old.data();
  b.state_new = s_new.data();
  b.cell_status = status.data();
  for (auto _ : state) {
    ws.evaluate(b);
    benchmark::DoNotOptimize(out[0].data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["cells_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_IgEvaluate)->Arg(1)->Arg(64)->Arg(4096)->Arg(65536)->UseRealTime();

BENCHMARK_MAIN();
