#include "parc_stage.hpp"

#include "checkpoint.hpp"
#include "dataset_tensors.hpp"
#include "meso_split.hpp"
#include "parc.hpp"
#include "progress.hpp"
#include "random_order.hpp"
#include "threads.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/utils/convert_parameters.h>
#include <torch/optim/adam.h>
#include <torch/utils.h>

#include <algorithm>
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
using torch::indexing::Slice;
constexpr const char* kStage = "parc";
constexpr const char* kCheckpointName = "parc.pt";
constexpr const char* kModelName = "parc_model.pt";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Settings {
  int threads = 1;
  std::uint64_t seed = 0;
  fs::path out_dir;
  fs::path data_file;
  std::uint64_t split_seed = 0;  // meso_split's seed
  std::int64_t train_runs = 0;   // 0: every training run
  ParcOptions model;
  double microstructure_noise = 0;
  double derivative_weight = 0;
  std::int64_t epochs = 0, batch_size = 0, checkpoint_every = 0;
  std::int64_t rollout_start = 0, rollout_max = 0, curriculum_epochs = 0;
  double learning_rate = 0;
};

// data.train_runs: a positive integer or "all" (0 here).
std::int64_t read_train_runs(const Config& c) {
  const std::string key = "data.train_runs";
  try {
    return c.get_int(key, 1, 1000000);
  } catch (const ConfigError& as_int) {
    try {
      c.get_choice(key, {"all"});
    } catch (const ConfigError&) {
      throw as_int;
    }
    return 0;
  }
}

Settings read_settings(const Config& c) {
  Settings s;
  s.threads = static_cast<int>(c.get_int("run.threads", 1, 1024));
  s.seed = static_cast<std::uint64_t>(c.get_int("run.seed", 0, std::int64_t{1} << 62));
  s.out_dir = c.get_string("run.out_dir");
  s.data_file = c.get_string("data.file");
  s.split_seed = static_cast<std::uint64_t>(c.get_int("data.split_seed", 0, std::int64_t{1} << 62));
  s.train_runs = read_train_runs(c);
  s.model.descriptor_channels = c.get_int_array("model.descriptor_channels", 1, 1024, 2, 4);
  s.model.features = c.get_int("model.features", 1, 1024);
  s.model.hidden = c.get_int("model.hidden", 1, 1024);
  s.model.pool = c.get_int("model.pool", 1, 2);
  s.microstructure_noise = c.get_double("model.microstructure_noise", 0.0, 1.0);
  s.derivative_weight = c.get_double("loss.derivative_weight", 0.0, 100.0);
  s.epochs = c.get_int("train.epochs", 1, 1000000);
  s.batch_size = c.get_int("train.batch_size", 1, 100000);
  s.learning_rate = c.get_double("train.learning_rate", 1e-8, 1.0);
  s.rollout_start = c.get_int("train.rollout_start", 1, 100000);
  s.rollout_max = c.get_int("train.rollout_max", 1, 100000);
  s.curriculum_epochs = c.get_int("train.curriculum_epochs", 0, 1000000);
  s.checkpoint_every = c.get_int("train.checkpoint_every", 1, 1000000);
  if (s.rollout_max < s.rollout_start)
    throw c.error("train.rollout_max",
                  "= " + std::to_string(s.rollout_max) +
                      " is less than train.rollout_start = " + std::to_string(s.rollout_start));
  c.check_all_used();
  return s;
}

// Keys that may change between a run and its resumption: they do not change
// what is computed (train.epochs only extends it; the curriculum has its own
// length), or they say where things are.
const std::set<std::string> kResumableKeys = {"train.epochs", "train.checkpoint_every",
                                              "run.threads", "run.out_dir", "data.file"};

std::map<std::string, std::string> fixed_settings(const Config& c) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : c.values_read())
    if (kResumableKeys.count(key) == 0) out[key] = value;
  return out;
}

std::string settings_text(const std::map<std::string, std::string>& settings) {
  std::string text;
  for (const auto& [key, value] : settings) text += key + " = " + value + "\n";
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
  for (const std::int64_t r : part)
    s += (s.empty() ? "" : ",") + d.runs[static_cast<std::size_t>(r)];
  return s;
}

