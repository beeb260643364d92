#include "init/microstructure.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <sstream>
#include <stdexcept>
#include <utility>

// random_voids promises bitwise-identical lists on every platform; that holds
// only if the compiler does not fuse a*b + c into one FMA (one rounding instead
// of two), which GCC does by default where FMA is native (ARM, e.g. Grace).
// The CMake target compiles this file with -ffp-contract=off; keep it that way.

namespace ember::hydro {
namespace {

constexpr double kPi = 3.14159265358979323846;

// ---- deterministic random numbers -------------------------------------------
// Only mt19937_64 (fixed by the standard), exact scalings, +, -, *, / and sqrt
// (correctly rounded by IEEE 754) are used, so every platform draws the same
// numbers. libm's exp and log are not correctly rounded and differ by an ulp
// between libraries, hence the own versions below; accuracy of a few ulp is
// plenty here, what matters is that they are the same everywhere.

// Uniform in [0, 1): the top 53 bits of one draw, scaled exactly.
double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// ln x for finite x > 0: x = m 2^e (exact), ln m = 2 atanh t with
// t = (m - 1)/(m + 1), |t| <= 0.172 once m is in [sqrt(1/2), sqrt(2)).
double det_log(double x) {
  constexpr double kSqrtHalf = 0.70710678118654752440, kLn2 = 0.69314718055994530942;
  int e = 0;
  double m = std::frexp(x, &e);
  if (m < kSqrtHalf) {
    m *= 2;
    --e;
  }
  const double t = (m - 1) / (m + 1), t2 = t * t;
  double s = 0;  // 1 + t^2/3 + t^4/5 + ... + t^22/23; the next term is below 1e-19
  for (int k = 23; k >= 1; k -= 2) s = s * t2 + 1.0 / k;
  return 2 * t * s + static_cast<double>(e) * kLn2;
}

// e^x: x = k ln2 + r with |r| <= ln2/2 (ln2 split in two so that k ln2 is
// exact), e^r by its Taylor series to r^18/18!, then the exact scaling by 2^k.
double det_exp(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  if (x > 709.0) return HUGE_VAL;
  if (x < -745.0) return 0.0;
  const double k = std::floor(x / (kLn2Hi + kLn2Lo) + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = 1;
  for (int n = 18; n >= 1; --n) p = 1 + p * r / n;
  return std::ldexp(p, static_cast<int>(k));
}

// Standard normal by Marsaglia's polar method (needs log and sqrt only, unlike
// Box-Muller's cos and sin).
double standard_normal(std::mt19937_64& rng) {
  for (;;) {
    const double u = 2 * uniform01(rng) - 1, v = 2 * uniform01(rng) - 1;
    const double s = u * u + v * v;
    if (s > 0 && s < 1) return u * std::sqrt(-2 * det_log(s) / s);
  }
}

// ---- messages ---------------------------------------------------------------

template <class... Args>
std::string cat(const Args&... args) {
  std::ostringstream os;
  os.precision(6);
  (os << ... << args);
  return os.str();
}

void check_window(const char* who, double x_min, double x_max, double y_min, double y_max) {
  if (!(std::isfinite(x_min) && std::isfinite(x_max) && std::isfinite(y_min) &&
        std::isfinite(y_max) && x_max > x_min && y_max > y_min))
    throw std::invalid_argument(cat(who, ": the window [", x_min, ", ", x_max, "] x [", y_min, ", ",
                                    y_max, "] is empty or not finite"));
}

void check_microstructure(const Microstructure& m, const char* who) {
  if (!m.voids.empty() && !m.mask.empty())
    throw std::invalid_argument(
        cat(who, ": the microstructure has both circles and a mask; use one"));
  if (!m.mask.empty()) {
    if (m.mask_nx <= 0 || m.mask_ny <= 0 ||
        m.mask.size() != static_cast<size_t>(m.mask_nx) * static_cast<size_t>(m.mask_ny))
      throw std::invalid_argument(cat(who, ": mask has ", m.mask.size(),
                                      " pixels, not mask_nx * mask_ny = ", m.mask_nx, " * ",
                                      m.mask_ny));
    check_window(who, m.x_min, m.x_max, m.y_min, m.y_max);
  }
  for (const Void& v : m.voids)
    if (!(std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.radius) && v.radius >= 0))
      throw std::invalid_argument(
          cat(who, ": void at (", v.x, ", ", v.y, ") has radius ", v.radius));
}

void check_cell(double x0, double x1, double y0, double y1, int samples) {
  if (!(x1 > x0 && y1 > y0))
    throw std::invalid_argument(
        cat("void_fraction: the cell [", x0, ", ", x1, "] x [", y0, ", ", y1, "] is empty"));
  if (samples < 1)
    throw std::invalid_argument(cat("void_fraction: samples = ", samples, ", need >= 1"));
}

// ---- circles and rectangles -------------------------------------------------

// ∫_0^x sqrt(r² - t²) dt for 0 <= x <= r: the area under the circle's arc.
double under_arc(double x, double r) {
  return 0.5 * (x * std::sqrt(r * r - x * x) + r * r * std::asin(x / r));
}

// Area of the disk of radius r at the origin inside [0, X] x [0, Y], X, Y >= 0.
// Up to x = a the rectangle's top edge y = Y lies inside the disk and bounds
// the area; beyond it the arc does.
double quadrant_area(double X, double Y, double r) {
  X = std::min(X, r);
  Y = std::min(Y, r);
  const double a = std::min(X, std::sqrt(r * r - Y * Y));
  return Y * a + under_arc(X, r) - under_arc(a, r);
}

// The same, signed: the rectangle between the origin and (X, Y) counts negative
// when it lies across one axis. Integrals from the origin add up, so the area of
// any rectangle follows by inclusion-exclusion of its four corners.
double signed_quadrant_area(double X, double Y, double r) {
  const double q = quadrant_area(std::abs(X), std::abs(Y), r);
  return (X < 0) != (Y < 0) ? -q : q;
}

// Exact area of the disk v inside [x0, x1] x [y0, y1]. The four corner terms
// are of size r^2 and cancel down to the cell's h^2: about (r/h)^2 ulps of the
// fraction are lost, 1e-10 for a void 1000 cells in radius. Cells wholly
// inside a void never get here (see circles_fraction).
double disk_rect_area(const Void& v, double x0, double x1, double y0, double y1) {
  if (v.radius <= 0) return 0;
  const double r = v.radius;
  const double a =
      signed_quadrant_area(x1 - v.x, y1 - v.y, r) - signed_quadrant_area(x0 - v.x, y1 - v.y, r) -
      signed_quadrant_area(x1 - v.x, y0 - v.y, r) + signed_quadrant_area(x0 - v.x, y0 - v.y, r);
  return std::clamp(a, 0.0, (x1 - x0) * (y1 - y0));  // round-off only
}

// Does the disk reach into the open cell? (The cell point nearest the centre.)
bool touches(const Void& v, double x0, double x1, double y0, double y1) {
  const double dx = std::clamp(v.x, x0, x1) - v.x, dy = std::clamp(v.y, y0, y1) - v.y;
  return dx * dx + dy * dy < v.radius * v.radius;
}

// Is the whole cell inside the disk? Its farthest corner decides (disks are convex).
bool contains(const Void& v, double x0, double x1, double y0, double y1) {
  const double dx = std::max(std::abs(x0 - v.x), std::abs(x1 - v.x));
  const double dy = std::max(std::abs(y0 - v.y), std::abs(y1 - v.y));
  return dx * dx + dy * dy <= v.radius * v.radius;
}

bool overlap(const Void& a, const Void& b) {
  const double dx = a.x - b.x, dy = a.y - b.y, reach = a.radius + b.radius;
  return dx * dx + dy * dy < reach * reach;
}

// Void fraction of a cell from the circles that touch it (`near`, ascending).
double circles_fraction(const std::vector<Void>& voids, const std::vector<int>& near, double x0,
                        double x1, double y0, double y1, int samples) {
  if (near.empty()) return 0;
  for (int i : near)
    if (contains(voids[static_cast<size_t>(i)], x0, x1, y0, y1)) return 1;

  bool overlapping = false;
  for (size_t a = 0; a < near.size() && !overlapping; ++a)
    for (size_t b = a + 1; b < near.size() && !overlapping; ++b)
      overlapping =
          overlap(voids[static_cast<size_t>(near[a])], voids[static_cast<size_t>(near[b])]);

  const double cell_area = (x1 - x0) * (y1 - y0);
  if (!overlapping) {  // disjoint disks: their areas in the cell add up
    double area = 0;
    for (int i : near) area += disk_rect_area(voids[static_cast<size_t>(i)], x0, x1, y0, y1);
    return std::min(area / cell_area, 1.0);
  }

  // Overlapping disks: the union has no simple closed form; count the midpoints
  // of a samples x samples sub-grid that fall in any of them.
  const double hx = (x1 - x0) / samples, hy = (y1 - y0) / samples;
  int hits = 0;
  for (int j = 0; j < samples; ++j)
    for (int i = 0; i < samples; ++i) {
      const double px = x0 + (i + 0.5) * hx, py = y0 + (j + 0.5) * hy;
      for (int k : near) {
        const Void& v = voids[static_cast<size_t>(k)];
        if ((px - v.x) * (px - v.x) + (py - v.y) * (py - v.y) < v.radius * v.radius) {
          ++hits;
          break;
        }
      }
    }
  return static_cast<double>(hits) / (static_cast<double>(samples) * samples);
}

// Void fraction of a cell of a mask: the overlap area of the cell with each
// void pixel, summed.
double mask_fraction(const Microstructure& m, double x0, double x1, double y0, double y1) {
  const double dx = (m.x_max - m.x_min) / m.mask_nx, dy = (m.y_max - m.y_min) / m.mask_ny;
  // Columns and rows the cell overlaps (row 0 at y_max), clipped to the image.
  const double i_lo = std::floor((x0 - m.x_min) / dx), i_hi = std::ceil((x1 - m.x_min) / dx) - 1;
  const double j_lo = std::floor((m.y_max - y1) / dy), j_hi = std::ceil((m.y_max - y0) / dy) - 1;
  if (i_hi < 0 || j_hi < 0 || i_lo > m.mask_nx - 1 || j_lo > m.mask_ny - 1) return 0;
  const int i0 = static_cast<int>(std::max(i_lo, 0.0)),
            i1 = static_cast<int>(std::min(i_hi, m.mask_nx - 1.0));
  const int j0 = static_cast<int>(std::max(j_lo, 0.0)),
            j1 = static_cast<int>(std::min(j_hi, m.mask_ny - 1.0));

  double area = 0;
  for (int j = j0; j <= j1; ++j) {
    const double py1 = m.y_max - j * dy, py0 = m.y_max - (j + 1) * dy;
    const double oy = std::min(y1, py1) - std::max(y0, py0);
    if (oy <= 0) continue;
    for (int i = i0; i <= i1; ++i) {
      if (!m.mask[static_cast<size_t>(j) * static_cast<size_t>(m.mask_nx) + static_cast<size_t>(i)])
        continue;
      const double px0 = m.x_min + i * dx, px1 = m.x_min + (i + 1) * dx;
      const double ox = std::min(x1, px1) - std::max(x0, px0);
      if (ox > 0) area += ox * oy;
    }
  }
  return std::min(area / ((x1 - x0) * (y1 - y0)), 1.0);
}

// ---- PGM parsing ------------------------------------------------------------

[[noreturn]] void pgm_fail(const std::string& path, const std::string& what) {
  throw std::runtime_error("read_pgm: " + path + ": " + what);
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Skips whitespace and '#' comments, then reads an unsigned decimal number.
long read_number(const std::string& path, const std::string& data, size_t& pos, const char* what) {
  for (;;) {
    while (pos < data.size() && is_space(data[pos])) ++pos;
    if (pos < data.size() && data[pos] == '#')
      while (pos < data.size() && data[pos] != '\n' && data[pos] != '\r') ++pos;
    else
      break;
  }
  if (pos >= data.size()) pgm_fail(path, cat("truncated: the file ends before the ", what));
  if (data[pos] < '0' || data[pos] > '9')
    pgm_fail(path, cat("bad ", what, ": expected a non-negative integer, found '", data[pos], "'"));
  long value = 0;
  while (pos < data.size() && data[pos] >= '0' && data[pos] <= '9') {
    value = value * 10 + (data[pos++] - '0');
    if (value > 1000000000L) pgm_fail(path, cat("bad ", what, ": number too large"));
  }
  return value;
}

}  // namespace

// ---- random voids -----------------------------------------------------------

Microstructure random_voids(const RandomVoidSpec& sp, double x_min, double x_max, double y_min,
                            double y_max) {
  check_window("random_voids", x_min, x_max, y_min, y_max);
  const double width = x_max - x_min, height = y_max - y_min, s = sp.min_spacing;
  auto bad = [](const std::string& what) { throw std::invalid_argument("random_voids: " + what); };
  if (!(sp.porosity > 0 && sp.porosity <= 0.5))
    bad(cat("porosity ", sp.porosity, " outside (0, 0.5]"));
  if (!(sp.median_diameter > 0 && std::isfinite(sp.median_diameter)))
    bad(cat("median_diameter ", sp.median_diameter, " must be positive"));
  if (!(sp.sigma_ln >= 0 && std::isfinite(sp.sigma_ln)))
    bad(cat("sigma_ln ", sp.sigma_ln, " must be >= 0"));
  if (!(sp.d_min > 0 && sp.d_max >= sp.d_min && std::isfinite(sp.d_max)))
    bad(cat("diameter range [", sp.d_min, ", ", sp.d_max, "] needs 0 < d_min <= d_max"));
  if (sp.sigma_ln == 0 && !(sp.median_diameter >= sp.d_min && sp.median_diameter <= sp.d_max))
    bad(cat("sigma_ln = 0 makes every diameter ", sp.median_diameter, ", outside [", sp.d_min, ", ",
            sp.d_max, "]"));
  if (!(s >= 0 && std::isfinite(s))) bad(cat("min_spacing ", s, " must be >= 0"));
  if (!(sp.margin >= 0 && 2 * sp.margin < std::min(width, height)))
    bad(cat("margin ", sp.margin, " must be >= 0 and leave room in the window"));

  std::mt19937_64 rng(sp.seed);

  // 1. Diameters, until their area reaches the target.
  const double target = sp.porosity * width * height;
  const double ln_median = det_log(sp.median_diameter);
  auto draw = [&] {
    if (sp.sigma_ln == 0) return sp.median_diameter;
    // Truncation by rejection; a bound so that a range with next to no
    // probability in it fails instead of spinning.
    for (int tries = 0; tries < 100000; ++tries) {
      const double d = det_exp(ln_median + sp.sigma_ln * standard_normal(rng));
      if (d >= sp.d_min && d <= sp.d_max) return d;
    }
    throw std::runtime_error(cat("random_voids: a log-normal of median ", sp.median_diameter,
                                 " and sigma_ln ", sp.sigma_ln, " has next to no probability in [",
                                 sp.d_min, ", ", sp.d_max, "]"));
  };
  std::vector<double> diameters;
  for (double area = 0; area < target;) {
    double d = draw();
    const double a = kPi / 4 * d * d, rest = target - area;
    if (a > rest) {  // the last void: shrink it onto the target if it may be that small
      const double fit = std::sqrt(rest / (kPi / 4));
      if (fit >= sp.d_min)
        d = fit;
      else if (kPi / 4 * sp.d_min * sp.d_min - rest <
               rest)  // closer with a smallest void than without
        d = sp.d_min;
      else
        break;
      diameters.push_back(d);
      break;
    }
    diameters.push_back(d);
    area += a;
    if (diameters.size() > 50000000)
      throw std::runtime_error(
          "random_voids: more than 5e7 voids; the window is too large for these diameters");
  }
  std::sort(diameters.begin(), diameters.end(), std::greater<double>());

  // Disks of radius r + s/2 must not overlap and must lie in the window less
  // the margins, grown by s/2: their total area cannot exceed that rectangle's.
  double collar_area = 0;
  for (double d : diameters) collar_area += kPi * (d / 2 + s / 2) * (d / 2 + s / 2);
  const double room = (width - 2 * sp.margin + s) * (height - 2 * sp.margin + s);
  const std::string settings =
      cat("porosity ", sp.porosity, " with min_spacing ", s, ", margin ", sp.margin,
          " and diameters in [", sp.d_min, ", ", sp.d_max, "] (median ", sp.median_diameter, ")");
  const std::string advice =
      "; lower the porosity, min_spacing, margin or diameters, or enlarge the window";
  if (collar_area > room)
    throw std::runtime_error(cat("random_voids: cannot pack ", settings, ": the ", diameters.size(),
                                 " voids with their spacing need ", collar_area / room,
                                 " times the room the window has", advice));

  // 2. Placement. Buckets at least d_max + s wide: a void can only conflict with
  // voids in its own and the 8 neighbouring buckets.
  const double want =
      std::max(sp.d_max + s, std::sqrt(width * height / static_cast<double>(diameters.size())));
  const int nbx = static_cast<int>(std::clamp(std::floor(width / want), 1.0, 65536.0));
  const int nby = static_cast<int>(std::clamp(std::floor(height / want), 1.0, 65536.0));
  const double bw = width / nbx, bh = height / nby;
  std::vector<std::vector<int>> buckets(static_cast<size_t>(nbx) * static_cast<size_t>(nby));
  auto bucket_of = [&](double x, double y, int& bi, int& bj) {
    bi = std::min(nbx - 1, static_cast<int>((x - x_min) / bw));
    bj = std::min(nby - 1, static_cast<int>((y - y_min) / bh));
  };

  Microstructure m;
  m.x_min = x_min, m.x_max = x_max, m.y_min = y_min, m.y_max = y_max;
  m.voids.reserve(diameters.size());
  constexpr int kMaxTries = 100000;
  for (double d : diameters) {
    const double r = d / 2;
    const double lo_x = x_min + sp.margin + r, hi_x = x_max - sp.margin - r;
    const double lo_y = y_min + sp.margin + r, hi_y = y_max - sp.margin - r;
    if (hi_x < lo_x || hi_y < lo_y)
      throw std::runtime_error(cat("random_voids: cannot pack ", settings, ": a void of diameter ",
                                   d, " does not fit in the window less its margins", advice));
    bool placed = false;
    for (int tries = 0; tries < kMaxTries && !placed; ++tries) {
      const double x = lo_x + (hi_x - lo_x) * uniform01(rng);
      const double y = lo_y + (hi_y - lo_y) * uniform01(rng);
      int bi = 0, bj = 0;
      bucket_of(x, y, bi, bj);
      bool free = true;
      for (int j = std::max(0, bj - 1); j <= std::min(nby - 1, bj + 1) && free; ++j)
        for (int i = std::max(0, bi - 1); i <= std::min(nbx - 1, bi + 1) && free; ++i)
          for (int k : buckets[static_cast<size_t>(j) * static_cast<size_t>(nbx) +
                               static_cast<size_t>(i)]) {
            const Void& o = m.voids[static_cast<size_t>(k)];
            const double dx = x - o.x, dy = y - o.y, reach = r + o.radius + s;
            if (dx * dx + dy * dy < reach * reach) {
              free = false;
              break;
            }
          }
      if (free) {
        buckets[static_cast<size_t>(bj) * static_cast<size_t>(nbx) + static_cast<size_t>(bi)]
            .push_back(static_cast<int>(m.voids.size()));
        m.voids.push_back({x, y, r});
        placed = true;
      }
    }
    if (!placed)
      throw std::runtime_error(cat("random_voids: cannot pack ", settings, ": void ",
                                   m.voids.size() + 1, " of ", diameters.size(), " (diameter ", d,
                                   ") found no place in ", kMaxTries, " random tries, at porosity ",
                                   porosity(m), advice));
  }
  return m;
}

// ---- PGM --------------------------------------------------------------------

Microstructure read_pgm(const std::string& path, int threshold, double x_min, double x_max,
                        double y_min, double y_max) {
  check_window("read_pgm", x_min, x_max, y_min, y_max);
  std::ifstream in(path, std::ios::binary);
  if (!in) pgm_fail(path, "cannot open the file");
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};

