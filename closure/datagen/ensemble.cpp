#include "ensemble.hpp"

#include "dataset_file.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

namespace ember::datagen {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string duration_text(double s) {
  char buf[32];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%.1f s", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%d min %02d s", static_cast<int>(s) / 60,
                  static_cast<int>(s) % 60);
  else
    std::snprintf(buf, sizeof buf, "%d h %02d min", static_cast<int>(s) / 3600,
                  static_cast<int>(s) % 3600 / 60);
  return buf;
}

void broadcast(MPI_Comm comm, std::string& s) {
  int n = static_cast<int>(s.size());
  MPI_Bcast(&n, 1, MPI_INT, 0, comm);
  s.resize(static_cast<std::size_t>(n));
  MPI_Bcast(s.data(), n, MPI_CHAR, 0, comm);
}

// Runs f on rank 0; an exception there becomes an EnsembleError on every rank.
template <class F>
void on_root(MPI_Comm comm, F&& f) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::string error;
  if (rank == 0) {
    try {
      f();
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "unknown error";
    }
  }
  broadcast(comm, error);
  if (!error.empty()) throw EnsembleError(error);
}

// Every rank's strings, concatenated in rank order, on every rank.
std::vector<std::string> all_gather(MPI_Comm comm, const std::vector<std::string>& mine) {
  std::string packed;
  for (const std::string& s : mine) packed.append(s).push_back('\0');
  int size = 1;
  MPI_Comm_size(comm, &size);
  int n = static_cast<int>(packed.size());
  std::vector<int> counts(static_cast<std::size_t>(size)), displs(counts.size());
  MPI_Allgather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
  int total = 0;
  for (std::size_t r = 0; r < counts.size(); ++r) {
    displs[r] = total;
    total += counts[r];
  }
  std::string all(static_cast<std::size_t>(total), '\0');
  MPI_Allgatherv(packed.data(), n, MPI_CHAR, all.data(), counts.data(), displs.data(), MPI_CHAR,
                 comm);
  std::vector<std::string> out;
  for (std::size_t b = 0, e; b < all.size(); b = e + 1) {
    e = all.find('\0', b);
    out.push_back(all.substr(b, e - b));
  }
  return out;
}

std::vector<std::string> names_of(const std::vector<RunSpec>& runs) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const RunSpec& r : runs) {
    try {
      names.push_back(run_name(r));
    } catch (const std::exception& e) {
      throw EnsembleError(e.what());
    }
    if (!seen.insert(names.back()).second)
      throw EnsembleError("run " + names.back() + " appears twice in the ensemble");
  }
  return names;
}

// Rank 0's look at the folder (run_ensemble, step 1): which runs to compute.
std::vector<bool> runs_to_do(const fs::path& runs_dir, const std::vector<RunSpec>& runs,
                             const std::vector<std::string>& names) {
  std::vector<bool> todo(runs.size(), true);
  std::vector<std::string> errors;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    fs::remove(tmp_file(runs_dir, names[i]));  // an interrupted run: redo it
    const fs::path done = run_file(runs_dir, names[i]);
    if (!fs::exists(done)) continue;
    try {
      const RunAttributes a = DatasetReader(done).attributes(names[i]);
      const std::string expected = spec_hash(runs[i]);
      if (!a.complete)
        errors.push_back("'" + done.string() + "': run " + names[i] + " is not complete");
      else if (a.spec_hash != expected)
        errors.push_back("'" + done.string() + "': run " + names[i] +
                         " was made from a different spec (spec_hash " + a.spec_hash +
                         ", this run's is " + expected + ")");
      else
        todo[i] = false;
    } catch (const std::exception& e) {
      errors.push_back(e.what());
    }
  }
  if (!errors.empty()) {
    std::string msg =
        "finished runs in '" + runs_dir.string() + "' do not belong to this ensemble:";
    for (const std::string& e : errors) msg += "\n  " + e;
    throw std::runtime_error(msg + "\nwrite to another folder, or delete these files");
  }
  return todo;
}

}  // namespace

std::vector<std::vector<std::size_t>> assign_runs(const std::vector<RunSpec>& runs,
                                                  const std::vector<bool>& todo, int n_ranks) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < runs.size(); ++i)
    if (todo[i]) order.push_back(i);
  std::vector<double> cost(runs.size());
  std::vector<std::string> names(runs.size());
  for (std::size_t i : order) {
    cost[i] = estimated_cost(runs[i]);
    names[i] = run_name(runs[i]);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return cost[a] != cost[b] ? cost[a] > cost[b] : names[a] < names[b];
  });
  std::vector<std::vector<std::size_t>> assigned(static_cast<std::size_t>(n_ranks));
  std::vector<double> load(assigned.size(), 0.0);
  for (std::size_t i : order) {
    const std::size_t r =
        static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    assigned[r].push_back(i);
    load[r] += cost[i];
  }
  return assigned;
}

