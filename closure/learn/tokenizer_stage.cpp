#include "tokenizer_stage.hpp"

#include "checkpoint.hpp"
#include "dataset_tensors.hpp"
#include "progress.hpp"
#include "random_order.hpp"
#include "threads.hpp"
#include "vae.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adam.h>
#include <torch/utils.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <set>
#include <sstream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;
constexpr const char* kStage = "tokenizer";
constexpr const char* kCheckpointName = "tokenizer.pt";
constexpr double kEdgeQuantile = 0.9;  // the edge region: the top 10 % of |∇|

struct Settings {
  int threads = 1;
  std::uint64_t seed = 0;
  fs::path out_dir;
  fs::path data_file;
  std::uint64_t split_seed = 0;
  double validation_fraction = 0, test_fraction = 0;
  VaeOptions vae;
  LossSettings loss;
  std::int64_t epochs = 0, batch_size = 0, checkpoint_every = 0;
  double learning_rate = 0;
};

Settings read_settings(const Config& c) {
  Settings s;
  s.threads = static_cast<int>(c.get_int("run.threads", 1, 1024));
  s.seed = static_cast<std::uint64_t>(c.get_int("run.seed", 0, std::int64_t{1} << 62));
  s.out_dir = c.get_string("run.out_dir");
  s.data_file = c.get_string("data.file");
  s.split_seed = static_cast<std::uint64_t>(c.get_int("data.split_seed", 0, std::int64_t{1} << 62));
  s.validation_fraction = c.get_double("data.validation_fraction", 0.0, 0.9);
  s.test_fraction = c.get_double("data.test_fraction", 0.0, 0.9);
  s.vae.channels = c.get_int_array("model.channels", 1, 4096, 3, 3);
  s.vae.latent_channels = c.get_int("model.latent_channels", 1, 64);
  s.loss.mae = c.get_choice("loss.reconstruction", {"mse", "mae"}) == "mae";
  s.loss.beta_kl = c.get_double("loss.beta_kl", 0.0, 10.0);
  s.loss.edge_weight = c.get_double("loss.edge_weight", 0.0, 100.0);
  s.loss.edge_gain = c.get_double("loss.edge_gain", 0.0, 1000.0);
  s.loss.gradient_weight = c.get_double("loss.gradient_weight", 0.0, 100.0);
  s.epochs = c.get_int("train.epochs", 1, 1000000);
  s.batch_size = c.get_int("train.batch_size", 1, 100000);
  s.learning_rate = c.get_double("train.learning_rate", 1e-8, 1.0);
  s.checkpoint_every = c.get_int("train.checkpoint_every", 1, 1000000);
  c.check_all_used();
  return s;
}

// Keys that may change between a run and its resumption: they do not change
// what is computed (train.epochs only extends it; the learning rate is
// constant), or they say where things are.
const std::set<std::string> kResumableKeys = {"train.epochs", "train.checkpoint_every",
                                              "run.threads", "run.out_dir", "data.file"};

std::string settings_text(const Config& c) {
  std::string text;
  for (const auto& [key, value] : c.values_read())
    if (kResumableKeys.count(key) == 0) text += key + " = " + value + "\n";
  return text;
}

std::map<std::string, std::string> parse_settings(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find(" = ");
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 3);
  }
  return out;
}

std::string join_runs(const DatasetTensors& d, const std::vector<std::int64_t>& part) {
  std::string s;
  for (const std::int64_t r : part) s += (s.empty() ? "" : ",") + d.runs[static_cast<std::size_t>(r)];
  return s;
}

// (run, time) of every snapshot of the given runs, as two index tensors.
struct Samples {
  torch::Tensor run, time;
  std::int64_t size() const { return run.numel(); }
};

Samples samples_of(const std::vector<std::int64_t>& runs, std::int64_t n_times) {
  std::vector<std::int64_t> r, t;
  for (const std::int64_t run : runs)
    for (std::int64_t k = 0; k < n_times; ++k) {
      r.push_back(run);
      t.push_back(k);
    }
  return {torch::tensor(r, torch::kInt64), torch::tensor(t, torch::kInt64)};
}