  if (data.size() < 2 || data[0] != 'P' || (data[1] != '5' && data[1] != '2')) {
    if (data.size() >= 2 && data[0] == 'P' && data[1] >= '1' && data[1] <= '7')
      pgm_fail(path,
               cat("not a PGM: magic number P", data[1],
                   " is a bitmap or colour Netpbm image; convert it to greyscale (P5 or P2)"));
    pgm_fail(path, "not a PGM: it does not start with the magic number P5 (binary) or P2 (ASCII)");
  }
  const bool binary = data[1] == '5';
  size_t pos = 2;
  if (pos < data.size() && !is_space(data[pos]) && data[pos] != '#')
    pgm_fail(path, "bad header: no whitespace after the magic number");
  const long nx = read_number(path, data, pos, "width");
  const long ny = read_number(path, data, pos, "height");
  const long maxval = read_number(path, data, pos, "maxval");
  if (nx < 1 || ny < 1) pgm_fail(path, cat("bad header: image size ", nx, " x ", ny));
  if (static_cast<double>(nx) * static_cast<double>(ny) > 1073741824.0)
    pgm_fail(path, cat("image of ", nx, " x ", ny, " pixels is too large"));
  if (maxval < 1 || maxval > 65535)
    pgm_fail(path, cat("bad header: maxval ", maxval, " outside 1..65535"));
  if (maxval > 255)
    pgm_fail(path,
             cat("maxval ", maxval, ": 16-bit PGMs are not supported, maxval must be <= 255"));
  if (threshold < 0 || threshold > maxval)
    pgm_fail(path, cat("threshold ", threshold, " outside 0..maxval = 0..", maxval));

