// Exact Riemann solver for the stiffened gas (Toro, 3rd ed., ch. 4, in the
// shifted pressure P = p + p_inf). Capitalised P always means p + p_inf.
#include "exact_riemann.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ember::exact {
namespace {

// Newton stops when its step is below this fraction of P.
constexpr double kRelativeTolerance = 1e-14;
constexpr int kMaxIterations = 100;
// Toro's switch between the PVRS guess and the two-wave guesses (his Q_user).
constexpr double kPvrsPressureRatio = 2.0;
// Largest ratio of sound speeds across one Gauss-Legendre piece of a fan.
constexpr double kFanSoundSpeedRatio = 1.5;

[[noreturn]] void reject(const std::string& why) {
  throw std::invalid_argument("ember::exact::RiemannSolution: " + why);
}

std::string number(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

double shifted(const Gas& gas, double p) { return p + gas.p_inf; }

double sound_speed(const Gas& gas, const Prim& w) {
  return std::sqrt(gas.gamma * shifted(gas, w.p) / w.rho);
}

// The reflection x -> -x maps a right-facing wave onto a left-facing one, so
// the right side is computed by the left-side code on mirrored data.
Prim mirrored(const Prim& w) { return {w.rho, -w.u, w.p}; }
Wave mirrored(const Wave& w) { return {w.kind, -w.head, -w.tail, w.rho_star}; }

void check_gas(const Gas& gas) {
  if (!(gas.gamma > 1.0) || !std::isfinite(gas.gamma))
    reject("gamma must be finite and > 1, got " + number(gas.gamma));
  if (!std::isfinite(gas.p_inf)) reject("p_inf must be finite, got " + number(gas.p_inf));
}

void check_state(const Gas& gas, const Prim& w, const std::string& side) {
  if (!(w.rho > 0.0) || !std::isfinite(w.rho))
    reject(side + " density must be positive and finite, got rho = " + number(w.rho));
  if (!std::isfinite(w.u)) reject(side + " velocity must be finite, got u = " + number(w.u));
  if (!(shifted(gas, w.p) > 0.0) || !std::isfinite(w.p))
    reject(side + " pressure must satisfy p + p_inf > 0, got p = " + number(w.p) +
           " with p_inf = " + number(gas.p_inf));
}

// Toro's pressure positivity condition (eq. 4.40): two rarefactions can open
// the flow no faster than 2 (c_L + c_R) / (gamma - 1). At or beyond that the
// star region is a vacuum (P* = 0) and f(P) has no positive root.
void check_no_vacuum(const Gas& gas, const Prim& l, const Prim& r) {
  const double du = r.u - l.u;
  const double limit = 2.0 * (sound_speed(gas, l) + sound_speed(gas, r)) / (gas.gamma - 1.0);
  if (!(du < limit))
    reject("vacuum: u_R - u_L = " + number(du) + " >= 2 (c_L + c_R) / (gamma - 1) = " +
           number(limit) + " (pressure positivity condition violated)");
}

const Gas& validated(const Gas& gas, const Prim& l, const Prim& r) {
  check_gas(gas);
  check_state(gas, l, "left");
  check_state(gas, r, "right");
  check_no_vacuum(gas, l, r);
  return gas;
}

// log(a / b) for a, b > 0 to a few ulps: log1p of the (then exact) difference
// when a and b are close, where log of the rounded ratio would lose digits,
// and log of the ratio otherwise, where log1p near -1 would amplify rounding.
double log_ratio(double a, double b) {
  return (a >= 0.5 * b && a <= 2.0 * b) ? std::log1p((a - b) / b) : std::log(a / b);
}

// Toro's f_K(P), the velocity change across the wave that takes the state w
// to the shifted pressure P, and P df_K/dP: the derivative with respect to
// ln P stays finite where df/dP overflows (P -> 0 in a fan).
struct WaveCurve {
  double value;
  double log_slope;
};

WaveCurve wave_curve(const Gas& gas, const Prim& w, double P) {
  const double g = gas.gamma;
  const double P_k = shifted(gas, w.p);
  if (P > P_k) {  // shock: Rankine-Hugoniot
    const double a = 2.0 / ((g + 1.0) * w.rho);
    const double b = (g - 1.0) / (g + 1.0) * P_k;
    const double root = std::sqrt(a / (P + b));
    return {(P - P_k) * root, P * root * (1.0 - 0.5 * (P - P_k) / (P + b))};
  }
  // Rarefaction: isentrope and Riemann invariant. expm1 keeps weak waves
  // accurate, where (P / P_k)^z - 1 would cancel.
  const double c = sound_speed(gas, w);
  const double z = (g - 1.0) / (2.0 * g);
  const double z_log_ratio = z * log_ratio(P, P_k);
  return {2.0 * c / (g - 1.0) * std::expm1(z_log_ratio), c / g * std::exp(z_log_ratio)};
}

// f(P) = f_L(P) + f_R(P) + (u_R - u_L); the star pressure is its root.
WaveCurve star_pressure_function(const Gas& gas, const Prim& l, const Prim& r, double P) {
  const WaveCurve fl = wave_curve(gas, l, P);
  const WaveCurve fr = wave_curve(gas, r, P);
  return {fl.value + fr.value + (r.u - l.u), fl.log_slope + fr.log_slope};
}

// Exact when both waves are rarefactions.
double two_rarefaction_guess(const Gas& gas, const Prim& l, const Prim& r) {
  const double g = gas.gamma;
  const double z = (g - 1.0) / (2.0 * g);
  const double c_l = sound_speed(gas, l);
  const double c_r = sound_speed(gas, r);
  const double numerator = c_l + c_r - 0.5 * (g - 1.0) * (r.u - l.u);
  const double denominator =
      c_l / std::pow(shifted(gas, l.p), z) + c_r / std::pow(shifted(gas, r.p), z);
  return std::pow(numerator / denominator, 1.0 / z);
}

// Linearised shock curves about P0.
double two_shock_guess(const Gas& gas, const Prim& l, const Prim& r, double P0) {
  const double g = gas.gamma;
  const auto weight = [&](const Prim& w) {
    return std::sqrt(2.0 / ((g + 1.0) * w.rho) / (P0 + (g - 1.0) / (g + 1.0) * shifted(gas, w.p)));
  };
  const double g_l = weight(l);
  const double g_r = weight(r);
  return (g_l * shifted(gas, l.p) + g_r * shifted(gas, r.p) - (r.u - l.u)) / (g_l + g_r);
}

// Toro's adaptive choice (sec. 9.5.1): the primitive-variable (PVRS) estimate
// when the data are close, otherwise the two-rarefaction or two-shock estimate
// that the PVRS value points to. The two-shock estimate is negative for some
// expanding data; the two-rarefaction one is positive whenever there is no
// vacuum, so it replaces it then.
double initial_guess(const Gas& gas, const Prim& l, const Prim& r) {
  const double P_l = shifted(gas, l.p);
  const double P_r = shifted(gas, r.p);
  const double P_min = std::min(P_l, P_r);
  const double P_max = std::max(P_l, P_r);
  const double P_pvrs = 0.5 * (P_l + P_r) - 0.125 * (r.u - l.u) * (l.rho + r.rho) *
                                                (sound_speed(gas, l) + sound_speed(gas, r));
  if (P_max / P_min < kPvrsPressureRatio && P_min <= P_pvrs && P_pvrs <= P_max) return P_pvrs;
  if (P_pvrs > P_min) {
    const double P_ts = two_shock_guess(gas, l, r, P_pvrs);
    if (P_ts > 0.0) return P_ts;
  }
  return two_rarefaction_guess(gas, l, r);
}

// Newton-Raphson on f(P). f is increasing, concave in P and convex in ln P
// (each wave curve is, and they join with equal slopes at P = P_K). So below
// the root a Newton step in P, and above it a Newton step in ln P, moves
// monotonically towards the root without crossing it, whatever the guess,
// and never leaves P > 0. Near the root, where rounding in f decides the
// side, the last points on either side bracket the root; a step out of that
// bracket is replaced by bisection, so the search also ends where rounding
// rather than the tolerance limits it.
double solve_star_pressure(const Gas& gas, const Prim& l, const Prim& r) {
  // Below P_floor, P or P / P_K would be subnormal and lose digits.
  const double P_max = std::max(shifted(gas, l.p), shifted(gas, r.p));
  const double P_floor = std::numeric_limits<double>::min() * std::max(1.0, P_max);
  double P = std::max(initial_guess(gas, l, r), P_floor);
  double lo = 0.0;
  double hi = std::numeric_limits<double>::infinity();
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    const WaveCurve f = star_pressure_function(gas, l, r, P);
    if (f.value == 0.0) return P;
    (f.value < 0.0 ? lo : hi) = P;
    const double step = f.value / f.log_slope;  // the Newton step in ln P
    double next = f.value < 0.0 ? P * (1.0 - step) : P * std::exp(-step);
    if (next < P_floor)  // only from above, so the root is below the floor too
      reject(
          "vacuum: p* + p_inf underflows double precision relative to the initial "
          "pressures (the data are at the pressure positivity limit to that precision)");
    if (std::abs(next - P) <= kRelativeTolerance * next) return next;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (hi - lo <= kRelativeTolerance * lo) return next;
    P = next;
  }
  throw std::runtime_error("ember::exact::RiemannSolution: star pressure did not converge in " +
                           std::to_string(kMaxIterations) + " iterations for left (" +
                           number(l.rho) + ", " + number(l.u) + ", " + number(l.p) + "), right (" +
                           number(r.rho) + ", " + number(r.u) + ", " + number(r.p) + ")");
}

double star_velocity(const Gas& gas, const Prim& l, const Prim& r, double P_star) {
  return 0.5 * (l.u + r.u) +
         0.5 * (wave_curve(gas, r, P_star).value - wave_curve(gas, l, P_star).value);
}

// The wave between the initial state w on the left and the star region.
Wave left_facing_wave(const Gas& gas, const Prim& w, double P_star, double u_star) {
  const double g = gas.gamma;
  const double c = sound_speed(gas, w);
  const double P_k = shifted(gas, w.p);
  const double ratio = P_star / P_k;
  if (P_star > P_k) {
    const double speed = w.u - c * std::sqrt((g + 1.0) / (2.0 * g) * ratio + (g - 1.0) / (2.0 * g));
    const double mu = (g - 1.0) / (g + 1.0);
    return {WaveKind::kShock, speed, speed, w.rho * (ratio + mu) / (mu * ratio + 1.0)};
  }
  const double c_star = c * std::pow(ratio, (g - 1.0) / (2.0 * g));
  return {WaveKind::kRarefaction, w.u - c, u_star - c_star, w.rho * std::pow(ratio, 1.0 / g)};
}

Wave right_facing_wave(const Gas& gas, const Prim& w, double P_star, double u_star) {
  return mirrored(left_facing_wave(gas, mirrored(w), P_star, -u_star));
}

// Inside a left-facing fan the characteristic xi = u - c and the Riemann
// invariant u + 2c / (gamma - 1) fix u and c; the isentrope gives rho and P.
Prim left_fan_state(const Gas& gas, const Prim& w, double xi) {
  const double g = gas.gamma;
  const double c = sound_speed(gas, w);
  const double c_ratio = 2.0 / (g + 1.0) + (g - 1.0) / ((g + 1.0) * c) * (w.u - xi);
  const double u = 2.0 / (g + 1.0) * (c + 0.5 * (g - 1.0) * w.u + xi);
  const double rho = w.rho * std::pow(c_ratio, 2.0 / (g - 1.0));
  const double P = shifted(gas, w.p) * std::pow(c_ratio, 2.0 * g / (g - 1.0));
  return {rho, u, P - gas.p_inf};
}

// The solution left of the contact (xi <= u_star), given the left-facing wave.
Prim sample_left_side(const Gas& gas, const Prim& w, const Wave& wave, double u_star, double p_star,
                      double xi) {
  if (xi <= wave.head) return w;
  if (xi >= wave.tail) return {wave.rho_star, u_star, p_star};
  return left_fan_state(gas, w, xi);
}

struct Conserved {
  double mass = 0.0;
  double momentum = 0.0;
  double energy = 0.0;
};

Conserved operator+(const Conserved& a, const Conserved& b) {
  return {a.mass + b.mass, a.momentum + b.momentum, a.energy + b.energy};
}

Conserved operator*(double s, const Conserved& q) {
  return {s * q.mass, s * q.momentum, s * q.energy};
}

// rho e = (p + gamma p_inf) / (gamma - 1) for the stiffened gas.
Conserved conserved(const Gas& gas, const Prim& w) {
  return {w.rho, w.rho * w.u,
          (w.p + gas.gamma * gas.p_inf) / (gas.gamma - 1.0) + 0.5 * w.rho * w.u * w.u};
}

Prim primitive(const Gas& gas, const Conserved& q) {
  const double u = q.momentum / q.mass;
  return {q.mass, u, (gas.gamma - 1.0) * (q.energy - 0.5 * q.momentum * u) - gas.gamma * gas.p_inf};
}

// x -> xi = (x - x0) / t; at t = 0 the solution is the initial step.
double similarity_coordinate(double x, double x0, double t) {
  if (t > 0.0) return (x - x0) / t;
  return x < x0 ? -std::numeric_limits<double>::infinity()
                : std::numeric_limits<double>::infinity();
}

bool inside_fan(const Wave& wave, double xi) {
  return wave.kind == WaveKind::kRarefaction && std::min(wave.head, wave.tail) < xi &&
         xi < std::max(wave.head, wave.tail);
}

// 8-point Gauss-Legendre on [-1, 1]: the positive nodes and their weights
// (the rule is symmetric). Exact for polynomials of degree 15.
constexpr std::array<double, 4> kGaussNodes = {0.18343464249564980, 0.52553240991632899,
                                               0.79666647741362674, 0.96028985649753623};
constexpr std::array<double, 4> kGaussWeights = {0.36268378337836198, 0.31370664587788729,
                                                 0.22238103445337447, 0.10122853629037626};

// Integrals of the conserved variables over intervals of x at time t.
class Integrator {
 public:
  Integrator(const Gas& gas, const RiemannSolution& solution, double x0, double t)
      : gas_(gas), solution_(solution), x0_(x0), t_(t) {}

