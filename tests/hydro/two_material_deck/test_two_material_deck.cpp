// Two-material decks: each microstructure form reads into the voids the
// library gives directly, the shipped decks read, and every bad input stops
// with a message naming the deck, the key and the value.
#include "driver/run_config.hpp"
#include "driver/two_material_config.hpp"
#include "init/microstructure.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ember::hydro {
namespace {

const std::string kInputs = EMBER_TWO_MATERIAL_INPUTS;  // inputs/hydro of the source tree

// A valid deck but for its microstructure: 32 x 24 cells of 62.5 nm, a
// 2 x 1.5 µm window.
const std::string kBase = R"(
[problem]
name = "tiny"

[model]
kind = "two_material"

[mesh]
nx = 32
ny = 24
dx = 6.25e-8

[loading]
shock_pressure_GPa = 20.0

[time]
t_end = 2.4e-10

[output]
snapshot_interval = 1.2e-10
)";

const std::string kOneVoid = R"(
[[microstructure.void]]
x = 1.0e-6
y = 0.75e-6
diameter = 0.7e-6
)";

const std::string kRandom = R"(
[microstructure.random]
porosity = 0.08
median_diameter = 3e-7
sigma_ln = 0.3
d_min = 1.5e-7
d_max = 5e-7
min_spacing = 5e-8
margin = 2.5e-7
seed = 7
)";

const std::string kPgm = R"(
[microstructure.pgm]
path = "meso_voids.pgm"
threshold = 64
)";

// The deck as if it were a file in inputs/hydro, so that relative paths find the image there.
TwoMaterialConfig read(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return read_two_material_config(Deck::from_string(text, kInputs + "/test.toml", overrides));
}

std::string error_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    read(text, overrides);
  } catch (const DeckError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a DeckError";
  return "";
}

::testing::AssertionResult contains(const std::string& text,
                                    const std::vector<std::string>& parts) {
  for (const std::string& part : parts)
    if (text.find(part) == std::string::npos)
      return ::testing::AssertionFailure() << "'" << part << "' not in:\n" << text;
  return ::testing::AssertionSuccess();
}

void expect_same_voids(const std::vector<Void>& a, const std::vector<Void>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].x, b[i].x) << "void " << i;
    EXPECT_EQ(a[i].y, b[i].y) << "void " << i;
    EXPECT_EQ(a[i].radius, b[i].radius) << "void " << i;
  }
}

// ---- the three forms ------------------------------------------------------------

TEST(TwoMaterialDeck, ReadsTheRunAndAListedVoid) {
  const TwoMaterialConfig c = read(kBase + kOneVoid);
  EXPECT_EQ(c.name, "tiny");
  EXPECT_EQ(c.microstructure, "void");
  const VoidCaseSpec& s = c.spec;
  EXPECT_EQ(s.nx, 32);
  EXPECT_EQ(s.ny, 24);
  EXPECT_EQ(s.dx, 6.25e-8);
  EXPECT_EQ(s.shock_pressure, 20e9);
  EXPECT_EQ(s.pulse_duration, 0.0);
  EXPECT_TRUE(s.reactive);
  EXPECT_TRUE(s.conduction);
  EXPECT_EQ(s.cfl, 0.4);
  EXPECT_EQ(c.t_end, 2.4e-10);
  EXPECT_EQ(s.n_snapshots, 3);  // 0, 1.2e-10, 2.4e-10
  EXPECT_DOUBLE_EQ(s.snapshot_dt * 2, c.t_end);
  EXPECT_EQ(c.output_dir, "output");
  EXPECT_EQ(c.output_prefix, "tiny");
  expect_same_voids(s.voids.voids, {{1.0e-6, 0.75e-6, 0.35e-6}});
  EXPECT_EQ(s.voids.x_max, 32 * 6.25e-8);
  EXPECT_EQ(s.voids.y_max, 24 * 6.25e-8);
}

TEST(TwoMaterialDeck, ReadsSwitchesPulseAndOutput) {
  const TwoMaterialConfig c = read(
      kBase + kOneVoid,
      {"model.reactive=false", "model.conduction=false", "loading.pulse_duration=1e-10",
       "time.cfl=0.3", "output.dir=elsewhere", "output.prefix=p", "output.snapshot_interval=0"});
  EXPECT_FALSE(c.spec.reactive);
  EXPECT_FALSE(c.spec.conduction);
  EXPECT_EQ(c.spec.pulse_duration, 1e-10);
  EXPECT_EQ(c.spec.cfl, 0.3);
  EXPECT_EQ(c.output_dir, "elsewhere");
  EXPECT_EQ(c.output_prefix, "p");
  EXPECT_EQ(c.spec.n_snapshots, 2);  // first and last
  EXPECT_EQ(c.spec.snapshot_dt, c.t_end);
}

