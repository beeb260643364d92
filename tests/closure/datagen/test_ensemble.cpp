// The ensemble over MPI ranks with a stand-in solver: every run computed
// once, finished runs skipped (not rewritten), interrupted runs redone, a
// folder of another spec refused, a failing run reported while the others
// finish, and a deterministic, balanced assignment.
#include "dataset_file.hpp"
#include "ensemble.hpp"
#include "synthetic_run.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace ember::datagen {
namespace {

namespace fs = std::filesystem;

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int n_ranks() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

int sum_over_ranks(int v) {
  int s = 0;
  MPI_Allreduce(&v, &s, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  return s;
}

// Three micro and two meso runs with distinct pressures (the stand-in solver
// recognises a run by its pressure).
std::vector<RunSpec> ensemble_runs() {
  std::vector<RunSpec> runs;
  for (int i = 0; i < 3; ++i) runs.push_back(test::small_run("micro", i));
  for (int i = 0; i < 2; ++i) runs.push_back(test::small_run("meso", i, 12, 8, 3));
  for (std::size_t k = 0; k < runs.size(); ++k)
    runs[k].spec.shock_pressure = 1e10 + 1e8 * static_cast<double>(k);
  return runs;
}

// What identifies a file's contents on disk: rewriting it changes the inode
// (a new file renamed into place) and the modification time.
struct Stamp {
  ino_t inode;
  long long mtime_ns;
  bool operator==(const Stamp& o) const { return inode == o.inode && mtime_ns == o.mtime_ns; }
};
Stamp stamp(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return {st.st_ino, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
}

class Ensemble : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder for all ranks, made by rank 0.
    std::string dir;
    if (rank() == 0) {
      scratch_ = std::make_unique<test::ScratchDir>(
          ::testing::UnitTest::GetInstance()->current_test_info()->name() + std::string("_np") +
          std::to_string(n_ranks()));
      dir = scratch_->path().string();
    }
    int n = static_cast<int>(dir.size());
    MPI_Bcast(&n, 1, MPI_INT, 0, MPI_COMM_WORLD);
    dir.resize(static_cast<std::size_t>(n));
    MPI_Bcast(dir.data(), n, MPI_CHAR, 0, MPI_COMM_WORLD);
    options_.out_dir = dir;
    options_.preset = "test";
    options_.progress = &progress_;
    runs_ = ensemble_runs();
  }

  void TearDown() override {
    MPI_Barrier(MPI_COMM_WORLD);  // every rank is done with the folder
    scratch_.reset();
  }

  EnsembleResult run(const RunFunction& solver) {
    progress_.str("");
    return run_ensemble(MPI_COMM_WORLD, runs_, solver, options_);
  }

  EnsembleResult run() { return run(test::fake_solver(runs_, &calls_)); }

  fs::path runs_dir() const { return options_.out_dir / "runs"; }

  std::unique_ptr<test::ScratchDir> scratch_;  // rank 0's
  std::vector<RunSpec> runs_;
  EnsembleOptions options_;
  std::ostringstream progress_;
  int calls_ = 0;  // runs computed on this rank
};

TEST_F(Ensemble, ComputesEveryRunOnceThenSkipsThemAll) {
  const EnsembleResult first = run();
  EXPECT_EQ(first.computed, 5);
  EXPECT_EQ(first.skipped, 0);
  EXPECT_TRUE(first.failures.empty());
  EXPECT_EQ(sum_over_ranks(calls_), 5);
  EXPECT_GT(calls_, 0) << "rank " << rank() << " got no run";
  // Each rank reported its own runs.
  std::size_t lines = 0;
  for (std::size_t p = progress_.str().find(" done in "); p != std::string::npos;
       p = progress_.str().find(" done in ", p + 1))
    ++lines;
  EXPECT_EQ(lines, static_cast<std::size_t>(calls_)) << progress_.str();
  if (rank() == 0) {
    EXPECT_NE(progress_.str().find("5 runs: 0 already complete (skipped), 5 to compute"),
              std::string::npos)
        << progress_.str();
  }

  ASSERT_EQ(first.merged.size(), 2u);
  EXPECT_EQ(first.merged[0], options_.out_dir / "micro.h5");
  EXPECT_EQ(first.merged[1], options_.out_dir / "meso.h5");
  EXPECT_EQ(DatasetReader(first.merged[0]).runs(),
            (std::vector<std::string>{"micro_0000", "micro_0001", "micro_0002"}));
  EXPECT_EQ(DatasetReader(first.merged[1]).runs(),
            (std::vector<std::string>{"meso_0000", "meso_0001"}));
  EXPECT_EQ(DatasetReader(first.merged[1]).info().preset, "test");

  std::map<std::string, Stamp> before;
  for (const RunSpec& r : runs_)
    before.emplace(run_name(r), stamp(run_file(runs_dir(), run_name(r))));
  MPI_Barrier(MPI_COMM_WORLD);  // every rank has looked before anyone may rewrite

  calls_ = 0;
  const EnsembleResult second = run();
  EXPECT_EQ(second.computed, 0);
  EXPECT_EQ(second.skipped, 5);
  EXPECT_EQ(sum_over_ranks(calls_), 0);
  for (const auto& [name, s] : before)
    EXPECT_TRUE(stamp(run_file(runs_dir(), name)) == s) << name << " was rewritten";
  EXPECT_EQ(second.merged.size(), 2u);
}

TEST_F(Ensemble, TmpLeftByAnInterruptedRunIsRedone) {
  run();
  MPI_Barrier(MPI_COMM_WORLD);
  const Stamp kept = stamp(run_file(runs_dir(), "micro_0000"));
  if (rank() == 0) {
    // micro_0001 interrupted: its final file never appeared, a .tmp did.
    fs::remove(run_file(runs_dir(), "micro_0001"));
    std::ofstream(tmp_file(runs_dir(), "micro_0001")) << "half-written";
  }
  MPI_Barrier(MPI_COMM_WORLD);
  calls_ = 0;
  const EnsembleResult again = run();
  EXPECT_EQ(again.computed, 1);
  EXPECT_EQ(again.skipped, 4);
  EXPECT_EQ(sum_over_ranks(calls_), 1);
  EXPECT_FALSE(fs::exists(tmp_file(runs_dir(), "micro_0001")));
  EXPECT_TRUE(DatasetReader(run_file(runs_dir(), "micro_0001")).attributes("micro_0001").complete);
  EXPECT_TRUE(stamp(run_file(runs_dir(), "micro_0000")) == kept);
}

TEST_F(Ensemble, FinishedRunOfAnotherSpecIsAnErrorNamingTheFile) {
  run();
  MPI_Barrier(MPI_COMM_WORLD);
  runs_[2].spec.shock_pressure *= 1.5;  // micro_0002 now means another run
  calls_ = 0;
  try {
    run();
    FAIL() << "a folder holding another micro_0002 was accepted";
  } catch (const EnsembleError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(run_file(runs_dir(), "micro_0002").string()), std::string::npos) << what;
    EXPECT_NE(what.find("different spec"), std::string::npos) << what;
    EXPECT_EQ(what.find("micro_0001"), std::string::npos) << what;
  }
  EXPECT_EQ(sum_over_ranks(calls_), 0);  // refused before any run started
  for (const RunSpec& r : runs_) EXPECT_TRUE(fs::exists(run_file(runs_dir(), run_name(r))));
}

