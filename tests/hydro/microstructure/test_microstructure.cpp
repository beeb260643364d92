// Microstructure for void-collapse runs: cell void fractions of circles and
// masks, random void packings and PGM import.
#include "init/microstructure.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ember::hydro;

namespace {

constexpr double kPi = 3.14159265358979323846;
const std::string kData = EMBER_MICRO_TEST_DATA;

// Sum of void fraction x cell area over an nx x ny grid of [x0, x1] x [y0, y1].
double void_area_on_grid(const std::function<double(double, double, double, double)>& f, double x0,
                         double x1, double y0, double y1, int nx, int ny) {
  const double dx = (x1 - x0) / nx, dy = (y1 - y0) / ny;
  double area = 0;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)
      area += f(x0 + i * dx, x0 + (i + 1) * dx, y0 + j * dy, y0 + (j + 1) * dy) * dx * dy;
  return area;
}

// The message of the std::runtime_error that f throws ("" and a failure if none).
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw a non-runtime_error: " << e.what();
    return "";
  }
  ADD_FAILURE() << "did not throw";
  return "";
}

::testing::AssertionResult mentions(const std::string& message, const std::string& part) {
  if (message.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << message << "' does not mention '" << part << "'";
}

// Files the PGM tests write, in the test's working directory (the build tree),
// named after the test so that tests running in parallel do not collide.
std::string scratch(const std::string& suffix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string("micro_") + info->name() + suffix;
}

std::string write_file(const std::string& suffix, const std::string& bytes) {
  const std::string path = scratch(suffix);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string p5(int nx, int ny, int maxval, const std::vector<unsigned char>& pixels) {
  std::string s =
      "P5\n" + std::to_string(nx) + " " + std::to_string(ny) + "\n" + std::to_string(maxval) + "\n";
  s.append(pixels.begin(), pixels.end());
  return s;
}

// ---- settings shared by the random-void tests (lengths in micrometres) -----

struct Case {
  const char* name;
  RandomVoidSpec spec;
  double x_min, x_max, y_min, y_max;
};

RandomVoidSpec spec(double porosity, double median, double sigma, double d_min, double d_max,
                    double spacing, double margin, uint64_t seed) {
  RandomVoidSpec s;
  s.porosity = porosity, s.median_diameter = median, s.sigma_ln = sigma;
  s.d_min = d_min, s.d_max = d_max, s.min_spacing = spacing, s.margin = margin, s.seed = seed;
  return s;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> c = {
      {"5% equal voids, margin", spec(0.05, 2, 0, 2, 2, 0.5, 3, 1), 0, 100, 0, 60},
      {"30% log-normal 1-3, spacing", spec(0.30, 2, 0.25, 1, 3, 0.2, 1, 7), -50, 50, 10, 70},
      {"50% broad log-normal", spec(0.50, 2, 0.5, 0.5, 6, 0, 0, 3), 0, 80, 0, 80},
      {"20% few voids (micro)", spec(0.20, 10, 0.2, 6, 14, 2, 1, 11), 0, 40, 0, 40},
      {"20% few voids, last one shrunk", spec(0.20, 10, 0.2, 2, 14, 2, 1, 5), 0, 40, 0, 40},
  };
  return c;
}

const std::vector<Microstructure>& packings() {
  static const std::vector<Microstructure> p = [] {
    std::vector<Microstructure> v;
    for (const Case& c : cases())
      v.push_back(random_voids(c.spec, c.x_min, c.x_max, c.y_min, c.y_max));
    return v;
  }();
  return p;
}

}  // namespace

// ---- void fractions of circles ----------------------------------------------

TEST(VoidFraction, CellInsideIsOneOutsideIsZero) {
  Microstructure m;
  m.voids = {{0.0, 0.0, 1.0}};
  for (int samples : {1, 8, 64}) {
    EXPECT_EQ(void_fraction(m, -0.1, 0.1, -0.2, 0.3, samples), 1.0);
    EXPECT_EQ(void_fraction(m, 2.0, 3.0, 2.0, 3.0, samples), 0.0);
    EXPECT_EQ(void_fraction(m, 1.0, 1.5, -0.5, 0.5, samples), 0.0);  // tangent from outside
    const double cut = void_fraction(m, 0.70, 0.72, 0.70, 0.72, samples);
    EXPECT_GT(cut, 0.0);
    EXPECT_LT(cut, 1.0);
  }
  // A cell a million times smaller than the void: exactly 1, with no
  // cancellation from the four-corner formula (which loses r^2/h^2 ulps).
  m.voids = {{0.0, 0.0, 1000.0}};
  EXPECT_EQ(void_fraction(m, -600.0, -599.999, -183.0, -182.999), 1.0);
}

TEST(VoidFraction, CutCellsAreExact) {
  Microstructure m;
  m.voids = {{0.0, 0.0, 0.5}};
  EXPECT_NEAR(void_fraction(m, 0, 1, 0, 1), kPi / 16, 1e-15);    // a quarter disk
  EXPECT_NEAR(void_fraction(m, -1, 1, 0, 1), kPi / 16, 1e-15);   // a half disk, cell area 2
  EXPECT_NEAR(void_fraction(m, -1, 1, -1, 1), kPi / 16, 1e-15);  // the whole disk, cell area 4
  m.voids = {{0.0, 0.0, 1.0}};
  const double segment = kPi / 3 - 0.5 * std::sqrt(0.75);  // the disk beyond the chord x = 1/2
  EXPECT_NEAR(void_fraction(m, 0.5, 2, -2, 2), segment / 6, 1e-15);
}

TEST(VoidFraction, SingleCircleSumsToItsArea) {
  Microstructure m;
  const double r = 0.37;
  m.voids = {{0.123, -0.071, r}};
  auto f = [&](double x0, double x1, double y0, double y1) {
    return void_fraction(m, x0, x1, y0, y1);
  };
  for (int n : {7, 64, 201}) {
    const double area = void_area_on_grid(f, -0.5, 0.5, -0.5, 0.5, n, n + 3);
    EXPECT_NEAR(area, kPi * r * r, 1e-12) << n << " cells a side";
  }
}

TEST(VoidFraction, OverlappingCirclesConvergeWithSamples) {
  // Where disks overlap, the union is sampled. A disk just inside a bigger one
  // sends the cells on the big one's rim to the sampler while the union is the
  // big disk, whose exact cell fractions are known: the mean error per cut cell
  // must fall steadily as the sub-grid refines.
  Microstructure nested, big;
  big.voids = {{0.05, -0.02, 0.41}};
  nested.voids = {big.voids[0], {0.054, -0.021, 0.404}};
  const int n = 40;
  const double h = 1.0 / n;
  std::vector<double> l1;
  for (int samples : {1, 4, 16, 64}) {
    double sum = 0;
    int cut = 0;
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const double x0 = -0.5 + i * h, y0 = -0.5 + j * h;
        const double exact = void_fraction(big, x0, x0 + h, y0, y0 + h);
        if (exact > 0 && exact < 1) {
          sum += std::abs(void_fraction(nested, x0, x0 + h, y0, y0 + h, samples) - exact);
          ++cut;
        }
      }
    l1.push_back(sum / cut);
    std::cout << "[ samples " << samples << " ] mean |error| of a cut cell " << l1.back() << "\n";
  }
  for (size_t k = 1; k < l1.size(); ++k)
    EXPECT_LT(l1[k], l1[k - 1] / 4) << "samples x4, step " << k;

  // Two disks overlapping in a lens: the union area to sampling accuracy.
  const double r = 0.3, d = 0.3;
  Microstructure m;
  m.voids = {{0.0, 0.0, r}, {d, 0.0, r}};
  const double lens = 2 * r * r * std::acos(d / (2 * r)) - d / 2 * std::sqrt(4 * r * r - d * d);
  const double exact = 2 * kPi * r * r - lens;
  auto f = [&](double x0, double x1, double y0, double y1) {
    return void_fraction(m, x0, x1, y0, y1);
  };
  EXPECT_NEAR(void_area_on_grid(f, -0.4, 0.7, -0.4, 0.4, 22, 16), exact, 5e-4 * exact);
  // A cell covered by the union of two disks but by neither alone: sampled, and
  // every sample point is void.
  m.voids = {{-0.5, 0.0, 0.8}, {0.5, 0.0, 0.8}};
  for (int samples : {1, 3, 8}) EXPECT_EQ(void_fraction(m, -0.5, 0.5, -0.05, 0.05, samples), 1.0);
  // A cell that only one disk reaches stays exact whatever the samples.
  EXPECT_EQ(void_fraction(m, -0.35, -0.25, -0.05, 0.05, 1),
            void_fraction(m, -0.35, -0.25, -0.05, 0.05, 64));
}

