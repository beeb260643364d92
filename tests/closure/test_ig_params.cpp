// The Ignition & Growth model-file reader (ig::load_params): unit conversion
// to SI, and strictness — every mistake in a model file must be an error that
// names the file and the key, never a silently wrong parameter.
#include "ig_params.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#ifndef EMBER_IG_MODEL_PATH
#error "EMBER_IG_MODEL_PATH must be defined by the build"
#endif
#ifndef EMBER_TEST_DATA_DIR
#error "EMBER_TEST_DATA_DIR must be defined by the build"
#endif

namespace {

using ember::ig::load_params;
using ember::ig::Params;

const std::string kShipped = EMBER_IG_MODEL_PATH;
const std::string kData = EMBER_TEST_DATA_DIR;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

// Scratch model files of this process, removed when it exits.
struct ScratchFiles {
  std::vector<std::string> paths;
  ~ScratchFiles() {
    for (const auto& p : paths) std::remove(p.c_str());
  }
} g_scratch;

// A scratch file name unique to this process (builds may run the suite
// concurrently).
std::string temp_path(const std::string& stem) {
  std::string path =
      ::testing::TempDir() + "ember_ig_params_" + std::to_string(::getpid()) + "_" + stem + ".toml";
  g_scratch.paths.push_back(path);
  return path;
}

// Writes the shipped model file with `from` replaced by `to` to a file named
// after the running test, and returns its path. Each variant differs from a
// valid file in exactly one place, so the error seen is the one under test.
std::string variant(const std::string& from, const std::string& to) {
  std::string text = read_text(kShipped);
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' is not in " << kShipped;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "'" << from << "' is not unique";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = temp_path(std::string(info->test_suite_name()) + "_" + info->name());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The message of the error load_params throws for `path` ("" if none).
std::string load_error(const std::string& path) {
  try {
    load_params(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  ADD_FAILURE() << path << " loaded without error";
  return "";
}

void expect_contains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos)
      << "message: " << message << "\nlacks:   " << part;
}

void expect_rel(double actual, double expected, double rel) {
  EXPECT_NEAR(actual, expected, rel * std::fabs(expected))
      << "relative error " << (actual - expected) / expected;
}

// ---- the shipped file --------------------------------------------------------

TEST(IgParams, ShippedFileConvertsToSI) {
  const Params P = load_params(kShipped);
  EXPECT_EQ(P.name, "PBX 9501 ignition and growth (LX-14 rate set)");
  EXPECT_EQ(P.version, "1");
  EXPECT_FALSE(P.source.empty());
  constexpr double tol = 1e-14;
  expect_rel(P.rho0, 1844.0, tol);
  expect_rel(P.q, 5.558e6, tol);
  expect_rel(P.I, 7.43e17, tol);  // 7.43e11 µs^-1 / 1e-6 s/µs
  EXPECT_EQ(P.a, 0.0);
  expect_rel(P.b, 0.667, tol);
  expect_rel(P.x, 20.0, tol);
  expect_rel(P.lambda_ig_max, 0.02, tol);
  expect_rel(P.G1, 1.75e-14, tol);  // 175 Mbar^-2 µs^-1 / (1e11 Pa/Mbar)^2 / 1e-6 s/µs
  expect_rel(P.c, 0.667, tol);
  expect_rel(P.d, 0.111, tol);
  expect_rel(P.y, 2.0, tol);
  expect_rel(P.lambda_g1_max, 0.8, tol);
  expect_rel(P.G2, 1e-4, tol);  // 10 Mbar^-1 µs^-1 / 1e11 Pa/Mbar / 1e-6 s/µs
  expect_rel(P.e, 0.667, tol);
  expect_rel(P.g, 0.667, tol);
  expect_rel(P.z, 1.0, tol);
  expect_rel(P.lambda_g2_min, 0.8, tol);
  expect_rel(P.max_dlambda_substep, 0.01, tol);
  expect_rel(P.max_dlambda_step, 0.25, tol);
  expect_rel(P.p_max, 100e9, tol);  // 100 GPa
  expect_rel(P.rho_max, 5000.0, tol);
}

void expect_same_numbers(const Params& a, const Params& b, double rel) {
  const std::pair<const char*, double Params::*> fields[] = {
      {"rho0", &Params::rho0},
      {"q", &Params::q},
      {"I", &Params::I},
      {"a", &Params::a},
      {"b", &Params::b},
      {"x", &Params::x},
      {"lambda_ig_max", &Params::lambda_ig_max},
      {"G1", &Params::G1},
      {"c", &Params::c},
      {"d", &Params::d},
      {"y", &Params::y},
      {"lambda_g1_max", &Params::lambda_g1_max},
      {"G2", &Params::G2},
      {"e", &Params::e},
      {"g", &Params::g},
      {"z", &Params::z},
      {"lambda_g2_min", &Params::lambda_g2_min},
      {"max_dlambda_substep", &Params::max_dlambda_substep},
      {"max_dlambda_step", &Params::max_dlambda_step},
      {"p_max", &Params::p_max},
      {"rho_max", &Params::rho_max},
  };
  for (const auto& [name, member] : fields) {
    SCOPED_TRACE(name);
    expect_rel(a.*member, b.*member, rel);
  }
}

TEST(IgParams, SIFileGivesTheSameParamsAsMbarMicrosecondFile) {
  // data/pbx9501_si.toml holds the shipped constants converted by hand.
  expect_same_numbers(load_params(kData + "/pbx9501_si.toml"), load_params(kShipped), 1e-12);
}

TEST(IgParams, GPaNanosecondFileGivesTheSameParams) {
  // 7.43e11 µs^-1 = 7.43e8 ns^-1; 175 Mbar^-2 µs^-1 = 175 / 100^2 / 1000
  // = 1.75e-5 GPa^-2 ns^-1; 10 Mbar^-1 µs^-1 = 10 / 100 / 1000 = 1e-4 GPa^-1 ns^-1.
  std::string text = read_text(kShipped);
  const std::pair<std::string, std::string> edits[] = {
      {"pressure = \"Mbar\"", "pressure = \"GPa\""},
      {"time = \"us\"", "time = \"ns\""},
      {"I = 7.43e11", "I = 7.43e8"},
      {"G1 = 175.0", "G1 = 1.75e-5"},
      {"G2 = 10.0", "G2 = 1e-4"},
  };
  for (const auto& [from, to] : edits) {
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
  const std::string path = temp_path("gpa_ns");
  std::ofstream(path, std::ios::binary) << text;
  expect_same_numbers(load_params(path), load_params(kShipped), 1e-12);
}

TEST(IgParams, IntegerValuesAreAcceptedAsNumbers) {
  // "x = 20" is how people write an exponent; TOML calls it an integer.
  const Params P = load_params(variant("x = 20.0", "x = 20"));
  EXPECT_EQ(P.x, 20.0);
}

// ---- errors name the file and the key ---------------------------------------

TEST(IgParams, MissingFile) {
  const std::string path = kData + "/no_such_model.toml";
  const std::string msg = load_error(path);
  expect_contains(msg, "cannot open model file");
  expect_contains(msg, path);
}

TEST(IgParams, DirectoryIsNotAModelFile) {
  // A directory opens as a stream on Linux but holds no model: the user must
  // be told the path cannot be read, not that it lacks a [model] table.
  const std::string msg = load_error(kData);
  expect_contains(msg, "cannot open model file");
  expect_contains(msg, kData);
}

TEST(IgParams, SyntaxErrorGivesFileLineAndColumn) {
  // data/syntax_error.toml lacks the value on its line 6, "source =".
  const std::string path = kData + "/syntax_error.toml";
  const std::string msg = load_error(path);
  const std::string where = path + ":6:";
  ASSERT_EQ(msg.compare(0, where.size(), where), 0) << msg;
  // then the column, a number, and the parser's description
  const size_t colon = msg.find(": ", where.size());
  ASSERT_NE(colon, std::string::npos) << msg;
  const std::string column = msg.substr(where.size(), colon - where.size());
  ASSERT_FALSE(column.empty()) << msg;
  EXPECT_EQ(column.find_first_not_of("0123456789"), std::string::npos) << msg;
  EXPECT_GT(msg.size(), colon + 2) << msg;
}

TEST(IgParams, MissingKey) {
  const std::string path = variant("G1 = 175.0", "");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'growth1.G1'");
  expect_contains(msg, "missing key");
}

TEST(IgParams, MisspeltTableIsNamed) {
  // As with keys, the table the user wrote is named, with the valid names.
  const std::string path = variant("[numerics]", "[numerics_v2]");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "unknown table [numerics_v2]");
  expect_contains(msg, "tables of a model file:");
  expect_contains(msg, " numerics,");
}

TEST(IgParams, MissingTable) {
  const std::string path = variant(
      "[validity]\n# inputs above these are clamped, and the cell reported as clamped\n"
      "pressure_max_GPa = 100.0\ndensity_max_kg_m3 = 5000.0\n",
      "");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "missing table [validity]");
}

TEST(IgParams, UnknownKeyNextToTheRightOne) {
  const std::string path = variant("lambda_max = 0.02", "lambda_max = 0.02\nlamda_max = 0.02");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'ignition.lamda_max'");
  expect_contains(msg, "unknown key");
}

TEST(IgParams, MisspeltKeyIsNamed) {
  // The usual typo: the key is written wrongly, not written twice. The user
  // must be shown the line they wrote ('ignition.lamda_max'), not only told
  // that 'ignition.lambda_max' is missing.
  const std::string path = variant("lambda_max = 0.02", "lamda_max = 0.02");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'ignition.lamda_max'");
}

TEST(IgParams, UnknownTable) {
  const std::string path = variant("[validity]", "[ignitoin]\nI = 1.0\n\n[validity]");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "unknown table [ignitoin]");
}

