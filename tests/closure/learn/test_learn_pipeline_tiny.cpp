// The learned closure end to end on the tiny preset (micro and meso sets from
// the learn_tiny_data and learn_tiny_meso_data fixtures), with the *_tiny.toml
// configs: tokenizer → dynamics → meso → PARC → evaluate → export → reload
// and self-test, then the scarce-data study and its resume. The stages run
// once, for every test of this program.
#include "checkpoint.hpp"
#include "dataset_tensors.hpp"
#include "dynamics_stage.hpp"
#include "evaluate_stage.hpp"
#include "evaluation.hpp"
#include "export_stage.hpp"
#include "latent_rollout.hpp"
#include "meso_split.hpp"
#include "meso_stage.hpp"
#include "model_file.hpp"
#include "parc_stage.hpp"
#include "study_stage.hpp"
#include "tokenizer_stage.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;

const fs::path kWork = EMBER_PIPELINE_TINY_WORK;
const std::string kMicro = EMBER_LEARN_TINY_SET;
const std::string kMeso = EMBER_LEARN_TINY_MESO_SET;
const std::string kInputs = EMBER_LEARN_INPUTS;

std::string toml_path(const fs::path& p) { return "'" + p.string() + "'"; }

Config config(const std::string& name, const fs::path& out, std::vector<std::string> overrides) {
  overrides.insert(overrides.begin(), "run.out_dir=" + toml_path(out));
  return Config::from_file(kInputs + "/" + name, overrides);
}

struct Pipeline {
  TokenizerReport tokenizer;
  LatentTrainingReport dynamics, meso;
  ParcReport parc;
  Evaluation evaluation;
  ExportReport exported;
  double seconds = 0;
};

const Pipeline& pipeline() {
  static const Pipeline p = [] {
    const auto start = std::chrono::steady_clock::now();
    fs::remove_all(kWork);
    fs::create_directories(kWork);
    std::ostringstream log;
    Pipeline out;
    out.tokenizer = train_tokenizer(
        config("tokenizer_tiny.toml", kWork / "tokenizer", {"data.file=" + toml_path(kMicro)}), false, log);
    out.dynamics = train_dynamics(
        config("dynamics_tiny.toml", kWork / "dynamics",
               {"data.file=" + toml_path(kMicro), "model.tokenizer=" + toml_path(out.tokenizer.checkpoint)}),
        false, log);
    out.meso = train_meso(config("meso_tiny.toml", kWork / "meso",
                                 {"data.file=" + toml_path(kMeso),
                                  "model.dynamics=" + toml_path(out.dynamics.model_file)}),
                          false, log);
    out.parc = train_parc(config("parc_tiny.toml", kWork / "parc", {"data.file=" + toml_path(kMeso)}),
                          false, log);
    out.evaluation = run_evaluate(config("evaluate_tiny.toml", kWork / "evaluate",
                                         {"data.file=" + toml_path(kMeso),
                                          "models.latent=" + toml_path(kWork / "meso"),
                                          "models.parc=" + toml_path(kWork / "parc")}),
                                  log);
    out.exported = run_export(config("export_tiny.toml", kWork / "export",
                                     {"data.file=" + toml_path(kMeso),
                                      "model.dynamics=" + toml_path(out.meso.model_file)}),
                              log);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << log.str() << "pipeline: " << out.seconds << " s\n";
    return out;
  }();
  return p;
}

std::string error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const std::exception& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception";
  return "";
}

