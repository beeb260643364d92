// The conformance properties of ember closure plugins.
#pragma once

#include "isolated_run.hpp"

#include <string>
#include <vector>

namespace ember::check {

struct Options {
  std::string plugin;
  std::string model;
  double dt = 1e-9;  // s: a macro step of a shock hydrocode
  int threads = 4;
  unsigned timeout_s = 120;
};

struct Property {
  const char* name;
  const char* summary;
  Outcome (*run)(const Options&);
  const char* crash_context;  // what the check was doing, for a crash report
};

const std::vector<Property>& properties();

}  // namespace ember::check
