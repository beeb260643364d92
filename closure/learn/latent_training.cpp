#include "latent_training.hpp"

#include "checkpoint.hpp"
#include "latent_rollout.hpp"
#include "progress.hpp"
#include "random_order.hpp"
#include "sha256.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/utils/convert_parameters.h>
#include <torch/optim/adam.h>
#include <torch/utils.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;
namespace F = torch::nn::functional;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Snapshots encoded, and runs rolled out, at once in evaluation: bounds the
// memory of the decoder's activations.
constexpr std::int64_t kEncodeChunk = 32;
constexpr std::int64_t kRunsPerRollout = 4;

// Keys that may change between a run and its resumption: train.epochs only
// extends the run (the curriculum has its own length); the others say where
// things are (the data and models are checked by their hashes instead).
const std::set<std::string> kResumableKeys = {
    "train.epochs", "train.checkpoint_every", "run.threads", "run.out_dir",
    "data.file",    "model.tokenizer",        "model.dynamics"};

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

// Resuming: the checkpoint must come from the same settings, data and models.
void check_resumable(const fs::path& path, const CheckpointMeta& meta, const LatentTrainingJob& job,
                     std::int64_t epochs) {
  const Config& config = *job.config;
  const auto there = parse_settings(meta.text.at("settings"));
  for (const auto& [key, value] : parse_settings(settings_text(config))) {
    const auto it = there.find(key);
    const std::string old = it == there.end() ? "absent" : it->second;
    if (old != value)
      throw config.error(key, "= " + value + " differs from the checkpoint " + path.string() +
                                  " (" + old + "); resume with its settings or start afresh");
  }
  for (const auto& [key, value] : job.checkpoint_text) {
    const auto it = meta.text.find(key);
    if (it == meta.text.end() || it->second != value)
      throw std::runtime_error(path.string() + ": made with another " + key + " (" +
                               (it == meta.text.end() ? "absent" : it->second) + ", now " + value +
                               "); start afresh in another run.out_dir");
  }
  if (meta.epoch > epochs)
    throw config.error("train.epochs", "= " + std::to_string(epochs) + " is less than the " +
                                           std::to_string(meta.epoch) +
                                           " epochs already done in " + path.string());
}

// The window length (snapshot intervals) of an epoch: rollout_start, growing
// linearly to rollout_max over curriculum_epochs, never beyond a whole run.
std::int64_t rollout_length(const LatentTrainingSettings& s, std::int64_t epoch,
                            std::int64_t max_steps) {
  const std::int64_t grown =
      s.curriculum_epochs == 0
          ? s.rollout_max
          : s.rollout_start + (s.rollout_max - s.rollout_start) *
                                  std::min(epoch, s.curriculum_epochs) / s.curriculum_epochs;
  return std::min(grown, max_steps);
}

// First snapshots of the windows of `length` intervals in a run of max_steps
// intervals: ceil(max_steps / length) windows spread evenly from snapshot 0
// to the end, so that every transition is in a window, an epoch costs about
// max_steps intervals per run whatever the length, and the window from
// snapshot 0 (where every evaluation starts) is always there. (The PARC
// stage windows its runs the same way.)
std::vector<std::int64_t> window_starts(std::int64_t max_steps, std::int64_t length) {
  const std::int64_t n = (max_steps + length - 1) / length;
  if (n == 1) return {0};
  const std::int64_t span = max_steps - length;
  std::vector<std::int64_t> starts;
  for (std::int64_t j = 0; j < n; ++j) starts.push_back((j * span + (n - 1) / 2) / (n - 1));
  return starts;
}

// Mean over the cells where mask [h, w] is 1 and every other dimension.
torch::Tensor masked_mse(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& mask) {
  return ((a - b).square() * mask).mean() / mask.mean();
}

// Squared errors per field of full rollouts from snapshot 0 (mean latent),
// model and persistence, summed over snapshots 1 … n − 1 and the real cells,
// normalised units.
struct ErrorSums {
  std::array<double, kNumFields> model{}, persistence{};
  double cells = 0;  // per field
};