TEST(VoidFraction, FieldMatchesDirectBitwise) {
  std::vector<Microstructure> ms = {packings()[1], packings()[3]};
  Microstructure overlapping;  // explicit circles, overlapping, some reaching out of the window
  overlapping.voids = {{0, 0, 3},     {2, 1, 2},       {-4, 5, 1.5},
                       {10, 10, 0.5}, {10.4, 10, 0.5}, {20, -1, 4}};
  ms.push_back(overlapping);
  for (const Microstructure& m : ms) {
    const VoidFractionField field(m);
    int compared = 0;
    for (double h : {0.05, 0.7, 4.0, 33.0}) {
      for (double y = -60; y < 80; y += 3.7 * h + 0.31)
        for (double x = -60; x < 60; x += 2.9 * h + 0.17) {
          ASSERT_EQ(field(x, x + h, y, y + 0.8 * h), void_fraction(m, x, x + h, y, y + 0.8 * h))
              << "cell at " << x << ", " << y << " of size " << h;
          ++compared;
        }
    }
    EXPECT_GT(compared, 1000);
  }
}

TEST(VoidFraction, FieldSumsToPorosityOfAPacking) {
  // Voids inside the window and apart: a mesh of the window must hold exactly
  // the porosity, whatever cuts the cells make.
  const Case& c = cases()[1];
  const Microstructure& m = packings()[1];
  const VoidFractionField field(m);
  auto f = [&](double x0, double x1, double y0, double y1) { return field(x0, x1, y0, y1); };
  const double window = (c.x_max - c.x_min) * (c.y_max - c.y_min);
  const double area = void_area_on_grid(f, c.x_min, c.x_max, c.y_min, c.y_max, 333, 217);
  EXPECT_NEAR(area / window, porosity(m), 1e-12);
}

