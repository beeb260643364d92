// The EOS a run uses, chosen in the deck; kernels are compiled for each kind.
#pragma once

#include "eos/ideal_gas.hpp"
#include "eos/jwl.hpp"
#include "eos/mie_gruneisen.hpp"
#include "eos/stiffened_gas.hpp"

#include <variant>

namespace ember::hydro {

using AnyEos = std::variant<IdealGas, StiffenedGas, MieGruneisen, Jwl>;

}  // namespace ember::hydro