ErrorSums rollout_errors(Tokenizer& tokenizer, LatentDynamics& model, const LatentSet& set,
                         const std::vector<std::int64_t>& runs, std::int64_t steps_per_snapshot) {
  torch::NoGradGuard no_grad;
  const DatasetTensors& d = set.data;
  const std::int64_t steps = d.n_times - 1;
  ErrorSums e;
  for (std::size_t b = 0; b < runs.size(); b += kRunsPerRollout) {
    const std::vector<std::int64_t> part(
        runs.begin() + static_cast<std::ptrdiff_t>(b),
        runs.begin() + static_cast<std::ptrdiff_t>(std::min(runs.size(), b + kRunsPerRollout)));
    const torch::Tensor r = torch::tensor(part, torch::kInt64);
    const auto n = static_cast<std::int64_t>(part.size());
    const torch::Tensor latents =
        model->rollout(set.mean.index({r, 0}), d.shock_pressure.index({r}), steps, steps_per_snapshot);
    const torch::Tensor predicted =
        decode_fields(tokenizer, latents.flatten(0, 1)).view({n, steps, kNumFields, d.fields.size(3), d.fields.size(4)});
    const torch::Tensor truth = d.fields.index({r});  // [n, time, 3, H, W]
    const torch::Tensor later = truth.narrow(1, 1, steps);
    const torch::Tensor model_se = ((predicted - later).square() * d.mask).sum({0, 1, 3, 4});
    const torch::Tensor persistence_se =
        ((truth.narrow(1, 0, 1) - later).square() * d.mask).sum({0, 1, 3, 4});
    for (int f = 0; f < kNumFields; ++f) {
      e.model[static_cast<std::size_t>(f)] += model_se[f].item<double>();
      e.persistence[static_cast<std::size_t>(f)] += persistence_se[f].item<double>();
    }
    e.cells += static_cast<double>(n * steps) * d.mask.sum().item<double>();
  }
  return e;
}

// Model selection: mean normalised MSE of T and P (the fields the evaluation
// scores) over full rollouts of the validation runs, as the PARC stage.
double validation_score(Tokenizer& tokenizer, LatentDynamics& model, const LatentSet& set,
                        const std::vector<std::int64_t>& runs, std::int64_t steps_per_snapshot) {
  const ErrorSums e = rollout_errors(tokenizer, model, set, runs, steps_per_snapshot);
  return (e.model[kTemperature] + e.model[kPressure]) / (2 * e.cells);
}

std::array<LatentRolloutErrors, 3> report_errors(Tokenizer& tokenizer, LatentDynamics& model,
                                                 const LatentSet& set,
                                                 const std::vector<std::int64_t>& runs,
                                                 std::int64_t steps_per_snapshot) {
  const ErrorSums e = rollout_errors(tokenizer, model, set, runs, steps_per_snapshot);
  std::array<LatentRolloutErrors, 3> out;
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

void write_errors(const fs::path& path, const LatentTrainingReport& report, std::ostream& log) {
  std::ofstream tsv(path);
  tsv << "split\tfield\tunit\trmse\tpersistence_rmse\n";
  log << "full rollouts from snapshot 0 (mean latent), field RMSE against persistence "
         "(snapshot 0 held):\n";
  char line[160];
  std::snprintf(line, sizeof line, "  %-10s %-5s %-4s %12s %12s\n", "split", "field", "unit",
                "latent", "persistence");
  log << line;
  for (const char* part : {"train", "validation", "test"}) {
    const auto it = report.errors.find(part);
    if (it == report.errors.end()) continue;
    for (int f = 0; f < kNumFields; ++f) {
      const FieldScale& s = kFieldScales[static_cast<std::size_t>(f)];
      const LatentRolloutErrors& e = it->second[static_cast<std::size_t>(f)];
      std::snprintf(line, sizeof line, "  %-10s %-5s %-4s %12.5g %12.5g\n", part, s.symbol,
                    s.report_unit, e.rmse, e.persistence_rmse);
      log << line;
      tsv << part << '\t' << s.symbol << '\t' << s.report_unit << '\t' << e.rmse << '\t'
          << e.persistence_rmse << '\n';
    }
  }
  if (!tsv) throw std::runtime_error(path.string() + ": cannot be written");
}

constexpr std::int64_t kHistoryColumns = 5;

torch::Tensor history_tensor(const std::vector<LatentEpoch>& history) {
  std::vector<double> v;
  for (const LatentEpoch& e : history)
    v.insert(v.end(), {static_cast<double>(e.rollout_length), e.loss, e.latent_loss, e.field_loss,
                       e.validation_score});
  return torch::tensor(v, torch::kFloat64)
      .view({static_cast<std::int64_t>(history.size()), kHistoryColumns});
}

std::vector<LatentEpoch> history_from(const torch::Tensor& t) {
  std::vector<LatentEpoch> history;
  for (std::int64_t i = 0; i < t.size(0); ++i) {
    const auto row = t[i];
    history.push_back({static_cast<std::int64_t>(row[0].item<double>()), row[1].item<double>(),
                       row[2].item<double>(), row[3].item<double>(), row[4].item<double>()});
  }
  return history;
}

}  // namespace

