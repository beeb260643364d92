// The properties every ember closure plugin must have, each checked the way a
// careless or hostile host would exercise it.
#include "properties.hpp"

#include "harness.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

namespace ember::check {
namespace {

Outcome pass(std::string d) { return {true, std::move(d)}; }
Outcome fail(std::string d) { return {false, std::move(d)}; }

bool is_snake_case(const char* s) {
  if (s == nullptr || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  for (; *s != '\0'; ++s)
    if (!std::islower(static_cast<unsigned char>(*s)) && !std::isdigit(static_cast<unsigned char>(*s)) &&
        *s != '_')
      return false;
  return true;
}

bool nonempty(const char* s) { return s != nullptr && s[0] != '\0'; }

// Memory the plugin may read but never write: a write faults.
class ReadOnlyBuffer {
 public:
  explicit ReadOnlyBuffer(const std::vector<double>& v) {
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    bytes_ = ((v.size() * sizeof(double) + page - 1) / page + 1) * page;
    void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::runtime_error("mmap failed");
    data_ = static_cast<double*>(p);
    std::memcpy(data_, v.data(), v.size() * sizeof(double));
    mprotect(p, bytes_, PROT_READ);
  }
  ~ReadOnlyBuffer() { munmap(data_, bytes_); }
  ReadOnlyBuffer(const ReadOnlyBuffer&) = delete;
  ReadOnlyBuffer& operator=(const ReadOnlyBuffer&) = delete;
  const double* data() const { return data_; }

 private:
  double* data_ = nullptr;
  size_t bytes_ = 0;
};

// ---------------------------------------------------------------------------

Outcome abi_version(const Options& o) {
  char err[1024] = {0};
  ember_plugin* p = ember_plugin_open(o.plugin.c_str(), err, sizeof err);
  if (p == nullptr) return fail(err);
  const ember_closure_api* a = ember_plugin_api(p);
  std::ostringstream os;
  os << "ABI " << a->abi_major << "." << a->abi_minor << ", plugin " << a->plugin_name << " "
     << a->plugin_version << ", table of " << a->struct_size << " bytes";
  ember_plugin_close(p);
  return pass(os.str());
}

Outcome model_lifecycle(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const ember_closure_api& a = h.api();
  ember_model* m = reinterpret_cast<ember_model*>(&h);  // must be overwritten with NULL
  ember_model_args args{};
  args.struct_size = sizeof args;
  args.model_path = "/nonexistent/ember/model/file";
  if (a.model_create(&args, &m) == EMBER_OK) return fail("model_create accepted a missing file");
  if (m != nullptr) return fail("model_create failed but left *model non-NULL");
  if (!nonempty(a.last_error())) return fail("model_create failed on a missing file with no message");
  const std::string missing = a.last_error();
  if (a.model_create(nullptr, &m) == EMBER_OK) return fail("model_create accepted args = NULL");
  if (!nonempty(a.last_error())) return fail("model_create(NULL args) gave no message");
  args.model_path = o.model.c_str();
  args.struct_size = 4;
  if (a.model_create(&args, &m) == EMBER_OK) return fail("model_create accepted struct_size = 4");
  args.struct_size = sizeof args;
  args.model_path = nullptr;
  if (a.model_create(&args, &m) == EMBER_OK) return fail("model_create accepted model_path = NULL");
  a.model_destroy(nullptr);
  a.workspace_destroy(nullptr);
  ember_workspace* ws = nullptr;
  if (a.workspace_create(nullptr, &ws) == EMBER_OK) return fail("workspace_create accepted model = NULL");
  return pass("missing file refused: \"" + missing + "\"");
}

Outcome descriptors(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const ember_closure_api& a = h.api();
  const ember_model_info& mi = h.info();
  if (mi.n_inputs < 1 || mi.n_outputs < 1 || mi.n_state < 0)
    return fail("counts: " + std::to_string(mi.n_inputs) + " inputs, " +
                std::to_string(mi.n_outputs) + " outputs, " + std::to_string(mi.n_state) + " state");
  if (!nonempty(mi.model_name) || mi.model_version == nullptr || mi.provenance == nullptr ||
      mi.data_sha256 == nullptr || !nonempty(mi.code_version))
    return fail("model_info leaves a string NULL or empty (name, version, provenance, sha256, code)");
  const size_t hash_len = std::strlen(mi.data_sha256);
  if (hash_len != 0 && (hash_len != 64 || std::strspn(mi.data_sha256, "0123456789abcdef") != 64))
    return fail(std::string("data_sha256 is not 64 lower-case hex digits: ") + mi.data_sha256);
  const auto check_list = [](const std::vector<ember_field_desc>& list, const char* kind) {
    std::set<std::string> names;
    for (size_t i = 0; i < list.size(); ++i) {
      const ember_field_desc& d = list[i];
      const std::string where = std::string(kind) + " " + std::to_string(i);
      if (!is_snake_case(d.name)) return where + " name is not snake_case";
      if (!names.insert(d.name).second) return where + " name '" + d.name + "' repeats";
      if (!nonempty(d.unit)) return where + " '" + d.name + "' has no unit";
      if (d.support != EMBER_FIELD_REQUIRED && d.support != EMBER_FIELD_OPTIONAL)
        return where + " '" + d.name + "' has support " + std::to_string(d.support);
      if (std::isnan(d.valid_min) || std::isnan(d.valid_max) || d.valid_min > d.valid_max)
        return where + " '" + d.name + "' has an empty or NaN valid range";
    }
    return std::string();
  };
  for (const auto& [list, kind] : {std::pair{&h.inputs(), "input"}, {&h.outputs(), "output"},
                                   {&h.state(), "state"}}) {
    const std::string bad = check_list(*list, kind);
    if (!bad.empty()) return fail(bad);
  }
  ember_field_desc d{};
  d.struct_size = sizeof d;
  for (const int32_t idx : {-1, mi.n_inputs}) {
    if (a.input_desc(h.model(), idx, &d) == EMBER_OK)
      return fail("input_desc accepted index " + std::to_string(idx));
    if (!nonempty(a.last_error())) return fail("input_desc(bad index) gave no message");
  }
  d.struct_size = 0;
  if (a.output_desc(h.model(), 0, &d) == EMBER_OK) return fail("output_desc accepted struct_size = 0");
  if (a.state_desc(h.model(), 0, nullptr) == EMBER_OK) return fail("state_desc accepted desc = NULL");
  ember_model_info small{};
  if (a.model_info(h.model(), &small) == EMBER_OK) return fail("model_info accepted struct_size = 0");
  std::ostringstream os;
  os << mi.n_inputs << " inputs, " << mi.n_outputs << " outputs, " << mi.n_state
     << " state values; model " << mi.model_name << " " << mi.model_version;
  return pass(os.str());
}

Outcome state_init(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const ember_closure_api& a = h.api();
  ember_workspace* ws = h.workspace();
  const int64_t n = 5, ld = 8;
  const double sentinel = -7.25e300;
  std::vector<double> s(h.state().size() * ld, sentinel);
  if (a.state_init(ws, n, s.data(), ld) != EMBER_OK)
    return fail(std::string("state_init failed: ") + a.workspace_error(ws));
  for (size_t j = 0; j < h.state().size(); ++j)
    for (int64_t i = 0; i < ld; ++i) {
      const double v = s[j * ld + static_cast<size_t>(i)];
      if (i < n && !std::isfinite(v)) return fail("state value not finite after state_init");
      if (i >= n && v != sentinel) return fail("state_init wrote past n into the ld padding");
    }
  if (a.state_init(ws, 0, nullptr, 0) != EMBER_OK) return fail("state_init refused n = 0");
  if (a.state_init(nullptr, n, s.data(), ld) == EMBER_OK) return fail("state_init accepted ws = NULL");
  if (a.state_init(ws, n, s.data(), n - 1) == EMBER_OK) return fail("state_init accepted ld < n");
  if (!nonempty(a.workspace_error(ws))) return fail("state_init(ld < n) left no message");
  return pass("finite values, padding between n and ld untouched");
}

Outcome determinism(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const Cells c = h.random_cells(512, 11);
  ember_workspace* ws = h.workspace();
  const Result r1 = h.evaluate(ws, c, 0, c.n);
  const Result r2 = h.evaluate(ws, c, 0, c.n);
  const Result r3 = h.evaluate(h.workspace(), c, 0, c.n);
  std::string d = compare(r1, r2, "first call", "second call");
  if (d.empty()) d = compare(r1, r3, "first workspace", "fresh workspace");
  return d.empty() ? pass("512 cells, 3 evaluations bitwise identical") : fail(d);
}

Outcome batch_invariance(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const Cells c = h.random_cells(4096, 12);
  ember_workspace* ws = h.workspace();
  const Result whole = h.evaluate_chunked(ws, c, 4096);
  for (const int64_t chunk : {int64_t{1}, int64_t{7}}) {
    const Result parts = h.evaluate_chunked(ws, c, chunk);
    const std::string what = "batches of " + std::to_string(chunk);
    const std::string d = compare(whole, parts, "one batch of 4096", what.c_str());
    if (!d.empty()) return fail(d);
  }
  return pass("4096 cells in batches of 1, 7 and 4096 bitwise identical");
}

Outcome concurrent_workspaces(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const Cells c = h.random_cells(4096, 13);
  const Result ref = h.evaluate(h.workspace(), c, 0, c.n);
  std::vector<ember_workspace*> ws;
  for (int t = 0; t < o.threads; ++t) ws.push_back(h.workspace());
  std::vector<std::string> diff(static_cast<size_t>(o.threads));
  std::vector<std::thread> pool;
  for (int t = 0; t < o.threads; ++t)
    pool.emplace_back([&, t] {
      for (int rep = 0; rep < 3 && diff[t].empty(); ++rep)
        diff[t] = compare(ref, h.evaluate(ws[t], c, 0, c.n), "one thread", "concurrent");
    });
  for (auto& th : pool) th.join();
  for (int t = 0; t < o.threads; ++t)
    if (!diff[t].empty()) return fail("thread " + std::to_string(t) + ": " + diff[t]);
  return pass(std::to_string(o.threads) + " threads, one model, own workspaces, identical results");
}

Outcome bad_inputs(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const Cells clean = h.random_cells(64, 14);
  Cells bad = clean;
  const int last = static_cast<int>(h.inputs().size()) - 1;
  // cell -> whether it must be EMBER_CELL_INVALID_INPUT (else only "not OK")
  std::vector<std::pair<int64_t, bool>> poisoned = {{5, true}, {9, true}, {13, true}};
  bad.inputs[0][5] = std::nan("");
  bad.inputs[static_cast<size_t>(last)][9] = HUGE_VAL;
  bad.inputs[0][13] = -HUGE_VAL;
  if (const int k = h.input_index("density"); k >= 0) {
    bad.inputs[static_cast<size_t>(k)][21] = -1.0;
    bad.inputs[static_cast<size_t>(k)][22] = 0.0;
    poisoned.insert(poisoned.end(), {{21, true}, {22, true}});
  }
  if (const int k = h.input_index("pressure"); k >= 0) {
    bad.inputs[static_cast<size_t>(k)][33] = -1e9;
    poisoned.emplace_back(33, false);
  }
  ember_workspace* ws = h.workspace();
  const Result ref = h.evaluate(ws, clean, 0, clean.n);
  const Result r = h.evaluate(ws, bad, 0, bad.n);
  if (r.status != EMBER_INVALID_CELLS)
    return fail("evaluate returned " + std::to_string(r.status) + ", not EMBER_INVALID_CELLS");
  std::set<int64_t> hit;
  int64_t n_invalid = 0;
  for (const auto& [i, must_be_invalid] : poisoned) {
    const int32_t s = r.cell_status[static_cast<size_t>(i)];
    if (s == EMBER_CELL_OK || (must_be_invalid && s != EMBER_CELL_INVALID_INPUT))
      return fail("poisoned cell " + std::to_string(i) + " has status " + std::to_string(s));
    hit.insert(i);
  }
  const size_t n = static_cast<size_t>(clean.n);
  for (size_t i = 0; i < n; ++i) {
    const bool invalid = r.cell_status[i] == EMBER_CELL_INVALID_INPUT;
    n_invalid += invalid;
    for (size_t k = 0; k < r.outputs.size(); ++k) {
      const double v = r.outputs[k][i];
      if (!std::isfinite(v)) return fail("output " + std::to_string(k) + " of cell " + std::to_string(i) + " not finite");
      if (invalid && v != 0.0) return fail("invalid cell " + std::to_string(i) + " has a non-zero output");
      if (hit.count(static_cast<int64_t>(i)) == 0 && std::memcmp(&v, &ref.outputs[k][i], sizeof v) != 0)
        return fail("clean cell " + std::to_string(i) + " changed because other cells were poisoned");
    }
    for (size_t j = 0; j < h.state().size(); ++j) {
      const double now = r.state_new[j * n + i];
      if (invalid && now != bad.state_old[j * n + i])
        return fail("invalid cell " + std::to_string(i) + " did not carry its state over");
      if (hit.count(static_cast<int64_t>(i)) == 0 && std::memcmp(&now, &ref.state_new[j * n + i], sizeof now) != 0)
        return fail("clean cell " + std::to_string(i) + " has a different state_new");
    }
  }
  if (r.first_invalid != 5 || r.n_invalid != n_invalid)
    return fail("first_invalid = " + std::to_string(r.first_invalid) + ", n_invalid = " +
                std::to_string(r.n_invalid) + "; expected 5 and " + std::to_string(n_invalid));
  if (r.message.find("cell 5") == std::string::npos)
    return fail("message does not name the first invalid cell: \"" + r.message + "\"");
  return pass(std::to_string(poisoned.size()) + " poisoned cells flagged, the rest bitwise unchanged; \"" +
              r.message + "\"");
}

Outcome read_only_arguments(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const Cells c = h.random_cells(256, 15);
  ember_workspace* ws = h.workspace();
  const Result ref = h.evaluate(ws, c, 0, c.n);
  const int64_t n = c.n, ld = n + 3;
  const double sentinel = -3.5e300;
  std::vector<std::unique_ptr<ReadOnlyBuffer>> in;
  std::vector<const double*> in_ptr;
  for (const auto& v : c.inputs) {
    in.push_back(std::make_unique<ReadOnlyBuffer>(v));
    in_ptr.push_back(in.back()->data());
  }
  std::vector<double> old_padded(h.state().size() * ld, sentinel);
  for (size_t j = 0; j < h.state().size(); ++j)
    std::copy_n(c.state_old.begin() + static_cast<std::ptrdiff_t>(j * n), n,
                old_padded.begin() + static_cast<std::ptrdiff_t>(j * ld));
  ReadOnlyBuffer old_ro(old_padded);
  std::vector<std::vector<double>> out(h.outputs().size(), std::vector<double>(n + 1, sentinel));
  std::vector<double*> out_ptr;
  for (auto& v : out) out_ptr.push_back(v.data());
  std::vector<double> state_new(h.state().size() * ld, sentinel);
  std::vector<int32_t> status(n + 1, 12345);
  ember_batch b{};
  b.struct_size = sizeof b;
  b.n = n;
  b.dt = o.dt;
  b.inputs = in_ptr.data();
  b.outputs = out_ptr.data();
  b.state_old = old_ro.data();
  b.state_new = state_new.data();
  b.ld_state = ld;
  b.cell_status = status.data();
  if (h.api().evaluate(ws, &b) != EMBER_OK) return fail(std::string("evaluate failed: ") + h.api().workspace_error(ws));
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k][n] != sentinel) return fail("output " + std::to_string(k) + " written past n");
    if (std::memcmp(out[k].data(), ref.outputs[k].data(), n * sizeof(double)) != 0)
      return fail("output " + std::to_string(k) + " differs when ld_state > n");
  }
  for (size_t j = 0; j < h.state().size(); ++j) {
    for (int64_t i = n; i < ld; ++i)
      if (state_new[j * ld + i] != sentinel) return fail("state_new written in the padding between n and ld");
    if (std::memcmp(&state_new[j * ld], &ref.state_new[j * n], n * sizeof(double)) != 0)
      return fail("state_new differs when ld_state > n");
  }
  if (status[n] != 12345) return fail("cell_status written past n");
  return pass("inputs and state_old read-only, ld padding and array ends untouched");
}

