// Runs one check in a forked child so that a plugin that crashes, aborts or
// hangs fails that check instead of taking the checker down with it.
#pragma once

#include <functional>
#include <string>

namespace ember::check {

struct Outcome {
  bool pass = false;
  std::string detail;  // one line: what held, or what went wrong
};

// Runs body() in a child process with a time limit. body returns the outcome;
// a signal, an exit without a verdict or the time limit becomes a failure
// whose detail names it.
Outcome run_isolated(const std::function<Outcome()>& body, unsigned timeout_s);

}  // namespace ember::check
