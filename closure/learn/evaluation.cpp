#include "evaluation.hpp"

#include "checkpoint.hpp"

#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A field of normalised tensors in its report unit (K, GPa, 1), as doubles.
torch::Tensor in_report_unit(const torch::Tensor& normalised, int field) {
  return to_physical(normalised.to(torch::kFloat64), field) *
         kFieldScales[static_cast<std::size_t>(field)].report_factor;
}

// RMSE of one field between a prediction and the truth [steps, 3, H, W]
// over the real cells of every snapshot, in the field's report unit: the
// snapshots stacked are one tall grid for metrics::field_rmse.
double field_rmse(const DatasetTensors& data, const torch::Tensor& predicted,
                  const torch::Tensor& truth, int field) {
  const torch::Tensor a = in_report_unit(predicted.select(1, field), field).contiguous();
  const torch::Tensor b = in_report_unit(truth.select(1, field), field).contiguous();
  const torch::Tensor w =
      data.mask.to(torch::kFloat64).expand({a.size(0), a.size(1), a.size(2)}).contiguous();
  const metrics::Grid grid{static_cast<int>(a.size(2)), static_cast<int>(a.size(0) * a.size(1)),
                           data.dx_m, data.dx_m};
  return metrics::field_rmse(grid, a.data_ptr<double>(), b.data_ptr<double>(), w.data_ptr<double>());
}

// Sample standard deviation of the finite values; NaN with fewer than two.
double spread(const std::vector<double>& values) {
  double sum = 0, sum2 = 0;
  int n = 0;
  for (const double v : values)
    if (std::isfinite(v)) {
      sum += v;
      sum2 += v * v;
      ++n;
    }
  if (n < 2) return kNaN;
  const double mean = sum / n;
  return std::sqrt(std::max(0.0, (sum2 - n * mean * mean) / (n - 1)));
}

// Mean of the finite values; NaN when there is none.
double finite_mean(const std::vector<double>& values) {
  double sum = 0;
  int n = 0;
  for (const double v : values)
    if (std::isfinite(v)) {
      sum += v;
      ++n;
    }
  return n > 0 ? sum / n : kNaN;
}

metrics::SeriesErrors nan_errors() {
  metrics::SeriesErrors e;
  e.area_rmse = e.area_rate_rmse = e.temperature_rmse = e.temperature_rate_rmse = e.reacted_rmse = kNaN;
  return e;
}

// Throws unless t is [steps + 1, 3, H, W] as first [3, H, W] (for an
// ensemble: per member, [members, steps + 1, 3, H, W]).
void check_rollout(const torch::Tensor& t, const torch::Tensor& first, std::int64_t steps,
                   const std::string& model, bool ensemble) {
  const std::vector<std::int64_t> want = {steps + 1, first.size(0), first.size(1), first.size(2)};
  std::vector<std::int64_t> got = t.sizes().vec();
  if (ensemble && !got.empty()) got.erase(got.begin());
  if (got != want)
    throw std::invalid_argument("model '" + model + "': " + (ensemble ? "ensemble" : "mean") +
                                " rollout of shape " + std::string(c10::str(t.sizes())) +
                                ", expected " + std::string(c10::str(at::IntArrayRef(want))) +
                                (ensemble ? " per member" : ""));
}

RunScores score_run(const DatasetTensors& data, std::int64_t r, const ModelRollout& rollout,
                    const metrics::HotspotSeries& reference) {
  RunScores s;
  s.run = data.runs[static_cast<std::size_t>(r)];
  if (!torch::isfinite(rollout.mean).all().item<bool>()) {
    s.finite = false;
    s.temperature_rmse_K = s.pressure_rmse_GPa = kNaN;
    s.hotspot = nan_errors();
    return s;
  }
  const std::int64_t steps = data.n_times - 1;
  const torch::Tensor truth = data.fields[r].narrow(0, 1, steps);
  const torch::Tensor predicted = rollout.mean.narrow(0, 1, steps);
  s.temperature_rmse_K = field_rmse(data, predicted, truth, kTemperature);
  s.pressure_rmse_GPa = field_rmse(data, predicted, truth, kPressure);
  s.series = hotspot_curves(data, rollout.mean);
  s.hotspot = metrics::compare(s.series, reference);
  if (rollout.ensemble.defined()) {
    std::vector<metrics::HotspotSeries> members;
    for (std::int64_t m = 0; m < rollout.ensemble.size(0); ++m)
      if (torch::isfinite(rollout.ensemble[m]).all().item<bool>())
        members.push_back(hotspot_curves(data, rollout.ensemble[m]));
    for (std::size_t k = 0; k < reference.t.size(); ++k) {
      std::vector<double> T, A;
      for (const metrics::HotspotSeries& c : members) {
        T.push_back(c.temperature[k]);
        A.push_back(c.area_um2[k]);
      }
      s.temperature_spread_K.push_back(spread(T));
      s.area_spread_um2.push_back(spread(A));
    }
  }
  return s;
}

