// Deliberately broken closure plugins, built only for the tests, to prove that
// the loader and ember-plugin-check catch what they claim to catch. One source,
// compiled once per EMBER_BROKEN_MODE:
//   1  reports ABI major 2
//   2  writes to state_old
//   3  dereferences a null table on NaN input (crashes)
//   4  exports no entry point
// The model behind them is a simple pressure-driven burn that is correct
// apart from the planted defect, so every other property still holds.
#include "plugin_kit.hpp"

#include <cmath>

#ifndef EMBER_BROKEN_MODE
#error "EMBER_BROKEN_MODE must be 1..4"
#endif

namespace {

using ember::kit::Field;

// Read through a volatile pointer so that the compiler cannot prove it null.
double* volatile g_nan_table = nullptr;

class BurnWorkspace final : public ember::kit::Workspace {
 public:
  void state_init(int64_t n, double* state, int64_t) override {
    for (int64_t i = 0; i < n; ++i) state[i] = 0.0;
  }
  double evaluate(const ember::kit::BatchView& b) override {
    for (int64_t i = 0; i < b.n; ++i) {
      const double p = b.inputs[1][i];
      if (EMBER_BROKEN_MODE == 3 && std::isnan(b.inputs[0][i])) g_nan_table[0] = p;
      if (b.cell_status[i] == EMBER_CELL_INVALID_INPUT) continue;
      if (b.inputs[0][i] <= 0.0) {
        b.cell_status[i] = EMBER_CELL_INVALID_INPUT;
        continue;
      }
      const double rate = 1e-6 * std::fmax(p, 0.0);  // 1/s per Pa
      if (p < 0.0) b.cell_status[i] = EMBER_CELL_CLAMPED;
      b.outputs[0][i] = rate;
      b.state_new[i] = b.state_old[i] + rate * b.dt;
      if (EMBER_BROKEN_MODE == 2) const_cast<double*>(b.state_old)[i] = b.state_new[i];
    }
    return 1.0;
  }
};

class BurnModel final : public ember::kit::Model {
 public:
  BurnModel() {
    info_ = {"broken test model", "1", "deliberately broken plugin for the tests", ""};
    inputs_ = {{"density", "kg m-3", "", EMBER_FIELD_REQUIRED, 1.0, 5000.0},
               {"pressure", "Pa", "", EMBER_FIELD_REQUIRED, 0.0, 1e11}};
    outputs_ = {{"reaction_rate", "s-1", "", EMBER_FIELD_REQUIRED, 0.0, HUGE_VAL}};
    state_ = {{"burnt_fraction", "1", "", EMBER_FIELD_REQUIRED, 0.0, HUGE_VAL}};
  }
  const ember::kit::ModelInfo& info() const override { return info_; }
  const std::vector<Field>& inputs() const override { return inputs_; }
  const std::vector<Field>& outputs() const override { return outputs_; }
  const std::vector<Field>& state() const override { return state_; }
  std::unique_ptr<ember::kit::Workspace> make_workspace() const override {
    return std::make_unique<BurnWorkspace>();
  }

 private:
  ember::kit::ModelInfo info_;
  std::vector<Field> inputs_, outputs_, state_;
};

std::unique_ptr<ember::kit::Model> create(const ember_model_args& args) {
  if (args.model_path[0] == '\0' || std::string(args.model_path).rfind("/nonexistent", 0) == 0)
    throw ember::kit::Error(EMBER_ERR_MODEL_FILE, std::string("no model at '") + args.model_path + "'");
  return std::make_unique<BurnModel>();
}

}  // namespace

#if EMBER_BROKEN_MODE != 4
extern "C" EMBER_CLOSURE_EXPORT const ember_closure_api* ember_closure_get_api(uint32_t) {
  static const ember::kit::PluginSpec spec = {"ember_broken_test_plugin", "0", &create};
  static const ember_closure_api table = [] {
    ember_closure_api t = *ember::kit::api_table(spec);
    if (EMBER_BROKEN_MODE == 1) t.abi_major = 2;
    return t;
  }();
  return &table;
}
#else
// A shared object with the right code but without the entry point.
extern "C" EMBER_CLOSURE_EXPORT const ember_closure_api* ember_closure_api_by_another_name(uint32_t) {
  static const ember::kit::PluginSpec spec = {"ember_broken_test_plugin", "0", &create};
  return ember::kit::api_table(spec);
}
#endif
