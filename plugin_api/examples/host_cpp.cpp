// A minimal C++ host through the header-only wrapper: the same batch and
// output format as ember_host_c.
//
//   ember_host_cpp PLUGIN.so MODEL_FILE
#include "ember/closure.hpp"

#include <cstdio>
#include <map>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ember_host_cpp PLUGIN.so MODEL_FILE\n");
    return 1;
  }
  try {
    constexpr int64_t n = 8;
    const std::map<std::string, std::vector<double>> host = {
        {"density", {1844.0, 2400.0, 2600.0, 2700.0, 2800.0, 2900.0, 3000.0, 2500.0}},
        {"pressure", {1e5, 5e9, 10e9, 15e9, 20e9, 25e9, 30e9, 8e9}},
        {"reaction_progress", {0.0, 0.0, 0.01, 0.05, 0.3, 0.85, 0.99, 1.0}}};
    ember::Model model(ember::Plugin::open(argv[1]), argv[2]);
    std::vector<const double*> inputs;
    for (const auto& f : model.inputs()) {
      const auto it = host.find(f.name);
      if (it == host.end() && f.required)
        throw std::runtime_error("the model requires input '" + f.name + "' this host lacks");
      inputs.push_back(it == host.end() ? nullptr : it->second.data());
    }
    std::vector<std::vector<double>> out(model.outputs().size(), std::vector<double>(n));
    std::vector<double*> outputs;
    for (auto& o : out) outputs.push_back(o.data());
    std::vector<double> state[2];
    state[0].assign(model.state().size() * n, 0.0);
    state[1] = state[0];
    std::vector<int32_t> status(n);

    ember::Workspace ws = model.workspace();
    ws.state_init(n, state[0].data(), n);
    ember_batch b = ember::make_batch(n, 1e-9);
    b.inputs = inputs.data();
    b.outputs = outputs.data();
    b.cell_status = status.data();
    for (int step = 0; step < 2; ++step) {
      b.state_old = state[step % 2].data();
      b.state_new = state[(step + 1) % 2].data();
      ws.evaluate(b);
    }
    std::printf("# ember_host_cpp: plugin %s %s, model %s, dt_scale %.17g\n",
                model.plugin().name().c_str(), model.plugin().version().c_str(),
                model.info().name.c_str(), b.dt_scale);
    for (int64_t i = 0; i < n; ++i) {
      std::printf("cell %ld %d", static_cast<long>(i), status[i]);
      for (const double* in : inputs) std::printf(" %.17g", in ? in[i] : 0.0);
      for (const auto& o : out) std::printf(" %.17g", o[i]);
      for (size_t j = 0; j < model.state().size(); ++j) std::printf(" %.17g", b.state_new[j * n + i]);
      std::printf("\n");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ember_host_cpp: %s\n", e.what());
    return 1;
  }
  return 0;
}
