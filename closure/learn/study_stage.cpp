#include "study_stage.hpp"

#include "checkpoint.hpp"
#include "code_version.hpp"
#include "evaluate_stage.hpp"
#include "evaluation.hpp"
#include "meso_split.hpp"
#include "meso_stage.hpp"
#include "parc_stage.hpp"
#include "progress.hpp"
#include "threads.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Settings {
  int threads = 1;
  fs::path out_dir, data_file, micro_model, latent_config, parc_config, markdown, csv;
  std::vector<std::int64_t> train_runs, seeds;
  double transitions = 0, curriculum_fraction = 0;
  std::int64_t members = 0;
  std::uint64_t ensemble_seed = 0;
};

Settings read_settings(const Config& c) {
  Settings s;
  s.threads = static_cast<int>(c.get_int("run.threads", 1, 1024));
  s.out_dir = c.get_string("run.out_dir");
  s.data_file = c.get_string("study.data");
  s.micro_model = c.get_string("study.micro_model");
  s.latent_config = c.get_string("study.latent_config");
  s.parc_config = c.get_string("study.parc_config");
  s.train_runs = c.get_int_array("study.train_runs", 0, 100000, 1, 32);
  s.seeds = c.get_int_array("study.seeds", 0, std::int64_t{1} << 62, 1, 32);
  s.transitions = static_cast<double>(c.get_int("budget.transitions", 1, std::int64_t{1} << 40));
  s.curriculum_fraction = c.get_double("budget.curriculum_fraction", 0.0, 1.0);
  s.members = c.get_int("ensemble.members", 0, 10000);
  s.ensemble_seed = static_cast<std::uint64_t>(c.get_int("ensemble.seed", 0, std::int64_t{1} << 62));
  s.markdown = c.get_string("report.markdown");
  s.csv = c.get_string("report.csv");
  c.check_all_used();
  return s;
}

std::string label(std::int64_t train_runs) { return train_runs == 0 ? "all" : std::to_string(train_runs); }

std::string number(double v) {
  if (std::isnan(v)) return "nan";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", v);
  return buf;
}

// A model trained in a cell: its wall time, and whether this call continued
// an interrupted training (then the time is that of the remaining epochs).
struct Trained {
  double seconds = 0;
  bool resumed = false;
};

// Trains once: a model whose trained.txt exists is not trained again; one
// with a checkpoint but no trained.txt was interrupted and is resumed.
Trained train_once(const fs::path& dir, const fs::path& checkpoint,
                   const std::function<double(std::ostream&)>& train) {
  const fs::path marker = dir / "trained.txt";
  Trained t;
  if (std::ifstream in{marker}; in) {
    in >> t.seconds >> t.resumed;
    if (in) return t;
  }
  t.resumed = fs::exists(checkpoint);
  fs::create_directories(dir);
  std::ofstream log(dir / "train.log", std::ios::app);
  t.seconds = train(log);
  const fs::path tmp = dir / "trained.txt.tmp";
  std::ofstream(tmp) << number(t.seconds) << ' ' << t.resumed << '\n';
  fs::rename(tmp, marker);
  return t;
}

std::string recorded_train_runs(const fs::path& checkpoint, const std::string& stage) {
  torch::nn::Module empty;
  return load_checkpoint(checkpoint, stage, empty, nullptr, nullptr).text.at("train_runs");
}

// A CSV with a header row: rows as column → text.
using CsvRow = std::map<std::string, std::string>;
std::vector<CsvRow> read_csv(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::istringstream is(line);
    for (std::string cell; std::getline(is, cell, ',');) cells.push_back(cell);
    return cells;
  };
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = split(line);
    if (cells.size() != header.size())
      throw std::runtime_error(path.string() + ": a row of " + std::to_string(cells.size()) +
                               " cells under a header of " + std::to_string(header.size()));
    CsvRow row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

double value(const CsvRow& row, const std::string& column) {
  const std::string& text = row.at(column);
  return text == "nan" ? kNaN : std::stod(text);
}

const std::vector<std::string> kCellColumns = {"train_runs_asked", "train_runs", "seed", "model",
                                                "epochs", "train_s", "resumed"};

