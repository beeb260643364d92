#include "harness.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>

namespace ember::check {
namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Finite sampling bounds for a descriptor's valid range.
void sampling_range(const ember_field_desc& d, double& lo, double& hi) {
  lo = std::isfinite(d.valid_min) ? d.valid_min : -1e3;
  hi = std::isfinite(d.valid_max) ? d.valid_max : lo + 1e3;
}

}  // namespace

std::string compare(const Result& a, const Result& b, const char* wa, const char* wb) {
  std::ostringstream os;
  os.precision(17);
  if (a.status != b.status) {
    os << "status " << a.status << " (" << wa << ") vs " << b.status << " (" << wb << ")";
    return os.str();
  }
  for (size_t k = 0; k < a.outputs.size(); ++k)
    for (size_t i = 0; i < a.outputs[k].size(); ++i)
      if (!same_bits(a.outputs[k][i], b.outputs[k][i])) {
        os << "output " << k << " cell " << i << ": " << a.outputs[k][i] << " (" << wa << ") vs "
           << b.outputs[k][i] << " (" << wb << ")";
        return os.str();
      }
  for (size_t j = 0; j < a.state_new.size(); ++j)
    if (!same_bits(a.state_new[j], b.state_new[j])) {
      os << "state_new element " << j << ": " << a.state_new[j] << " (" << wa << ") vs "
         << b.state_new[j] << " (" << wb << ")";
      return os.str();
    }
  for (size_t i = 0; i < a.cell_status.size(); ++i)
    if (a.cell_status[i] != b.cell_status[i]) {
      os << "cell_status of cell " << i << ": " << a.cell_status[i] << " (" << wa << ") vs "
         << b.cell_status[i] << " (" << wb << ")";
      return os.str();
    }
  if (!same_bits(a.dt_scale, b.dt_scale)) {
    os << "dt_scale " << a.dt_scale << " (" << wa << ") vs " << b.dt_scale << " (" << wb << ")";
    return os.str();
  }
  return "";
}

Harness::Harness(const std::string& plugin_path, const std::string& model_path, double dt)
    : dt_(dt), model_path_(model_path) {
  char err[1024] = {0};
  plugin_ = ember_plugin_open(plugin_path.c_str(), err, sizeof err);
  if (plugin_ == nullptr) throw std::runtime_error(err);
  api_ = ember_plugin_api(plugin_);
  ember_model_args args{};
  args.struct_size = sizeof args;
  args.num_threads = 1;
  args.model_path = model_path.c_str();
  if (api_->model_create(&args, &model_) != EMBER_OK)
    throw std::runtime_error("model_create('" + model_path + "') failed: " + api_->last_error());
  info_.struct_size = sizeof info_;
  if (api_->model_info(model_, &info_) != EMBER_OK)
    throw std::runtime_error(std::string("model_info failed: ") + api_->last_error());
  const auto load = [this](int32_t n, auto fn, std::vector<ember_field_desc>& into) {
    for (int32_t i = 0; i < n; ++i) {
      ember_field_desc d{};
      d.struct_size = sizeof d;
      if (fn(model_, i, &d) != EMBER_OK)
        throw std::runtime_error("descriptor " + std::to_string(i) + " failed: " +
                                 api_->last_error());
      into.push_back(d);
    }
  };
  load(info_.n_inputs, api_->input_desc, in_);
  load(info_.n_outputs, api_->output_desc, out_);
  load(info_.n_state, api_->state_desc, st_);
}

Harness::~Harness() {
  for (ember_workspace* w : workspaces_) api_->workspace_destroy(w);
  if (model_ != nullptr) api_->model_destroy(model_);
  ember_plugin_close(plugin_);
}

ember_workspace* Harness::workspace() {
  ember_workspace* w = nullptr;
  if (api_->workspace_create(model_, &w) != EMBER_OK)
    throw std::runtime_error(std::string("workspace_create failed: ") + api_->last_error());
  workspaces_.push_back(w);
  return w;
}

int Harness::input_index(const char* name) const {
  for (size_t k = 0; k < in_.size(); ++k)
    if (std::strcmp(in_[k].name, name) == 0) return static_cast<int>(k);
  return -1;
}