EnsembleResult run_ensemble(MPI_Comm comm, const std::vector<RunSpec>& runs, const RunFunction& run,
                            const EnsembleOptions& options) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const std::vector<std::string> names = names_of(runs);
  const fs::path runs_dir = options.out_dir / "runs";
  auto say = [&](const std::string& line) {
    if (options.progress != nullptr) *options.progress << line << std::endl;
  };

  // 1. What is left to do.
  std::vector<bool> todo;
  on_root(comm, [&] {
    fs::create_directories(runs_dir);
    todo = runs_to_do(runs_dir, runs, names);
  });
  std::vector<int> todo_flags(runs.size());
  for (std::size_t i = 0; i < todo.size(); ++i) todo_flags[i] = todo[i] ? 1 : 0;
  MPI_Bcast(todo_flags.data(), static_cast<int>(todo_flags.size()), MPI_INT, 0, comm);
  todo.assign(todo_flags.begin(), todo_flags.end());
  EnsembleResult result;
  result.skipped = static_cast<int>(std::count(todo.begin(), todo.end(), false));
  if (rank == 0)
    say(std::to_string(runs.size()) + " runs: " + std::to_string(result.skipped) +
        " already complete (skipped), " + std::to_string(runs.size() - result.skipped) +
        " to compute on " + std::to_string(size) + " rank(s), in '" + options.out_dir.string() +
        "'");

  // 2. This rank's runs.
  const std::vector<std::size_t> mine =
      assign_runs(runs, todo, size)[static_cast<std::size_t>(rank)];
  double cost_left = 0.0, cost_done = 0.0;
  for (std::size_t i : mine) cost_left += estimated_cost(runs[i]);
  std::vector<std::string> failed, failures;
  int computed = 0;
  const Clock::time_point t_rank = Clock::now();
  for (std::size_t k = 0; k < mine.size(); ++k) {
    const std::size_t i = mine[k];
    const Clock::time_point t_run = Clock::now();
    std::ostringstream line;
    line << "[rank " << rank << "] " << names[i];
    try {
      RunWriter writer(runs_dir, runs[i]);
      const hydro::VoidCaseInfo info =
          run(MPI_COMM_SELF, runs[i].spec, [&](const hydro::VoidSnapshot& s) { writer.append(s); });
      writer.finish(info);
      ++computed;
      line << " done in " << duration_text(seconds_since(t_run)) << ", " << info.steps << " steps";
    } catch (const std::exception& e) {
      failed.push_back(names[i]);
      failures.push_back("run " + names[i] + " failed on rank " + std::to_string(rank) + ": " +
                         e.what());
      line << " FAILED after " << duration_text(seconds_since(t_run)) << ": " << e.what();
    }
    const double c = estimated_cost(runs[i]);
    cost_done += c;
    cost_left -= c;
    line << " (" << k + 1 << "/" << mine.size() << " on this rank";
    // Queues are balanced by cost, so rank 0's ETA is about the job's.
    if (rank == 0 && k + 1 < mine.size() && cost_done > 0)
      line << ", ETA " << duration_text(seconds_since(t_rank) / cost_done * cost_left);
    line << ")";
    say(line.str());
  }

  // Everyone learns every outcome.
  int total_computed = 0;
  MPI_Allreduce(&computed, &total_computed, 1, MPI_INT, MPI_SUM, comm);
  result.computed = total_computed;
  result.failed_runs = all_gather(comm, failed);
  result.failures = all_gather(comm, failures);
  std::sort(result.failed_runs.begin(), result.failed_runs.end());
  std::sort(result.failures.begin(), result.failures.end());

  // 3. Merge the sets that are whole.
  std::vector<std::string> sets;
  std::map<std::string, std::vector<std::string>> members;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (members.count(runs[i].set) == 0) sets.push_back(runs[i].set);
    members[runs[i].set].push_back(names[i]);
  }
  const std::set<std::string> failed_set(result.failed_runs.begin(), result.failed_runs.end());
  std::vector<std::string> whole;
  for (const std::string& set : sets) {
    const std::vector<std::string>& m = members[set];
    if (std::any_of(m.begin(), m.end(), [&](const std::string& n) { return failed_set.count(n); }))
      result.unmerged_sets.push_back(set);
    else
      whole.push_back(set);
  }
  on_root(comm, [&] {
    for (const std::string& set : whole)
      say("merged " + merge_set(options.out_dir, set, members[set], options.preset).string());
  });
  for (const std::string& set : whole) result.merged.push_back(options.out_dir / (set + ".h5"));
  return result;
}

}  // namespace ember::datagen