TEST_F(Ensemble, FailingRunIsReportedWhileTheOthersFinish) {
  const RunFunction solver = test::fake_solver(runs_, &calls_);
  const double bad_pressure = runs_[4].spec.shock_pressure;  // meso_0001
  const RunFunction failing = [&](MPI_Comm comm, const hydro::VoidCaseSpec& spec,
                                  const SnapshotSink& sink) {
    if (spec.shock_pressure != bad_pressure) return solver(comm, spec, sink);
    sink(test::snapshot(runs_[4], 0));
    throw std::runtime_error("solver diverged at t = 0.1 ns in cell (3, 4)");
  };
  const EnsembleResult r = run(failing);
  EXPECT_EQ(r.computed, 4);
  EXPECT_EQ(r.failed_runs, std::vector<std::string>{"meso_0001"});
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_NE(r.failures[0].find("run meso_0001 failed on rank "), std::string::npos)
      << r.failures[0];
  EXPECT_NE(r.failures[0].find("cell (3, 4)"), std::string::npos) << r.failures[0];
  EXPECT_EQ(r.merged, std::vector<fs::path>{options_.out_dir / "micro.h5"});
  EXPECT_EQ(r.unmerged_sets, std::vector<std::string>{"meso"});
  EXPECT_FALSE(fs::exists(options_.out_dir / "meso.h5"));
  EXPECT_TRUE(fs::exists(tmp_file(runs_dir(), "meso_0001")));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(fs::exists(run_file(runs_dir(), run_name(runs_[i]))));
  // The failing rank printed the failure with the run's name.
  const int printed = progress_.str().find("meso_0001 FAILED") != std::string::npos ? 1 : 0;
  EXPECT_EQ(sum_over_ranks(printed), 1);

  // Running again redoes only the failed run and merges the meso set.
  MPI_Barrier(MPI_COMM_WORLD);
  calls_ = 0;
  const EnsembleResult again = run();
  EXPECT_EQ(again.computed, 1);
  EXPECT_EQ(again.skipped, 4);
  EXPECT_TRUE(again.failures.empty());
  EXPECT_EQ(sum_over_ranks(calls_), 1);
  EXPECT_FALSE(fs::exists(tmp_file(runs_dir(), "meso_0001")));
  EXPECT_EQ(DatasetReader(options_.out_dir / "meso.h5").runs().size(), 2u);
}