// Mean losses of the model over samples with the mean latent (no sampling).
double mean_loss(Tokenizer& model, const DatasetTensors& d, const Samples& s,
                 const LossSettings& loss, std::int64_t batch_size) {
  torch::NoGradGuard no_grad;
  model->eval();
  double sum = 0;
  for (std::int64_t b = 0; b < s.size(); b += batch_size) {
    const std::int64_t n = std::min(batch_size, s.size() - b);
    const torch::Tensor x = d.fields.index({s.run.narrow(0, b, n), s.time.narrow(0, b, n)});
    for (int f = 0; f < kNumFields; ++f) {
      const torch::Tensor target = x.narrow(1, f, 1);
      sum += vae_loss(model->field(f)->forward(target, c10::nullopt), target, d.mask, loss)
                 .total.item<double>() *
             static_cast<double>(n);
    }
  }
  return sum / static_cast<double>(s.size());
}

// Mask [N, 1, H, W] of each snapshot's edge region (see FieldErrors).
torch::Tensor edge_region(const torch::Tensor& target, const torch::Tensor& mask) {
  const torch::Tensor g = sobel(target).norm(2, 1, true);
  const torch::Tensor real = mask.to(torch::kBool);
  torch::Tensor region = torch::zeros_like(g, torch::kBool);
  for (std::int64_t i = 0; i < g.size(0); ++i) {
    const torch::Tensor gi = g[i][0];
    const torch::Tensor threshold = torch::quantile(gi.masked_select(real), kEdgeQuantile);
    region.index_put_({i, 0}, (gi >= threshold) & (gi > 0) & real);
  }
  return region;
}

// A sum of squared errors and its count, for an RMSE over many batches.
struct SquaredErrors {
  double sum = 0, count = 0;
  void add(const torch::Tensor& error, const torch::Tensor& where) {
    const torch::Tensor e = error.masked_select(where);
    sum += e.square().sum().item<double>();
    count += static_cast<double>(e.numel());
  }
  double rmse() const {
    return count == 0 ? std::numeric_limits<double>::quiet_NaN() : std::sqrt(sum / count);
  }
};

// Batch by batch, so that a large set needs no more memory than training.
std::array<FieldErrors, 3> field_errors(Tokenizer& model, const DatasetTensors& d,
                                        const Samples& s, const torch::Tensor& baseline,
                                        std::int64_t batch_size) {
  torch::NoGradGuard no_grad;
  model->eval();
  // Per field: model over real cells, model over edges, baseline likewise.
  std::array<std::array<SquaredErrors, 4>, 3> acc;
  for (std::int64_t b = 0; b < s.size(); b += batch_size) {
    const std::int64_t n = std::min(batch_size, s.size() - b);
    const torch::Tensor x = d.fields.index({s.run.narrow(0, b, n), s.time.narrow(0, b, n)});
    const torch::Tensor real = d.mask.to(torch::kBool).expand({n, 1, -1, -1});
    for (int f = 0; f < kNumFields; ++f) {
      const double to_report = kFieldScales[static_cast<std::size_t>(f)].report_factor;
      const torch::Tensor target = x.narrow(1, f, 1);
      const torch::Tensor y = model->field(f)->forward(target, c10::nullopt).reconstruction;
      const torch::Tensor edges = edge_region(target, d.mask);
      const torch::Tensor truth = to_physical(target, f);
      const torch::Tensor model_error = (to_physical(y, f) - truth) * to_report;
      const torch::Tensor baseline_error = (to_physical(baseline[f], f) - truth) * to_report;
      auto& a = acc[static_cast<std::size_t>(f)];
      a[0].add(model_error, real);
      a[1].add(model_error, edges);
      a[2].add(baseline_error, real);
      a[3].add(baseline_error, edges);
    }
  }
  std::array<FieldErrors, 3> out;
  for (std::size_t f = 0; f < out.size(); ++f)
    out[f] = {acc[f][0].rmse(), acc[f][1].rmse(), acc[f][2].rmse(), acc[f][3].rmse()};
  return out;
}

std::string format_loss(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4e", v);
  return buf;
}

void write_errors(const fs::path& path, const TokenizerReport& report, std::ostream& log) {
  std::ofstream tsv(path);
  tsv << "split\tfield\tunit\trmse\tedge_rmse\tbaseline_rmse\tbaseline_edge_rmse\n";
  log << "reconstruction error (mean latent) against the training runs' mean image:\n";
  char line[160];
  std::snprintf(line, sizeof line, "  %-10s %-5s %-4s %12s %12s %12s %14s\n", "split", "field",
                "unit", "RMSE", "edge RMSE", "baseline", "baseline edge");
  log << line;
  for (const char* part : {"train", "validation", "test"}) {
    const auto it = report.errors.find(part);
    if (it == report.errors.end()) continue;
    for (int f = 0; f < kNumFields; ++f) {
      const FieldScale& s = kFieldScales[static_cast<std::size_t>(f)];
      const FieldErrors& e = it->second[static_cast<std::size_t>(f)];
      std::snprintf(line, sizeof line, "  %-10s %-5s %-4s %12.5g %12.5g %12.5g %14.5g\n", part,
                    s.symbol, s.report_unit, e.rmse, e.edge_rmse, e.baseline_rmse,
                    e.baseline_edge_rmse);
      log << line;
      tsv << part << '\t' << s.symbol << '\t' << s.report_unit << '\t' << e.rmse << '\t'
          << e.edge_rmse << '\t' << e.baseline_rmse << '\t' << e.baseline_edge_rmse << '\n';
    }
  }
  if (!tsv) throw std::runtime_error(path.string() + ": cannot be written");
}

