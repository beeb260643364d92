#include "evaluate_stage.hpp"

#include "evaluation.hpp"
#include "latent_rollout.hpp"
#include "meso_split.hpp"
#include "parc.hpp"
#include "threads.hpp"

#include <fstream>
#include <iostream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;

// What the meso and parc stages write to their run.out_dir.
constexpr const char* kLatentModel = "meso_model.pt";
constexpr const char* kLatentCheckpoint = "meso.pt";
constexpr const char* kParcModel = "parc_model.pt";
constexpr const char* kParcCheckpoint = "parc.pt";

}  // namespace

Evaluation evaluate_meso(const DatasetTensors& data, std::uint64_t split_seed,
                         const fs::path& latent_dir, const fs::path& parc_dir, std::int64_t members,
                         std::uint64_t ensemble_seed) {
  const Split split = meso_split(static_cast<std::int64_t>(data.runs.size()), split_seed);
  std::vector<std::string> test;
  for (const std::int64_t r : split.test) test.push_back(data.runs[static_cast<std::size_t>(r)]);

  check_held_out(latent_dir / kLatentCheckpoint, "meso", data, test, split_seed);
  LatentModel latent = load_latent_model(latent_dir / kLatentModel);
  if (latent.dynamics.stage != "meso" || latent.dynamics.data_hash != data.hash)
    throw std::runtime_error((latent_dir / kLatentModel).string() +
                             ": not evolvers fine-tuned on " + data.path + " by the meso stage");
  check_held_out(parc_dir / kParcCheckpoint, "parc", data, test, split_seed);
  Parc parc = load_parc(parc_dir / kParcModel);

  const std::vector<EvaluatedModel> models = {
      {"latent",
       [&](const torch::Tensor& first, double pressure, std::int64_t steps) {
         const ProbabilisticRollout r =
             latent_rollout(latent, first, pressure, steps, members, ensemble_seed);
         return ModelRollout{r.mean, r.ensemble};
       }},
      {"parc",
       [&](const torch::Tensor& first, double pressure, std::int64_t steps) {
         return ModelRollout{parc_rollout(parc, first, pressure, steps), {}};
       }},
      {"persistence", [](const torch::Tensor& first, double, std::int64_t steps) {
         return persistence_rollout(first, steps);
       }}};
  return evaluate_models(data, split.test, models);
}

Evaluation run_evaluate(const Config& c, std::ostream& log) {
  const int threads = static_cast<int>(c.get_int("run.threads", 1, 1024));
  const fs::path out_dir = c.get_string("run.out_dir");
  const fs::path data_file = c.get_string("data.file");
  const auto split_seed = static_cast<std::uint64_t>(c.get_int("data.split_seed", 0, std::int64_t{1} << 62));
  const fs::path latent_dir = c.get_string("models.latent");
  const fs::path parc_dir = c.get_string("models.parc");
  const std::int64_t members = c.get_int("ensemble.members", 0, 10000);
  const auto ensemble_seed = static_cast<std::uint64_t>(c.get_int("ensemble.seed", 0, std::int64_t{1} << 62));
  c.check_all_used();
  set_threads(threads);

  DatasetTensors data;
  try {
    data = load_dataset(data_file);
  } catch (const std::exception& e) {
    throw c.error("data.file", "= \"" + data_file.string() + "\": " + e.what());
  }
  if (data.n_times < 2)
    throw c.error("data.file", "= \"" + data_file.string() + "\": runs of " +
                                   std::to_string(data.n_times) + " snapshot(s) have nothing to roll out");
  const std::string header = data.set + " set " + data.path + " (hash " + data.hash.substr(0, 12) +
                             "): " + std::to_string(data.runs.size()) + " runs of " +
                             std::to_string(data.n_times) + " snapshots; latent model from " +
                             latent_dir.string() + " (" + std::to_string(members) +
                             " ensemble members), PARC from " + parc_dir.string() + "\n";
  log << header << std::flush;
  const Evaluation e = evaluate_meso(data, split_seed, latent_dir, parc_dir, members, ensemble_seed);
  write_evaluation(out_dir, e);
  const std::string table = evaluation_table(e);
  std::ofstream(out_dir / "evaluation.txt") << header << table;
  log << table << "results in " << (out_dir / "evaluation.csv").string() << " and "
      << (out_dir / "evaluation_curves.csv").string() << "\n";
  return e;
}

int evaluate_command(const StageArgs& args) {
  if (args.resume) std::cout << "evaluate has nothing to resume; evaluating\n";
  const Config config = Config::from_file(args.config, args.overrides);
  run_evaluate(config, std::cout);
  return 0;
}

}  // namespace ember::learn