std::string csv_header() {
  std::string h;
  for (const std::string& c : kCellColumns) h += (h.empty() ? "" : ",") + c;
  for (const std::string& c : evaluation_columns()) h += "," + c;
  return h;
}

// Mean and sample standard deviation of the finite values (NaN where there
// are too few).
struct Stat {
  double mean = kNaN, sd = kNaN;
  int n = 0;
};
Stat stat(const std::vector<double>& v) {
  Stat s;
  double sum = 0, sum2 = 0;
  for (const double x : v)
    if (std::isfinite(x)) {
      sum += x;
      sum2 += x * x;
      ++s.n;
    }
  if (s.n > 0) s.mean = sum / s.n;
  if (s.n > 1) s.sd = std::sqrt(std::max(0.0, (sum2 - s.n * s.mean * s.mean) / (s.n - 1)));
  return s;
}

std::string pm(const Stat& s, double factor = 1) {
  if (std::isnan(s.mean)) return "n/a";
  char buf[64];
  if (std::isnan(s.sd))
    std::snprintf(buf, sizeof buf, "%.3g", s.mean * factor);
  else
    std::snprintf(buf, sizeof buf, "%.3g ± %.2g", s.mean * factor, s.sd * factor);
  return buf;
}

struct Metric {
  const char* column;
  const char* title;
  double factor;  // CSV unit → table unit
};
const Metric kMetrics[] = {
    {"T_rmse_K", "T RMSE [K]", 1},
    {"P_rmse_GPa", "P RMSE [GPa]", 1},
    {"T_hs_rmse_K", "T_hs RMSE [K]", 1},
    {"A_hs_rmse_um2", "A_hs RMSE [µm²]", 1},
    {"T_hs_rate_rmse_K_per_s", "dT_hs/dt RMSE [K/ns]", 1e-9},
    {"A_hs_rate_rmse_um2_per_s", "dA_hs/dt RMSE [µm²/ns]", 1e-9},
};

