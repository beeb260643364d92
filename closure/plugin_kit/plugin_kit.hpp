// The plugin side of the ember closure ABI, written once for every plugin.
//
// A model author derives from kit::Model and kit::Workspace and writes only
// the physics: descriptors, state initialisation and a per-batch kernel. The
// kit owns the C boundary: argument and struct_size checks, the generic
// per-cell screening (non-finite inputs), the rules for invalid cells, the
// batch counters, and the guarantee that no exception crosses extern "C".
#pragma once

#include "ember/closure_abi.h"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember::kit {

// Thrown inside a plugin; turned into a status and message at the boundary.
class Error : public std::runtime_error {
 public:
  Error(ember_status status, const std::string& what)
      : std::runtime_error(what), status_(status) {}
  ember_status status() const { return status_; }

 private:
  ember_status status_;
};

struct Field {
  std::string name;
  std::string unit;
  std::string description;
  int32_t support = EMBER_FIELD_REQUIRED;
  double valid_min = 0.0;
  double valid_max = 0.0;
};

struct ModelInfo {
  std::string name;
  std::string version;
  std::string provenance;
  std::string data_sha256;
};

// The arrays of one batch after the kit has validated them. Optional inputs
// and outputs the host did not pass are nullptr.
struct BatchView {
  int64_t n = 0;
  double dt = 0.0;
  const double* const* inputs = nullptr;
  double* const* outputs = nullptr;
  const double* state_old = nullptr;
  double* state_new = nullptr;
  int64_t ld_state = 0;
  // On entry: EMBER_CELL_INVALID_INPUT where the kit found a non-finite
  // input, EMBER_CELL_OK elsewhere. The kernel skips invalid cells and may
  // mark further cells invalid or clamped.
  int32_t* cell_status = nullptr;
};

class Workspace {
 public:
  virtual ~Workspace() = default;
  virtual void state_init(int64_t n, double* state, int64_t ld) = 0;
  // Computes all valid cells; returns the suggested dt scale (<= 1 when the
  // step was too long for some cell, 1 otherwise).
  virtual double evaluate(const BatchView& batch) = 0;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual const ModelInfo& info() const = 0;
  virtual const std::vector<Field>& inputs() const = 0;
  virtual const std::vector<Field>& outputs() const = 0;
  virtual const std::vector<Field>& state() const = 0;
  virtual std::unique_ptr<Workspace> make_workspace() const = 0;
};

// What a plugin provides to build its table: a name, a version and a factory
// that reads the model file (throws kit::Error on bad input).
struct PluginSpec {
  const char* name;
  const char* version;
  std::unique_ptr<Model> (*create)(const ember_model_args& args);
};

// The plugin's function table, built once. Defined in plugin_kit.cpp; the
// plugin's entry point returns it.
const ember_closure_api* api_table(const PluginSpec& spec);

// Version of the code that built the plugin (git describe at configure time).
const char* code_version();

}  // namespace ember::kit