TEST(VoidFraction, RejectsBadInput) {
  Microstructure m;
  m.voids = {{0, 0, 1}};
  EXPECT_THROW(void_fraction(m, 1, 0, 0, 1), std::invalid_argument);
  EXPECT_THROW(void_fraction(m, 0, 1, 0, 0), std::invalid_argument);
  EXPECT_THROW(void_fraction(m, 0, 1, 0, 1, 0), std::invalid_argument);
  m.mask = {1};
  m.mask_nx = m.mask_ny = 1;
  m.x_max = m.y_max = 1;
  EXPECT_THROW(void_fraction(m, 0, 1, 0, 1), std::invalid_argument);  // both circles and a mask
  EXPECT_THROW(porosity(m), std::invalid_argument);
  m.voids.clear();
  m.mask_nx = 2;  // 1 pixel for 2 x 1
  EXPECT_THROW(void_fraction(m, 0, 1, 0, 1), std::invalid_argument);
  Microstructure negative;
  negative.voids = {{0, 0, -1}};
  EXPECT_THROW(VoidFractionField{negative}, std::invalid_argument);
}

// ---- porosity ---------------------------------------------------------------

TEST(Porosity, ClipsCirclesToTheWindow) {
  Microstructure m;
  m.x_min = 0, m.x_max = 1, m.y_min = 0, m.y_max = 2;
  m.voids = {{0.0, 0.5, 0.25}};  // half a void, cut by the symmetry plane x = 0
  EXPECT_NEAR(porosity(m), kPi * 0.0625 / 2 / 2, 1e-15);
  m.voids.push_back({0.5, 1.5, 0.25});  // a whole one
  m.voids.push_back({5.0, 5.0, 1.0});   // outside
  EXPECT_NEAR(porosity(m), 3 * kPi * 0.0625 / 2 / 2, 1e-15);
  m.x_max = 0;
  EXPECT_THROW(porosity(m), std::invalid_argument);  // no window
}

