// Runs a list of void-collapse runs over the ranks of a communicator, one run
// per rank at a time on MPI_COMM_SELF, writing each to its own file, then
// merges every set. Resumable: see run_ensemble.
#pragma once

#include "run_spec.hpp"

#include <mpi.h>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember::datagen {

// What computes one run: hydro::run_void_case, or a stand-in in the tests.
using SnapshotSink = std::function<void(const hydro::VoidSnapshot&)>;
using RunFunction =
    std::function<hydro::VoidCaseInfo(MPI_Comm, const hydro::VoidCaseSpec&, const SnapshotSink&)>;

// Thrown alike on every rank of the communicator, so that a caller can report
// it once and return without leaving a rank waiting in a collective.
class EnsembleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct EnsembleOptions {
  std::filesystem::path out_dir;     // per-run files in out_dir/runs, sets in out_dir/<set>.h5
  std::string preset;                // recorded in the merged files
  std::ostream* progress = nullptr;  // one line per run from every rank; headers from rank 0
};

// The same on every rank.
struct EnsembleResult {
  int computed = 0;                   // runs computed by this call, successfully
  int skipped = 0;                    // runs already complete with the same spec_hash
  std::vector<std::string> failures;  // "run <name> failed on rank <r>: <what>", by run name
  std::vector<std::string> failed_runs;
  std::vector<std::filesystem::path> merged;  // the set files written
  std::vector<std::string> unmerged_sets;     // sets left unmerged because a run failed
};

// Which rank computes which of the runs marked in `todo` (indices into
// runs): longest estimated_cost first, each to the least loaded rank (lowest
// rank on ties); equal costs are ordered by run name. Deterministic.
std::vector<std::vector<std::size_t>> assign_runs(const std::vector<RunSpec>& runs,
                                                  const std::vector<bool>& todo, int n_ranks);

// Collective over comm; every rank passes the same runs and options.
//  1. Rank 0 looks at every run's files: <name>.h5.tmp (an interrupted run)
//     is deleted and the run redone; <name>.h5 complete with the same
//     spec_hash is skipped; <name>.h5 of a different spec_hash, incomplete or
//     unreadable is an EnsembleError naming the file (pick another out_dir),
//     raised before any run starts.
//  2. The runs left are computed (assign_runs) by `run` on MPI_COMM_SELF.
//     An exception in a run is printed to stderr at once with the run's name
//     and rank, its .tmp is left behind, and the rank goes on with its next
//     run; finished runs are never deleted.
//  3. Rank 0 merges each set none of whose runs failed (merge_set).
// Throws EnsembleError for duplicate run names and for file-system or merge
// errors; failed runs are reported in the result, not thrown.
EnsembleResult run_ensemble(MPI_Comm comm, const std::vector<RunSpec>& runs, const RunFunction& run,
                            const EnsembleOptions& options);

}  // namespace ember::datagen
