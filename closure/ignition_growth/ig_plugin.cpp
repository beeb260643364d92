// The Lee–Tarver Ignition & Growth closure as an ember plugin: the reference
// that every learned closure is compared with, and the one a host can run
// without any training data.
#include "ig_params.hpp"
#include "ig_rate.hpp"
#include "plugin_kit.hpp"
#include "sha256.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace ember::ig {
namespace {

using kit::Field;

enum Input { kDensity, kPressure, kProgress };
enum Output { kRate, kEnergy, kHotspot };

// Density below which a cell is treated as at this floor (kg/m³); zero or
// negative density is invalid input.
constexpr double kRhoMin = 1e-3;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

class IgWorkspace final : public kit::Workspace {
 public:
  explicit IgWorkspace(const Params& p) : P_(p) {}

  void state_init(int64_t n, double* state, int64_t) override {
    std::fill(state, state + n, 0.0);  // nothing ignited yet
  }

  double evaluate(const kit::BatchView& b) override {
    double scale = 1.0;
    for (int64_t i = 0; i < b.n; ++i) {
      if (b.cell_status[i] == EMBER_CELL_INVALID_INPUT) continue;
      double rho = b.inputs[kDensity][i];
      double p = b.inputs[kPressure][i];
      double lam = b.inputs[kProgress][i];
      if (rho <= 0.0) {
        b.cell_status[i] = EMBER_CELL_INVALID_INPUT;
        continue;
      }
      const double rho_c = std::clamp(rho, kRhoMin, P_.rho_max);
      const double p_c = std::clamp(p, 0.0, P_.p_max);
      const double lam_c = std::clamp(lam, 0.0, 1.0);
      if (rho_c != rho || p_c != p || lam_c != lam) b.cell_status[i] = EMBER_CELL_CLAMPED;
      rho = rho_c;
      p = p_c;
      lam = lam_c;

      const StepResult s = integrate(P_, lam, rho, p, b.dt);
      const double dlam = s.lambda - lam;
      // Mean rate over the step. Rounded down until λ + r·dt cannot pass the
      // integrated λ, so a host that applies it never leaves [0, 1].
      double r = dlam / b.dt;
      while (lam + r * b.dt > s.lambda) r = std::nextafter(r, 0.0);
      b.outputs[kRate][i] = r;
      if (b.outputs[kEnergy] != nullptr) b.outputs[kEnergy][i] = P_.q * r;
      const double ignited = b.state_old[i] + s.ignited;
      b.state_new[i] = ignited;
      if (b.outputs[kHotspot] != nullptr) b.outputs[kHotspot][i] = ignited;
      if (dlam > P_.max_dlambda_step) scale = std::min(scale, P_.max_dlambda_step / dlam);
    }
    return scale;
  }

 private:
  const Params& P_;
};

class IgModel final : public kit::Model {
 public:
  explicit IgModel(const std::string& path) : P_(load_params(path)) {
    info_.name = P_.name;
    info_.version = P_.version;
    info_.provenance = "Lee-Tarver ignition and growth; parameters: " + P_.source +
                       "; model file " + path;
    info_.data_sha256 = kit::sha256_hex(read_file(path));
    const double p_max = P_.p_max;
    inputs_ = {
        {"density", "kg m-3", "density of the explosive (unreacted and products)",
         EMBER_FIELD_REQUIRED, kRhoMin, P_.rho_max},
        {"pressure", "Pa", "pressure; negative values are clamped to 0", EMBER_FIELD_REQUIRED,
         0.0, p_max},
        {"reaction_progress", "1", "mass fraction of products, lambda, at the step start",
         EMBER_FIELD_REQUIRED, 0.0, 1.0},
    };
    outputs_ = {
        {"reaction_rate", "s-1", "mean d(lambda)/dt over the step", EMBER_FIELD_REQUIRED, 0.0,
         HUGE_VAL},
        {"energy_source", "W kg-1", "heat of reaction times reaction_rate", EMBER_FIELD_OPTIONAL,
         0.0, HUGE_VAL},
        {"hotspot_area_fraction", "1",
         "proxy: mass fraction burnt by the ignition (hot-spot) term so far",
         EMBER_FIELD_OPTIONAL, 0.0, 1.0},
    };
    state_ = {
        {"ignited_fraction", "1", "mass fraction burnt by the ignition term so far",
         EMBER_FIELD_REQUIRED, 0.0, 1.0},
    };
  }

  const kit::ModelInfo& info() const override { return info_; }
  const std::vector<Field>& inputs() const override { return inputs_; }
  const std::vector<Field>& outputs() const override { return outputs_; }
  const std::vector<Field>& state() const override { return state_; }
  std::unique_ptr<kit::Workspace> make_workspace() const override {
    return std::make_unique<IgWorkspace>(P_);
  }

 private:
  Params P_;
  kit::ModelInfo info_;
  std::vector<Field> inputs_, outputs_, state_;
};

std::unique_ptr<kit::Model> create(const ember_model_args& args) {
  try {
    return std::make_unique<IgModel>(args.model_path);
  } catch (const std::runtime_error& e) {
    throw kit::Error(EMBER_ERR_MODEL_FILE, e.what());
  }
}

}  // namespace
}  // namespace ember::ig

extern "C" EMBER_CLOSURE_EXPORT const ember_closure_api* ember_closure_get_api(uint32_t) {
  static const ember::kit::PluginSpec spec = {"ember_ignition_growth", EMBER_PLUGIN_VERSION,
                                              &ember::ig::create};
  return ember::kit::api_table(spec);
}