void write_report(const Settings& s, const Config& c, const DatasetTensors& data, const Split& split,
                  const std::vector<std::int64_t>& epochs, const std::vector<CsvRow>& rows,
                  std::ostream& log) {
  // The CSV: every row of every cell.
  if (s.csv.has_parent_path()) fs::create_directories(s.csv.parent_path());
  {
    std::ofstream csv(s.csv);
    csv << csv_header() << '\n';
    for (const CsvRow& row : rows) {
      std::string line;
      for (const std::string& col : kCellColumns) line += (line.empty() ? "" : ",") + row.at(col);
      for (const std::string& col : evaluation_columns()) line += "," + row.at(col);
      csv << line << '\n';
    }
    if (!csv) throw std::runtime_error(s.csv.string() + ": cannot be written");
  }

  // Values of one metric over the seeds of (n, model).
  auto values = [&rows](std::int64_t n, const std::string& model, const std::string& column) {
    std::vector<double> v;
    for (const CsvRow& row : rows)
      if (row.at("train_runs_asked") == std::to_string(n) && row.at("model") == model)
        v.push_back(value(row, column));
    return v;
  };
  const auto n_all = static_cast<std::int64_t>(split.train.size());
  std::string test_runs;
  for (const std::int64_t r : split.test)
    test_runs += (test_runs.empty() ? "" : ", ") + data.runs[static_cast<std::size_t>(r)];
  std::string seeds;
  for (const std::int64_t seed : s.seeds) seeds += (seeds.empty() ? "" : ", ") + std::to_string(seed);

  std::ostringstream md;
  md << "# Scarce-data study: the latent model against PARC on the meso set\n\n"
     << "Written by `ember-train study " << c.name() << "` (ember " << code_version()
     << "); do not edit by hand. How to run it: [docs/learning.md](../learning.md), "
        "\"Evaluation, the scarce-data study and export\".\n\n"
     << "- Data: `" << data.path << "` (hash `" << data.hash.substr(0, 16) << "`), "
     << data.runs.size() << " runs of " << data.n_times << " snapshots every "
     << data.snapshot_dt_s * 1e9 << " ns, " << data.nx << " × " << data.ny << " cells.\n"
     << "- Split (meso_split, the same for every model and cell): " << split.train.size()
     << " training, " << split.validation.size() << " validation, " << split.test.size()
     << " test runs; scored on the test runs only (" << test_runs << ").\n"
     << "- For each n and seed both models train on the same n training runs (chosen by the "
        "seed, nested in n), the latent model by fine-tuning the coupled evolver of the micro "
        "model `" << s.micro_model.string() << "` (`" << s.latent_config.string() << "`), PARC from scratch on meso data alone (`"
     << s.parc_config.string() << "`). Seeds: " << seeds << ".\n"
     << "- **Budget rule** (the same for both models): "
     << static_cast<std::int64_t>(s.transitions)
     << " snapshot transitions per model and cell, i.e. E = round(" << static_cast<std::int64_t>(s.transitions)
     << " / (n · " << data.n_times - 1 << ")) epochs, each epoch covering every transition of every "
        "training run once (rollout windows of the curriculum, which grows over the first "
     << s.curriculum_fraction * 100 << " % of the epochs); validation rollouts after every epoch on "
        "the same validation runs, the best epoch kept. Batch sizes, learning rates and widths are "
        "each model's own config's. Training time is the wall time of the epochs (validation "
        "included) on " << s.threads << " thread(s).\n"
     << "- Errors: full rollouts from snapshot 0 over the whole run; field RMSE over the real cells "
        "of snapshots 1 … " << data.n_times - 1 << "; hotspot curves (A_hs, T_hs, rates) by "
        "closure/metrics, RMSE per run, then the mean over the test runs; then mean ± sample std "
        "over the seeds.\n\n";
  md << "| n | model | epochs |";
  for (const Metric& m : kMetrics) md << ' ' << m.title << " |";
  md << " training [s] |\n|---|---|---|";
  for (std::size_t i = 0; i < std::size(kMetrics); ++i) md << "---|";
  md << "---|\n";
  for (std::size_t i = 0; i < s.train_runs.size(); ++i) {
    const std::int64_t n = s.train_runs[i];
    const std::string n_text = n == 0 ? "all (" + std::to_string(n_all) + ")" : std::to_string(n);
    for (const char* model : {"latent", "parc"}) {
      md << "| " << n_text << " | " << model << " | " << epochs[i] << " |";
      for (const Metric& m : kMetrics) md << ' ' << pm(stat(values(n, model, m.column)), m.factor) << " |";
      md << ' ' << pm(stat(values(n, model, "train_s"))) << " |\n";
    }
  }
  // Persistence is the same in every cell (the same test runs).
  md << "| | persistence | |";
  for (const Metric& m : kMetrics) {
    Stat p = stat(values(s.train_runs.front(), "persistence", m.column));
    p.sd = kNaN;
    md << ' ' << pm(p, m.factor) << " |";
  }
  md << " |\n\n";

  md << "Which model has the lower mean error (\"clear\" when the means differ by more than the "
        "sum of the two standard deviations, \"within spread\" otherwise):\n\n| n |";
  for (std::size_t k = 0; k < 4; ++k) md << ' ' << kMetrics[k].title << " |";
  md << "\n|---|---|---|---|---|\n";
  for (const std::int64_t n : s.train_runs) {
    md << "| " << (n == 0 ? "all" : std::to_string(n)) << " |";
    for (std::size_t k = 0; k < 4; ++k) {
      const Stat a = stat(values(n, "latent", kMetrics[k].column));
      const Stat b = stat(values(n, "parc", kMetrics[k].column));
      if (std::isnan(a.mean) || std::isnan(b.mean)) {
        md << " n/a |";
        continue;
      }
      const double spread = (std::isnan(a.sd) ? 0 : a.sd) + (std::isnan(b.sd) ? 0 : b.sd);
      md << ' ' << (a.mean < b.mean ? "latent" : "PARC")
         << (std::abs(a.mean - b.mean) > spread ? " (clear)" : " (within spread)") << " |";
    }
    md << '\n';
  }
  const Stat spread_T = stat(values(s.train_runs.back(), "latent", "T_hs_spread_K"));
  const Stat spread_A = stat(values(s.train_runs.back(), "latent", "A_hs_spread_um2"));
  md << "\nLatent ensemble (" << s.members << " rollouts from sampled latents), n = "
     << label(s.train_runs.back()) << ": spread of T_hs " << pm(spread_T) << " K, of A_hs "
     << pm(spread_A) << " µm² (standard deviation over the members, mean over snapshots and "
        "runs).\n\nEvery (n, seed, model) with all metrics: [`"
     << s.csv.filename().string() << "`](" << s.csv.filename().string()
     << "); plot: `/usr/bin/python3 scripts/plot_study.py " << s.csv.string() << " "
     << (s.csv.parent_path() / "scarce_data.png").string() << "`.\n";

  if (s.markdown.has_parent_path()) fs::create_directories(s.markdown.parent_path());
  std::ofstream out(s.markdown);
  out << md.str();
  if (!out) throw std::runtime_error(s.markdown.string() + ": cannot be written");
  log << "report: " << s.markdown.string() << " and " << s.csv.string() << "\n";
}

}  // namespace