// ---- masks ------------------------------------------------------------------

TEST(VoidFraction, MaskOverlapIsAreaWeighted) {
  Microstructure m;
  m.mask = {1, 0,   // row 0: the top, y in [1, 2]
            0, 0};  // row 1: y in [0, 1]
  m.mask_nx = m.mask_ny = 2;
  m.x_min = 0, m.x_max = 2, m.y_min = 0, m.y_max = 2;
  EXPECT_NEAR(void_fraction(m, 0, 1, 1, 2), 1.0, 1e-15);
  EXPECT_NEAR(void_fraction(m, 0, 1, 0, 1), 0.0, 1e-15);
  EXPECT_NEAR(void_fraction(m, 0.5, 1.5, 0.5, 1.5), 0.25, 1e-15);
  EXPECT_NEAR(void_fraction(m, 0, 2, 0, 2), 0.25, 1e-15);
  EXPECT_NEAR(void_fraction(m, 0.5, 1, 1.5, 3), 1.0 / 3, 1e-15);  // half outside: solid there
  EXPECT_EQ(void_fraction(m, -3, -1, 0, 2), 0.0);
  EXPECT_EQ(porosity(m), 0.25);
  const VoidFractionField field(m);
  EXPECT_EQ(field(0.5, 1.5, 0.5, 1.5), void_fraction(m, 0.5, 1.5, 0.5, 1.5));
}

// ---- random voids -----------------------------------------------------------

TEST(RandomVoids, AchievesTargetPorosity) {
  for (size_t k = 0; k < cases().size(); ++k) {
    const Case& c = cases()[k];
    const double achieved = porosity(packings()[k]);
    std::cout << "[ " << c.name << " ] target " << c.spec.porosity << ", achieved " << achieved
              << " with " << packings()[k].voids.size() << " voids\n";
    EXPECT_NEAR(achieved, c.spec.porosity, 0.01 * c.spec.porosity) << c.name;
  }
}

// The promise of random_voids: the last void is shrunk onto the target unless
// the remainder is below half a smallest void, so the porosity misses by at
// most that much (exact for the few-void case, where it shrinks).
TEST(RandomVoids, MissesPorosityByLessThanHalfASmallestVoid) {
  for (size_t k = 0; k < cases().size(); ++k) {
    const Case& c = cases()[k];
    const double window = (c.x_max - c.x_min) * (c.y_max - c.y_min);
    const double miss = std::abs(porosity(packings()[k]) - c.spec.porosity) * window;
    EXPECT_LE(miss, kPi * c.spec.d_min * c.spec.d_min / 8 + 1e-12 * window) << c.name;
  }
  EXPECT_LT(packings()[4].voids.size(), 10u);
  EXPECT_NEAR(porosity(packings()[4]), 0.2, 1e-14);
}

TEST(RandomVoids, KeepsMinSpacing) {
  for (size_t k = 0; k < cases().size(); ++k) {
    const std::vector<Void>& v = packings()[k].voids;
    const double s = cases()[k].spec.min_spacing;
    for (size_t a = 0; a < v.size(); ++a)
      for (size_t b = a + 1; b < v.size(); ++b) {
        const double dx = v[a].x - v[b].x, dy = v[a].y - v[b].y;
        const double gap = std::sqrt(dx * dx + dy * dy) - v[a].radius - v[b].radius;
        ASSERT_GE(gap, s * (1 - 1e-12) - 1e-12) << cases()[k].name << ": voids " << a << ", " << b;
      }
  }
}

TEST(RandomVoids, StaysInsideWindowWithMargin) {
  for (size_t k = 0; k < cases().size(); ++k) {
    const Case& c = cases()[k];
    const double m = c.spec.margin, tol = 1e-12 * (c.x_max - c.x_min);
    for (const Void& v : packings()[k].voids) {
      ASSERT_GE(v.x - v.radius, c.x_min + m - tol) << c.name;
      ASSERT_LE(v.x + v.radius, c.x_max - m + tol) << c.name;
      ASSERT_GE(v.y - v.radius, c.y_min + m - tol) << c.name;
      ASSERT_LE(v.y + v.radius, c.y_max - m + tol) << c.name;
    }
    EXPECT_EQ(packings()[k].x_min, c.x_min);
    EXPECT_EQ(packings()[k].y_max, c.y_max);
  }
}

