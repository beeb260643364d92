// The summary of a merged synthetic set: root attributes and one line per run
// with the values the synthetic run was given.
#include "dataset_file.hpp"
#include "summary.hpp"
#include "synthetic_run.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace ember::datagen {
namespace {

namespace fs = std::filesystem;

// The words of the summary's line for `run`.
std::vector<std::string> row_of(const std::string& summary, const std::string& run) {
  std::istringstream lines(summary);
  std::vector<std::string> row;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(run + " ", 0) == 0) {
      std::istringstream words(line);
      for (std::string w; words >> w;) row.push_back(w);
    }
  return row;
}

TEST(Summary, MergedSet) {
  const test::ScratchDir scratch("summary");
  const fs::path& dir = scratch.path();
  fs::create_directories(dir / "runs");
  for (int i = 0; i < 2; ++i) {
    const RunSpec r = test::small_run("micro", i);
    RunWriter w(dir / "runs", r);
    for (int k = 0; k < r.spec.n_snapshots; ++k) w.append(test::snapshot(r, k));
    w.finish(test::info(r));
  }
  const fs::path set = merge_set(dir, "micro", {"micro_0000", "micro_0001"}, "tiny");
  std::ostringstream out;
  write_summary(out, set);
  const std::string s = out.str();
  for (const char* part : {"schema_version 1", "kind           set", "set            micro",
                           "preset         tiny", "runs           2"})
    EXPECT_NE(s.find(part), std::string::npos) << "'" << part << "' not in:\n" << s;
  // micro_0001: 11 GPa, porosity 0.05, 1 void, 8x6, 4/4 snapshots, peak T_hs
  // 900 + 50·3 = 1050 K, final A_hs 0.02·9 = 0.18 µm², final reacted 3e-4.
  EXPECT_EQ(row_of(s, "micro_0001"),
            (std::vector<std::string>{"micro_0001", "11.00", "0.0500", "1", "8x6", "4/4", "1050.0",
                                      "0.18", "0.0003", "yes"}))
      << s;
}

TEST(Summary, RunThatWasNeverHotShowsADash) {
  const test::ScratchDir scratch("summary_cold");
  const fs::path& dir = scratch.path();
  const RunSpec r = test::small_run("meso", 0, 8, 6, 1);
  RunWriter w(dir, r);
  w.append(test::snapshot(r, 0));  // T_hs is NaN at k = 0
  const fs::path file = w.finish(test::info(r));
  std::ostringstream out;
  write_summary(out, file);
  EXPECT_EQ(row_of(out.str(), "meso_0000"),
            (std::vector<std::string>{"meso_0000", "10.00", "0.0500", "1", "8x6", "1/1", "-", "0",
                                      "0", "yes"}))
      << out.str();
}

}  // namespace
}  // namespace ember::datagen
