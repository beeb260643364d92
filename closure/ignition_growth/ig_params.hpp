// Parameters of the Lee–Tarver Ignition & Growth reaction rate, in SI.
//
//   dλ/dt = I (1-λ)^b (ρ/ρ0 - 1 - a)^x          while λ < λ_ig,max
//         + G1 (1-λ)^c λ^d p^y                  while λ ≤ λ_G1,max
//         + G2 (1-λ)^e λ^g p^z                  while λ > λ_G2,min
#pragma once

#include <string>

namespace ember::ig {

struct Params {
  // provenance
  std::string name;
  std::string version;
  std::string source;
  // explosive
  double rho0 = 0.0;  // reference density of the unreacted explosive (kg/m³)
  double q = 0.0;     // heat of reaction (J/kg)
  // ignition term
  double I = 0.0;  // 1/s
  double a = 0.0, b = 0.0, x = 0.0;
  double lambda_ig_max = 0.0;
  // first growth term
  double G1 = 0.0;  // Pa^-y / s
  double c = 0.0, d = 0.0, y = 0.0;
  double lambda_g1_max = 0.0;
  // second growth term
  double G2 = 0.0;  // Pa^-z / s
  double e = 0.0, g = 0.0, z = 0.0;
  double lambda_g2_min = 0.0;
  // numerics: λ may change by at most this much in one sub-step ...
  double max_dlambda_substep = 0.0;
  // ... and by this much in one host step before a shorter dt is suggested,
  // since the host holds ρ and p fixed over its step
  double max_dlambda_step = 0.0;
  // validity: inputs above these are clamped (Pa, kg/m³)
  double p_max = 0.0;
  double rho_max = 0.0;
};

// Reads a TOML model file. Literature units are accepted where the file's
// [units] table says so (pressure in Pa, GPa or Mbar; time in s, ns or us).
// Throws std::runtime_error naming the file and key on any problem: a missing
// or unknown key, a wrong type, a value out of range.
Params load_params(const std::string& path);

}  // namespace ember::ig