std::vector<std::string> lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(LearnPipelineTiny, EveryStageTrainsAndItsLossFalls) {
  const Pipeline& p = pipeline();
  ASSERT_FALSE(p.tokenizer.history.empty());
  EXPECT_LT(p.tokenizer.history.back().train_loss, 0.5 * p.tokenizer.history.front().train_loss);
  for (const LatentTrainingReport* r : {&p.dynamics, &p.meso}) {
    ASSERT_FALSE(r->history.empty());
    for (const LatentEpoch& e : r->history) EXPECT_TRUE(std::isfinite(e.loss));
    EXPECT_LT(r->history.back().loss, r->history.front().loss);
    // Windows grow over the curriculum, so the decoded-field loss is
    // compared at the final window length: it falls there too.
    const auto at_full = std::find_if(r->history.begin(), r->history.end(), [&](const LatentEpoch& e) {
      return e.rollout_length == r->history.back().rollout_length;
    });
    EXPECT_LT(r->history.back().field_loss, at_full->field_loss);
    EXPECT_TRUE(fs::exists(r->model_file));
  }
  ASSERT_FALSE(p.parc.history.empty());
  for (const ParcEpoch& e : p.parc.history) EXPECT_TRUE(std::isfinite(e.train_loss));
  EXPECT_LT(p.parc.history.back().train_loss, 0.5 * p.parc.history.front().train_loss);
  EXPECT_TRUE(fs::exists(p.parc.model_file));
  // Both meso models trained on the one training run of meso_split and
  // neither saw the test run.
  const DatasetTensors data = load_dataset(kMeso);
  const Split split = meso_split(static_cast<std::int64_t>(data.runs.size()), kMesoSplitSeed);
  ASSERT_EQ(split.train.size(), 1u);
  ASSERT_EQ(split.test.size(), 1u);
  EXPECT_EQ(p.parc.train_runs, std::vector<std::string>{data.runs[static_cast<std::size_t>(split.train[0])]});
  std::cout << "the pipeline took " << p.seconds << " s\n";
}

TEST(LearnPipelineTiny, EvaluationScoresEveryModelOnTheTestRun) {
  const Pipeline& p = pipeline();
  const Evaluation& e = p.evaluation;
  const DatasetTensors data = load_dataset(kMeso);
  const Split split = meso_split(static_cast<std::int64_t>(data.runs.size()), kMesoSplitSeed);
  ASSERT_EQ(e.runs, std::vector<std::string>{data.runs[static_cast<std::size_t>(split.test[0])]});
  ASSERT_EQ(e.models.size(), 3u);
  EXPECT_EQ(e.models[0].name, "latent");
  EXPECT_EQ(e.models[1].name, "parc");
  EXPECT_EQ(e.models[2].name, "persistence");
  for (const ModelScores& m : e.models) {
    EXPECT_EQ(m.diverged_runs, 0) << m.name;
    EXPECT_GT(m.temperature_rmse_K, 0) << m.name;
    EXPECT_GT(m.pressure_rmse_GPa, 0) << m.name;
    EXPECT_TRUE(std::isfinite(m.hotspot.area_rmse)) << m.name;
    EXPECT_TRUE(std::isfinite(m.hotspot.area_rate_rmse)) << m.name;
    ASSERT_EQ(m.runs.size(), 1u);
    EXPECT_EQ(m.runs[0].series.t.size(), static_cast<std::size_t>(data.n_times));
  }
  // The data has a hotspot: every model but persistence (still at t = 0)
  // gets a T_hs error; only the latent model has an ensemble spread.
  EXPECT_GT(*std::max_element(e.reference[0].area_um2.begin(), e.reference[0].area_um2.end()), 0);
  EXPECT_TRUE(std::isfinite(e.models[0].hotspot.temperature_rmse));
  EXPECT_TRUE(std::isfinite(e.models[0].temperature_spread_K));
  EXPECT_GT(e.models[0].area_spread_um2, 0);
  EXPECT_TRUE(std::isnan(e.models[1].area_spread_um2));
  EXPECT_TRUE(std::isnan(e.models[2].area_spread_um2));
  // The field RMSEs are those the training stages report for their test run
  // (computed apart, in float32 and normalised units).
  const auto& meso_test = p.meso.errors.at("test");
  const auto& parc_test = p.parc.errors.at("test");
  EXPECT_NEAR(e.models[0].temperature_rmse_K, meso_test[kTemperature].rmse, 1e-3 * meso_test[kTemperature].rmse);
  EXPECT_NEAR(e.models[0].pressure_rmse_GPa, meso_test[kPressure].rmse, 1e-3 * meso_test[kPressure].rmse);
  EXPECT_NEAR(e.models[1].temperature_rmse_K, parc_test[kTemperature].rmse, 1e-3 * parc_test[kTemperature].rmse);
  EXPECT_NEAR(e.models[2].temperature_rmse_K, meso_test[kTemperature].persistence_rmse,
              1e-3 * meso_test[kTemperature].persistence_rmse);

  // The files: a mean row per model with every column, the curves of the data
  // and of each model at every snapshot.
  const std::vector<std::string> csv = lines(kWork / "evaluate" / "evaluation.csv");
  ASSERT_EQ(csv.size(), 1u + 3u * 2u);
  const auto columns = static_cast<std::size_t>(std::count(csv[0].begin(), csv[0].end(), ',') + 1);
  EXPECT_EQ(columns, 2 + evaluation_columns().size());
  for (const char* model : {"latent", "parc", "persistence"}) {
    bool found = false;
    for (const std::string& line : csv)
      if (line.rfind(std::string(model) + ",mean,", 0) == 0) {
        found = true;
        EXPECT_EQ(static_cast<std::size_t>(std::count(line.begin(), line.end(), ',') + 1), columns);
      }
    EXPECT_TRUE(found) << model;
  }
  EXPECT_EQ(lines(kWork / "evaluate" / "evaluation_curves.csv").size(),
            1u + 4u * static_cast<std::size_t>(data.n_times));
  EXPECT_TRUE(fs::exists(kWork / "evaluate" / "evaluation.txt"));
}