// The window length of an epoch: rollout_start, growing linearly to
// rollout_max over curriculum_epochs, and never beyond a whole run.
std::int64_t rollout_length(const Settings& s, std::int64_t epoch, std::int64_t max_steps) {
  const std::int64_t grown = s.curriculum_epochs == 0
                                 ? s.rollout_max
                                 : s.rollout_start + (s.rollout_max - s.rollout_start) *
                                                         std::min(epoch, s.curriculum_epochs) /
                                                         s.curriculum_epochs;
  return std::min(grown, max_steps);
}

// The first snapshots of an epoch's windows of `length` steps in a run of
// max_steps transitions: ceil(max_steps / length) windows spread evenly from
// snapshot 0 to the end (overlapping where length does not divide
// max_steps), so that an epoch trains every transition at least once, costs
// about max_steps steps per run whatever the length, and always holds the
// window from snapshot 0, where every evaluation rollout starts.
std::vector<std::int64_t> window_starts(std::int64_t max_steps, std::int64_t length) {
  const std::int64_t n = (max_steps + length - 1) / length;
  if (n == 1) return {0};
  const std::int64_t span = max_steps - length;
  std::vector<std::int64_t> starts;
  for (std::int64_t j = 0; j < n; ++j) starts.push_back((j * span + (n - 1) / 2) / (n - 1));
  return starts;
}

// Mean over the real cells (mask [H, W]) and every other dimension.
torch::Tensor masked_mse(const torch::Tensor& a, const torch::Tensor& b,
                         const torch::Tensor& mask) {
  return ((a - b).square() * mask).mean() / mask.mean();
}

// Sums of squared errors per field of full rollouts of some runs (model and
// persistence), over snapshots 1 … n − 1 and the real cells, normalised.
struct ErrorSums {
  std::array<double, kNumFields> model{}, persistence{};
  double cells = 0;  // per field
};

ErrorSums rollout_errors(Parc& model, const DatasetTensors& d,
                         const std::vector<std::int64_t>& runs) {
  ErrorSums e;
  const std::int64_t steps = d.n_times - 1;
  for (const std::int64_t r : runs) {
    const torch::Tensor truth = d.fields[r];  // [time, 3, H, W]
    const torch::Tensor predicted =
        parc_rollout(model, truth[0], d.shock_pressure[r].item<double>(), steps);
    const torch::Tensor later = truth.narrow(0, 1, steps);
    const torch::Tensor model_se =
        ((predicted.narrow(0, 1, steps) - later).square() * d.mask).sum({0, 2, 3});
    const torch::Tensor persistence_se =
        ((truth[0].unsqueeze(0) - later).square() * d.mask).sum({0, 2, 3});
    for (int f = 0; f < kNumFields; ++f) {
      e.model[static_cast<std::size_t>(f)] += model_se[f].item<double>();
      e.persistence[static_cast<std::size_t>(f)] += persistence_se[f].item<double>();
    }
    e.cells += static_cast<double>(steps) * d.mask.sum().item<double>();
  }
  return e;
}

// Model selection: mean normalised MSE of T and P (the fields the evaluation
// scores) over full rollouts of the validation runs.
double validation_score(Parc& model, const DatasetTensors& d,
                        const std::vector<std::int64_t>& runs) {
  if (runs.empty()) return kNaN;
  const ErrorSums e = rollout_errors(model, d, runs);
  return (e.model[kTemperature] + e.model[kPressure]) / (2 * e.cells);
}

std::array<RolloutErrors, 3> report_errors(Parc& model, const DatasetTensors& d,
                                           const std::vector<std::int64_t>& runs) {
  const ErrorSums e = rollout_errors(model, d, runs);
  std::array<RolloutErrors, 3> out;
  for (std::size_t f = 0; f < out.size(); ++f) {
    const FieldScale& s = kFieldScales[f];
    const double to_report = (s.hi - s.lo) * s.report_factor;
    out[f] = {std::sqrt(e.model[f] / e.cells) * to_report,
              std::sqrt(e.persistence[f] / e.cells) * to_report};
  }
  return out;
}