Cells Harness::random_cells(int64_t n, uint64_t seed) {
  Cells c;
  c.n = n;
  std::mt19937_64 rng(seed);
  for (const auto& d : in_) {
    double lo, hi;
    sampling_range(d, lo, hi);
    std::uniform_real_distribution<double> u(lo, hi);
    std::vector<double> v(static_cast<size_t>(n));
    for (auto& x : v) x = u(rng);
    c.inputs.push_back(std::move(v));
  }
  c.state_old.assign(st_.size() * static_cast<size_t>(n), 0.0);
  ember_workspace* ws = workspace();
  if (api_->state_init(ws, n, c.state_old.data(), n) != EMBER_OK)
    throw std::runtime_error(std::string("state_init failed: ") + api_->workspace_error(ws));
  for (int step = 0; step < 2; ++step) {
    Result r = evaluate(ws, c, 0, n);
    if (r.status != EMBER_OK)
      throw std::runtime_error("evaluate on valid inputs failed (status " +
                               std::to_string(r.status) + "): " + r.message);
    c.state_old = r.state_new;
  }
  return c;
}

Result Harness::evaluate(ember_workspace* ws, const Cells& c, int64_t begin, int64_t count) {
  const auto b0 = static_cast<size_t>(begin);
  const auto nc = static_cast<size_t>(count);
  std::vector<std::vector<double>> in(in_.size());
  std::vector<const double*> in_ptr;
  for (size_t k = 0; k < in_.size(); ++k) {
    in[k].assign(c.inputs[k].begin() + static_cast<std::ptrdiff_t>(b0),
                 c.inputs[k].begin() + static_cast<std::ptrdiff_t>(b0 + nc));
    in_ptr.push_back(in[k].data());
  }
  std::vector<double> so(st_.size() * nc);
  for (size_t j = 0; j < st_.size(); ++j)
    std::copy_n(c.state_old.begin() + static_cast<std::ptrdiff_t>(j * c.n + b0), nc,
                so.begin() + static_cast<std::ptrdiff_t>(j * nc));
  Result r;
  r.outputs.assign(out_.size(), std::vector<double>(nc, 0.0));
  std::vector<double*> out_ptr;
  for (auto& o : r.outputs) out_ptr.push_back(o.data());
  r.state_new.assign(st_.size() * nc, 0.0);
  r.cell_status.assign(nc, -1);
  ember_batch b{};
  b.struct_size = sizeof b;
  b.memory_space = EMBER_MEMORY_HOST;
  b.n = count;
  b.dt = dt_;
  b.inputs = in_ptr.data();
  b.outputs = out_ptr.data();
  b.state_old = so.data();
  b.state_new = r.state_new.data();
  b.ld_state = count;
  b.cell_status = r.cell_status.data();
  r.status = api_->evaluate(ws, &b);
  r.dt_scale = b.dt_scale;
  r.n_clamped = b.n_clamped;
  r.n_invalid = b.n_invalid;
  r.first_invalid = b.first_invalid;
  r.message = api_->workspace_error(ws);
  return r;
}

Result Harness::evaluate_chunked(ember_workspace* ws, const Cells& c, int64_t chunk) {
  Result all;
  all.outputs.assign(out_.size(), {});
  all.state_new.assign(st_.size() * static_cast<size_t>(c.n), 0.0);
  all.dt_scale = HUGE_VAL;
  for (int64_t b = 0; b < c.n; b += chunk) {
    const int64_t m = std::min(chunk, c.n - b);
    Result r = evaluate(ws, c, b, m);
    if (r.status != EMBER_OK && all.status == EMBER_OK) all.status = r.status;
    for (size_t k = 0; k < out_.size(); ++k)
      all.outputs[k].insert(all.outputs[k].end(), r.outputs[k].begin(), r.outputs[k].end());
    for (size_t j = 0; j < st_.size(); ++j)
      std::copy(r.state_new.begin() + static_cast<std::ptrdiff_t>(j * m),
                r.state_new.begin() + static_cast<std::ptrdiff_t>((j + 1) * m),
                all.state_new.begin() + static_cast<std::ptrdiff_t>(j * c.n + b));
    all.cell_status.insert(all.cell_status.end(), r.cell_status.begin(), r.cell_status.end());
    all.dt_scale = std::min(all.dt_scale, r.dt_scale);
  }
  return all;
}

}  // namespace ember::check