TEST(TwoMaterialDeck, RandomVoidsAreTheLibrarysForTheSameSpec) {
  const TwoMaterialConfig c = read(kBase + kRandom);
  EXPECT_EQ(c.microstructure, "random");
  RandomVoidSpec v;
  v.porosity = 0.08;
  v.median_diameter = 3e-7;
  v.sigma_ln = 0.3;
  v.d_min = 1.5e-7;
  v.d_max = 5e-7;
  v.min_spacing = 5e-8;
  v.margin = 2.5e-7;
  v.seed = 7;
  const Microstructure direct = random_voids(v, 0.0, 32 * 6.25e-8, 0.0, 24 * 6.25e-8);
  ASSERT_GT(direct.voids.size(), 1u);
  expect_same_voids(c.spec.voids.voids, direct.voids);
  EXPECT_EQ(porosity(c.spec.voids), porosity(direct));
  // Another seed, other voids: the seed is read.
  const TwoMaterialConfig other = read(kBase + kRandom, {"microstructure.random.seed=8"});
  EXPECT_NE(other.spec.voids.voids.front().x, direct.voids.front().x);
}

TEST(TwoMaterialDeck, PgmMaskIsTheLibrarysAndItsPathIsTakenFromTheDecksFolder) {
  // The shipped image is 48 x 32: a mesh of the same aspect.
  const std::vector<std::string> mesh = {"mesh.nx=48", "mesh.ny=32"};
  const TwoMaterialConfig c = read(kBase + kPgm, mesh);
  EXPECT_EQ(c.microstructure, "pgm");
  const Microstructure direct =
      read_pgm(kInputs + "/meso_voids.pgm", 64, 0.0, 48 * 6.25e-8, 0.0, 32 * 6.25e-8);
  EXPECT_EQ(c.spec.voids.mask_nx, 48);
  EXPECT_EQ(c.spec.voids.mask_ny, 32);
  EXPECT_EQ(c.spec.voids.mask, direct.mask);
  EXPECT_EQ(c.spec.voids.x_max, direct.x_max);
  EXPECT_EQ(c.spec.voids.y_max, direct.y_max);
  EXPECT_GT(porosity(direct), 0.0);
  // The threshold is read (default 128 takes the grey rims as void too).
  const TwoMaterialConfig rims = read(kBase + R"(
[microstructure.pgm]
path = "meso_voids.pgm"
)",
                                      mesh);
  EXPECT_GT(porosity(rims.spec.voids), porosity(direct));
  // An absolute path is taken as it is.
  const TwoMaterialConfig absolute = read(
      kBase + kPgm,
      {"mesh.nx=48", "mesh.ny=32", "microstructure.pgm.path=\"" + kInputs + "/meso_voids.pgm\""});
  EXPECT_EQ(absolute.spec.voids.mask, direct.mask);
}

TEST(TwoMaterialDeck, ShippedDecksRead) {
  for (const char* name : {"void_collapse_hmx", "meso_random_voids", "meso_pgm"}) {
    SCOPED_TRACE(name);
    const TwoMaterialConfig c =
        read_two_material_config(Deck::from_file(kInputs + "/" + name + ".toml"));
    EXPECT_EQ(c.name, name);
    EXPECT_GT(porosity(c.spec.voids), 0.0);
    EXPECT_GE(c.spec.n_snapshots, 2);
  }
}

TEST(TwoMaterialDeck, SingleMaterialDecksAreNotTwoMaterial) {
  const Deck sod = Deck::from_file(kInputs + "/sod.toml");
  EXPECT_FALSE(is_two_material(sod));
  EXPECT_TRUE(is_two_material(Deck::from_string(kBase + kOneVoid, "t.toml")));
}

// ---- bad input ---------------------------------------------------------------------

TEST(TwoMaterialDeckErrors, TwoMicrostructureFormsOrNone) {
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid + kRandom),
                       {"test.toml: [microstructure] needs exactly one of",
                        "the deck gives microstructure.void and microstructure.random"}));
  EXPECT_TRUE(
      contains(error_of(kBase + kRandom + kPgm), {"microstructure.random and microstructure.pgm"}));
  EXPECT_TRUE(contains(error_of(kBase), {"[microstructure] needs exactly one", "gives none"}));
}