Outcome argument_checks(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const ember_closure_api& a = h.api();
  const Cells c = h.random_cells(16, 16);
  ember_workspace* ws = h.workspace();
  const Result ref = h.evaluate(ws, c, 0, c.n);
  std::vector<const double*> in;
  for (const auto& v : c.inputs) in.push_back(v.data());
  std::vector<std::vector<double>> out(h.outputs().size(), std::vector<double>(c.n));
  std::vector<double*> out_ptr;
  for (auto& v : out) out_ptr.push_back(v.data());
  std::vector<double> state_new(c.state_old.size());
  std::vector<int32_t> status(c.n);
  const auto good = [&] {
    ember_batch b{};
    b.struct_size = sizeof b;
    b.n = c.n;
    b.dt = o.dt;
    b.inputs = in.data();
    b.outputs = out_ptr.data();
    b.state_old = c.state_old.data();
    b.state_new = state_new.data();
    b.ld_state = c.n;
    b.cell_status = status.data();
    return b;
  };
  std::vector<std::pair<std::string, ember_batch>> cases;
  const auto add = [&](const char* what, auto mutate) {
    ember_batch b = good();
    mutate(b);
    cases.emplace_back(what, b);
  };
  add("struct_size = 0", [](ember_batch& b) { b.struct_size = 0; });
  add("struct_size one field short", [](ember_batch& b) { b.struct_size = sizeof(ember_batch) - 8; });
  add("n = -1", [](ember_batch& b) { b.n = -1; });
  add("dt = 0", [](ember_batch& b) { b.dt = 0.0; });
  add("dt = -1", [](ember_batch& b) { b.dt = -1.0; });
  add("dt = NaN", [](ember_batch& b) { b.dt = std::nan(""); });
  add("inputs = NULL", [](ember_batch& b) { b.inputs = nullptr; });
  add("outputs = NULL", [](ember_batch& b) { b.outputs = nullptr; });
  add("cell_status = NULL", [](ember_batch& b) { b.cell_status = nullptr; });
  add("memory_space = DEVICE with host pointers", [](ember_batch& b) { b.memory_space = EMBER_MEMORY_DEVICE; });
  std::vector<const double*> in_missing = in;
  std::vector<double*> out_missing = out_ptr;
  for (size_t k = 0; k < h.inputs().size(); ++k)
    if (h.inputs()[k].support == EMBER_FIELD_REQUIRED) {
      in_missing[k] = nullptr;
      add("a required input NULL", [&](ember_batch& b) { b.inputs = in_missing.data(); });
      break;
    }
  for (size_t k = 0; k < h.outputs().size(); ++k)
    if (h.outputs()[k].support == EMBER_FIELD_REQUIRED) {
      out_missing[k] = nullptr;
      add("a required output NULL", [&](ember_batch& b) { b.outputs = out_missing.data(); });
      break;
    }
  if (!h.state().empty()) {
    add("state_old = NULL", [](ember_batch& b) { b.state_old = nullptr; });
    add("state_new = NULL", [](ember_batch& b) { b.state_new = nullptr; });
    add("ld_state < n", [](ember_batch& b) { b.ld_state = b.n - 1; });
    add("state_new aliasing state_old", [](ember_batch& b) { b.state_new = const_cast<double*>(b.state_old); });
  }
  for (auto& [what, b] : cases) {
    const ember_status st = a.evaluate(ws, &b);
    if (st == EMBER_OK || st == EMBER_INVALID_CELLS) return fail("evaluate accepted " + what);
    if (!nonempty(a.workspace_error(ws))) return fail("evaluate refused " + what + " without a message");
  }
  ember_batch b = good();
  if (a.evaluate(nullptr, &b) == EMBER_OK || !nonempty(a.last_error()))
    return fail("evaluate(ws = NULL) accepted or gave no message");
  if (a.evaluate(ws, nullptr) == EMBER_OK || !nonempty(a.workspace_error(ws)))
    return fail("evaluate(batch = NULL) accepted or gave no message");
  const std::string example = (a.evaluate(ws, &cases.front().second), a.workspace_error(ws));
  // The workspace must still work after all that.
  const std::string d = compare(ref, h.evaluate(ws, c, 0, c.n), "before", "after refused calls");
  if (!d.empty()) return fail("workspace damaged by refused calls: " + d);
  return pass(std::to_string(cases.size() + 2) + " malformed calls refused with messages, e.g. \"" +
              example + "\"");
}