TEST(RandomVoids, DiametersWithinBounds) {
  for (size_t k = 0; k < cases().size(); ++k) {
    const Case& c = cases()[k];
    for (const Void& v : packings()[k].voids) {
      ASSERT_GE(2 * v.radius, c.spec.d_min) << c.name;
      ASSERT_LE(2 * v.radius, c.spec.d_max) << c.name;
    }
  }
}

TEST(RandomVoids, SameSeedSameListOtherSeedOther) {
  const Case& c = cases()[1];
  const Microstructure a = random_voids(c.spec, c.x_min, c.x_max, c.y_min, c.y_max);
  ASSERT_EQ(a.voids.size(), packings()[1].voids.size());
  for (size_t i = 0; i < a.voids.size(); ++i) {
    ASSERT_EQ(a.voids[i].x, packings()[1].voids[i].x) << i;  // bitwise: no tolerance
    ASSERT_EQ(a.voids[i].y, packings()[1].voids[i].y) << i;
    ASSERT_EQ(a.voids[i].radius, packings()[1].voids[i].radius) << i;
  }
  RandomVoidSpec other = c.spec;
  other.seed += 1;
  const Microstructure b = random_voids(other, c.x_min, c.x_max, c.y_min, c.y_max);
  size_t same = 0;
  for (size_t i = 0; i < std::min(a.voids.size(), b.voids.size()); ++i)
    same += a.voids[i].x == b.voids[i].x || a.voids[i].y == b.voids[i].y;
  EXPECT_EQ(same, 0u);
}

// The same voids on every platform: the first voids of a fixed packing, as
// computed once. A failure here on a new compiler or CPU means the random
// stream or its transforms are not portable (see microstructure.hpp).
TEST(RandomVoids, GoldenValues) {
  const Microstructure m = random_voids(spec(0.3, 2, 0.25, 1, 3, 0.2, 1, 2024), 0, 50, 0, 30);
  ASSERT_GE(m.voids.size(), 3u);
  const Void golden[3] = {{0x1.31935fa50ec0cp+5, 0x1.6f003a7382d1cp+1, 0x1.7ee1a45922118p+0},
                          {0x1.4f755e3244015p+5, 0x1.59d7876be8062p+2, 0x1.7ddd09088b91bp+0},
                          {0x1.4e7693a2c5c9dp+3, 0x1.418adfd053c41p+4, 0x1.7ca92bb8079b2p+0}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(m.voids[static_cast<size_t>(i)].x, golden[i].x) << i;
    EXPECT_EQ(m.voids[static_cast<size_t>(i)].y, golden[i].y) << i;
    EXPECT_EQ(m.voids[static_cast<size_t>(i)].radius, golden[i].radius) << i;
  }
  EXPECT_EQ(m.voids.size(), 130u);
}

TEST(RandomVoids, LogNormalMedianAndSpread) {
  // Truncation symmetric in ln d (4 sigma either side) leaves median and spread.
  const double median = 1.0, sigma = 0.4;
  const RandomVoidSpec s = spec(0.05, median, sigma, median * std::exp(-4 * sigma),
                                median * std::exp(4 * sigma), 0, 0, 99);
  const Microstructure m = random_voids(s, 0, 700, 0, 700);
  std::vector<double> ln_d;
  for (const Void& v : m.voids) ln_d.push_back(std::log(2 * v.radius));
  ASSERT_GT(ln_d.size(), 15000u);
  const size_t n = ln_d.size();
  double mean = 0, var = 0;
  for (double l : ln_d) mean += l / static_cast<double>(n);
  for (double l : ln_d) var += (l - mean) * (l - mean) / static_cast<double>(n - 1);
  std::nth_element(ln_d.begin(), ln_d.begin() + static_cast<long>(n / 2), ln_d.end());
  const double sample_median = std::exp(ln_d[n / 2]);
  std::cout << "[ log-normal ] " << n << " diameters: median " << sample_median << " (asked "
            << median << "), sd of ln d " << std::sqrt(var) << " (asked " << sigma << ")\n";
  // Standard errors: median ~ 1.25 sigma / sqrt(n) = 0.4 %, sd ~ sigma / sqrt(2n) = 0.2 %.
  EXPECT_NEAR(sample_median, median, 0.02 * median);
  EXPECT_NEAR(mean, std::log(median), 0.01);
  EXPECT_NEAR(std::sqrt(var), sigma, 0.03 * sigma);
}