TEST(TwoMaterialDeckErrors, UnknownAndMisspeltKeys) {
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"model.reactve=false"}),
                       {"unknown key 'model.reactve'", "did you mean 'model.reactive'"}));
  // A single-material key means nothing here.
  EXPECT_TRUE(contains(error_of(kBase + "checkpoint_interval = 10\n" + kOneVoid),
                       {"test.toml:", "unknown key 'output.checkpoint_interval'"}));
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"microstructure.void.0.radius=1e-7"}),
                       {"unknown key 'microstructure.void.0.radius'"}));
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"model.kind=two_materal"}),
                       {"key 'model.kind' = \"two_materal\"", "did you mean 'two_material'"}));
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"model.materials=hmx_in_water"}),
                       {"key 'model.materials' = \"hmx_in_water\" is not one of hmx_in_air"}));
}

TEST(TwoMaterialDeckErrors, PgmFileMissingOrBad) {
  EXPECT_TRUE(contains(error_of(kBase + kPgm, {"microstructure.pgm.path=missing.pgm"}),
                       {"test.toml: key 'microstructure.pgm.path' = \"missing.pgm\"",
                        "no file " + kInputs + "/missing.pgm"}));
  // A file that is not a PGM: a deck.
  EXPECT_TRUE(contains(error_of(kBase + kPgm, {"microstructure.pgm.path=sod.toml"}),
                       {"key 'microstructure.pgm.path' = \"sod.toml\"", "not a PGM"}));
  EXPECT_TRUE(contains(
      error_of(kBase + kPgm, {"mesh.nx=64", "mesh.ny=32"}),
      {"key 'microstructure.pgm.path' = \"meso_voids.pgm\" is 48 x 32 pixels", "64 x 32 cells"}));
  EXPECT_TRUE(contains(
      error_of(kBase + kPgm, {"mesh.nx=48", "mesh.ny=32", "microstructure.pgm.threshold=300"}),
      {"key 'microstructure.pgm.threshold' = 300 is outside [0, 255]"}));
}

TEST(TwoMaterialDeckErrors, VoidOutsideTheWindowOrInTheShockedStrip) {
  EXPECT_TRUE(contains(
      error_of(kBase + kOneVoid, {"microstructure.void.0.x=7e-6"}),
      {"test.toml: key 'microstructure.void.0.x' = 7e-06 m", "outside the window [0, 2e-06] m"}));
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"microstructure.void.0.y=-1e-7"}),
                       {"key 'microstructure.void.0.y' = -1e-07 m", "outside the window"}));
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"microstructure.void.0.x=4e-7"}),
                       {"key 'microstructure.void.0.x' = 4e-07 m", "reaches x < 2.5e-07 m"}));
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"microstructure.void.0.diameter=0"}),
                       {"key 'microstructure.void.0.diameter' = 0 must be > 0"}));
  EXPECT_TRUE(contains(error_of(kBase + kRandom, {"microstructure.random.margin=0"}),
                       {"key 'microstructure.random.margin' = 0 m", "at least 2.5e-07 m"}));
}

TEST(TwoMaterialDeckErrors, RandomVoidsOutOfRangeOrUnpackable) {
  EXPECT_TRUE(
      contains(error_of(kBase + kRandom, {"microstructure.random.porosity=0.7"}),
               {"test.toml: key 'microstructure.random.porosity' = 0.7 is outside [0, 0.5]"}));
  EXPECT_TRUE(contains(error_of(kBase + kRandom, {"microstructure.random.porosity=0"}),
                       {"key 'microstructure.random.porosity' = 0 must be > 0"}));
  EXPECT_TRUE(contains(error_of(kBase + kRandom, {"microstructure.random.d_max=1e-7"}),
                       {"key 'microstructure.random.d_max' = 1e-07 is outside"}));
  EXPECT_TRUE(contains(error_of(kBase + kRandom, {"microstructure.random.porosity=0.5",
                                                  "microstructure.random.min_spacing=2e-7"}),
                       {"[microstructure.random]: random_voids: cannot pack"}));
}

TEST(TwoMaterialDeckErrors, MeshLoadingAndTime) {
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"mesh.ny=2"}),
                       {"key 'mesh.ny' = 2 is outside [4, 65536]"}));
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"loading.shock_pressure_GPa=0"}),
                       {"key 'loading.shock_pressure_GPa' = 0 must be > 0"}));
  EXPECT_TRUE(contains(error_of(kBase + kOneVoid, {"output.snapshot_interval=1e-10"}),
                       {"key 'output.snapshot_interval' = 1e-10 s does not divide time.t_end"}));
}

TEST(TwoMaterialDeckErrors, TheSingleMaterialReaderRefusesTwoMaterialDecks) {
  const Deck deck = Deck::from_string(kBase + kOneVoid, "t.toml");
  try {
    read_run_config(deck, ".");
    ADD_FAILURE() << "expected a DeckError";
  } catch (const DeckError& e) {
    EXPECT_TRUE(contains(e.what(), {"t.toml: key 'model.kind' = \"two_material\""}));
  }
}

}  // namespace
}  // namespace ember::hydro