Outcome optional_fields(const Options& o) {
  Harness h(o.plugin, o.model, o.dt);
  const Cells c = h.random_cells(128, 17);
  ember_workspace* ws = h.workspace();
  const Result full = h.evaluate(ws, c, 0, c.n);
  std::vector<const double*> in;
  for (const auto& v : c.inputs) in.push_back(v.data());
  std::vector<std::vector<double>> out(h.outputs().size(), std::vector<double>(c.n, 0.0));
  std::vector<double*> out_ptr;
  int skipped = 0;
  for (size_t k = 0; k < out.size(); ++k) {
    const bool skip = h.outputs()[k].support == EMBER_FIELD_OPTIONAL;
    out_ptr.push_back(skip ? nullptr : out[k].data());
    skipped += skip;
  }
  std::vector<double> state_new(c.state_old.size());
  std::vector<int32_t> status(c.n);
  ember_batch b{};
  b.struct_size = sizeof b;
  b.n = c.n;
  b.dt = o.dt;
  b.inputs = in.data();
  b.outputs = out_ptr.data();
  b.state_old = c.state_old.data();
  b.state_new = state_new.data();
  b.ld_state = c.n;
  b.cell_status = status.data();
  if (h.api().evaluate(ws, &b) != EMBER_OK)
    return fail(std::string("evaluate with optional outputs NULL failed: ") + h.api().workspace_error(ws));
  for (size_t k = 0; k < out.size(); ++k)
    if (out_ptr[k] != nullptr && std::memcmp(out[k].data(), full.outputs[k].data(), c.n * sizeof(double)) != 0)
      return fail("output " + std::to_string(k) + " changes when optional outputs are not requested");
  if (std::memcmp(state_new.data(), full.state_new.data(), state_new.size() * sizeof(double)) != 0)
    return fail("state_new changes when optional outputs are not requested");
  ember_batch empty{};
  empty.struct_size = sizeof empty;
  empty.dt = o.dt;
  if (h.api().evaluate(ws, &empty) != EMBER_OK)
    return fail(std::string("an empty batch with NULL arrays was refused: ") + h.api().workspace_error(ws));
  return pass(std::to_string(skipped) + " optional outputs skipped with identical results; empty batch accepted");
}

}  // namespace