torch::Tensor history_tensor(const std::vector<TokenizerEpoch>& history) {
  std::vector<double> v;
  for (const TokenizerEpoch& e : history)
    v.insert(v.end(), {e.train_loss, e.validation_loss, e.train_reconstruction[0],
                       e.train_reconstruction[1], e.train_reconstruction[2]});
  return torch::tensor(v, torch::kFloat64).view({static_cast<std::int64_t>(history.size()), 5});
}

std::vector<TokenizerEpoch> history_from(const torch::Tensor& t) {
  std::vector<TokenizerEpoch> history;
  for (std::int64_t i = 0; i < t.size(0); ++i) {
    const auto row = t[i];
    history.push_back({row[0].item<double>(), row[1].item<double>(),
                       {row[2].item<double>(), row[3].item<double>(), row[4].item<double>()}});
  }
  return history;
}

// Resuming: the checkpoint must come from the same settings and data.
void check_resumable(const fs::path& path, const CheckpointMeta& meta, const Config& config,
                     const DatasetTensors& data, std::int64_t epochs) {
  const auto here = parse_settings(settings_text(config));
  const auto there = parse_settings(meta.text.at("settings"));
  for (const auto& [key, value] : here) {
    const auto it = there.find(key);
    const std::string old = it == there.end() ? "absent" : it->second;
    if (old != value)
      throw config.error(key, "= " + value + " differs from the checkpoint " + path.string() +
                                  " (" + old + "); resume with its settings or start afresh");
  }
  if (meta.text.at("data_hash") != data.hash)
    throw std::runtime_error(path.string() + ": trained on other data than " + data.path +
                             " (data hash differs)");
  if (meta.epoch > epochs)
    throw config.error("train.epochs", "= " + std::to_string(epochs) + " is less than the " +
                                           std::to_string(meta.epoch) +
                                           " epochs already done in " + path.string());
}

}  // namespace

