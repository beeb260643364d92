// The C, C++ and Fortran host examples evaluate the same batch through the
// same plugin and must print bitwise the same numbers: the ABI means the same
// thing in all three languages.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct HostRun {
  int exit_code = -1;
  std::vector<std::vector<double>> cells;  // per cell: status, then values
};

HostRun run_host(const std::string& exe) {
  HostRun r;
  const std::string cmd = exe + " " + EMBER_IG_PLUGIN_PATH + " " + EMBER_IG_MODEL_PATH;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char line[8192];
  while (std::fgets(line, sizeof line, p) != nullptr) {
    std::istringstream in(line);
    std::string word;
    in >> word;
    if (word != "cell") continue;
    long index = 0;
    in >> index;
    std::vector<double> values;
    std::string tok;
    while (in >> tok) values.push_back(std::strtod(tok.c_str(), nullptr));
    r.cells.push_back(values);
  }
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

void expect_same(const HostRun& a, const HostRun& b, const char* name) {
  ASSERT_EQ(a.cells.size(), b.cells.size()) << name;
  for (size_t i = 0; i < a.cells.size(); ++i) {
    ASSERT_EQ(a.cells[i].size(), b.cells[i].size()) << name << " cell " << i;
    for (size_t k = 0; k < a.cells[i].size(); ++k)
      EXPECT_EQ(a.cells[i][k], b.cells[i][k]) << name << " cell " << i << " value " << k;
  }
}

}  // namespace

TEST(HostExamples, CFortranAndCxxPrintTheSameNumbers) {
  const HostRun cxx = run_host(EMBER_HOST_CPP);
  const HostRun c = run_host(EMBER_HOST_C);
  const HostRun f = run_host(EMBER_HOST_FORTRAN);
  ASSERT_EQ(cxx.exit_code, 0);
  ASSERT_EQ(c.exit_code, 0);
  ASSERT_EQ(f.exit_code, 0);
  // 8 cells: status, 3 inputs, 3 outputs, 1 state value.
  ASSERT_EQ(cxx.cells.size(), 8u);
  for (const auto& cell : cxx.cells) ASSERT_EQ(cell.size(), 8u);
  expect_same(cxx, c, "C host");
  expect_same(cxx, f, "Fortran host");
  // Not a vacuous agreement: shocked cells burn, the ambient one does not.
  EXPECT_EQ(cxx.cells[0][4], 0.0);
  EXPECT_GT(cxx.cells[1][4], 1e6);
}