TEST_F(Ensemble, DuplicateRunNamesAreRefused) {
  runs_.push_back(runs_[0]);
  try {
    run();
    FAIL() << "two micro_0000 accepted";
  } catch (const EnsembleError& e) {
    EXPECT_NE(std::string(e.what()).find("micro_0000 appears twice"), std::string::npos)
        << e.what();
  }
}

TEST(AssignRuns, LargestFirstToTheLeastLoadedRankDeterministically) {
  // Costs ∝ 8, 7, 6, 5, 4, 3 (cells, at one pressure) for indices 0 … 5;
  // index 2 is done.
  std::vector<RunSpec> runs;
  for (int i = 0; i < 6; ++i) {
    runs.push_back(test::small_run("micro", i, 8 - i, 1, 2));
    runs.back().spec.shock_pressure = 1e10;
  }
  const std::vector<bool> todo = {true, true, false, true, true, true};
  const auto a = assign_runs(runs, todo, 2);
  ASSERT_EQ(a.size(), 2u);
  // 8 → rank 0; 7 → rank 1; 5 → rank 1 (7 < 8); 4 → rank 0 (8 < 12); 3 → rank 0 (12 = 12).
  EXPECT_EQ(a[0], (std::vector<std::size_t>{0, 4, 5}));
  EXPECT_EQ(a[1], (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(assign_runs(runs, todo, 2), a);
  // Equal costs go by name.
  std::vector<RunSpec> same = {test::small_run("meso", 1), test::small_run("meso", 0),
                               test::small_run("micro", 0)};
  for (RunSpec& r : same) r.spec.shock_pressure = 1e10;
  const auto b = assign_runs(same, {true, true, true}, 3);
  EXPECT_EQ(b[0], std::vector<std::size_t>{1});
  EXPECT_EQ(b[1], std::vector<std::size_t>{0});
  EXPECT_EQ(b[2], std::vector<std::size_t>{2});
  // At equal grids the stronger shock (more steps) goes first.
  same[2].spec.shock_pressure = 2e10;
  EXPECT_EQ(assign_runs(same, {true, true, true}, 3)[0], std::vector<std::size_t>{2});
  // More ranks than runs: some ranks get none.
  const auto c = assign_runs(runs, todo, 8);
  std::size_t assigned = 0;
  for (const auto& r : c) assigned += r.size();
  EXPECT_EQ(assigned, 5u);
}

}  // namespace
}  // namespace ember::datagen