TEST(RandomVoids, ImpossibleSpecThrows) {
  // Porosity 0.5 with a spacing ten times the void size: the voids with their
  // spacing need many times the window.
  const std::string msg =
      error_of([] { random_voids(spec(0.5, 2, 0.25, 1, 3, 20, 0, 1), 0, 100, 0, 100); });
  EXPECT_TRUE(mentions(msg, "cannot pack"));
  EXPECT_TRUE(mentions(msg, "min_spacing 20"));
  EXPECT_TRUE(mentions(msg, "porosity 0.5"));
  // A diameter range the log-normal hardly reaches.
  EXPECT_TRUE(
      mentions(error_of([] { random_voids(spec(0.1, 1, 0.1, 5, 6, 0, 0, 1), 0, 100, 0, 100); }),
               "next to no probability in [5, 6]"));
}

TEST(RandomVoids, JammedSpecThrows) {
  // Equal voids at 50 % with a 20 % spacing fit by area (72 % of the window
  // with their collars) but random sequential addition jams near 55 %.
  const std::string msg =
      error_of([] { random_voids(spec(0.5, 1, 0, 1, 1, 0.2, 0, 5), 0, 30, 0, 30); });
  EXPECT_TRUE(mentions(msg, "cannot pack"));
  EXPECT_TRUE(mentions(msg, "found no place"));
}

TEST(RandomVoids, RejectsInvalidSpec) {
  auto make = [](RandomVoidSpec s) { random_voids(s, 0, 100, 0, 100); };
  const RandomVoidSpec ok = spec(0.2, 2, 0.3, 1, 3, 0.1, 1, 1);
  EXPECT_NO_THROW(make(ok));
  RandomVoidSpec s = ok;
  s.porosity = 0;
  EXPECT_THROW(make(s), std::invalid_argument);
  s.porosity = 0.6;
  EXPECT_THROW(make(s), std::invalid_argument);
  s = ok, s.d_min = 4;
  EXPECT_THROW(make(s), std::invalid_argument);
  s = ok, s.d_min = 0;
  EXPECT_THROW(make(s), std::invalid_argument);
  s = ok, s.margin = 50;
  EXPECT_THROW(make(s), std::invalid_argument);
  s = ok, s.sigma_ln = 0, s.median_diameter = 5;
  EXPECT_THROW(make(s), std::invalid_argument);
  EXPECT_THROW(random_voids(RandomVoidSpec{}, 0, 1, 0, 1), std::invalid_argument);
  EXPECT_THROW(random_voids(ok, 0, 100, 5, 5), std::invalid_argument);
}

// The meso-scale window of the void-collapse runs: 500 x 300 um at 30 %
// porosity with 1-3 um voids, then its void fractions on a 0.5 um mesh.
TEST(RandomVoids, MesoWindow) {
  const RandomVoidSpec s = spec(0.30, 2, 0.25, 1, 3, 0.2, 0, 42);
  const auto t0 = std::chrono::steady_clock::now();
  const Microstructure m = random_voids(s, 0, 500, 0, 300);
  const auto t1 = std::chrono::steady_clock::now();
  const VoidFractionField field(m);
  auto f = [&](double x0, double x1, double y0, double y1) { return field(x0, x1, y0, y1); };
  const double area = void_area_on_grid(f, 0, 500, 0, 300, 1000, 600);
  const auto t2 = std::chrono::steady_clock::now();
  const double gen = std::chrono::duration<double>(t1 - t0).count();
  const double fill = std::chrono::duration<double>(t2 - t1).count();
  std::cout << "[ meso 500 x 300 um ] " << m.voids.size() << " voids, porosity " << porosity(m)
            << ", generated in " << gen << " s; 1000 x 600 cells filled in " << fill << " s\n";
  RecordProperty("voids", static_cast<int>(m.voids.size()));
  RecordProperty("generate_ms", static_cast<int>(gen * 1000));
  RecordProperty("fill_ms", static_cast<int>(fill * 1000));
  EXPECT_NEAR(porosity(m), 0.30, 0.003);
  EXPECT_NEAR(area / (500.0 * 300.0), porosity(m), 1e-12);
}

