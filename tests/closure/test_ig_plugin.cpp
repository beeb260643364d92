// The built Ignition & Growth plugin, loaded as a host loads it: dlopen
// through the C++ wrapper over the C ABI (ember/closure.hpp). The reference
// values come from the same rate law compiled into this test (ig_rate.hpp)
// and from the model file read directly (ig_params.hpp).
#include "ember/closure.hpp"
#include "ig_params.hpp"
#include "ig_rate.hpp"
#include "sha256.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef EMBER_IG_PLUGIN_PATH
#error "EMBER_IG_PLUGIN_PATH must be defined by the build"
#endif
#ifndef EMBER_IG_MODEL_PATH
#error "EMBER_IG_MODEL_PATH must be defined by the build"
#endif
#ifndef EMBER_TEST_DATA_DIR
#error "EMBER_TEST_DATA_DIR must be defined by the build"
#endif

namespace {

namespace ig = ember::ig;

const std::string kPluginPath = EMBER_IG_PLUGIN_PATH;
const std::string kModelPath = EMBER_IG_MODEL_PATH;
const std::string kData = EMBER_TEST_DATA_DIR;

constexpr double kRho0 = 1844.0;   // kg/m³
constexpr double kRho13 = 2397.2;  // 1.3 ρ0
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::shared_ptr<const ember::Plugin> plugin() {
  static const std::shared_ptr<const ember::Plugin> p = ember::Plugin::open(kPluginPath);
  return p;
}

const ember::Model& model() {
  static const ember::Model m(plugin(), kModelPath);
  return m;
}

// The shipped parameters, read in this process: the reference for the plugin.
const ig::Params& params() {
  static const ig::Params P = ig::load_params(kModelPath);
  return P;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

void expect_rel(double actual, double expected, double rel) {
  EXPECT_NEAR(actual, expected, rel * std::fabs(expected))
      << "relative error " << (actual - expected) / expected;
}

int field(const std::vector<ember::FieldInfo>& fields, const char* name) {
  const int i = ember::Model::index_of(fields, name);
  if (i < 0) throw std::logic_error(std::string("model has no field '") + name + "'");
  return i;
}

struct Cell {
  double rho;     // kg/m³
  double p;       // Pa
  double lambda;  // reaction progress at the step start
  double ignited_old = 0.0;
};

// One host batch: its arrays, sentinel-filled outputs, and the ember_batch
// pointing at them, with fields placed by name as a host would.
class Batch {
 public:
  Batch(std::vector<Cell> cells, double dt) : cells_(std::move(cells)) {
    const size_t n = cells_.size();
    for (const Cell& c : cells_) {
      rho_.push_back(c.rho);
      p_.push_back(c.p);
      lambda_.push_back(c.lambda);
      state_old_.push_back(c.ignited_old);
    }
    rate_.assign(n, kSentinel);
    energy_.assign(n, kSentinel);
    hotspot_.assign(n, kSentinel);
    state_new_.assign(n, kSentinel);
    status_.assign(n, -1);
    const ember::Model& m = model();
    in_.assign(m.inputs().size(), nullptr);
    out_.assign(m.outputs().size(), nullptr);
    in_[field(m.inputs(), "density")] = rho_.data();
    in_[field(m.inputs(), "pressure")] = p_.data();
    in_[field(m.inputs(), "reaction_progress")] = lambda_.data();
    out_[field(m.outputs(), "reaction_rate")] = rate_.data();
    out_[field(m.outputs(), "energy_source")] = energy_.data();
    out_[field(m.outputs(), "hotspot_area_fraction")] = hotspot_.data();
    b_ = ember::make_batch(static_cast<int64_t>(n), dt);
    b_.inputs = in_.data();
    b_.outputs = out_.data();
    b_.state_old = state_old_.data();
    b_.state_new = state_new_.data();
    b_.cell_status = status_.data();
  }

  ember_status evaluate() {
    ember::Workspace ws = model().workspace();
    const ember_status st = ws.evaluate(b_);
    error_ = ws.error();
    return st;
  }

  static constexpr double kSentinel = -12345.0;

  const Cell& cell(size_t i) const { return cells_[i]; }
  size_t size() const { return cells_.size(); }
  double dt() const { return b_.dt; }
  double rate(size_t i) const { return rate_[i]; }
  double energy(size_t i) const { return energy_[i]; }
  double hotspot(size_t i) const { return hotspot_[i]; }
  double state_new(size_t i) const { return state_new_[i]; }
  int32_t status(size_t i) const { return status_[i]; }
  const ember_batch& batch() const { return b_; }
  const std::string& error() const { return error_; }

 private:
  std::vector<Cell> cells_;
  std::vector<double> rho_, p_, lambda_, rate_, energy_, hotspot_, state_old_, state_new_;
  std::vector<int32_t> status_;
  std::vector<const double*> in_;
  std::vector<double*> out_;
  ember_batch b_{};
  std::string error_;
};

// Burning states well inside the model's range, away from the cut-offs at
// λ = 0.02 and 0.8 and from λ = 0 (where λ^d has an infinite slope), so that
// over a tiny step the mean rate is the instantaneous one.
const std::vector<Cell> kBurning = {
    {kRho13, 1e10, 0.01},  // ignition + G1
    {kRho13, 0.0, 0.005},  // ignition alone (no pressure for growth)
    {kRho0, 2e10, 0.3},    // G1
    {kRho0, 3e10, 0.5},    // G1
    {kRho13, 2e10, 0.81},  // G2
    {kRho0, 5e10, 0.9},    // G2
};

// ---- identity and descriptors ----------------------------------------------

TEST(IgPlugin, LoadsAndDescribesTheModel) {
  EXPECT_EQ(plugin()->name(), "ember_ignition_growth");
  const ember::ModelInfo& info = model().info();
  EXPECT_EQ(info.name, "PBX 9501 ignition and growth (LX-14 rate set)");
  EXPECT_EQ(info.version, "1");
  EXPECT_NE(info.provenance.find(kModelPath), std::string::npos) << info.provenance;
  EXPECT_FALSE(info.code_version.empty());
}

void expect_field(const ember::FieldInfo& f, const char* name, const char* unit, bool required) {
  SCOPED_TRACE(name);
  EXPECT_EQ(f.name, name);
  EXPECT_EQ(f.unit, unit);
  EXPECT_EQ(f.required, required);
  EXPECT_FALSE(f.description.empty());
  EXPECT_LE(f.valid_min, f.valid_max);
}

TEST(IgPlugin, DescriptorsHaveStandardNamesAndSIUnits) {
  const ember::Model& m = model();
  ASSERT_EQ(m.inputs().size(), 3u);
  expect_field(m.inputs()[0], "density", "kg m-3", true);
  expect_field(m.inputs()[1], "pressure", "Pa", true);
  expect_field(m.inputs()[2], "reaction_progress", "1", true);
  ASSERT_EQ(m.outputs().size(), 3u);
  expect_field(m.outputs()[0], "reaction_rate", "s-1", true);
  expect_field(m.outputs()[1], "energy_source", "W kg-1", false);
  expect_field(m.outputs()[2], "hotspot_area_fraction", "1", false);
  ASSERT_EQ(m.state().size(), 1u);
  expect_field(m.state()[0], "ignited_fraction", "1", true);
  // the validity ranges are the model file's, in SI
  EXPECT_EQ(m.inputs()[1].valid_min, 0.0);
  EXPECT_EQ(m.inputs()[1].valid_max, 100e9);  // pressure_max_GPa = 100
  EXPECT_EQ(m.inputs()[0].valid_max, 5000.0);
  EXPECT_EQ(m.inputs()[2].valid_min, 0.0);
  EXPECT_EQ(m.inputs()[2].valid_max, 1.0);
}

TEST(IgPlugin, StateInitMarksNothingIgnited) {
  ember::Workspace ws = model().workspace();
  std::vector<double> state(5, 0.5);
  ws.state_init(4, state.data(), 5);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(state[static_cast<size_t>(i)], 0.0) << i;
  EXPECT_EQ(state[4], 0.5);  // padding beyond n is the host's
}

// ---- outputs -------------------------------------------------------------

TEST(IgPlugin, TinyStepRateIsTheInstantaneousRate) {
  Batch b(kBurning, 1e-15);
  ASSERT_EQ(b.evaluate(), EMBER_OK) << b.error();
  for (size_t i = 0; i < b.size(); ++i) {
    const Cell& c = b.cell(i);
    SCOPED_TRACE(::testing::Message()
                 << "rho = " << c.rho << ", p = " << c.p << ", lambda = " << c.lambda);
    EXPECT_EQ(b.status(i), EMBER_CELL_OK);
    const double instantaneous = ig::rate(params(), c.lambda, c.rho, c.p).total();
    ASSERT_GT(instantaneous, 1e5);  // a real burning state
    expect_rel(b.rate(i), instantaneous, 1e-6);
  }
}

TEST(IgPlugin, EnergySourceIsHeatOfReactionTimesRate) {
  for (const double dt : {1e-15, 1e-8, 1e-3}) {
    SCOPED_TRACE(dt);
    Batch b(kBurning, dt);
    ASSERT_EQ(b.evaluate(), EMBER_OK) << b.error();
    for (size_t i = 0; i < b.size(); ++i) {
      EXPECT_GT(b.rate(i), 0.0);
      EXPECT_EQ(b.energy(i), 5.558e6 * b.rate(i)) << i;
    }
  }
}

TEST(IgPlugin, RateTimesDtLandsOnTheIntegratedLambda) {
  // The rate is the mean over the step: a host that advances λ += rate·dt
  // must get integrate()'s λ, inside [0, 1], including the steps that burn
  // the cell out.
  std::vector<Cell> cells = kBurning;
  for (int k = 0; k <= 20; ++k) cells.push_back({kRho13, 5e10, 0.05 * k});
  cells.push_back({kRho0, 1e10, 1.0 / 3.0});
  cells.push_back({kRho0, 1e10, 0.7});
  // λ0 = 0.11 and 0.46 burn out at 50 GPa, and there (1-λ0)/dt·dt rounds up
  // for some dt (see BurntOutCellEndsAtOneNotAbove)
  cells.push_back({kRho13, 5e10, 0.11});
  cells.push_back({kRho13, 5e10, 0.46});
  for (const double dt : {1e-9, 1e-7, 1e-6, 1e-5, 1e-3, 0.1, 1.0}) {
    SCOPED_TRACE(dt);
    Batch b(cells, dt);
    ASSERT_EQ(b.evaluate(), EMBER_OK) << b.error();
    for (size_t i = 0; i < b.size(); ++i) {
      const Cell& c = b.cell(i);
      SCOPED_TRACE(::testing::Message()
                   << "rho = " << c.rho << ", p = " << c.p << ", lambda = " << c.lambda);
      const ig::StepResult s = ig::integrate(params(), c.lambda, c.rho, c.p, dt);
      const double lambda_end = c.lambda + b.rate(i) * dt;
      EXPECT_GE(lambda_end, 0.0);
      EXPECT_LE(lambda_end, 1.0) << "overshoot " << lambda_end - 1.0;
      // equal up to the rounding of (λ - λ0)/dt·dt + λ0 (a few ulps)
      EXPECT_DOUBLE_EQ(lambda_end, s.lambda);
      // the hot-spot state accumulates the ignited part of the step
      EXPECT_EQ(b.state_new(i), c.ignited_old + s.ignited);
      EXPECT_EQ(b.hotspot(i), b.state_new(i));
    }
  }
}

TEST(IgPlugin, BurntOutCellEndsAtOneNotAbove) {
  // A step that burns the cell out ends at λ = 1 in integrate(); the host,
  // advancing λ += rate·dt, must land on 1 too, not on 1 + 2.2e-16: λ > 1 is
  // outside the model's range, so the cell's next step would be flagged
  // clamped (and a host's mixture rule would see a negative (1-λ)).
  // E.g. λ0 = 0.46, dt = 1e-6 s: rate = (1 - 0.46)/1e-6 and
  // 0.46 + rate·1e-6 = 0.46 + 0.54000000000000004 = 1.0000000000000002.
  const std::pair<double, double> cases[] = {{0.46, 1e-6}, {0.11, 1e-5}, {0.46, 2e-6}};
  for (const auto& [lambda0, dt] : cases) {
    SCOPED_TRACE(::testing::Message() << "lambda0 = " << lambda0 << ", dt = " << dt);
    ASSERT_EQ(ig::integrate(params(), lambda0, kRho13, 5e10, dt).lambda, 1.0);
    Batch b({{kRho13, 5e10, lambda0}}, dt);
    ASSERT_EQ(b.evaluate(), EMBER_OK) << b.error();
    const double lambda_end = lambda0 + b.rate(0) * dt;
    EXPECT_LE(lambda_end, 1.0) << "overshoot " << lambda_end - 1.0;
    // the host's next step with that λ
    Batch next({{kRho13, 5e10, lambda_end}}, dt);
    ASSERT_EQ(next.evaluate(), EMBER_OK) << next.error();
    EXPECT_EQ(next.status(0), EMBER_CELL_OK);
    // λ_end sits at most a few ulps below 1; the next step burns that remainder
    // and still does not pass 1.
    EXPECT_LE(next.rate(0) * dt, 4e-16);
    EXPECT_LE(lambda_end + next.rate(0) * dt, 1.0);
  }
}

TEST(IgPlugin, IgnitedFractionAccumulatesOverSteps) {
  // Start from a non-zero history: the step adds to it.
  Batch b({{kRho13, 1e10, 0.005, 0.004}}, 1e-10);
  ASSERT_EQ(b.evaluate(), EMBER_OK) << b.error();
  const ig::StepResult s = ig::integrate(params(), 0.005, kRho13, 1e10, 1e-10);
  ASSERT_GT(s.ignited, 0.0);
  EXPECT_EQ(b.state_new(0), 0.004 + s.ignited);
  EXPECT_EQ(b.hotspot(0), 0.004 + s.ignited);
}

// ---- clamping and invalid input ---------------------------------------------

TEST(IgPlugin, OutOfRangeInputsAreClampedWithFiniteOutputs) {
  // Each out-of-range cell is followed by the cell it must be clamped to.
  const std::vector<Cell> cells = {
      {kRho13, 2e11, 0.5},        {kRho13, 1e11, 0.5},   // p above 100 GPa
      {kRho13, -1e9, 0.01},       {kRho13, 0.0, 0.01},   // negative p
      {kRho13, 1e10, -1e-9},      {kRho13, 1e10, 0.0},   // λ below 0
      {kRho13, 1e10, 1.0 + 1e-9}, {kRho13, 1e10, 1.0},   // λ above 1
      {6000.0, 1e10, 0.01},       {5000.0, 1e10, 0.01},  // ρ above the validity limit
      {1e-4, 1e10, 0.01},         {1e-3, 1e10, 0.01},    // ρ below the 1e-3 kg/m³ floor
  };
  Batch b(cells, 1e-9);
  EXPECT_EQ(b.evaluate(), EMBER_OK) << b.error();
  EXPECT_EQ(b.batch().n_clamped, 6);
  EXPECT_EQ(b.batch().n_invalid, 0);
  for (size_t i = 0; i < cells.size(); i += 2) {
    SCOPED_TRACE(::testing::Message() << "cell " << i);
    EXPECT_EQ(b.status(i), EMBER_CELL_CLAMPED);
    EXPECT_EQ(b.status(i + 1), EMBER_CELL_OK);
    EXPECT_TRUE(std::isfinite(b.rate(i)));
    EXPECT_TRUE(std::isfinite(b.energy(i)));
    EXPECT_TRUE(std::isfinite(b.hotspot(i)));
    EXPECT_TRUE(std::isfinite(b.state_new(i)));
    EXPECT_GE(b.rate(i), 0.0);
    EXPECT_EQ(b.rate(i), b.rate(i + 1));
    EXPECT_EQ(b.energy(i), b.energy(i + 1));
    EXPECT_EQ(b.state_new(i), b.state_new(i + 1));
  }
}

TEST(IgPlugin, InvalidInputsGiveZeroOutputsAndKeepState) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Cell> cells = {
      {kRho13, 1e10, 0.01, 0.003},   // valid
      {0.0, 1e10, 0.01, 0.0123},     // zero density
      {-5.0, 1e10, 0.01, 0.0124},    // negative density
      {kNaN, 1e10, 0.01, 0.0125},    // NaN density
      {kRho13, kNaN, 0.01, 0.0126},  // NaN pressure
      {kRho13, 1e10, inf, 0.0127},   // infinite progress
      {kRho0, 2e10, 0.3, 0.002},     // valid
  };
  Batch b(cells, 1e-9);
  EXPECT_EQ(b.evaluate(), EMBER_INVALID_CELLS);
  EXPECT_EQ(b.batch().n_invalid, 5);
  EXPECT_EQ(b.batch().first_invalid, 1);
  for (size_t i = 1; i <= 5; ++i) {
    SCOPED_TRACE(::testing::Message() << "cell " << i);
    EXPECT_EQ(b.status(i), EMBER_CELL_INVALID_INPUT);
    EXPECT_EQ(b.rate(i), 0.0);
    EXPECT_EQ(b.energy(i), 0.0);
    EXPECT_EQ(b.hotspot(i), 0.0);
    EXPECT_EQ(b.state_new(i), cells[i].ignited_old);
  }
  // the valid cells around them are computed as usual
  for (const size_t i : {size_t{0}, size_t{6}}) {
    SCOPED_TRACE(::testing::Message() << "cell " << i);
    const Cell& c = cells[i];
    EXPECT_EQ(b.status(i), EMBER_CELL_OK);
    const ig::StepResult s = ig::integrate(params(), c.lambda, c.rho, c.p, 1e-9);
    EXPECT_DOUBLE_EQ(c.lambda + b.rate(i) * 1e-9, s.lambda);
    EXPECT_EQ(b.state_new(i), c.ignited_old + s.ignited);
  }
  // the message names the first bad cell and its inputs
  EXPECT_NE(b.error().find("cell 1 "), std::string::npos) << b.error();
  EXPECT_NE(b.error().find("density = 0 kg m-3"), std::string::npos) << b.error();
}

// ---- time-step control ---------------------------------------------------

TEST(IgPlugin, DtScaleLimitsTheLargestChangeOfLambda) {
  // One fast cell among quiet ones: λ would move by more than
  // max_dlambda_per_step = 0.25, so the plugin asks for dt·0.25/Δλ.
  const double dt = 8e-8;
  const Cell fast = {kRho0, 2e10, 0.3};
  const double dlambda = ig::integrate(params(), fast.lambda, fast.rho, fast.p, dt).lambda - 0.3;
  ASSERT_GT(dlambda, 0.25);
  ASSERT_LT(dlambda, 0.7);  // not burnt out, so Δλ measures the rate
  Batch b({{kRho0, 0.0, 0.0}, fast, {kRho0, 1e9, 0.1}, {kRho13, 0.0, 1.0}}, dt);
  ASSERT_EQ(b.evaluate(), EMBER_OK) << b.error();
  EXPECT_LT(b.batch().dt_scale, 1.0);
  expect_rel(b.batch().dt_scale, 0.25 / dlambda, 1e-12);
  expect_rel(b.batch().dt_scale, 0.25 / (b.rate(1) * dt), 1e-12);
}

TEST(IgPlugin, DtScaleFollowsTheFastestOfSeveralCells) {
  const double dt = 1e-7;
  const Cell medium = {kRho0, 1.6e10, 0.3};
  const Cell fast = {kRho0, 2.5e10, 0.3};
  const double d_medium = ig::integrate(params(), 0.3, kRho0, 1.6e10, dt).lambda - 0.3;
  const double d_fast = ig::integrate(params(), 0.3, kRho0, 2.5e10, dt).lambda - 0.3;
  ASSERT_GT(d_medium, 0.25);
  ASSERT_GT(d_fast, d_medium);
  Batch b({medium, fast, medium}, dt);
  ASSERT_EQ(b.evaluate(), EMBER_OK) << b.error();
  expect_rel(b.batch().dt_scale, 0.25 / d_fast, 1e-12);
}

TEST(IgPlugin, DtScaleIsOneForAQuietBatch) {
  // Unshocked cells, burnt-out cells and a cell that burns a bit under the
  // limit (Δλ ≈ 0.2) need no shorter step.
  const double dt = 4e-8;
  const Cell slow = {kRho0, 2e10, 0.3};
  const double dlambda = ig::integrate(params(), 0.3, kRho0, 2e10, dt).lambda - 0.3;
  ASSERT_GT(dlambda, 0.15);
  ASSERT_LT(dlambda, 0.25);
  Batch b({{kRho0, 0.0, 0.0}, {kRho0, 1e10, 0.0}, slow, {kRho13, 5e10, 1.0}}, dt);
  ASSERT_EQ(b.evaluate(), EMBER_OK) << b.error();
  EXPECT_EQ(b.batch().dt_scale, 1.0);
}

// ---- provenance and model-file errors ---------------------------------------

TEST(IgPlugin, DataSha256IsTheHashOfTheModelFile) {
  const std::string expected = ember::kit::sha256_hex(read_bytes(kModelPath));
  ASSERT_EQ(expected.size(), 64u);
  EXPECT_EQ(model().info().data_sha256, expected);
  // a different file gives a different hash
  const ember::Model si(plugin(), kData + "/pbx9501_si.toml");
  EXPECT_EQ(si.info().data_sha256, ember::kit::sha256_hex(read_bytes(kData + "/pbx9501_si.toml")));
  EXPECT_NE(si.info().data_sha256, expected);
}

TEST(IgPlugin, ModelFileErrorThrowsClosureErrorNamingFileAndKey) {
  const std::string path = kData + "/unknown_key.toml";
  try {
    const ember::Model m(plugin(), path);
    FAIL() << "model with a misspelt key was accepted";
  } catch (const ember::ClosureError& e) {
    EXPECT_EQ(e.status(), EMBER_ERR_MODEL_FILE);
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find("ignition.lamda_max"), std::string::npos) << msg;
  }
}

TEST(IgPlugin, MissingModelFileThrowsClosureError) {
  const std::string path = kData + "/no_such_model.toml";
  try {
    const ember::Model m(plugin(), path);
    FAIL() << "a missing model file was accepted";
  } catch (const ember::ClosureError& e) {
    EXPECT_EQ(e.status(), EMBER_ERR_MODEL_FILE);
    const std::string msg = e.what();
    EXPECT_NE(msg.find("cannot open model file"), std::string::npos) << msg;
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
  }
}

}  // namespace