  // Splits [a, b] where a wave edge crosses it; the solution is smooth
  // (constant or a fan) between consecutive cuts.
  Conserved over_cell(double a, double b) const {
    const Wave& lw = solution_.left_wave();
    const Wave& rw = solution_.right_wave();
    // Edges in increasing xi, hence increasing x for t >= 0.
    const std::array<double, 5> edges = {lw.head, lw.tail, solution_.u_star(), rw.tail, rw.head};
    Conserved total;
    double start = a;
    for (double xi : edges) {
      const double x = x0_ + t_ * xi;
      if (x > start && x < b) {
        total = total + over_smooth_piece(start, x);
        start = x;
      }
    }
    return total + over_smooth_piece(start, b);
  }

 private:
  Prim state_at(double x) const { return solution_.sample(similarity_coordinate(x, x0_, t_)); }

  Conserved over_smooth_piece(double a, double b) const {
    const double xi_mid = similarity_coordinate(0.5 * (a + b), x0_, t_);
    if (inside_fan(solution_.left_wave(), xi_mid) || inside_fan(solution_.right_wave(), xi_mid))
      return over_fan_piece(a, b);
    return (b - a) * conserved(gas_, solution_.sample(xi_mid));
  }

  // In a fan c is linear in x and rho, rho u, E are powers of c times
  // polynomials in c, analytic except at c = 0 (vacuum). Sub-pieces whose end
  // sound speeds differ by at most a factor 1.5 keep that singularity far
  // enough away (relative to the sub-piece) for the 8-point rule to be
  // accurate to rounding. For gamma = 1.4 or 5/3 the integrands are
  // polynomials of degree 7 or 5 and the rule is exact anyway.
  Conserved over_fan_piece(double a, double b) const {
    const double c_a = sound_speed(gas_, state_at(a));
    const double c_b = sound_speed(gas_, state_at(b));
    const double span = std::log(std::max(c_a, c_b) / std::min(c_a, c_b));
    const int pieces =
        std::max(1, static_cast<int>(std::ceil(span / std::log(kFanSoundSpeedRatio))));
    Conserved total;
    double start = a;
    for (int k = 1; k < pieces; ++k) {
      // c grows geometrically from piece to piece.
      const double c_k = c_a * std::pow(c_b / c_a, static_cast<double>(k) / pieces);
      const double end = a + (b - a) * (c_k - c_a) / (c_b - c_a);
      total = total + gauss_legendre(start, end);
      start = end;
    }
    return total + gauss_legendre(start, b);
  }

