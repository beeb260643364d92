#include "reactive/closure_coupling.hpp"

#include "core/par_for.hpp"
#include "hydro/variables.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace ember::hydro {
namespace {

constexpr double kBurnt = 1.0 - 1e-12;  // cells above this λ are done

}  // namespace

ClosureCoupling::ClosureCoupling(const ClosureConfig& cfg, const Solver& solver)
    : cfg_(cfg),
      geom_(solver.geom()),
      comm_(solver.decomp().comm()),
      model_(std::make_unique<ember::Model>(ember::Plugin::open(cfg.plugin), cfg.model)),
      ws_(model_->workspace()),
      n_cells_(static_cast<size_t>(geom_.nx) * geom_.ny),
      divergence_("closure_divergence", geom_.ny, geom_.nx),
      temperature_("closure_temperature", geom_.ny, geom_.nx) {
  if (solver.nvar() <= NHYDRO)
    throw std::runtime_error("the reactive mode needs the reaction progress as passive scalar 0 "
                             "(hydro.nscalar >= 1)");
  for (const ember::FieldInfo& f : model_->inputs()) {
    Source s = Source::None;
    if (f.name == "density") s = Source::Density;
    else if (f.name == "pressure") s = Source::Pressure;
    else if (f.name == "reaction_progress") s = Source::Progress;
    else if (f.name == "specific_internal_energy") s = Source::Energy;
    else if (f.name == "temperature") s = Source::Temperature;
    else if (f.name == "velocity_divergence") s = Source::Divergence;
    else if (f.name == "porosity") s = Source::Porosity;
    if (s == Source::None && f.required)
      throw std::runtime_error("closure model '" + cfg.model + "' requires input '" + f.name +
                               "' (" + f.unit + "), which hydro_mini does not provide");
    sources_.push_back(s);
  }
  state_.assign(model_->state().size() * n_cells_, 0.0);
  if (!state_.empty())
    ws_.state_init(static_cast<int64_t>(n_cells_), state_.data(), static_cast<int64_t>(n_cells_));
  outputs_.assign(model_->outputs().size(), std::vector<double>(n_cells_, 0.0));
}

void ClosureCoupling::before_hydro(const Solver& solver) {
  if (std::find(sources_.begin(), sources_.end(), Source::Divergence) == sources_.end()) return;
  // Central differences of the refreshed primitives: ghosts are valid, so the
  // result does not depend on the decomposition.
  const BlockGeometry g = geom_;
  const Array3 w = solver.primitives();
  const Array2 div = divergence_;
  const Real idx = 0.5 / g.dx, idy = g.two_d ? 0.5 / g.dy : 0.0;
  par_for("closure::divergence", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
    Real d = (w(IVX, j, i + 1) - w(IVX, j, i - 1)) * idx;
    if (g.two_d) d += (w(IVY, j + 1, i) - w(IVY, j - 1, i)) * idy;
    div(j - g.js, i - g.is) = d;
  });
}