  const size_t n = static_cast<size_t>(nx) * static_cast<size_t>(ny);
  std::vector<long> value(n);
  if (binary) {
    // Exactly one whitespace character separates maxval from the raster.
    if (pos >= data.size())
      pgm_fail(path, cat("truncated: no pixel data (expected ", n, " bytes)"));
    if (!is_space(data[pos])) pgm_fail(path, "bad header: no whitespace after maxval");
    ++pos;
    if (data.size() - pos < n)
      pgm_fail(path, cat("truncated data: ", data.size() - pos, " of ", n, " pixel bytes (", nx,
                         " x ", ny, ")"));
    for (size_t k = 0; k < n; ++k) value[k] = static_cast<unsigned char>(data[pos + k]);
  } else {
    for (size_t k = 0; k < n; ++k) {
      while (pos < data.size() && is_space(data[pos])) ++pos;
      if (pos >= data.size())
        pgm_fail(path,
                 cat("truncated data: ", k, " of ", n, " pixel values (", nx, " x ", ny, ")"));
      value[k] = read_number(path, data, pos, "pixel value");
    }
  }

  Microstructure m;
  m.mask_nx = static_cast<int>(nx);
  m.mask_ny = static_cast<int>(ny);
  m.x_min = x_min, m.x_max = x_max, m.y_min = y_min, m.y_max = y_max;
  m.mask.resize(n);
  for (size_t k = 0; k < n; ++k) {
    if (value[k] > maxval)
      pgm_fail(path, cat("pixel value ", value[k], " at row ", k / static_cast<size_t>(nx),
                         ", column ", k % static_cast<size_t>(nx), " exceeds maxval ", maxval));
    m.mask[k] = value[k] < threshold ? 1 : 0;  // dark = void
  }
  return m;
}

// ---- void fractions ---------------------------------------------------------

double void_fraction(const Microstructure& m, double x0, double x1, double y0, double y1,
                     int samples) {
  check_microstructure(m, "void_fraction");
  check_cell(x0, x1, y0, y1, samples);
  if (!m.mask.empty()) return mask_fraction(m, x0, x1, y0, y1);
  std::vector<int> near;
  for (size_t i = 0; i < m.voids.size(); ++i)
    if (touches(m.voids[i], x0, x1, y0, y1)) near.push_back(static_cast<int>(i));
  return circles_fraction(m.voids, near, x0, x1, y0, y1, samples);
}

double porosity(const Microstructure& m) {
  check_microstructure(m, "porosity");
  if (!m.mask.empty())
    return static_cast<double>(
               std::count_if(m.mask.begin(), m.mask.end(), [](uint8_t p) { return p != 0; })) /
           static_cast<double>(m.mask.size());
  check_window("porosity", m.x_min, m.x_max, m.y_min, m.y_max);
  double area = 0;
  for (const Void& v : m.voids) area += disk_rect_area(v, m.x_min, m.x_max, m.y_min, m.y_max);
  return area / ((m.x_max - m.x_min) * (m.y_max - m.y_min));
}

VoidFractionField::VoidFractionField(Microstructure m) : m_(std::move(m)) {
  check_microstructure(m_, "VoidFractionField");
  if (m_.voids.empty()) return;
  // Bucket grid over the circles' bounding box, about one void per bucket; a
  // circle is listed in every bucket its bounding square overlaps.
  double lo_x = HUGE_VAL, hi_x = -HUGE_VAL, lo_y = HUGE_VAL, hi_y = -HUGE_VAL;
  for (const Void& v : m_.voids) {
    lo_x = std::min(lo_x, v.x - v.radius), hi_x = std::max(hi_x, v.x + v.radius);
    lo_y = std::min(lo_y, v.y - v.radius), hi_y = std::max(hi_y, v.y + v.radius);
  }
  const double w = std::max(hi_x - lo_x, 1e-300), h = std::max(hi_y - lo_y, 1e-300);
  const double side = std::sqrt(w * h / static_cast<double>(m_.voids.size()));
  nbx_ = static_cast<int>(std::clamp(std::ceil(w / side), 1.0, 65536.0));
  nby_ = static_cast<int>(std::clamp(std::ceil(h / side), 1.0, 65536.0));
  bx0_ = lo_x, by0_ = lo_y;
  bucket_ = std::max(w / nbx_, h / nby_);
  buckets_.resize(static_cast<size_t>(nbx_) * static_cast<size_t>(nby_));
  auto index = [](double t, int n) {
    return static_cast<int>(std::clamp(std::floor(t), 0.0, n - 1.0));
  };
  for (size_t k = 0; k < m_.voids.size(); ++k) {
    const Void& v = m_.voids[k];
    if (v.radius <= 0) continue;
    for (int j = index((v.y - v.radius - by0_) / bucket_, nby_);
         j <= index((v.y + v.radius - by0_) / bucket_, nby_); ++j)
      for (int i = index((v.x - v.radius - bx0_) / bucket_, nbx_);
           i <= index((v.x + v.radius - bx0_) / bucket_, nbx_); ++i)
        buckets_[static_cast<size_t>(j) * static_cast<size_t>(nbx_) + static_cast<size_t>(i)]
            .push_back(static_cast<int>(k));
  }
}

double VoidFractionField::operator()(double x0, double x1, double y0, double y1,
                                     int samples) const {
  check_cell(x0, x1, y0, y1, samples);
  if (!m_.mask.empty()) return mask_fraction(m_, x0, x1, y0, y1);
  if (buckets_.empty()) return 0;
  // Buckets the cell overlaps; none if it lies outside the grid.
  const double i_lo = std::floor((x0 - bx0_) / bucket_), i_hi = std::floor((x1 - bx0_) / bucket_);
  const double j_lo = std::floor((y0 - by0_) / bucket_), j_hi = std::floor((y1 - by0_) / bucket_);
  if (i_hi < 0 || j_hi < 0 || i_lo > nbx_ - 1 || j_lo > nby_ - 1) return 0;
  const int i0 = static_cast<int>(std::max(i_lo, 0.0)),
            i1 = static_cast<int>(std::min(i_hi, nbx_ - 1.0));
  const int j0 = static_cast<int>(std::max(j_lo, 0.0)),
            j1 = static_cast<int>(std::min(j_hi, nby_ - 1.0));

  std::vector<int> near;
  for (int j = j0; j <= j1; ++j)
    for (int i = i0; i <= i1; ++i)
      for (int k :
           buckets_[static_cast<size_t>(j) * static_cast<size_t>(nbx_) + static_cast<size_t>(i)])
        if (touches(m_.voids[static_cast<size_t>(k)], x0, x1, y0, y1)) near.push_back(k);
  // Ascending and once each, as void_fraction has them: the same sums, bitwise.
  std::sort(near.begin(), near.end());
  near.erase(std::unique(near.begin(), near.end()), near.end());
  return circles_fraction(m_.voids, near, x0, x1, y0, y1, samples);
}

}  // namespace ember::hydro
