// Header-only C++ wrapper over the ember closure C ABI: RAII handles that
// throw ember::ClosureError on failure. Link ember::plugin_loader.
//
//   auto plugin = ember::Plugin::open("libember_ignition_growth.so");
//   ember::Model model(plugin, "pbx9501_ignition_growth.toml");
//   ember::Workspace ws = model.workspace();   // one per thread
//   ember_batch b = ember::make_batch(n, dt);  // fill the pointers, then
//   ws.evaluate(b);                            // cell_status says which cells failed
#pragma once

#include "ember/closure_abi.h"
#include "ember/plugin_loader.h"

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ember {

class ClosureError : public std::runtime_error {
 public:
  ClosureError(ember_status status, const std::string& what)
      : std::runtime_error(what), status_(status) {}
  ember_status status() const { return status_; }

 private:
  ember_status status_;
};

// A loaded plugin; shared by every model made from it, so it stays loaded.
class Plugin {
 public:
  static std::shared_ptr<const Plugin> open(const std::string& path) {
    char err[1024] = {0};
    ember_plugin* p = ember_plugin_open(path.c_str(), err, sizeof err);
    if (p == nullptr) throw ClosureError(EMBER_ERR_BAD_ARGUMENT, err);
    return std::shared_ptr<const Plugin>(new Plugin(p));
  }
  ~Plugin() { ember_plugin_close(handle_); }
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  const ember_closure_api& api() const { return *ember_plugin_api(handle_); }
  std::string path() const { return ember_plugin_path(handle_); }
  std::string name() const { return api().plugin_name; }
  std::string version() const { return api().plugin_version; }

 private:
  explicit Plugin(ember_plugin* p) : handle_(p) {}
  ember_plugin* handle_;
};

struct FieldInfo {
  std::string name;
  std::string unit;
  std::string description;
  bool required = true;
  double valid_min = 0.0;
  double valid_max = 0.0;
};

struct ModelInfo {
  std::string name;
  std::string version;
  std::string provenance;
  std::string data_sha256;
  std::string code_version;
};

class Workspace;

// An immutable model; share it between threads, give each thread a Workspace.
class Model {
 public:
  Model(std::shared_ptr<const Plugin> plugin, const std::string& model_path,
        int num_threads = 1)
      : plugin_(std::move(plugin)) {
    const ember_closure_api& a = plugin_->api();
    ember_model_args args{};
    args.struct_size = sizeof args;
    args.num_threads = num_threads;
    args.model_path = model_path.c_str();
    ember_model* m = nullptr;
    const ember_status st = a.model_create(&args, &m);
    if (st != EMBER_OK) throw ClosureError(st, plugin_->path() + ": " + a.last_error());
    auto keep = plugin_;
    handle_ = std::shared_ptr<ember_model>(m, [keep](ember_model* h) {
      keep->api().model_destroy(h);
    });
    ember_model_info mi{};
    mi.struct_size = sizeof mi;
    check(a.model_info(m, &mi));
    info_ = {mi.model_name, mi.model_version, mi.provenance, mi.data_sha256, mi.code_version};
    inputs_ = fields(mi.n_inputs, a.input_desc);
    outputs_ = fields(mi.n_outputs, a.output_desc);
    state_ = fields(mi.n_state, a.state_desc);
  }

  const Plugin& plugin() const { return *plugin_; }
  const ModelInfo& info() const { return info_; }
  const std::vector<FieldInfo>& inputs() const { return inputs_; }
  const std::vector<FieldInfo>& outputs() const { return outputs_; }
  const std::vector<FieldInfo>& state() const { return state_; }

  // Position of a field by standard name, or -1 when the model lacks it.
  static int index_of(const std::vector<FieldInfo>& fields, std::string_view name) {
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i].name == name) return static_cast<int>(i);
    return -1;
  }

  inline Workspace workspace() const;

 private:
  friend class Workspace;
  using DescFn = ember_status (*)(const ember_model*, int32_t, ember_field_desc*);

  void check(ember_status st) const {
    if (st != EMBER_OK) throw ClosureError(st, plugin_->path() + ": " + plugin_->api().last_error());
  }

  std::vector<FieldInfo> fields(int32_t n, DescFn fn) const {
    std::vector<FieldInfo> out;
    for (int32_t i = 0; i < n; ++i) {
      ember_field_desc d{};
      d.struct_size = sizeof d;
      check(fn(handle_.get(), i, &d));
      out.push_back({d.name, d.unit, d.description ? d.description : "",
                     d.support == EMBER_FIELD_REQUIRED, d.valid_min, d.valid_max});
    }
    return out;
  }

  std::shared_ptr<const Plugin> plugin_;
  std::shared_ptr<ember_model> handle_;
  ModelInfo info_;
  std::vector<FieldInfo> inputs_, outputs_, state_;
};

// Scratch for one thread; keeps its model alive.
class Workspace {
 public:
  Workspace(Workspace&& o) noexcept
      : model_(std::move(o.model_)), plugin_(std::move(o.plugin_)),
        handle_(std::exchange(o.handle_, nullptr)) {}
  Workspace& operator=(Workspace&& o) noexcept {
    std::swap(model_, o.model_);
    std::swap(plugin_, o.plugin_);
    std::swap(handle_, o.handle_);
    return *this;
  }
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  ~Workspace() {
    if (handle_ != nullptr) plugin_->api().workspace_destroy(handle_);
  }

  void state_init(int64_t n, double* state, int64_t ld) {
    check(plugin_->api().state_init(handle_, n, state, ld));
  }

  // Returns EMBER_OK, or EMBER_INVALID_CELLS when some cells were flagged
  // (see batch.cell_status and error()); throws on any other status.
  ember_status evaluate(ember_batch& batch) {
    const ember_status st = plugin_->api().evaluate(handle_, &batch);
    if (st != EMBER_INVALID_CELLS) check(st);
    return st;
  }

  std::string error() const { return plugin_->api().workspace_error(handle_); }
  ember_workspace* handle() { return handle_; }

 private:
  friend class Model;
  Workspace(std::shared_ptr<ember_model> model, std::shared_ptr<const Plugin> plugin)
      : model_(std::move(model)), plugin_(std::move(plugin)) {
    const ember_status st = plugin_->api().workspace_create(model_.get(), &handle_);
    if (st != EMBER_OK) throw ClosureError(st, plugin_->path() + ": " + plugin_->api().last_error());
  }
  void check(ember_status st) const {
    if (st != EMBER_OK) throw ClosureError(st, plugin_->path() + ": " + error());
  }

  std::shared_ptr<ember_model> model_;
  std::shared_ptr<const Plugin> plugin_;
  ember_workspace* handle_ = nullptr;
};

inline Workspace Model::workspace() const { return Workspace(handle_, plugin_); }

// A host-memory batch of n cells with its size fields set; the caller points
// inputs, outputs, state and cell_status at its own arrays.
inline ember_batch make_batch(int64_t n, double dt) {
  ember_batch b{};
  b.struct_size = sizeof b;
  b.memory_space = EMBER_MEMORY_HOST;
  b.n = n;
  b.dt = dt;
  b.ld_state = n;
  b.first_invalid = -1;
  return b;
}

}  // namespace ember