TEST(LearnPipelineTiny, LatentModelBeatsPersistenceOnItsOwnTrainingRun) {
  const Pipeline& p = pipeline();
  const DatasetTensors data = load_dataset(kMeso);
  const Split split = meso_split(static_cast<std::int64_t>(data.runs.size()), kMesoSplitSeed);
  LatentModel latent = load_latent_model(p.meso.model_file);
  const Evaluation e = evaluate_models(
      data, split.train,
      {{"latent",
        [&](const torch::Tensor& first, double pressure, std::int64_t steps) {
          return ModelRollout{latent_rollout(latent, first, pressure, steps, 0, 0).mean, {}};
        }},
       {"persistence", [](const torch::Tensor& first, double, std::int64_t steps) {
          return persistence_rollout(first, steps);
        }}});
  EXPECT_LT(e.models[0].temperature_rmse_K, e.models[1].temperature_rmse_K);
  EXPECT_LT(e.models[0].pressure_rmse_GPa, e.models[1].pressure_rmse_GPa);
  EXPECT_LT(e.models[0].hotspot.area_rmse, e.models[1].hotspot.area_rmse);
}

TEST(LearnPipelineTiny, EvaluationRefusesModelsThatSawTheTestRuns) {
  pipeline();
  const DatasetTensors data = load_dataset(kMeso);
  const Split split = meso_split(static_cast<std::int64_t>(data.runs.size()), kMesoSplitSeed);
  const std::string test_run = data.runs[static_cast<std::size_t>(split.test[0])];
  torch::nn::Linear model(1, 1);
  torch::optim::Adam optimizer(model->parameters());
  const at::Generator noise = at::make_generator<at::CPUGeneratorImpl>(1);
  CheckpointMeta meta;
  meta.stage = "parc";
  meta.text = {{"data_hash", data.hash}, {"train_runs", test_run}, {"settings", ""}};
  const fs::path leaky = kWork / "leaky" / "parc.pt";
  save_checkpoint(leaky, meta, *model, optimizer, noise);
  const std::string trained = error_of([&] { check_held_out(leaky, "parc", data, {test_run}, kMesoSplitSeed); });
  EXPECT_NE(trained.find(leaky.string() + ": the evaluation run " + test_run + " is among its training runs"),
            std::string::npos)
      << trained;
  meta.text = {{"data_hash", "0123"}, {"train_runs", "meso_0000"}};
  save_checkpoint(leaky, meta, *model, optimizer, noise);
  EXPECT_NE(error_of([&] { check_held_out(leaky, "parc", data, {test_run}, kMesoSplitSeed); })
                .find("trained on other data"),
            std::string::npos);
  meta.text = {{"data_hash", data.hash}, {"train_runs", "x"}, {"settings", "data.split_seed = 7\n"}};
  save_checkpoint(leaky, meta, *model, optimizer, noise);
  EXPECT_NE(error_of([&] { check_held_out(leaky, "parc", data, {test_run}, kMesoSplitSeed); })
                .find("trained with data.split_seed = 7"),
            std::string::npos);
}