  Conserved gauss_legendre(double a, double b) const {
    const double mid = 0.5 * (a + b);
    const double half = 0.5 * (b - a);
    Conserved sum;
    for (std::size_t i = 0; i < kGaussNodes.size(); ++i) {
      const double dx = half * kGaussNodes[i];
      sum = sum + kGaussWeights[i] *
                      (conserved(gas_, state_at(mid - dx)) + conserved(gas_, state_at(mid + dx)));
    }
    return half * sum;
  }

  const Gas& gas_;
  const RiemannSolution& solution_;
  double x0_;
  double t_;
};

}  // namespace

RiemannSolution::RiemannSolution(const Gas& gas, const Prim& left, const Prim& right)
    : gas_(validated(gas, left, right)),
      left_(left),
      right_(right),
      P_star_(solve_star_pressure(gas, left, right)),
      u_star_(star_velocity(gas, left, right, P_star_)),
      left_wave_(left_facing_wave(gas, left, P_star_, u_star_)),
      right_wave_(right_facing_wave(gas, right, P_star_, u_star_)) {}

Prim RiemannSolution::sample(double xi) const {
  if (xi <= u_star_) return sample_left_side(gas_, left_, left_wave_, u_star_, p_star(), xi);
  return mirrored(
      sample_left_side(gas_, mirrored(right_), mirrored(right_wave_), -u_star_, p_star(), -xi));
}

std::vector<Prim> RiemannSolution::cell_averages(double x_lo, double x_hi, int n, double x0,
                                                 double t) const {
  if (n < 1) throw std::invalid_argument("cell_averages: n must be >= 1, got " + std::to_string(n));
  if (!(x_lo < x_hi) || !std::isfinite(x_lo) || !std::isfinite(x_hi))
    throw std::invalid_argument("cell_averages: need finite x_lo < x_hi, got [" + number(x_lo) +
                                ", " + number(x_hi) + "]");
  if (!(t >= 0.0) || !std::isfinite(t) || !std::isfinite(x0))
    throw std::invalid_argument("cell_averages: need finite t >= 0 and x0, got t = " + number(t) +
                                ", x0 = " + number(x0));
  const Integrator integrate(gas_, *this, x0, t);
  std::vector<Prim> averages;
  averages.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    // Edges from the index, not by accumulation, so the last one is x_hi.
    const double a = x_lo + (x_hi - x_lo) * i / n;
    const double b = x_lo + (x_hi - x_lo) * (i + 1) / n;
    averages.push_back(primitive(gas_, (1.0 / (b - a)) * integrate.over_cell(a, b)));
  }
  return averages;
}

}  // namespace ember::exact
