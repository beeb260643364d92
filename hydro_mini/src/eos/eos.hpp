// The EOS a run uses, chosen in the deck; kernels are compiled for each kind.
//
// Every EOS is a plain struct with device-callable members
//   pressure(ρ, e, λ), energy(ρ, p, λ), sound_speed2(ρ, e, p, λ),
//   temperature(ρ, e, λ), pressure_floor()
// in SI units, where λ is the composition (the reaction progress, passive
// scalar 0 of the run; 0 when the run has none). Single-material EOS ignore λ.
#pragma once

#include "eos/ideal_gas.hpp"
#include "eos/jwl.hpp"
#include "eos/mie_gruneisen.hpp"
#include "eos/reactive_mixture.hpp"
#include "eos/stiffened_gas.hpp"

#include <variant>

namespace ember::hydro {

using AnyEos = std::variant<IdealGas, StiffenedGas, MieGruneisen, Jwl, ReactiveMixture>;

}  // namespace ember::hydro