void ClosureCoupling::after_hydro(Solver& solver, Real dt) {
  const BlockGeometry& g = geom_;
  solver.recompute_primitives();
  const bool wants_t = std::find(sources_.begin(), sources_.end(), Source::Temperature) != sources_.end();
  if (wants_t) solver.temperature(temperature_);
  auto w = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), solver.primitives());
  auto u = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), solver.conserved());
  auto div = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), divergence_);
  auto temp = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), temperature_);

  // Interior cell (j, i) of a block-linear index.
  const auto jj = [&](size_t c) { return g.js + static_cast<int>(c / static_cast<size_t>(g.nx)); };
  const auto ii = [&](size_t c) { return g.is + static_cast<int>(c % static_cast<size_t>(g.nx)); };

  // Gather the active cells.
  std::vector<size_t> cells;
  for (int j = g.js; j <= g.je; ++j)
    for (int i = g.is; i <= g.ie; ++i)
      if (w(IPR, j, i) > cfg_.active_pressure && w(NHYDRO, j, i) < kBurnt)
        cells.push_back(static_cast<size_t>(j - g.js) * g.nx + (i - g.is));
  const size_t n = cells.size();
  for (auto& o : outputs_) std::fill(o.begin(), o.end(), 0.0);

  std::vector<std::vector<double>> in(sources_.size(), std::vector<double>(n));
  std::vector<const double*> in_ptr;
  for (size_t k = 0; k < sources_.size(); ++k) {
    for (size_t a = 0; a < n; ++a) {
      const int j = jj(cells[a]), i = ii(cells[a]);
      double v = 0.0;
      switch (sources_[k]) {
        case Source::Density: v = w(IDN, j, i); break;
        case Source::Pressure: v = w(IPR, j, i); break;
        case Source::Progress: v = w(NHYDRO, j, i); break;
        case Source::Energy:
          v = u(IEN, j, i) / u(IDN, j, i) - 0.5 * (w(IVX, j, i) * w(IVX, j, i) + w(IVY, j, i) * w(IVY, j, i));
          break;
        case Source::Temperature: v = temp(j - g.js, i - g.is); break;
        case Source::Divergence: v = div(j - g.js, i - g.is); break;
        case Source::Porosity: v = cfg_.porosity; break;
        case Source::None: break;
      }
      in[k][a] = v;
    }
    in_ptr.push_back(sources_[k] == Source::None ? nullptr : in[k].data());
  }
  const size_t n_state = model_->state().size();
  std::vector<double> s_old(n_state * n), s_new(n_state * n);
  for (size_t q = 0; q < n_state; ++q)
    for (size_t a = 0; a < n; ++a) s_old[q * n + a] = state_[q * n_cells_ + cells[a]];
  std::vector<std::vector<double>> out(outputs_.size(), std::vector<double>(n));
  std::vector<double*> out_ptr;
  for (auto& o : out) out_ptr.push_back(o.data());
  std::vector<int32_t> status(n);

  ember_batch b = ember::make_batch(static_cast<int64_t>(n), dt);
  b.inputs = in_ptr.data();
  b.outputs = out_ptr.data();
  b.state_old = s_old.data();
  b.state_new = s_new.data();
  b.cell_status = status.data();
  if (n > 0 && ws_.evaluate(b) == EMBER_INVALID_CELLS) {
    const size_t c = cells[static_cast<size_t>(b.first_invalid)];
    std::ostringstream os;
    os << "closure plugin rejected cell (" << g.gi0 + ii(c) - g.is << ", " << g.gj0 + jj(c) - g.js
       << ") at x = " << g.xc(ii(c)) << " m, y = " << g.yc(jj(c)) << " m: " << ws_.error();
    throw std::runtime_error(os.str());
  }

  // Apply: λ advances by rate·dt (the plugin keeps λ + rate·dt in [0, 1]).
  const int rate_k = ember::Model::index_of(model_->outputs(), "reaction_rate");
  long long clamped = 0;
  for (size_t a = 0; a < n; ++a) {
    const int j = jj(cells[a]), i = ii(cells[a]);
    const double lam = std::clamp(w(NHYDRO, j, i) + out[static_cast<size_t>(rate_k)][a] * dt, 0.0, 1.0);
    u(NHYDRO, j, i) = u(IDN, j, i) * lam;
    for (size_t q = 0; q < n_state; ++q) state_[q * n_cells_ + cells[a]] = s_new[q * n + a];
    for (size_t k = 0; k < out.size(); ++k) outputs_[k][cells[a]] = out[k][a];
    clamped += status[a] == EMBER_CELL_CLAMPED;
  }
  Kokkos::deep_copy(solver.conserved(), u);

  // The plugin's dt scale, agreed by all ranks, limits the next step.
  double scale = n > 0 ? b.dt_scale : 1.0;
  double global_scale = scale;
  MPI_Allreduce(&scale, &global_scale, 1, MPI_DOUBLE, MPI_MIN, comm_);
  dt_limit_ = global_scale < 1.0 ? global_scale * dt : HUGE_VAL;
  long long local[2] = {static_cast<long long>(n), clamped}, global[2];
  MPI_Allreduce(local, global, 2, MPI_LONG_LONG, MPI_SUM, comm_);
  counters_ = {global[0], global[1]};
}

std::vector<NamedField> ClosureCoupling::snapshot_fields() const {
  std::vector<NamedField> f;
  for (size_t k = 0; k < outputs_.size(); ++k)
    f.push_back({"closure_" + model_->outputs()[k].name, model_->outputs()[k].unit, outputs_[k]});
  for (const NamedField& s : checkpoint_fields()) f.push_back(s);
  return f;
}

std::vector<std::string> ClosureCoupling::checkpoint_names() const {
  std::vector<std::string> names;
  for (const ember::FieldInfo& s : model_->state()) names.push_back("closure_state_" + s.name);
  return names;
}

std::vector<NamedField> ClosureCoupling::checkpoint_fields() const {
  std::vector<NamedField> f;
  const std::vector<std::string> names = checkpoint_names();
  for (size_t q = 0; q < names.size(); ++q)
    f.push_back({names[q], model_->state()[q].unit,
                 std::vector<double>(state_.begin() + static_cast<std::ptrdiff_t>(q * n_cells_),
                                     state_.begin() + static_cast<std::ptrdiff_t>((q + 1) * n_cells_))});
  return f;
}

void ClosureCoupling::restore(const std::vector<std::vector<double>>& state, Real dt_limit) {
  if (state.size() != model_->state().size())
    throw std::runtime_error("checkpoint holds " + std::to_string(state.size()) +
                             " closure state values, the model has " +
                             std::to_string(model_->state().size()));
  for (size_t q = 0; q < state.size(); ++q)
    std::copy(state[q].begin(), state[q].end(), state_.begin() + static_cast<std::ptrdiff_t>(q * n_cells_));
  dt_limit_ = dt_limit;
}

}  // namespace ember::hydro
