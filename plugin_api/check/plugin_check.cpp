// ember-plugin-check: does a closure plugin honour the ember ABI?
//
//   ember-plugin-check PLUGIN.so MODEL [--dt SECONDS] [--threads N] [--only NAME]
//
// Prints one PASS or FAIL line per property and exits 0 only if all hold.
// Each property runs in its own process, so a crash fails that property only.
#include "properties.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

namespace {

int usage(const char* why) {
  std::fprintf(stderr,
               "ember-plugin-check: %s\n"
               "usage: ember-plugin-check PLUGIN.so MODEL [--dt SECONDS] [--threads N] "
               "[--only PROPERTY]\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ember::check;
  Options opt;
  std::string only;
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--dt" && has_value) {
      char* end = nullptr;
      opt.dt = std::strtod(argv[++i], &end);
      if (*end != '\0' || !(opt.dt > 0.0)) return usage("--dt needs a positive number of seconds");
    } else if (arg == "--threads" && has_value) {
      opt.threads = std::atoi(argv[++i]);
      if (opt.threads < 2 || opt.threads > 64) return usage("--threads needs 2..64");
    } else if (arg == "--only" && has_value) {
      only = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      return usage(("unknown option " + arg).c_str());
    } else if (positional == 0) {
      opt.plugin = arg;
      ++positional;
    } else if (positional == 1) {
      opt.model = arg;
      ++positional;
    } else {
      return usage(("unexpected argument " + arg).c_str());
    }
  }
  if (positional != 2) return usage("need a plugin and a model file");

  std::printf("ember-plugin-check: plugin %s, model %s, dt %g s\n", opt.plugin.c_str(),
              opt.model.c_str(), opt.dt);
  int held = 0, run = 0;
  bool loads = true;
  for (const Property& p : properties()) {
    if (!only.empty() && only != p.name) continue;
    ++run;
    if (!loads) {
      std::printf("FAIL  %-22s not run: the plugin does not load\n", p.name);
      continue;
    }
    Outcome o = run_isolated(
        [&] {
          try {
            return p.run(opt);
          } catch (const std::exception& e) {
            return Outcome{false, std::string("could not set up: ") + e.what()};
          }
        },
        opt.timeout_s);
    if (!o.pass && p.crash_context[0] != '\0' && o.detail.rfind("crashed", 0) == 0)
      o.detail += " " + std::string(p.crash_context);
    held += o.pass;
    loads = o.pass || std::strcmp(p.name, "abi-version") != 0;
    std::printf("%s  %-22s %s\n", o.pass ? "PASS" : "FAIL", p.name, o.detail.c_str());
    std::fflush(stdout);
  }
  if (run == 0) return usage(("no property named " + only).c_str());
  std::printf("ember-plugin-check: %d of %d properties hold; %s\n", held, run,
              held == run ? "conforming" : "NOT conforming");
  return held == run ? 0 : 1;
}
