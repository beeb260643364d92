// What every conformance check needs: the plugin loaded through the public
// loader, one model, its descriptors, and batches of cells to evaluate. All
// calls go through the raw C table, as a host in any language would make them.
#pragma once

#include "ember/closure_abi.h"
#include "ember/plugin_loader.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ember::check {

// Inputs and old state of n cells, structure of arrays.
struct Cells {
  int64_t n = 0;
  std::vector<std::vector<double>> inputs;  // [n_inputs][n]
  std::vector<double> state_old;            // [n_state][n]
};

// Everything evaluate wrote for a batch.
struct Result {
  ember_status status = EMBER_OK;
  std::vector<std::vector<double>> outputs;  // [n_outputs][n]
  std::vector<double> state_new;             // [n_state][n]
  std::vector<int32_t> cell_status;
  double dt_scale = 0.0;
  int64_t n_clamped = 0, n_invalid = 0, first_invalid = -1;
  std::string message;
};

// Names the first difference between two results, or returns "" if they are
// bitwise identical.
std::string compare(const Result& a, const Result& b, const char* what_a, const char* what_b);

class Harness {
 public:
  // Throws std::runtime_error with the loader's or plugin's message.
  Harness(const std::string& plugin_path, const std::string& model_path, double dt);
  ~Harness();
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  const ember_closure_api& api() const { return *api_; }
  ember_model* model() const { return model_; }
  const std::vector<ember_field_desc>& inputs() const { return in_; }
  const std::vector<ember_field_desc>& outputs() const { return out_; }
  const std::vector<ember_field_desc>& state() const { return st_; }
  const ember_model_info& info() const { return info_; }
  double dt() const { return dt_; }
  const std::string& model_path() const { return model_path_; }

  // A workspace owned by the harness (destroyed with it).
  ember_workspace* workspace();

  // n cells with inputs drawn uniformly from each input's valid range, and a
  // state reached from state_init by two steps at those inputs.
  Cells random_cells(int64_t n, uint64_t seed);

  // Evaluates cells [begin, begin+count) as one batch, all outputs requested.
  Result evaluate(ember_workspace* ws, const Cells& c, int64_t begin, int64_t count);
  // Evaluates all cells in consecutive batches of at most `chunk` cells.
  Result evaluate_chunked(ember_workspace* ws, const Cells& c, int64_t chunk);

  // Index of an input by standard name, or -1.
  int input_index(const char* name) const;

 private:
  ember_plugin* plugin_ = nullptr;
  const ember_closure_api* api_ = nullptr;
  ember_model* model_ = nullptr;
  ember_model_info info_{};
  std::vector<ember_field_desc> in_, out_, st_;
  std::vector<ember_workspace*> workspaces_;
  double dt_;
  std::string model_path_;
};

}  // namespace ember::check