ModelScores score_model(const DatasetTensors& data, const std::vector<std::int64_t>& runs,
                        const EvaluatedModel& model,
                        const std::vector<metrics::HotspotSeries>& reference) {
  ModelScores m;
  m.name = model.name;
  const std::int64_t steps = data.n_times - 1;
  std::vector<metrics::SeriesErrors> errors;
  std::vector<double> T2, P2, T_spread, A_spread;
  bool with_ensemble = false;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::int64_t r = runs[i];
    const torch::Tensor first = data.fields[r][0];
    const auto start = std::chrono::steady_clock::now();
    const ModelRollout rollout = model.rollout(first, data.shock_pressure[r].item<double>(), steps);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.rollout_seconds += seconds;
    check_rollout(rollout.mean, first, steps, model.name, false);
    if (rollout.ensemble.defined()) {
      check_rollout(rollout.ensemble, first, steps, model.name, true);
      with_ensemble = true;
    }
    RunScores s = score_run(data, r, rollout, reference[i]);
    s.rollout_seconds = seconds;
    if (s.finite) {
      errors.push_back(s.hotspot);
      T2.push_back(s.temperature_rmse_K * s.temperature_rmse_K);
      P2.push_back(s.pressure_rmse_GPa * s.pressure_rmse_GPa);
      T_spread.push_back(finite_mean(s.temperature_spread_K));
      A_spread.push_back(finite_mean(s.area_spread_um2));
    } else {
      ++m.diverged_runs;
    }
    m.runs.push_back(std::move(s));
  }
  if (errors.empty()) {
    m.hotspot = nan_errors();
    m.temperature_rmse_K = m.pressure_rmse_GPa = kNaN;
  } else {
    m.hotspot = metrics::mean_over_runs(errors);
    m.temperature_rmse_K = std::sqrt(finite_mean(T2));
    m.pressure_rmse_GPa = std::sqrt(finite_mean(P2));
  }
  m.temperature_spread_K = with_ensemble ? finite_mean(T_spread) : kNaN;
  m.area_spread_um2 = with_ensemble ? finite_mean(A_spread) : kNaN;
  return m;
}

std::string number(double v) {
  if (std::isnan(v)) return "nan";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", v);
  return buf;
}

std::vector<double> run_row(const RunScores& s) {
  const double spread_T = s.temperature_spread_K.empty() ? kNaN : finite_mean(s.temperature_spread_K);
  const double spread_A = s.area_spread_um2.empty() ? kNaN : finite_mean(s.area_spread_um2);
  return {s.temperature_rmse_K,
          s.pressure_rmse_GPa,
          s.hotspot.temperature_rmse,
          s.hotspot.area_rmse,
          s.hotspot.temperature_rate_rmse,
          s.hotspot.area_rate_rmse,
          static_cast<double>(s.hotspot.temperature_samples),
          static_cast<double>(s.hotspot.hot_mismatch_samples),
          spread_T,
          spread_A,
          s.finite ? 0.0 : 1.0,
          s.rollout_seconds};
}

}  // namespace

ModelRollout persistence_rollout(const torch::Tensor& first, std::int64_t steps) {
  return {first.unsqueeze(0).expand({steps + 1, first.size(0), first.size(1), first.size(2)}), {}};
}