std::string run_names(const DatasetTensors& d, const std::vector<std::int64_t>& runs) {
  std::string s;
  for (const std::int64_t r : runs) s += (s.empty() ? "" : ",") + d.runs[static_cast<std::size_t>(r)];
  return s;
}

std::string weights_hash(torch::nn::Module& module) {
  const torch::Tensor w =
      torch::nn::utils::parameters_to_vector(module.parameters()).detach().to(torch::kFloat32).contiguous();
  return kit::sha256_hex(std::string_view(static_cast<const char*>(w.data_ptr()),
                                          static_cast<std::size_t>(w.numel()) * sizeof(float)));
}

LatentSet encode_dataset(Tokenizer& tokenizer, DatasetTensors data) {
  torch::NoGradGuard no_grad;
  LatentSet set;
  const torch::Tensor all = data.fields.flatten(0, 1);  // [run·time, 3, H, W]
  std::vector<torch::Tensor> means, logvars;
  for (std::int64_t b = 0; b < all.size(0); b += kEncodeChunk) {
    const LatentGrid g = encode_fields(tokenizer, all.narrow(0, b, std::min(kEncodeChunk, all.size(0) - b)));
    means.push_back(g.mean);
    logvars.push_back(g.logvar);
  }
  const torch::Tensor mean = torch::cat(means, 0), logvar = torch::cat(logvars, 0);
  const std::vector<std::int64_t> shape = {data.fields.size(0), data.fields.size(1), mean.size(1),
                                           mean.size(2), mean.size(3)};
  set.mean = mean.view(shape);
  set.logvar = logvar.view(shape);
  // A latent cell covers 8×8 cells; it counts when any of them is real.
  set.latent_mask =
      F::max_pool2d(data.mask.view({1, 1, data.mask.size(0), data.mask.size(1)}),
                    F::MaxPool2dFuncOptions(kSpatialMultiple))
          .view({mean.size(2), mean.size(3)});
  set.data = std::move(data);
  return set;
}

LatentTrainingSettings read_latent_training(const Config& c) {
  LatentTrainingSettings s;
  s.seed = static_cast<std::uint64_t>(c.get_int("run.seed", 0, std::int64_t{1} << 62));
  s.latent_weight = c.get_double("loss.latent_weight", 0.0, 1000.0);
  s.field_weight = c.get_double("loss.field_weight", 0.0, 1000.0);
  s.epochs = c.get_int("train.epochs", 1, 1000000);
  s.batch_size = c.get_int("train.batch_size", 1, 100000);
  s.learning_rate = c.get_double("train.learning_rate", 1e-8, 1.0);
  s.rollout_start = c.get_int("train.rollout_start", 1, 100000);
  s.rollout_max = c.get_int("train.rollout_max", 1, 100000);
  s.curriculum_epochs = c.get_int("train.curriculum_epochs", 0, 1000000);
  s.samples_per_epoch = c.get_int("train.samples_per_epoch", 0, 100000000);
  s.validate_every = c.get_int("train.validate_every", 1, 1000000);
  s.checkpoint_every = c.get_int("train.checkpoint_every", 1, 1000000);
  if (s.rollout_max < s.rollout_start)
    throw c.error("train.rollout_max", "= " + std::to_string(s.rollout_max) +
                                           " is less than train.rollout_start = " +
                                           std::to_string(s.rollout_start));
  if (s.latent_weight == 0 && s.field_weight == 0)
    throw c.error("loss.field_weight", "and loss.latent_weight are both 0: nothing to train on");
  return s;
}