const std::vector<Property>& properties() {
  static const std::vector<Property> list = {
      {"abi-version", "loads, exports the entry point, speaks this host's ABI major", &abi_version, ""},
      {"model-lifecycle", "bad model files and arguments refused with messages", &model_lifecycle, ""},
      {"descriptors", "field names, units, support and ranges are sane", &descriptors, ""},
      {"state-init", "state_init fills n cells and respects ld", &state_init, ""},
      {"determinism", "same inputs give bitwise the same outputs", &determinism, ""},
      {"batch-invariance", "results do not depend on how cells are batched", &batch_invariance, ""},
      {"concurrent-workspaces", "one model, workspaces on several threads", &concurrent_workspaces, ""},
      {"bad-inputs", "NaN/Inf/negative inputs flagged per cell, other cells untouched", &bad_inputs,
       "on a batch with NaN, Inf and negative inputs"},
      {"read-only-arguments", "inputs and state_old never written; ld and array ends honoured",
       &read_only_arguments,
       "with inputs and state_old in read-only memory: the plugin writes to an argument it may only read"},
      {"argument-checks", "NULL and mis-sized arguments refused with messages", &argument_checks, ""},
      {"optional-fields", "optional outputs may be skipped; empty batches accepted", &optional_fields, ""},
  };
  return list;
}

}  // namespace ember::check