TEST(IgParams, StringWhereNumberExpected) {
  const std::string path = variant("b = 0.667", "b = \"0.667\"");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'ignition.b'");
  expect_contains(msg, "must be a finite number");
}

TEST(IgParams, NumberWhereStringExpected) {
  const std::string path = variant("version = \"1\"", "version = 1");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'model.version'");
  expect_contains(msg, "must be a string");
}

TEST(IgParams, NonFiniteNumbers) {
  // TOML spells out inf and nan; neither is a rate constant.
  for (const char* v : {"inf", "nan", "-inf"}) {
    SCOPED_TRACE(v);
    const std::string path = variant("I = 7.43e11", std::string("I = ") + v);
    const std::string msg = load_error(path);
    expect_contains(msg, path);
    expect_contains(msg, "'ignition.I'");
    expect_contains(msg, "must be a finite number");
  }
}

TEST(IgParams, ValueOutOfRange) {
  const std::string path = variant("b = 0.667", "b = -1.0");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'ignition.b' = -1 is outside [0, 10]");
}

TEST(IgParams, LambdaLimitAboveOne) {
  const std::string path = variant("lambda_min = 0.8", "lambda_min = 1.5");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'growth2.lambda_min' = 1.5 is outside [0, 1]");
}

TEST(IgParams, UnknownPressureUnit) {
  const std::string path = variant("pressure = \"Mbar\"", "pressure = \"psi\"");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'units.pressure'");
  expect_contains(msg, "\"psi\"");
  // and it lists what is accepted
  expect_contains(msg, "GPa");
  expect_contains(msg, "Mbar");
}

TEST(IgParams, UnknownTimeUnit) {
  const std::string path = variant("time = \"us\"", "time = \"ms\"");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'units.time'");
  expect_contains(msg, "\"ms\"");
}

TEST(IgParams, WrongModelKind) {
  const std::string path = variant("kind = \"ignition_growth\"", "kind = \"jwl_burn\"");
  const std::string msg = load_error(path);
  expect_contains(msg, path);
  expect_contains(msg, "'model.kind'");
  expect_contains(msg, "ignition_growth");
}

}  // namespace
