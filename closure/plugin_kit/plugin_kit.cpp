// The C boundary of every ember plugin: checks, screening and error capture.
#include "plugin_kit.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <sstream>

#ifndef EMBER_CODE_VERSION
#error "EMBER_CODE_VERSION must be defined by the build"
#endif

using ember::kit::Error;

struct ember_model {
  std::unique_ptr<ember::kit::Model> impl;
};

struct ember_workspace {
  const ember_model* model = nullptr;
  std::unique_ptr<ember::kit::Workspace> impl;
  std::string error;
};

namespace ember::kit {
namespace {

// Per-thread message of the last failed call that took no workspace.
thread_local std::string t_last_error;

// One plugin per shared object, hence one spec, set by api_table().
PluginSpec g_spec{};

const char* last_error() { return t_last_error.c_str(); }

// Runs f and turns every exception into a status plus a message in `sink`.
template <class F>
ember_status guarded(std::string& sink, F&& f) noexcept {
  try {
    f();
    return EMBER_OK;
  } catch (const Error& e) {
    sink = e.what();
    return e.status();
  } catch (const std::bad_alloc&) {
    sink = "out of memory";
    return EMBER_ERR_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    sink = std::string("internal error: ") + e.what();
    return EMBER_ERR_INTERNAL;
  } catch (...) {
    sink = "internal error: unknown exception";
    return EMBER_ERR_INTERNAL;
  }
}

void require(bool ok, ember_status status, const std::string& what) {
  if (!ok) throw Error(status, what);
}

template <class T>
void require_not_null(const T* p, const char* what) {
  require(p != nullptr, EMBER_ERR_NULL_ARGUMENT, std::string(what) + " is NULL");
}

// A caller-filled struct must hold at least the fields of ABI 1.0.
void require_size(uint32_t got, size_t need, const char* what) {
  if (got < need) {
    std::ostringstream os;
    os << what << ".struct_size = " << got << " is smaller than the " << need
       << " bytes of ABI " << EMBER_CLOSURE_ABI_MAJOR << ".0";
    throw Error(EMBER_ERR_BAD_ARGUMENT, os.str());
  }
}

void fill_desc(const std::vector<Field>& fields, int32_t index, ember_field_desc* desc,
               const char* kind) {
  require_not_null(desc, "desc");
  require_size(desc->struct_size, sizeof(ember_field_desc), "ember_field_desc");
  if (index < 0 || index >= static_cast<int32_t>(fields.size())) {
    std::ostringstream os;
    os << kind << " index " << index << " is out of range [0, " << fields.size() << ")";
    throw Error(EMBER_ERR_BAD_ARGUMENT, os.str());
  }
  const Field& f = fields[static_cast<size_t>(index)];
  desc->support = f.support;
  desc->name = f.name.c_str();
  desc->unit = f.unit.c_str();
  desc->description = f.description.c_str();
  desc->valid_min = f.valid_min;
  desc->valid_max = f.valid_max;
}

// Describes the first invalid cell with all its inputs, for the message.
std::string describe_cell(const Model& m, const ember_batch& b, int64_t i) {
  std::ostringstream os;
  os.precision(17);
  os << "cell " << i << " has invalid input (";
  const auto& in = m.inputs();
  bool first = true;
  for (size_t k = 0; k < in.size(); ++k) {
    if (b.inputs[k] == nullptr) continue;
    os << (first ? "" : ", ") << in[k].name << " = " << b.inputs[k][i] << ' ' << in[k].unit;
    first = false;
  }
  os << "); its outputs are zero and its state unchanged";
  return os.str();
}

void check_batch(const Model& m, const ember_batch& b) {
  require_size(b.struct_size, sizeof(ember_batch), "ember_batch");
  require(b.memory_space == EMBER_MEMORY_HOST, EMBER_ERR_UNSUPPORTED,
          "memory_space " + std::to_string(b.memory_space) +
              " is not supported; this plugin reads host memory only");
  require(b.stream == nullptr, EMBER_ERR_UNSUPPORTED, "stream must be NULL for host memory");
  require(b.n >= 0, EMBER_ERR_BAD_ARGUMENT, "n = " + std::to_string(b.n) + " is negative");
  require(std::isfinite(b.dt) && b.dt > 0.0, EMBER_ERR_BAD_ARGUMENT,
          "dt = " + std::to_string(b.dt) + " s must be finite and positive");
  if (b.n == 0) return;
  require_not_null(b.inputs, "batch.inputs");
  require_not_null(b.outputs, "batch.outputs");
  require_not_null(b.cell_status, "batch.cell_status");
  const auto check_fields = [](const std::vector<Field>& fields, const auto* ptrs,
                               const char* kind) {
    for (size_t k = 0; k < fields.size(); ++k)
      require(ptrs[k] != nullptr || fields[k].support == EMBER_FIELD_OPTIONAL,
              EMBER_ERR_NULL_ARGUMENT,
              std::string(kind) + " '" + fields[k].name + "' is required but its pointer is NULL");
  };
  check_fields(m.inputs(), b.inputs, "input");
  check_fields(m.outputs(), b.outputs, "output");
  if (!m.state().empty()) {
    require_not_null(b.state_old, "batch.state_old");
    require_not_null(b.state_new, "batch.state_new");
    require(b.ld_state >= b.n, EMBER_ERR_BAD_ARGUMENT,
            "ld_state = " + std::to_string(b.ld_state) + " is smaller than n = " +
                std::to_string(b.n));
    const auto span = static_cast<size_t>(m.state().size() - 1) * static_cast<size_t>(b.ld_state) +
                      static_cast<size_t>(b.n);
    const double* o = b.state_old;
    const double* w = b.state_new;
    require(w + span <= o || o + span <= w, EMBER_ERR_BAD_ARGUMENT,
            "state_new overlaps state_old; they must be distinct arrays");
  }
}

// Generic screening: a non-finite input makes a cell invalid for any model.
void screen_non_finite(const Model& m, const ember_batch& b) {
  const size_t n_in = m.inputs().size();
  for (int64_t i = 0; i < b.n; ++i) {
    int32_t s = EMBER_CELL_OK;
    for (size_t k = 0; k < n_in; ++k)
      if (b.inputs[k] != nullptr && !std::isfinite(b.inputs[k][i])) s = EMBER_CELL_INVALID_INPUT;
    b.cell_status[i] = s;
  }
}

// The contract for invalid cells, applied after the kernel so that no plugin
// can forget it: zero outputs, state carried over unchanged.
void settle_invalid_cells(const Model& m, ember_batch& b) {
  b.n_clamped = 0;
  b.n_invalid = 0;
  b.first_invalid = -1;
  const size_t n_out = m.outputs().size();
  const size_t n_state = m.state().size();
  for (int64_t i = 0; i < b.n; ++i) {
    if (b.cell_status[i] == EMBER_CELL_CLAMPED) ++b.n_clamped;
    if (b.cell_status[i] != EMBER_CELL_INVALID_INPUT) continue;
    if (b.n_invalid++ == 0) b.first_invalid = i;
    for (size_t k = 0; k < n_out; ++k)
      if (b.outputs[k] != nullptr) b.outputs[k][i] = 0.0;
    for (size_t j = 0; j < n_state; ++j)
      b.state_new[j * static_cast<size_t>(b.ld_state) + static_cast<size_t>(i)] =
          b.state_old[j * static_cast<size_t>(b.ld_state) + static_cast<size_t>(i)];
  }
}

// ---- the C entry points --------------------------------------------------

void model_destroy(ember_model* model) { delete model; }

ember_status model_info(const ember_model* model, ember_model_info* info) {
  return guarded(t_last_error, [&] {
    require_not_null(model, "model");
    require_not_null(info, "info");
    require_size(info->struct_size, sizeof(ember_model_info), "ember_model_info");
    const Model& m = *model->impl;
    info->n_inputs = static_cast<int32_t>(m.inputs().size());
    info->n_outputs = static_cast<int32_t>(m.outputs().size());
    info->n_state = static_cast<int32_t>(m.state().size());
    info->model_name = m.info().name.c_str();
    info->model_version = m.info().version.c_str();
    info->provenance = m.info().provenance.c_str();
    info->data_sha256 = m.info().data_sha256.c_str();
    info->code_version = code_version();
  });
}

ember_status input_desc(const ember_model* model, int32_t i, ember_field_desc* d) {
  return guarded(t_last_error, [&] {
    require_not_null(model, "model");
    fill_desc(model->impl->inputs(), i, d, "input");
  });
}

ember_status output_desc(const ember_model* model, int32_t i, ember_field_desc* d) {
  return guarded(t_last_error, [&] {
    require_not_null(model, "model");
    fill_desc(model->impl->outputs(), i, d, "output");
  });
}

ember_status state_desc(const ember_model* model, int32_t i, ember_field_desc* d) {
  return guarded(t_last_error, [&] {
    require_not_null(model, "model");
    fill_desc(model->impl->state(), i, d, "state");
  });
}

ember_status workspace_create(const ember_model* model, ember_workspace** ws) {
  return guarded(t_last_error, [&] {
    require_not_null(ws, "ws");
    *ws = nullptr;
    require_not_null(model, "model");
    auto w = std::make_unique<ember_workspace>();
    w->model = model;
    w->impl = model->impl->make_workspace();
    *ws = w.release();
  });
}

void workspace_destroy(ember_workspace* ws) { delete ws; }

const char* workspace_error(const ember_workspace* ws) {
  return ws != nullptr ? ws->error.c_str() : "workspace is NULL";
}

ember_status state_init(ember_workspace* ws, int64_t n, double* state, int64_t ld) {
  if (ws == nullptr) {
    t_last_error = "ws is NULL";
    return EMBER_ERR_NULL_ARGUMENT;
  }
  ws->error.clear();
  return guarded(ws->error, [&] {
    require(n >= 0, EMBER_ERR_BAD_ARGUMENT, "n = " + std::to_string(n) + " is negative");
    require(ld >= n, EMBER_ERR_BAD_ARGUMENT,
            "ld = " + std::to_string(ld) + " is smaller than n = " + std::to_string(n));
    if (n == 0 || ws->model->impl->state().empty()) return;
    require_not_null(state, "state");
    ws->impl->state_init(n, state, ld);
  });
}

ember_status evaluate(ember_workspace* ws, ember_batch* batch) {
  if (ws == nullptr) {
    t_last_error = "ws is NULL";
    return EMBER_ERR_NULL_ARGUMENT;
  }
  ws->error.clear();
  const ember_status st = guarded(ws->error, [&] {
    require_not_null(batch, "batch");
    const Model& m = *ws->model->impl;
    check_batch(m, *batch);
    batch->dt_scale = 1.0;
    batch->n_clamped = batch->n_invalid = 0;
    batch->first_invalid = -1;
    if (batch->n == 0) return;
    screen_non_finite(m, *batch);
    BatchView v;
    v.n = batch->n;
    v.dt = batch->dt;
    v.inputs = batch->inputs;
    v.outputs = batch->outputs;
    v.state_old = batch->state_old;
    v.state_new = batch->state_new;
    v.ld_state = batch->ld_state;
    v.cell_status = batch->cell_status;
    batch->dt_scale = ws->impl->evaluate(v);
    settle_invalid_cells(m, *batch);
    if (batch->n_invalid > 0) ws->error = describe_cell(m, *batch, batch->first_invalid);
  });
  if (st == EMBER_OK && batch->n_invalid > 0) return EMBER_INVALID_CELLS;
  return st;
}

ember_status model_create(const ember_model_args* args, ember_model** model) {
  return guarded(t_last_error, [&] {
    require_not_null(model, "model");
    *model = nullptr;
    require_not_null(args, "args");
    require_size(args->struct_size, sizeof(ember_model_args), "ember_model_args");
    require_not_null(args->model_path, "args.model_path");
    auto m = std::make_unique<ember_model>();
    m->impl = g_spec.create(*args);
    *model = m.release();
  });
}

}  // namespace

const char* code_version() { return EMBER_CODE_VERSION; }

const ember_closure_api* api_table(const PluginSpec& spec) {
  // Built on first use, never changed afterwards.
  static const ember_closure_api table = [&spec] {
    g_spec = spec;
    ember_closure_api t{};
    t.struct_size = sizeof(ember_closure_api);
    t.abi_major = EMBER_CLOSURE_ABI_MAJOR;
    t.abi_minor = EMBER_CLOSURE_ABI_MINOR;
    t.plugin_name = g_spec.name;
    t.plugin_version = g_spec.version;
    t.last_error = &last_error;
    t.model_create = &model_create;
    t.model_destroy = &model_destroy;
    t.model_info = &model_info;
    t.input_desc = &input_desc;
    t.output_desc = &output_desc;
    t.state_desc = &state_desc;
    t.workspace_create = &workspace_create;
    t.workspace_destroy = &workspace_destroy;
    t.workspace_error = &workspace_error;
    t.state_init = &state_init;
    t.evaluate = &evaluate;
    return t;
  }();
  return &table;
}

}  // namespace ember::kit