metrics::HotspotSeries hotspot_curves(const DatasetTensors& data, const torch::Tensor& fields) {
  const torch::Tensor real = fields.narrow(2, 0, data.ny).narrow(3, 0, data.nx);
  const torch::Tensor T = to_physical(real.select(1, kTemperature).to(torch::kFloat64), kTemperature)
                              .contiguous();
  const torch::Tensor hmx =
      (1.0 - to_physical(real.select(1, kVoidFraction).to(torch::kFloat64), kVoidFraction)).contiguous();
  const metrics::Grid grid{data.nx, data.ny, data.dx_m, data.dx_m};
  std::vector<double> times;
  std::vector<metrics::HotspotSnapshot> snapshots;
  for (std::int64_t k = 0; k < fields.size(0); ++k) {
    const std::int64_t offset = k * static_cast<std::int64_t>(grid.cells());
    times.push_back(static_cast<double>(k) * data.snapshot_dt_s);
    snapshots.push_back(metrics::hotspot_snapshot(grid, T.data_ptr<double>() + offset,
                                                  hmx.data_ptr<double>() + offset, nullptr, nullptr));
  }
  return metrics::hotspot_series(times, snapshots);
}

Evaluation evaluate_models(const DatasetTensors& data, const std::vector<std::int64_t>& runs,
                           const std::vector<EvaluatedModel>& models) {
  if (runs.empty()) throw std::invalid_argument("evaluate_models: no runs to evaluate on");
  torch::NoGradGuard no_grad;
  Evaluation e;
  e.data_file = data.path;
  e.data_hash = data.hash;
  for (const std::int64_t r : runs) {
    e.runs.push_back(data.runs[static_cast<std::size_t>(r)]);
    e.shock_pressure_GPa.push_back(data.shock_pressure_Pa[static_cast<std::size_t>(r)] * 1e-9);
    e.reference.push_back(hotspot_curves(data, data.fields[r]));
  }
  for (const EvaluatedModel& m : models) e.models.push_back(score_model(data, runs, m, e.reference));
  return e;
}

void check_held_out(const fs::path& checkpoint, const std::string& stage, const DatasetTensors& data,
                    const std::vector<std::string>& held_out, std::uint64_t split_seed) {
  torch::nn::Module empty;
  const CheckpointMeta meta = load_checkpoint(checkpoint, stage, empty, nullptr, nullptr);
  const std::string where = checkpoint.string();
  const auto hash = meta.text.find("data_hash");
  if (hash == meta.text.end() || hash->second != data.hash)
    throw std::runtime_error(where + ": trained on other data than " + data.path +
                             " (data hash differs): its held-out runs are not these");
  const auto train = meta.text.find("train_runs");
  if (train == meta.text.end())
    throw std::runtime_error(where + ": records no training runs; cannot tell whether the "
                                     "evaluation runs were held out");
  for (const char* key : {"train_runs", "split_validation"}) {
    const auto it = meta.text.find(key);
    if (it == meta.text.end()) continue;
    std::istringstream in(it->second);
    for (std::string run; std::getline(in, run, ',');)
      for (const std::string& h : held_out)
        if (run == h)
          throw std::runtime_error(where + ": the evaluation run " + h + " is among its " +
                                   (std::string(key) == "train_runs" ? "training" : "validation") +
                                   " runs; evaluate on runs it never saw");
  }
  const auto settings = meta.text.find("settings");
  if (settings != meta.text.end()) {
    std::istringstream in(settings->second);
    const std::string prefix = "data.split_seed = ";
    for (std::string line; std::getline(in, line);)
      if (line.rfind(prefix, 0) == 0 && line.substr(prefix.size()) != std::to_string(split_seed))
        throw std::runtime_error(where + ": trained with data.split_seed = " +
                                 line.substr(prefix.size()) + ", the evaluation splits with " +
                                 std::to_string(split_seed) + ": other validation runs");
  }
}

const std::vector<std::string>& evaluation_columns() {
  static const std::vector<std::string> columns = {
      "T_rmse_K",           "P_rmse_GPa",       "T_hs_rmse_K",
      "A_hs_rmse_um2",      "T_hs_rate_rmse_K_per_s", "A_hs_rate_rmse_um2_per_s",
      "T_hs_samples",       "hot_mismatch_samples",   "T_hs_spread_K",
      "A_hs_spread_um2",    "diverged_runs",          "rollout_s"};
  return columns;
}