// ---- PGM --------------------------------------------------------------------

TEST(Pgm, BinaryRoundTrip) {
  const std::vector<unsigned char> px = {0,   10,  127, 128, 255, 200, 3, 99,
                                         130, 254, 1,   64,  128, 127, 12};
  const std::string path = write_file(".pgm", p5(5, 3, 255, px));
  const Microstructure m = read_pgm(path, 128, -1, 4, 2, 5);
  ASSERT_EQ(m.mask_nx, 5);
  ASSERT_EQ(m.mask_ny, 3);
  ASSERT_EQ(m.mask.size(), px.size());
  for (size_t k = 0; k < px.size(); ++k) EXPECT_EQ(m.mask[k], px[k] < 128 ? 1 : 0) << k;
  EXPECT_TRUE(m.voids.empty());
  EXPECT_EQ(m.x_min, -1);
  EXPECT_EQ(m.x_max, 4);
  EXPECT_EQ(m.y_min, 2);
  EXPECT_EQ(m.y_max, 5);
  std::remove(path.c_str());
}

TEST(Pgm, AsciiRoundTripWithComments) {
  const std::string text =
      "P2 # ascii\n# a comment line\n3 # width\n 2\n# maxval next\n15\n"
      "0 15  7\n\t8 #trailing comment\n 14 1\n";
  const std::string path = write_file(".pgm", text);
  const Microstructure m = read_pgm(path, 8, 0, 3, 0, 2);
  ASSERT_EQ(m.mask_nx, 3);
  ASSERT_EQ(m.mask_ny, 2);
  EXPECT_EQ(m.mask, (std::vector<uint8_t>{1, 0, 1, 0, 0, 1}));
  EXPECT_NEAR(porosity(m), 0.5, 1e-15);
  std::remove(path.c_str());
}

TEST(Pgm, RowZeroIsTop) {
  // Dark pixels at the top-left and at the bottom row's third column.
  for (const char* file : {"/orientation.pgm", "/orientation_p5.pgm"}) {
    const Microstructure m = read_pgm(kData + file, 128, 0, 4, 0, 3);
    SCOPED_TRACE(file);
    EXPECT_EQ(m.mask, (std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}));
    EXPECT_NEAR(void_fraction(m, 0, 1, 2, 3), 1.0, 1e-15);  // top-left: y near y_max
    EXPECT_NEAR(void_fraction(m, 0, 1, 0, 1), 0.0, 1e-15);  // bottom-left
    EXPECT_NEAR(void_fraction(m, 2, 3, 0, 1), 1.0, 1e-15);  // bottom row, third column
    EXPECT_NEAR(void_fraction(m, 2, 3, 2, 3), 0.0, 1e-15);
    EXPECT_NEAR(void_fraction(m, 0, 4, 0, 0.5), 0.25, 1e-15);  // bottom half-row
  }
}

TEST(Pgm, ThresholdIsStrict) {
  const std::string path = write_file(".pgm", p5(3, 1, 200, {0, 100, 200}));
  EXPECT_EQ(read_pgm(path, 0, 0, 1, 0, 1).mask, (std::vector<uint8_t>{0, 0, 0}));
  EXPECT_EQ(read_pgm(path, 100, 0, 1, 0, 1).mask, (std::vector<uint8_t>{1, 0, 0}));
  EXPECT_EQ(read_pgm(path, 200, 0, 1, 0, 1).mask, (std::vector<uint8_t>{1, 1, 0}));
  const std::string msg = error_of([&] { read_pgm(path, 201, 0, 1, 0, 1); });
  EXPECT_TRUE(mentions(msg, path));
  EXPECT_TRUE(mentions(msg, "threshold 201"));
  std::remove(path.c_str());
}