std::string format_loss(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4e", v);
  return buf;
}

void write_errors(const fs::path& path, const ParcReport& report, std::ostream& log) {
  std::ofstream tsv(path);
  tsv << "split\tfield\tunit\trmse\tpersistence_rmse\n";
  log << "full rollouts from snapshot 0, field RMSE against persistence (snapshot 0 held):\n";
  char line[160];
  std::snprintf(line, sizeof line, "  %-10s %-5s %-4s %12s %12s\n", "split", "field", "unit",
                "PARC", "persistence");
  log << line;
  for (const char* part : {"train", "validation", "test"}) {
    const auto it = report.errors.find(part);
    if (it == report.errors.end()) continue;
    for (std::size_t f = 0; f < it->second.size(); ++f) {
      const FieldScale& s = kFieldScales[f];
      const RolloutErrors& e = it->second[f];
      std::snprintf(line, sizeof line, "  %-10s %-5s %-4s %12.5g %12.5g\n", part, s.symbol,
                    s.report_unit, e.rmse, e.persistence_rmse);
      log << line;
      tsv << part << '\t' << s.symbol << '\t' << s.report_unit << '\t' << e.rmse << '\t'
          << e.persistence_rmse << '\n';
    }
  }
  if (!tsv) throw std::runtime_error(path.string() + ": cannot be written");
}

torch::Tensor history_tensor(const std::vector<ParcEpoch>& history) {
  std::vector<double> v;
  for (const ParcEpoch& e : history)
    v.insert(v.end(), {static_cast<double>(e.rollout_length), e.train_loss, e.validation_score});
  return torch::tensor(v, torch::kFloat64).view({static_cast<std::int64_t>(history.size()), 3});
}

std::vector<ParcEpoch> history_from(const torch::Tensor& t) {
  std::vector<ParcEpoch> history;
  for (std::int64_t i = 0; i < t.size(0); ++i) {
    const auto row = t[i];
    history.push_back({static_cast<std::int64_t>(row[0].item<double>()), row[1].item<double>(),
                       row[2].item<double>()});
  }
  return history;
}

// Resuming: the checkpoint must come from the same settings and data.
void check_resumable(const fs::path& path, const CheckpointMeta& meta, const Config& config,
                     const DatasetTensors& data, std::int64_t epochs) {
  const auto there = parse_settings(meta.text.at("settings"));
  for (const auto& [key, value] : fixed_settings(config)) {
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
                                           std::to_string(meta.epoch) + " epochs already done in " +
                                           path.string());
}

}  // namespace

