#include "export_stage.hpp"

#include "code_version.hpp"
#include "latent_rollout.hpp"
#include "meso_split.hpp"
#include "model_file.hpp"
#include "threads.hpp"

#include <torch/version.h>

#include <iostream>
#include <sstream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;

// The tokenizer's widths, from the settings its checkpoint records
// ("model.channels = [8, 16, 16]").
std::vector<std::int64_t> tokenizer_channels(const TrainedTokenizer& t, const fs::path& file) {
  std::istringstream in(t.meta.text.at("settings"));
  std::string toml = "[model]\n";
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model.channels = ", 0) == 0) toml += line.substr(6) + "\n";
  return Config::from_string(toml, file.string() + " (settings)")
      .get_int_array("model.channels", 1, 4096, 3, 3);
}

}  // namespace

ExportReport run_export(const Config& c, std::ostream& log) {
  const int threads = static_cast<int>(c.get_int("run.threads", 1, 1024));
  const fs::path out_dir = c.get_string("run.out_dir");
  const fs::path model_path = c.get_string("model.dynamics");
  const fs::path data_file = c.get_string("data.file");
  const auto split_seed = static_cast<std::uint64_t>(c.get_int("data.split_seed", 0, std::int64_t{1} << 62));
  const std::string name = c.get_string("export.name");
  const std::int64_t golden_snapshots = c.get_int("export.golden_snapshots", 1, 1000);
  const double tolerance = c.get_double("export.golden_tolerance", 1e-7, 1.0);
  c.check_all_used();
  set_threads(threads);

  LatentModel latent;
  TrainedTokenizer tokenizer;
  try {
    latent = load_latent_model(model_path);
    tokenizer = load_trained_tokenizer(latent.dynamics.tokenizer);
  } catch (const std::exception& e) {
    throw c.error("model.dynamics", "= \"" + model_path.string() + "\": " + e.what());
  }
  if (latent.dynamics.stage != "meso")
    throw c.error("model.dynamics", "= \"" + model_path.string() + "\" holds evolvers of stage '" +
                                        latent.dynamics.stage + "'; export the meso stage's (meso_model.pt)");
  DatasetTensors data;
  try {
    data = load_dataset(data_file);
  } catch (const std::exception& e) {
    throw c.error("data.file", "= \"" + data_file.string() + "\": " + e.what());
  }
  if (data.hash != latent.dynamics.data_hash)
    throw c.error("data.file", "= \"" + data_file.string() + "\" is not the set the model " +
                                   model_path.string() + " was fine-tuned on (data hash differs)");
  if (golden_snapshots > data.n_times - 1)
    throw c.error("export.golden_snapshots", "= " + std::to_string(golden_snapshots) +
                                                 " is more than the " + std::to_string(data.n_times - 1) +
                                                 " snapshot intervals of a run");

  ModelFile m;
  m.tokenizer = latent.tokenizer;
  m.tokenizer_options.channels = tokenizer_channels(tokenizer, latent.dynamics.tokenizer);
  m.tokenizer_options.latent_channels = tokenizer.latent_channels;
  m.dynamics = latent.dynamics.model;
  for (std::size_t f = 0; f < kFieldScales.size(); ++f) {
    const FieldScale& s = kFieldScales[f];
    m.normalisation[f] = {s.symbol, s.unit, s.lo, s.hi, s.clip};
  }
  m.void_cell = kVoidCell;
  m.nx = data.nx;
  m.ny = data.ny;
  m.height = data.fields.size(3);
  m.width = data.fields.size(4);
  m.dx_m = data.dx_m;
  m.snapshot_dt_s = data.snapshot_dt_s;
  m.latent_step_s = latent.dynamics.latent_step_s;
  m.steps_per_snapshot = latent.dynamics.steps_per_snapshot;
  m.data_hash = data.hash;
  m.tokenizer_data_hash = tokenizer.meta.text.at("data_hash");
  m.code_version = code_version();
  m.torch_version = TORCH_VERSION;

  // The golden pair: snapshot 0 of the first held-out run, the start of
  // every rollout the evaluation scores.
  const std::int64_t run = meso_split(static_cast<std::int64_t>(data.runs.size()), split_seed).test.front();
  m.golden.input = data.fields[run][0].clone();
  m.golden.pressure = data.shock_pressure[run].item<double>();
  m.golden.output = model_rollout(m, m.golden.input, m.golden.pressure, golden_snapshots);
  m.golden.tolerance = tolerance;
  m.latent_shape = {3 * tokenizer.latent_channels, m.height / kSpatialMultiple, m.width / kSpatialMultiple};
  // The file's rollout must be the trained model's as the evaluation runs it.
  const double vs_trained =
      (latent_rollout(latent, m.golden.input, m.golden.pressure, golden_snapshots, 0, 0).mean -
       m.golden.output).abs().max().item<double>();
  if (!(vs_trained <= tolerance))
    throw std::runtime_error("export: the exported rollout differs from the trained model's by " +
                             std::to_string(vs_trained));

  ExportReport report;
  report.file = out_dir / name;
  save_model_file(report.file, m);
  ModelFile reloaded = load_model_file(report.file);
  report.golden_difference =
      (model_rollout(reloaded, reloaded.golden.input, reloaded.golden.pressure, golden_snapshots) -
       reloaded.golden.output).abs().max().item<double>();
  log << "exported " << model_path.string() << " to " << report.file.string() << " ("
      << fs::file_size(report.file) / 1024 << " KiB); golden pair from "
      << data.runs[static_cast<std::size_t>(run)] << ", " << golden_snapshots
      << " snapshot interval(s); reloaded, self-test passed (largest difference "
      << report.golden_difference << ", tolerance " << tolerance << ")\n"
      << describe(reloaded);
  return report;
}

int export_command(const StageArgs& args) {
  if (args.resume) std::cout << "export has nothing to resume; exporting\n";
  const Config config = Config::from_file(args.config, args.overrides);
  run_export(config, std::cout);
  return 0;
}

}  // namespace ember::learn