std::vector<double> mean_row(const ModelScores& m) {
  return {m.temperature_rmse_K,
          m.pressure_rmse_GPa,
          m.hotspot.temperature_rmse,
          m.hotspot.area_rmse,
          m.hotspot.temperature_rate_rmse,
          m.hotspot.area_rate_rmse,
          static_cast<double>(m.hotspot.temperature_samples),
          static_cast<double>(m.hotspot.hot_mismatch_samples),
          m.temperature_spread_K,
          m.area_spread_um2,
          static_cast<double>(m.diverged_runs),
          m.rollout_seconds};
}

void write_evaluation(const fs::path& dir, const Evaluation& e) {
  fs::create_directories(dir);
  const fs::path summary_path = dir / "evaluation.csv";
  std::ofstream summary(summary_path);
  summary << "model,run";
  for (const std::string& c : evaluation_columns()) summary << ',' << c;
  summary << '\n';
  auto row = [&summary](const std::string& model, const std::string& run,
                        const std::vector<double>& values) {
    summary << model << ',' << run;
    for (const double v : values) summary << ',' << number(v);
    summary << '\n';
  };
  for (const ModelScores& m : e.models) {
    for (const RunScores& s : m.runs) row(m.name, s.run, run_row(s));
    row(m.name, "mean", mean_row(m));
  }
  if (!summary) throw std::runtime_error(summary_path.string() + ": cannot be written");

  const fs::path curves_path = dir / "evaluation_curves.csv";
  std::ofstream curves(curves_path);
  curves << "model,run,snapshot,time_ns,T_hs_K,A_hs_um2,T_hs_rate_K_per_s,A_hs_rate_um2_per_s,"
            "T_hs_spread_K,A_hs_spread_um2\n";
  auto write = [&curves](const std::string& model, const std::string& run,
                         const metrics::HotspotSeries& c, const RunScores* s) {
    for (std::size_t k = 0; k < c.t.size(); ++k) {
      const bool spread = s != nullptr && !s->temperature_spread_K.empty();
      curves << model << ',' << run << ',' << k << ',' << number(c.t[k] * 1e9) << ','
             << number(c.temperature[k]) << ',' << number(c.area_um2[k]) << ','
             << number(c.temperature_rate[k]) << ',' << number(c.area_rate[k]) << ','
             << number(spread ? s->temperature_spread_K[k] : kNaN) << ','
             << number(spread ? s->area_spread_um2[k] : kNaN) << '\n';
    }
  };
  for (std::size_t i = 0; i < e.runs.size(); ++i) write("data", e.runs[i], e.reference[i], nullptr);
  for (const ModelScores& m : e.models)
    for (const RunScores& s : m.runs)
      if (s.finite) write(m.name, s.run, s.series, &s);
  if (!curves) throw std::runtime_error(curves_path.string() + ": cannot be written");
}

std::string evaluation_table(const Evaluation& e) {
  std::ostringstream out;
  out << "held-out runs:";
  for (std::size_t i = 0; i < e.runs.size(); ++i) {
    char p[32];
    std::snprintf(p, sizeof p, "%.3g", e.shock_pressure_GPa[i]);
    out << ' ' << e.runs[i] << " (" << p << " GPa)";
  }
  out << "\nfull rollouts from snapshot 0; RMSE against the data (hotspot curves: mean over runs)\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-12s %9s %9s %10s %10s %12s %12s %9s %10s %10s\n", "model",
                "T [K]", "P [GPa]", "T_hs [K]", "A_hs[um2]", "dT_hs[K/ns]", "dA_hs[um2/ns]",
                "mismatch", "T_hs sd", "A_hs sd");
  out << line;
  for (const ModelScores& m : e.models) {
    std::snprintf(line, sizeof line,
                  "  %-12s %9.4g %9.4g %10.4g %10.4g %12.4g %12.4g %9d %10.4g %10.4g%s\n",
                  m.name.c_str(), m.temperature_rmse_K, m.pressure_rmse_GPa,
                  m.hotspot.temperature_rmse, m.hotspot.area_rmse,
                  m.hotspot.temperature_rate_rmse * 1e-9, m.hotspot.area_rate_rmse * 1e-9,
                  m.hotspot.hot_mismatch_samples, m.temperature_spread_K, m.area_spread_um2,
                  m.diverged_runs > 0 ? "  (diverged on some runs)" : "");
    out << line;
  }
  out << "  mismatch: snapshots where exactly one of model and data has a hotspot (T_hs "
         "undefined on the other); sd: ensemble spread, mean over snapshots\n";
  return out.str();
}

}  // namespace ember::learn
