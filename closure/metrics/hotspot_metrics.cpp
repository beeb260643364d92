// Hotspot metrics: see hotspot_metrics.hpp for the definitions and conventions.
#include "hotspot_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ember::metrics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kUm2PerM2 = 1e12;

void check_grid(const Grid& g, const char* who) {
  if (g.nx <= 0 || g.ny <= 0)
    throw std::invalid_argument(std::string(who) + ": grid needs nx > 0 and ny > 0, got nx=" +
                                std::to_string(g.nx) + " ny=" + std::to_string(g.ny));
  if (!(std::isfinite(g.dx) && g.dx > 0.0 && std::isfinite(g.dy) && g.dy > 0.0))
    throw std::invalid_argument(std::string(who) + ": grid needs finite dx > 0 and dy > 0 (m)");
}

[[noreturn]] void bad_value(const char* who, const char* field, std::size_t i, const Grid& g) {
  const std::size_t nx = static_cast<std::size_t>(g.nx);
  throw std::invalid_argument(std::string(who) + ": non-finite " + field + " at cell (i=" +
                              std::to_string(i % nx) + ", j=" + std::to_string(i / nx) +
                              ") where it is needed");
}

// Forward differences, the last one repeated (PARC); NaN with fewer than two points.
std::vector<double> forward_rate(const std::vector<double>& t, const std::vector<double>& q) {
  const std::size_t n = t.size();
  std::vector<double> r(n, kNaN);
  if (n < 2) return r;
  for (std::size_t k = 0; k + 1 < n; ++k) r[k] = (q[k + 1] - q[k]) / (t[k + 1] - t[k]);
  r[n - 1] = r[n - 2];
  return r;
}

// RMSE over the indices where both are finite; counts what it used and the
// indices where exactly one is NaN.
struct Rmse {
  double value = kNaN;
  int used = 0;
  int one_sided = 0;
};

Rmse rmse_where_defined(const std::vector<double>& a, const std::vector<double>& b) {
  Rmse r;
  double sum = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const bool da = !std::isnan(a[k]), db = !std::isnan(b[k]);
    if (da && db) {
      const double d = a[k] - b[k];
      sum += d * d;
      ++r.used;
    } else if (da != db) {
      ++r.one_sided;
    }
  }
  if (r.used > 0) r.value = std::sqrt(sum / r.used);
  return r;
}

// RMSE over all indices; NaN if any entry is NaN (a curve that must be complete).
double rmse_all(const std::vector<double>& a, const std::vector<double>& b) {
  const Rmse r = rmse_where_defined(a, b);
  return static_cast<std::size_t>(r.used) == a.size() ? r.value : kNaN;
}

void check_series(const HotspotSeries& s, const char* name) {
  const std::size_t n = s.t.size();
  if (n == 0) throw std::invalid_argument(std::string("compare: ") + name + " series is empty");
  if (s.area_um2.size() != n || s.area_fraction.size() != n || s.area_rate.size() != n ||
      s.temperature.size() != n || s.temperature_rate.size() != n || s.reacted.size() != n)
    throw std::invalid_argument(std::string("compare: ") + name +
                                " series has curves of different lengths");
}

}  // namespace

HotspotSnapshot hotspot_snapshot(const Grid& grid, const double* temperature,
                                 const double* hmx_fraction, const double* density,
                                 const double* progress, const HotspotOptions& options) {
  static const char* who = "hotspot_snapshot";
  check_grid(grid, who);
  if (temperature == nullptr) throw std::invalid_argument("hotspot_snapshot: temperature is null");
  if (!std::isfinite(options.threshold_K))
    throw std::invalid_argument("hotspot_snapshot: threshold_K must be finite");

  const bool with_reaction = density != nullptr && progress != nullptr;
  const double thr = options.threshold_K;
  double w_all = 0.0, w_hot = 0.0, wT_hot = 0.0, m_all = 0.0, m_reacted = 0.0;
  const std::size_t n = grid.cells();
  for (std::size_t i = 0; i < n; ++i) {
    double w = 1.0;
    if (hmx_fraction != nullptr) {
      w = hmx_fraction[i];
      if (std::isnan(w)) bad_value(who, "hmx_fraction", i, grid);
      w = std::clamp(w, 0.0, 1.0);
      if (w == 0.0) continue;  // no HMX here: its phase values are not read
    }
    const double T = temperature[i];
    if (!std::isfinite(T)) bad_value(who, "temperature", i, grid);
    w_all += w;
    if (T > thr) {  // strict, as PARC's mask
      w_hot += w;
      wT_hot += w * T;
    }
    if (with_reaction) {
      const double rho = density[i], lam = progress[i];
      if (!std::isfinite(rho)) bad_value(who, "density", i, grid);
      if (!std::isfinite(lam)) bad_value(who, "progress", i, grid);
      m_all += w * rho;
      m_reacted += w * rho * lam;
    }
  }

  HotspotSnapshot s;
  s.hot_area_um2 = w_hot * grid.dx * grid.dy * kUm2PerM2;
  s.hot_area_fraction = w_all > 0.0 ? w_hot / w_all : kNaN;
  s.mean_hot_temperature_K = w_hot > 0.0 ? wT_hot / w_hot : kNaN;
  s.reacted_mass_fraction = with_reaction && m_all > 0.0 ? m_reacted / m_all : kNaN;
  return s;
}

