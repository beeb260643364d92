// The header-only C++ wrapper: RAII lifetimes and errors turned into
// exceptions that name the file.
#include "ember/closure.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

namespace {

std::shared_ptr<const ember::Plugin> plugin() { return ember::Plugin::open(EMBER_IG_PLUGIN_PATH); }

// One shocked cell through a workspace; returns reaction_rate.
double rate_of(ember::Workspace& ws, const ember::Model& m, double rho, double p, double lam) {
  const double in[3] = {rho, p, lam};
  std::vector<const double*> inputs(m.inputs().size(), nullptr);
  inputs[static_cast<size_t>(ember::Model::index_of(m.inputs(), "density"))] = &in[0];
  inputs[static_cast<size_t>(ember::Model::index_of(m.inputs(), "pressure"))] = &in[1];
  inputs[static_cast<size_t>(ember::Model::index_of(m.inputs(), "reaction_progress"))] = &in[2];
  double rate = -1.0, s_old = 0.0, s_new = -1.0;
  std::vector<double*> outputs(m.outputs().size(), nullptr);
  outputs[static_cast<size_t>(ember::Model::index_of(m.outputs(), "reaction_rate"))] = &rate;
  int32_t status = -1;
  ember_batch b = ember::make_batch(1, 1e-9);
  b.inputs = inputs.data();
  b.outputs = outputs.data();
  b.state_old = &s_old;
  b.state_new = &s_new;
  b.cell_status = &status;
  EXPECT_EQ(ws.evaluate(b), EMBER_OK) << ws.error();
  EXPECT_EQ(status, EMBER_CELL_OK);
  return rate;
}

}  // namespace

TEST(Wrapper, LoadFailureThrowsNamingTheFile) {
  try {
    ember::Plugin::open("/nonexistent/libnothing.so");
    FAIL() << "no exception";
  } catch (const ember::ClosureError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/libnothing.so"), std::string::npos);
  }
}

TEST(Wrapper, ModelFileErrorThrowsWithStatusAndPath) {
  try {
    ember::Model m(plugin(), "/nonexistent/model.toml");
    FAIL() << "no exception";
  } catch (const ember::ClosureError& e) {
    EXPECT_EQ(e.status(), EMBER_ERR_MODEL_FILE);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/model.toml"), std::string::npos) << e.what();
  }
}

TEST(Wrapper, DescribesTheModel) {
  ember::Model m(plugin(), EMBER_IG_MODEL_PATH);
  EXPECT_EQ(m.plugin().name(), "ember_ignition_growth");
  EXPECT_EQ(m.info().data_sha256.size(), 64u);
  EXPECT_FALSE(m.info().code_version.empty());
  EXPECT_EQ(ember::Model::index_of(m.inputs(), "pressure"), 1);
  EXPECT_EQ(ember::Model::index_of(m.inputs(), "temperature"), -1);
  EXPECT_TRUE(m.outputs().at(0).required);
}

TEST(Wrapper, WorkspaceKeepsItsModelAndPluginAlive) {
  std::optional<ember::Workspace> ws;
  double expected = 0.0;
  {
    ember::Model m(plugin(), EMBER_IG_MODEL_PATH);
    ember::Workspace w = m.workspace();
    expected = rate_of(w, m, 2600.0, 10e9, 0.3);
    ws.emplace(std::move(w));
  }
  // The Model object and the caller's Plugin pointer are gone; the handle lives on.
  ember::Model probe(plugin(), EMBER_IG_MODEL_PATH);
  EXPECT_EQ(rate_of(*ws, probe, 2600.0, 10e9, 0.3), expected);
  EXPECT_GT(expected, 0.0);
}

TEST(Wrapper, MovedFromWorkspaceIsInertAndMoveAssignmentSwaps) {
  ember::Model m(plugin(), EMBER_IG_MODEL_PATH);
  ember::Workspace a = m.workspace();
  ember::Workspace b = std::move(a);
  EXPECT_EQ(a.handle(), nullptr);  // NOLINT(bugprone-use-after-move): documented state
  EXPECT_NE(b.handle(), nullptr);
  ember::Workspace c = m.workspace();
  ember_workspace* hc = c.handle();
  c = std::move(b);
  EXPECT_NE(c.handle(), hc);
}

TEST(Wrapper, BadBatchThrowsWithTheWorkspaceMessage) {
  ember::Model m(plugin(), EMBER_IG_MODEL_PATH);
  ember::Workspace ws = m.workspace();
  ember_batch b = ember::make_batch(4, -1.0);
  try {
    ws.evaluate(b);
    FAIL() << "no exception";
  } catch (const ember::ClosureError& e) {
    EXPECT_EQ(e.status(), EMBER_ERR_BAD_ARGUMENT);
    EXPECT_NE(std::string(e.what()).find("dt = "), std::string::npos) << e.what();
  }
}