LatentTrainingReport run_latent_training(const LatentTrainingJob& job,
                                         const LatentTrainingSettings& s, std::ostream& log) {
  const Config& config = *job.config;
  const LatentSet& set = *job.set;
  const DatasetTensors& data = set.data;
  Tokenizer tokenizer = job.tokenizer;
  LatentDynamics model = job.file.model;
  const std::int64_t k = job.file.steps_per_snapshot;
  const std::int64_t max_steps = data.n_times - 1;
  if (max_steps < 1)
    throw config.error("data.file", "= \"" + data.path + "\": runs of " +
                                        std::to_string(data.n_times) +
                                        " snapshot(s) have nothing to roll out");

  torch::optim::Adam optimizer(job.trained, torch::optim::AdamOptions(s.learning_rate));
  at::Generator noise = at::make_generator<at::CPUGeneratorImpl>(s.seed);
  LatentTrainingReport report;
  report.checkpoint = job.out_dir / (job.stage + ".pt");
  report.model_file = job.out_dir / (job.stage + "_model.pt");
  // The selected weights as one flat vector, kept in memory and in the
  // checkpoint, so that a resumed run selects exactly as an uninterrupted one.
  torch::Tensor best_weights =
      torch::nn::utils::parameters_to_vector(model->parameters()).detach().clone();
  double best_score = std::numeric_limits<double>::infinity();
  if (fs::exists(report.checkpoint)) {
    if (!job.resume)
      throw config.error("run.out_dir", "= \"" + job.out_dir.string() + "\" holds a checkpoint (" +
                                            report.checkpoint.string() +
                                            "): pass --resume to continue it, or use another "
                                            "run.out_dir");
    const CheckpointMeta meta =
        load_checkpoint(report.checkpoint, job.stage, *model, &optimizer, &noise);
    check_resumable(report.checkpoint, meta, job, s.epochs);
    report.history = history_from(meta.tensors.at("history"));
    best_weights = meta.tensors.at("best_weights");
    const torch::Tensor best = meta.tensors.at("best");
    best_score = best[0].item<double>();
    report.best_epoch = static_cast<std::int64_t>(best[1].item<double>());
    log << "resumed " << report.checkpoint.string() << " after epoch " << meta.epoch << "\n";
  } else if (job.resume) {
    log << "no checkpoint in " << job.out_dir.string() << ": starting from epoch 1\n";
  }

  CheckpointMeta meta;
  meta.stage = job.stage;
  meta.text = job.checkpoint_text;
  meta.text["settings"] = settings_text(config);

  const auto first = static_cast<std::int64_t>(report.history.size());
  const EpochClock clock(first, s.epochs);
  const auto H = data.fields.size(3), W = data.fields.size(4);
  for (std::int64_t epoch = first; epoch < s.epochs; ++epoch) {
    // The samples (run, window) in an order fixed by (run.seed, epoch).
    const std::int64_t length = rollout_length(s, epoch, max_steps);
    const std::vector<std::int64_t> starts = window_starts(max_steps, length);
    const auto n_windows = static_cast<std::int64_t>(starts.size());
    const auto n_all = static_cast<std::int64_t>(job.train.size()) * n_windows;
    const std::int64_t n_samples =
        s.samples_per_epoch == 0 ? n_all : std::min(n_all, s.samples_per_epoch);
    const std::vector<std::int64_t> order = epoch_order(n_all, s.seed, epoch);
    const torch::Tensor later = torch::arange(1, length + 1, torch::kInt64);
    LatentEpoch e;
    e.rollout_length = length;
    std::int64_t n_batches = 0;
    for (std::int64_t b = 0; b < n_samples; b += s.batch_size) {
      std::vector<std::int64_t> runs, firsts;
      for (std::int64_t i = b; i < std::min(b + s.batch_size, n_samples); ++i) {
        const std::int64_t sample = order[static_cast<std::size_t>(i)];
        runs.push_back(job.train[static_cast<std::size_t>(sample / n_windows)]);
        firsts.push_back(starts[static_cast<std::size_t>(sample % n_windows)]);
      }
      const torch::Tensor r = torch::tensor(runs, torch::kInt64);
      const torch::Tensor t0 = torch::tensor(firsts, torch::kInt64);
      const torch::Tensor targets_t = t0.unsqueeze(1) + later;  // [batch, length]
      // Start from a latent sampled from the encoder's distribution, as the
      // ensemble rollouts do, so that the evolvers learn to take any of them.
      const torch::Tensor mean0 = set.mean.index({r, t0});
      const torch::Tensor z0 =
          mean0 + torch::exp(0.5 * set.logvar.index({r, t0})) *
                      at::empty_like(mean0).normal_(0, 1, noise);
      const torch::Tensor z = model->rollout(z0, data.shock_pressure.index({r}), length, k);
      const torch::Tensor latent_loss =
          masked_mse(z, set.mean.index({r.unsqueeze(1), targets_t}), set.latent_mask);
      const torch::Tensor decoded =
          decode_fields(tokenizer, z.flatten(0, 1)).view({r.size(0), length, kNumFields, H, W});
      const torch::Tensor field_loss =
          masked_mse(decoded, data.fields.index({r.unsqueeze(1), targets_t}), data.mask);
      const torch::Tensor loss = s.latent_weight * latent_loss + s.field_weight * field_loss;
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      e.loss += loss.item<double>();
      e.latent_loss += latent_loss.item<double>();
      e.field_loss += field_loss.item<double>();
      ++n_batches;
    }
    for (double* v : {&e.loss, &e.latent_loss, &e.field_loss}) *v /= static_cast<double>(n_batches);
    const bool last = epoch + 1 == s.epochs;
    const bool validated = !job.validation.empty() && ((epoch + 1) % s.validate_every == 0 || last);
    e.validation_score =
        validated ? validation_score(tokenizer, model, set, job.validation, k) : kNaN;
    report.history.push_back(e);
    // Without validation runs the last epoch is the one kept.
    const bool better = job.validation.empty() || (validated && e.validation_score < best_score);
    if (better) {
      best_score = job.validation.empty() ? kNaN : e.validation_score;
      report.best_epoch = epoch + 1;
      best_weights = torch::nn::utils::parameters_to_vector(model->parameters()).detach().clone();
    }
    log << "epoch " << epoch + 1 << "/" << s.epochs << "  rollout " << length << "  loss "
        << format_loss(e.loss) << " (latent " << format_loss(e.latent_loss) << ", field "
        << format_loss(e.field_loss) << ")";
    if (validated)
      log << "  val " << format_loss(e.validation_score) << (better ? " (best)" : "");
    log << "  " << clock.after(epoch) << std::endl;
    if ((epoch + 1) % s.checkpoint_every == 0 || last) {
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

  {
    torch::NoGradGuard no_grad;
    torch::nn::utils::vector_to_parameters(best_weights, model->parameters());
  }
  save_latent_dynamics(report.model_file, job.file);
  log << "selected epoch " << report.best_epoch
      << (job.validation.empty() ? " (the last: no validation runs)" : " (best on validation)")
      << "; evolvers in " << report.model_file.string() << "\n";
  const std::pair<const char*, const std::vector<std::int64_t>*> parts[] = {
      {"train", &job.train}, {"validation", &job.validation}, {"test", &job.test}};
  for (const auto& [name, runs] : parts)
    if (!runs->empty()) report.errors[name] = report_errors(tokenizer, model, set, *runs, k);
  write_errors(job.out_dir / (job.stage + "_errors.tsv"), report, log);
  return report;
}

}  // namespace ember::learn