HotspotSeries hotspot_series(const std::vector<double>& times,
                             const std::vector<HotspotSnapshot>& snapshots) {
  if (times.size() != snapshots.size())
    throw std::invalid_argument("hotspot_series: " + std::to_string(times.size()) +
                                " times for " + std::to_string(snapshots.size()) + " snapshots");
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (!std::isfinite(times[k]))
      throw std::invalid_argument("hotspot_series: non-finite time at index " + std::to_string(k));
    if (k > 0 && !(times[k] > times[k - 1]))
      throw std::invalid_argument("hotspot_series: times must increase strictly (index " +
                                  std::to_string(k) + ")");
  }
  HotspotSeries s;
  s.t = times;
  for (const HotspotSnapshot& q : snapshots) {
    s.area_um2.push_back(q.hot_area_um2);
    s.area_fraction.push_back(q.hot_area_fraction);
    s.temperature.push_back(q.mean_hot_temperature_K);
    s.reacted.push_back(q.reacted_mass_fraction);
  }
  s.area_rate = forward_rate(s.t, s.area_um2);
  s.temperature_rate = forward_rate(s.t, s.temperature);  // NaN propagates
  return s;
}

SeriesErrors compare(const HotspotSeries& model, const HotspotSeries& reference) {
  check_series(model, "model");
  check_series(reference, "reference");
  const std::size_t n = reference.t.size();
  if (model.t.size() != n)
    throw std::invalid_argument("compare: model has " + std::to_string(model.t.size()) +
                                " times, reference " + std::to_string(n));
  double scale = 0.0;
  for (double t : reference.t) scale = std::max(scale, std::abs(t));
  const double tol = 1e-9 * scale;
  for (std::size_t k = 0; k < n; ++k)
    if (!(std::abs(model.t[k] - reference.t[k]) <= tol))
      throw std::invalid_argument("compare: model and reference times differ at index " +
                                  std::to_string(k));

  SeriesErrors e;
  e.area_rmse = rmse_all(model.area_um2, reference.area_um2);
  e.area_rate_rmse = rmse_all(model.area_rate, reference.area_rate);
  const Rmse T = rmse_where_defined(model.temperature, reference.temperature);
  e.temperature_rmse = T.value;
  e.temperature_samples = T.used;
  e.hot_mismatch_samples = T.one_sided;
  e.temperature_rate_rmse = rmse_where_defined(model.temperature_rate, reference.temperature_rate).value;
  e.reacted_rmse = rmse_all(model.reacted, reference.reacted);
  return e;
}

SeriesErrors mean_over_runs(const std::vector<SeriesErrors>& runs) {
  if (runs.empty()) throw std::invalid_argument("mean_over_runs: no runs");
  auto mean = [&runs](double SeriesErrors::*field) {
    double sum = 0.0;
    int count = 0;
    for (const SeriesErrors& r : runs)
      if (!std::isnan(r.*field)) {
        sum += r.*field;
        ++count;
      }
    return count > 0 ? sum / count : kNaN;
  };
  SeriesErrors m;
  m.area_rmse = mean(&SeriesErrors::area_rmse);
  m.area_rate_rmse = mean(&SeriesErrors::area_rate_rmse);
  m.temperature_rmse = mean(&SeriesErrors::temperature_rmse);
  m.temperature_rate_rmse = mean(&SeriesErrors::temperature_rate_rmse);
  m.reacted_rmse = mean(&SeriesErrors::reacted_rmse);
  for (const SeriesErrors& r : runs) {
    m.temperature_samples += r.temperature_samples;
    m.hot_mismatch_samples += r.hot_mismatch_samples;
  }
  return m;
}

double field_rmse(const Grid& grid, const double* a, const double* b, const double* weight) {
  static const char* who = "field_rmse";
  check_grid(grid, who);
  if (a == nullptr || b == nullptr) throw std::invalid_argument("field_rmse: a field is null");
  double sw = 0.0, sum = 0.0;
  const std::size_t n = grid.cells();
  for (std::size_t i = 0; i < n; ++i) {
    double w = 1.0;
    if (weight != nullptr) {
      w = weight[i];
      if (!std::isfinite(w) || w < 0.0)
        throw std::invalid_argument("field_rmse: weight must be finite and >= 0, cell " +
                                    std::to_string(i));
      if (w == 0.0) continue;
    }
    if (!std::isfinite(a[i])) bad_value(who, "a", i, grid);
    if (!std::isfinite(b[i])) bad_value(who, "b", i, grid);
    const double d = a[i] - b[i];
    sw += w;
    sum += w * d * d;
  }
  return sw > 0.0 ? std::sqrt(sum / sw) : kNaN;
}

}  // namespace ember::metrics