TEST(LearnPipelineTiny, ExportedFileReloadsAndPassesItsSelfTest) {
  const Pipeline& p = pipeline();
  ASSERT_TRUE(fs::exists(p.exported.file));
  ModelFile m = load_model_file(p.exported.file);
  const DatasetTensors meso = load_dataset(kMeso);
  EXPECT_EQ(m.data_hash, meso.hash);
  EXPECT_EQ(m.tokenizer_data_hash, load_dataset(kMicro).hash);
  EXPECT_FALSE(m.code_version.empty());
  EXPECT_EQ(m.normalisation[kTemperature].symbol, "T");
  EXPECT_DOUBLE_EQ(m.normalisation[kTemperature].lo, 300.0);
  EXPECT_DOUBLE_EQ(m.normalisation[kTemperature].hi, 5000.0);
  EXPECT_DOUBLE_EQ(m.normalisation[kPressure].hi, 60e9);
  EXPECT_EQ(m.nx, meso.nx);
  EXPECT_EQ(m.ny, meso.ny);
  EXPECT_EQ(m.latent_shape, (std::vector<std::int64_t>{12, meso.fields.size(3) / 8, meso.fields.size(4) / 8}));
  EXPECT_EQ(m.steps_per_snapshot, 1);
  EXPECT_DOUBLE_EQ(m.snapshot_dt_s, meso.snapshot_dt_s);
  EXPECT_EQ(m.golden.output.size(0), 3);
  EXPECT_LE(p.exported.golden_difference, m.golden.tolerance);
  // The file's model is the trained one: its rollout of a whole run is the
  // trained model's (the evaluation's) to float round-off.
  LatentModel trained = load_latent_model(p.meso.model_file);
  const torch::Tensor first = meso.fields[0][0];
  const double p0 = meso.shock_pressure[0].item<double>();
  const torch::Tensor a = model_rollout(m, first, p0, meso.n_times - 1);
  const torch::Tensor b = latent_rollout(trained, first, p0, meso.n_times - 1, 0, 0).mean;
  EXPECT_LE((a - b).abs().max().item<double>(), 1e-6);
}

TEST(LearnPipelineTiny, DamagedOrForeignModelFilesAreRefused) {
  const Pipeline& p = pipeline();
  std::ifstream in(p.exported.file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);

  const fs::path truncated = kWork / "damaged" / "truncated.pt";
  fs::create_directories(truncated.parent_path());
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  const std::string t = error_of([&] { load_model_file(truncated); });
  EXPECT_EQ(t.rfind(truncated.string() + ": not a model file, or truncated or damaged", 0), 0u) << t;

  // 64 bytes inverted (more than any alignment padding of the archive) at
  // several places: the archive reader, the content hash or the self-test
  // refuses each, naming the file.
  for (const double where : {0.2, 0.4, 0.6, 0.8}) {
    std::string damaged = bytes;
    const auto at = static_cast<std::size_t>(where * static_cast<double>(bytes.size()));
    for (std::size_t i = at; i < at + 64; ++i) damaged[i] = static_cast<char>(~damaged[i]);
    const fs::path path = kWork / "damaged" / ("flipped_" + std::to_string(at) + ".pt");
    std::ofstream(path, std::ios::binary) << damaged;
    const std::string e = error_of([&] { load_model_file(path); });
    EXPECT_EQ(e.rfind(path.string() + ": ", 0), 0u) << e;
    std::cout << "refused: " << e.substr(0, 200) << "\n";
  }

  const fs::path future = kWork / "damaged" / "version2.pt";
  torch::serialize::OutputArchive archive;
  archive.write("format", c10::IValue(std::string(kModelFileFormat)));
  archive.write("format_version", c10::IValue(std::int64_t{2}));
  archive.save_to(future.string());
  EXPECT_EQ(error_of([&] { load_model_file(future); }),
            future.string() + ": model file format version 2, this program reads version 1 only; "
                              "export the model again with this version of ember");

  const fs::path other = kWork / "damaged" / "parc_model.pt";
  fs::copy_file(p.parc.model_file, other);
  EXPECT_NE(error_of([&] { load_model_file(other); }).find(other.string() + ": not an ember latent closure model file"),
            std::string::npos);

  // A file whose golden output no longer matches its weights (as a LibTorch
  // that computes differently would see it) fails the self-test by name.
  ModelFile m = load_model_file(p.exported.file);
  m.golden.output = m.golden.output + 1e-3;
  const fs::path shifted = kWork / "damaged" / "golden_shifted.pt";
  save_model_file(shifted, m);
  const std::string g = error_of([&] { load_model_file(shifted); });
  EXPECT_NE(g.find(shifted.string() + ": golden self-test failed"), std::string::npos) << g;
  EXPECT_NE(g.find("tolerance 0.0001"), std::string::npos) << g;
}