ParcReport train_parc(const Config& config, bool resume, std::ostream& log) {
  const Settings s = read_settings(config);
  set_threads(s.threads);

  DatasetTensors data;
  try {
    data = load_dataset(s.data_file);
  } catch (const std::exception& e) {
    throw config.error("data.file", "= \"" + s.data_file.string() + "\": " + e.what());
  }
  if (data.n_times < 2)
    throw config.error("data.file", "= \"" + s.data_file.string() + "\": runs of " +
                                        std::to_string(data.n_times) +
                                        " snapshot(s) have nothing to roll out");
  // The one meso split (meso_split.hpp), and the scarce-data study's subset
  // of its training runs.
  Split split;
  std::vector<std::int64_t> train;
  try {
    split = meso_split(static_cast<std::int64_t>(data.runs.size()), s.split_seed);
    train = meso_training_runs(split, s.train_runs, s.seed);
  } catch (const std::invalid_argument& e) {
    throw config.error("data.train_runs",
                       "with data.file = \"" + s.data_file.string() + "\": " + e.what());
  }
  const std::int64_t max_steps = data.n_times - 1;
  log << data.set << " set " << data.path << ": " << data.runs.size() << " runs of " << data.n_times
      << " snapshots, " << data.nx << "x" << data.ny << " cells; training on " << train.size()
      << " of " << split.train.size() << " training runs (" << join_runs(data, train) << "), "
      << split.validation.size() << " validation, " << split.test.size()
      << " test runs (test: " << join_runs(data, split.test) << ")\n";

  torch::manual_seed(s.seed);  // the initial weights
  Parc model(s.model);
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(s.learning_rate));
  at::Generator noise = at::make_generator<at::CPUGeneratorImpl>(s.seed);

  ParcReport report;
  report.checkpoint = s.out_dir / kCheckpointName;
  report.model_file = s.out_dir / kModelName;
  for (const std::int64_t r : train)
    report.train_runs.push_back(data.runs[static_cast<std::size_t>(r)]);
  // The selected weights as one flat vector, kept in memory and in the
  // checkpoint, so that a resumed run selects exactly as an uninterrupted one.
  torch::Tensor best_weights =
      torch::nn::utils::parameters_to_vector(model->parameters()).detach().clone();
  double best_score = std::numeric_limits<double>::infinity();
  if (fs::exists(report.checkpoint)) {
    if (!resume)
      throw config.error("run.out_dir", "= \"" + s.out_dir.string() + "\" holds a checkpoint (" +
                                            report.checkpoint.string() +
                                            "): pass --resume to continue it, or use another "
                                            "run.out_dir");
    {
      // Settings first (read with no model), so that a changed width is
      // named as such rather than as weights that do not fit.
      torch::nn::Module none;
      check_resumable(report.checkpoint,
                      load_checkpoint(report.checkpoint, kStage, none, nullptr, nullptr), config,
                      data, s.epochs);
    }
    const CheckpointMeta meta =
        load_checkpoint(report.checkpoint, kStage, *model, &optimizer, &noise);
    report.history = history_from(meta.tensors.at("history"));
    best_weights = meta.tensors.at("best_weights");
    const torch::Tensor best = meta.tensors.at("best");
    best_score = best[0].item<double>();
    report.best_epoch = static_cast<std::int64_t>(best[1].item<double>());
    log << "resumed " << report.checkpoint.string() << " after epoch " << meta.epoch << "\n";
  } else if (resume) {
    log << "no checkpoint in " << s.out_dir.string() << ": starting from epoch 1\n";
  }

  CheckpointMeta meta;
  meta.stage = kStage;
  meta.text = {{"settings", settings_text(fixed_settings(config))},
               {"data_hash", data.hash},
               {"data_file", data.path},
               {"train_runs", join_runs(data, train)},
               {"split_validation", join_runs(data, split.validation)},
               {"split_test", join_runs(data, split.test)}};

  // Training happens on the model's grid: fields averaged over pool × pool
  // cells, and the fraction of real cells in each as the mask.
  const torch::Tensor grid_mask =
      model->to_grid(data.mask.view({1, 1, data.mask.size(0), data.mask.size(1)}))[0][0];
  const auto on_grid = [&model](const torch::Tensor& fields) {  // [b, t, C, H, W]
    const torch::Tensor g = model->to_grid(fields.flatten(0, 1));
    return g.view({fields.size(0), fields.size(1), g.size(1), g.size(2), g.size(3)});
  };

  const auto first = static_cast<std::int64_t>(report.history.size());
  const EpochClock clock(first, s.epochs);
  for (std::int64_t epoch = first; epoch < s.epochs; ++epoch) {
    model->train();
    // The samples (run, window) in an order fixed by (run.seed, epoch).
    const std::int64_t length = rollout_length(s, epoch, max_steps);
    const std::vector<std::int64_t> starts = window_starts(max_steps, length);
    const auto n_windows = static_cast<std::int64_t>(starts.size());
    const auto n_samples = static_cast<std::int64_t>(train.size()) * n_windows;
    const std::vector<std::int64_t> order = epoch_order(n_samples, s.seed, epoch);
    const torch::Tensor steps = torch::arange(length + 1, torch::kInt64);
    double loss_sum = 0;
    std::int64_t n_batches = 0;
    for (std::int64_t b = 0; b < n_samples; b += s.batch_size) {
      std::vector<std::int64_t> runs, firsts;
      for (std::int64_t i = b; i < std::min(b + s.batch_size, n_samples); ++i) {
        const std::int64_t sample = order[static_cast<std::size_t>(i)];
        runs.push_back(train[static_cast<std::size_t>(sample / n_windows)]);
        firsts.push_back(starts[static_cast<std::size_t>(sample % n_windows)]);
      }
      const torch::Tensor r = torch::tensor(runs, torch::kInt64);
      // [batch, length + 1, 3, H, W]: each sample's window of its run.
      const torch::Tensor times = torch::tensor(firsts, torch::kInt64).unsqueeze(1) + steps;
      const torch::Tensor truth = on_grid(data.fields.index({r.unsqueeze(1), times}));
      const torch::Tensor initial = truth.select(1, 0);
      const torch::Tensor targets = truth.narrow(1, 1, length);
      // The descriptor sees the run's initial microstructure, whatever the window.
      torch::Tensor microstructure =
          model->to_grid(data.fields.index({r, 0, Slice(kVoidFraction, kVoidFraction + 1)}));
      // PARC v1 perturbs the microstructure it describes, against overfitting
      // the descriptor to a few void layouts.
      if (s.microstructure_noise > 0)
        microstructure =
            microstructure + s.microstructure_noise * torch::randn(microstructure.sizes(), noise,
                                                                   microstructure.options());
      const ParcTrajectory t = model->unroll(initial, model->describe(microstructure),
                                             data.shock_pressure.index({r}), length);
      // The state loss, and PARC's derivative loss: Ḟ against the snapshot
      // differences, which keeps the derivative network a derivative.
      const torch::Tensor true_derivative = targets - truth.narrow(1, 0, length);
      const torch::Tensor loss =
          masked_mse(t.states, targets, grid_mask) +
          s.derivative_weight * masked_mse(t.derivatives, true_derivative, grid_mask);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      loss_sum += loss.item<double>();
      ++n_batches;
    }
    ParcEpoch e{length, loss_sum / static_cast<double>(n_batches),
                validation_score(model, data, split.validation)};
    report.history.push_back(e);
    // Without validation runs the last epoch is the one kept.
    const bool better = split.validation.empty() || e.validation_score < best_score;
    if (better) {
      best_score = split.validation.empty() ? kNaN : e.validation_score;
      report.best_epoch = epoch + 1;
      best_weights = torch::nn::utils::parameters_to_vector(model->parameters()).detach().clone();
    }
    log << "epoch " << epoch + 1 << "/" << s.epochs << "  rollout " << length << "  loss "
        << format_loss(e.train_loss) << "  val " << format_loss(e.validation_score)
        << (better && !split.validation.empty() ? " (best)" : "") << "  " << clock.after(epoch)
        << std::endl;
    if ((epoch + 1) % s.checkpoint_every == 0 || epoch + 1 == s.epochs) {
      meta.epoch = epoch + 1;
      meta.tensors["history"] = history_tensor(report.history);
      meta.tensors["best_weights"] = best_weights;
      meta.tensors["best"] =
          torch::tensor({best_score, static_cast<double>(report.best_epoch)}, torch::kFloat64);
      save_checkpoint(report.checkpoint, meta, *model, optimizer, noise);
    }
  }
  report.train_seconds = clock.elapsed_s();
  log << "trained " << s.epochs - first << " epochs in " << format_duration(report.train_seconds)
      << "; state in " << report.checkpoint.string() << "\n";

  // The selected weights: the evaluation's model.
  {
    torch::NoGradGuard no_grad;
    torch::nn::utils::vector_to_parameters(best_weights, model->parameters());
  }
  save_parc(report.model_file, model);
  log << "selected epoch " << report.best_epoch
      << (split.validation.empty() ? " (the last: no validation runs)" : " (best on validation)")
      << "; model in " << report.model_file.string() << "\n";
  const std::pair<const char*, const std::vector<std::int64_t>*> parts[] = {
      {"train", &train}, {"validation", &split.validation}, {"test", &split.test}};
  for (const auto& [name, runs] : parts)
    if (!runs->empty()) report.errors[name] = report_errors(model, data, *runs);
  write_errors(s.out_dir / "parc_errors.tsv", report, log);
  return report;
}

int parc_command(const StageArgs& args) {
  const Config config = Config::from_file(args.config, args.overrides);
  train_parc(config, args.resume, std::cout);
  return 0;
}

}  // namespace ember::learn