TokenizerReport train_tokenizer(const Config& config, bool resume, std::ostream& log) {
  const Settings s = read_settings(config);
  set_threads(s.threads);

  DatasetTensors data;
  try {
    data = load_dataset(s.data_file);
  } catch (const std::exception& e) {
    throw config.error("data.file", "= \"" + s.data_file.string() + "\": " + e.what());
  }
  Split split;
  try {
    split = split_runs(static_cast<std::int64_t>(data.runs.size()), s.validation_fraction,
                       s.test_fraction, s.split_seed);
  } catch (const std::invalid_argument& e) {
    throw config.error("data.test_fraction", std::string("with data.validation_fraction: ") + e.what());
  }
  log << data.set << " set " << data.path << ": " << data.runs.size() << " runs of "
      << data.n_times << " snapshots, " << data.nx << "x" << data.ny << " cells (padded to "
      << data.fields.size(4) << "x" << data.fields.size(3) << "); " << split.train.size()
      << " training, " << split.validation.size() << " validation, " << split.test.size()
      << " test runs (validation: " << join_runs(data, split.validation)
      << "; test: " << join_runs(data, split.test) << ")\n";

  torch::manual_seed(s.seed);  // the initial weights
  Tokenizer model(s.vae);
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(s.learning_rate));
  at::Generator noise = at::make_generator<at::CPUGeneratorImpl>(s.seed);

  TokenizerReport report;
  report.checkpoint = s.out_dir / kCheckpointName;
  if (fs::exists(report.checkpoint)) {
    if (!resume)
      throw config.error("run.out_dir", "= \"" + s.out_dir.string() + "\" holds a checkpoint (" +
                                            report.checkpoint.string() +
                                            "): pass --resume to continue it, or use another "
                                            "run.out_dir");
    const CheckpointMeta meta = load_checkpoint(report.checkpoint, kStage, *model, &optimizer, &noise);
    check_resumable(report.checkpoint, meta, config, data, s.epochs);
    report.history = history_from(meta.tensors.at("history"));
    log << "resumed " << report.checkpoint.string() << " after epoch " << meta.epoch << "\n";
  } else if (resume) {
    log << "no checkpoint in " << s.out_dir.string() << ": starting from epoch 1\n";
  }

  CheckpointMeta meta;
  meta.stage = kStage;
  meta.text = {{"settings", settings_text(config)},
               {"data_hash", data.hash},
               {"data_file", data.path},
               {"split_train", join_runs(data, split.train)},
               {"split_validation", join_runs(data, split.validation)},
               {"split_test", join_runs(data, split.test)}};
  std::vector<double> scales;
  for (const FieldScale& f : kFieldScales) scales.insert(scales.end(), {f.lo, f.hi});
  meta.tensors["normalisation"] = torch::tensor(scales, torch::kFloat64).view({kNumFields, 2});

  const Samples train = samples_of(split.train, data.n_times);
  const Samples validation = samples_of(split.validation, data.n_times);
  const auto first = static_cast<std::int64_t>(report.history.size());
  const EpochClock clock(first, s.epochs);
  for (std::int64_t epoch = first; epoch < s.epochs; ++epoch) {
    model->train();
    const std::vector<std::int64_t> order_v = epoch_order(train.size(), s.seed, epoch);
    const torch::Tensor order = torch::tensor(order_v, torch::kInt64);
    TokenizerEpoch e;
    for (std::int64_t b = 0; b < train.size(); b += s.batch_size) {
      const torch::Tensor pick = order.narrow(0, b, std::min(s.batch_size, train.size() - b));
      const torch::Tensor x = data.fields.index({train.run.index({pick}), train.time.index({pick})});
      torch::Tensor total = torch::zeros({});
      for (int f = 0; f < kNumFields; ++f) {
        const torch::Tensor target = x.narrow(1, f, 1);
        const LossTerms t = vae_loss(model->field(f)->forward(target, noise), target, data.mask, s.loss);
        total = total + t.total;
        e.train_reconstruction[static_cast<std::size_t>(f)] +=
            t.reconstruction.item<double>() * static_cast<double>(pick.numel());
      }
      optimizer.zero_grad();
      total.backward();
      optimizer.step();
      e.train_loss += total.item<double>() * static_cast<double>(pick.numel());
    }
    const auto n = static_cast<double>(train.size());
    e.train_loss /= n;
    for (double& r : e.train_reconstruction) r /= n;
    e.validation_loss = validation.size() == 0
                            ? std::numeric_limits<double>::quiet_NaN()
                            : mean_loss(model, data, validation, s.loss, s.batch_size);
    report.history.push_back(e);

    log << "epoch " << epoch + 1 << "/" << s.epochs << "  loss " << format_loss(e.train_loss)
        << " (recon T " << format_loss(e.train_reconstruction[0]) << " P "
        << format_loss(e.train_reconstruction[1]) << " mu "
        << format_loss(e.train_reconstruction[2]) << ")  val " << format_loss(e.validation_loss)
        << "  " << clock.after(epoch) << std::endl;
    if ((epoch + 1) % s.checkpoint_every == 0 || epoch + 1 == s.epochs) {
      meta.epoch = epoch + 1;
      meta.tensors["history"] = history_tensor(report.history);
      save_checkpoint(report.checkpoint, meta, *model, optimizer, noise);
    }
  }
  report.train_seconds = clock.elapsed_s();
  log << "trained " << s.epochs - first << " epochs in " << format_duration(report.train_seconds)
      << "; model and state in " << report.checkpoint.string() << "\n";

  // The trivial baseline: each field's mean image over the training snapshots.
  torch::Tensor baseline = torch::zeros(data.fields.sizes().slice(2), torch::kFloat32);
  for (const std::int64_t r : split.train) baseline += data.fields[r].sum(0);
  baseline /= static_cast<double>(train.size());
  const std::pair<const char*, const std::vector<std::int64_t>*> parts[] = {
      {"train", &split.train}, {"validation", &split.validation}, {"test", &split.test}};
  for (const auto& [name, runs] : parts)
    if (!runs->empty())
      report.errors[name] =
          field_errors(model, data, samples_of(*runs, data.n_times), baseline, s.batch_size);
  write_errors(s.out_dir / "tokenizer_errors.tsv", report, log);
  return report;
}

int tokenizer_command(const StageArgs& args) {
  const Config config = Config::from_file(args.config, args.overrides);
  train_tokenizer(config, args.resume, std::cout);
  return 0;
}

}  // namespace ember::learn