TEST(LearnPipelineTiny, StudyRunsItsCellsAndResumesWithoutRetraining) {
  const Pipeline& p = pipeline();
  const fs::path out = kWork / "study";
  auto study_config = [&] {
    return config("study_tiny.toml", out,
                  {"study.data=" + toml_path(kMeso), "study.micro_model=" + toml_path(p.dynamics.model_file),
                   "study.latent_config=" + toml_path(kInputs + "/meso_tiny.toml"),
                   "study.parc_config=" + toml_path(kInputs + "/parc_tiny.toml"),
                   "report.markdown=" + toml_path(out / "scarce_data.md"),
                   "report.csv=" + toml_path(out / "scarce_data.csv")});
  };
  std::ostringstream log;
  const auto start = std::chrono::steady_clock::now();
  const StudyReport first = run_study(study_config(), log);
  const double first_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << log.str();
  ASSERT_EQ(first.cells.size(), 4u);  // n = 1, all × seeds 1, 2
  for (const StudyCell& c : first.cells) {
    EXPECT_FALSE(c.skipped);
    EXPECT_EQ(c.epochs, 20);  // 100 transitions / (1 run × 5 intervals)
    EXPECT_TRUE(fs::exists(c.result));
  }
  const std::vector<std::string> csv = lines(out / "scarce_data.csv");
  ASSERT_EQ(csv.size(), 1u + 4u * 3u);
  // Every model's field and A_hs errors, and the trained ones' times, are numbers.
  std::vector<std::string> header;
  std::istringstream h(csv[0]);
  for (std::string c; std::getline(h, c, ',');) header.push_back(c);
  for (std::size_t i = 1; i < csv.size(); ++i) {
    std::map<std::string, std::string> row;
    std::istringstream r(csv[i]);
    std::size_t k = 0;
    for (std::string c; std::getline(r, c, ',');) row[header.at(k++)] = c;
    ASSERT_EQ(k, header.size()) << csv[i];
    std::vector<std::string> numbers = {"T_rmse_K", "P_rmse_GPa", "A_hs_rmse_um2"};
    if (row["model"] != "persistence") numbers.push_back("train_s");
    for (const std::string& c : numbers) EXPECT_TRUE(std::isfinite(std::stod(row[c]))) << c << ": " << csv[i];
  }
  std::ifstream md_in(out / "scarce_data.md");
  std::stringstream md;
  md << md_in.rdbuf();
  EXPECT_NE(md.str().find("| all (1) | latent | 20 |"), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("| 1 | parc | 20 |"), std::string::npos) << md.str();
  EXPECT_NE(md.str().find("**Budget rule**"), std::string::npos);

  // Again: every cell is done, nothing is trained, the report is the same.
  std::ostringstream again_log;
  const auto again_start = std::chrono::steady_clock::now();
  const StudyReport again = run_study(study_config(), again_log);
  const double again_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - again_start).count();
  for (const StudyCell& c : again.cells) EXPECT_TRUE(c.skipped);
  EXPECT_LT(again_s, 0.5 * first_s);
  std::ifstream md_again(out / "scarce_data.md");
  std::stringstream md2;
  md2 << md_again.rdbuf();
  EXPECT_EQ(md.str(), md2.str());

  // A cell whose result is gone but whose models finished is evaluated
  // again, not retrained.
  const fs::path cell = out / "n1_seed2";
  fs::remove(cell / "result.csv");
  const auto trained_at = fs::last_write_time(cell / "latent" / "meso_model.pt");
  std::ostringstream third_log;
  const StudyReport third = run_study(study_config(), third_log);
  EXPECT_TRUE(fs::exists(cell / "result.csv"));
  EXPECT_EQ(fs::last_write_time(cell / "latent" / "meso_model.pt"), trained_at);
  int redone = 0;
  for (const StudyCell& c : third.cells) redone += c.skipped ? 0 : 1;
  EXPECT_EQ(redone, 1);
}

}  // namespace
}  // namespace ember::learn