StudyReport run_study(const Config& c, std::ostream& log) {
  const Settings s = read_settings(c);
  set_threads(s.threads);

  // The split seed is the latent config's; PARC's split is checked after
  // training by the runs it recorded.
  const auto split_seed = static_cast<std::uint64_t>(
      Config::from_file(s.latent_config.string()).get_int("data.split_seed", 0, std::int64_t{1} << 62));
  DatasetTensors data;
  try {
    data = load_dataset(s.data_file);
  } catch (const std::exception& e) {
    throw c.error("study.data", "= \"" + s.data_file.string() + "\": " + e.what());
  }
  const Split split = meso_split(static_cast<std::int64_t>(data.runs.size()), split_seed);
  const auto n_train = static_cast<std::int64_t>(split.train.size());
  const std::int64_t steps = data.n_times - 1;
  std::vector<std::int64_t> epochs;
  for (const std::int64_t n : s.train_runs) {
    if (n > n_train)
      throw c.error("study.train_runs", "holds " + std::to_string(n) + ", the split of " +
                                            data.path + " has " + std::to_string(n_train) +
                                            " training runs");
    const auto runs = static_cast<double>(n == 0 ? n_train : n);
    epochs.push_back(std::max<std::int64_t>(1, std::llround(s.transitions / (runs * static_cast<double>(steps)))));
  }
  log << "scarce-data study on " << data.path << ": " << n_train << " training runs, "
      << split.test.size() << " test runs; " << s.train_runs.size() << " × " << s.seeds.size()
      << " cells in " << s.out_dir.string() << "\n";

  StudyReport report;
  report.markdown = s.markdown;
  report.csv = s.csv;
  std::vector<CsvRow> rows;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < s.train_runs.size(); ++i) {
    for (const std::int64_t seed : s.seeds) {
      StudyCell cell;
      cell.train_runs = s.train_runs[i];
      cell.seed = static_cast<std::uint64_t>(seed);
      cell.epochs = epochs[i];
      const fs::path dir = s.out_dir / ("n" + label(cell.train_runs) + "_seed" + std::to_string(seed));
      cell.result = dir / "result.csv";
      const std::string name = "n = " + label(cell.train_runs) + ", seed " + std::to_string(seed);
      if (fs::exists(cell.result)) {
        cell.skipped = true;
        for (CsvRow& row : read_csv(cell.result)) {
          if (row.at("model") != "persistence" && row.at("epochs") != std::to_string(cell.epochs))
            throw std::runtime_error(cell.result.string() + ": made with " + row.at("epochs") +
                                     " epochs, the budget now gives " + std::to_string(cell.epochs) +
                                     "; use another run.out_dir for another budget");
          rows.push_back(std::move(row));
        }
        log << name << ": done earlier, " << cell.result.string() << "\n";
        report.cells.push_back(cell);
        continue;
      }
      const auto curriculum = std::llround(s.curriculum_fraction * static_cast<double>(cell.epochs));
      const std::vector<std::string> common = {
          "data.file='" + s.data_file.string() + "'", "data.split_seed=" + std::to_string(split_seed),
          "run.seed=" + std::to_string(seed), "run.threads=" + std::to_string(s.threads),
          "data.train_runs=" + label(cell.train_runs), "train.epochs=" + std::to_string(cell.epochs),
          "train.curriculum_epochs=" + std::to_string(curriculum)};
      std::vector<std::string> latent_overrides = common, parc_overrides = common;
      latent_overrides.insert(latent_overrides.end(),
                              {"run.out_dir='" + (dir / "latent").string() + "'",
                               "model.dynamics='" + s.micro_model.string() + "'",
                               "train.samples_per_epoch=0", "train.validate_every=1"});
      parc_overrides.push_back("run.out_dir='" + (dir / "parc").string() + "'");

      log << name << ": " << cell.epochs << " epochs each; training the latent model" << std::flush;
      const Trained latent = train_once(dir / "latent", dir / "latent" / "meso.pt", [&](std::ostream& out) {
        return train_meso(Config::from_file(s.latent_config.string(), latent_overrides), true, out)
            .train_seconds;
      });
      log << " (" << format_duration(latent.seconds) << "), PARC" << std::flush;
      const Trained parc = train_once(dir / "parc", dir / "parc" / "parc.pt", [&](std::ostream& out) {
        return train_parc(Config::from_file(s.parc_config.string(), parc_overrides), true, out)
            .train_seconds;
      });
      log << " (" << format_duration(parc.seconds) << ")" << std::flush;
      const std::string latent_runs = recorded_train_runs(dir / "latent" / "meso.pt", "meso");
      const std::string parc_runs = recorded_train_runs(dir / "parc" / "parc.pt", "parc");
      if (latent_runs != parc_runs)
        throw std::runtime_error(name + ": the latent model trained on " + latent_runs + ", PARC on " +
                                 parc_runs + "; " + s.parc_config.string() +
                                 " must split as meso_split (data.split_seed " +
                                 std::to_string(split_seed) + ", validation_fraction " +
                                 std::to_string(kMesoValidationFraction) + " (0 below 4 runs), test_fraction " +
                                 std::to_string(kMesoTestFraction) + ")");

      const Evaluation e =
          evaluate_meso(data, split_seed, dir / "latent", dir / "parc", s.members, s.ensemble_seed);
      write_evaluation(dir, e);
      const auto used = cell.train_runs == 0 ? n_train : cell.train_runs;
      std::ostringstream csv;
      csv << csv_header() << '\n';
      for (const ModelScores& m : e.models) {
        const bool is_latent = m.name == "latent", is_parc = m.name == "parc";
        const Trained t = is_latent ? latent : is_parc ? parc : Trained{kNaN, false};
        csv << cell.train_runs << ',' << used << ',' << seed << ',' << m.name << ','
            << (is_latent || is_parc ? cell.epochs : 0) << ',' << number(t.seconds) << ','
            << t.resumed;
        for (const double v : mean_row(m)) csv << ',' << number(v);
        csv << '\n';
      }
      const fs::path tmp = dir / "result.csv.tmp";
      std::ofstream(tmp) << csv.str();
      fs::rename(tmp, cell.result);
      for (CsvRow& row : read_csv(cell.result)) rows.push_back(std::move(row));
      char line[200];
      std::snprintf(line, sizeof line, "; test T RMSE %.4g / %.4g K, A_hs RMSE %.4g / %.4g um2 (latent / PARC)\n",
                    e.models[0].temperature_rmse_K, e.models[1].temperature_rmse_K,
                    e.models[0].hotspot.area_rmse, e.models[1].hotspot.area_rmse);
      log << line;
      report.cells.push_back(cell);
    }
  }
  log << "cells done in " << format_duration(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count())
      << "\n";
  write_report(s, c, data, split, epochs, rows, log);
  return report;
}

int study_command(const StageArgs& args) {
  const Config config = Config::from_file(args.config, args.overrides);
  run_study(config, std::cout);
  return 0;
}

}  // namespace ember::learn