TEST(Pgm, WrongMagicNamesTheFile) {
  const std::string ppm = write_file("_ppm.pgm", "P6\n1 1\n255\nabc");
  std::string msg = error_of([&] { read_pgm(ppm, 128, 0, 1, 0, 1); });
  EXPECT_TRUE(mentions(msg, ppm));
  EXPECT_TRUE(mentions(msg, "not a PGM"));
  EXPECT_TRUE(mentions(msg, "P6"));
  const std::string gif = write_file("_gif.pgm", "GIF89a....");
  msg = error_of([&] { read_pgm(gif, 128, 0, 1, 0, 1); });
  EXPECT_TRUE(mentions(msg, gif));
  EXPECT_TRUE(mentions(msg, "not a PGM"));
  const std::string empty = write_file("_empty.pgm", "");
  EXPECT_TRUE(mentions(error_of([&] { read_pgm(empty, 128, 0, 1, 0, 1); }), "not a PGM"));
  for (const std::string& p : {ppm, gif, empty}) std::remove(p.c_str());
}

TEST(Pgm, TruncatedDataNamesTheFile) {
  const std::string binary =
      write_file("_p5.pgm", p5(4, 4, 255, std::vector<unsigned char>(15, 9)));
  std::string msg = error_of([&] { read_pgm(binary, 128, 0, 1, 0, 1); });
  EXPECT_TRUE(mentions(msg, binary));
  EXPECT_TRUE(mentions(msg, "truncated data: 15 of 16"));
  const std::string ascii = write_file("_p2.pgm", "P2\n2 2\n255\n1 2 3\n");
  msg = error_of([&] { read_pgm(ascii, 128, 0, 1, 0, 1); });
  EXPECT_TRUE(mentions(msg, ascii));
  EXPECT_TRUE(mentions(msg, "truncated data: 3 of 4"));
  const std::string header = write_file("_header.pgm", "P5\n2 2\n");
  msg = error_of([&] { read_pgm(header, 128, 0, 1, 0, 1); });
  EXPECT_TRUE(mentions(msg, header));
  EXPECT_TRUE(mentions(msg, "truncated"));
  for (const std::string& p : {binary, ascii, header}) std::remove(p.c_str());
}

TEST(Pgm, SixteenBitIsRejected) {
  const std::string path = write_file(".pgm", "P5\n1 1\n65535\n\x01\x02");
  const std::string msg = error_of([&] { read_pgm(path, 128, 0, 1, 0, 1); });
  EXPECT_TRUE(mentions(msg, path));
  EXPECT_TRUE(mentions(msg, "maxval 65535"));
  std::remove(path.c_str());
}

TEST(Pgm, BadHeaderAndPixelsNameTheFile) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"P5\nwide 2\n255\n....", "bad width"},
      {"P5\n0 2\n255\n", "bad header: image size 0 x 2"},
      {"P5\n1 1\n0\n.", "bad header: maxval 0"},
      {"P5\n1 1\n255x", "no whitespace after maxval"},
      {"P52 1 1 255\n.", "no whitespace after the magic number"},
      {"P2\n2 1\n100\n5 101\n", "pixel value 101 at row 0, column 1 exceeds maxval 100"},
      {"P2\n2 1\n100\n5 -1\n", "bad pixel value"},
  };
  for (size_t k = 0; k < bad.size(); ++k) {
    const std::string path = write_file("_" + std::to_string(k) + ".pgm", bad[k].first);
    const std::string msg = error_of([&] { read_pgm(path, 50, 0, 1, 0, 1); });
    EXPECT_TRUE(mentions(msg, path));
    EXPECT_TRUE(mentions(msg, bad[k].second));
    std::remove(path.c_str());
  }
  const std::string missing = scratch("_missing.pgm");
  const std::string msg = error_of([&] { read_pgm(missing, 50, 0, 1, 0, 1); });
  EXPECT_TRUE(mentions(msg, missing));
  EXPECT_TRUE(mentions(msg, "cannot open"));
}
