// The host-side loader refuses what it must, with messages naming the file.
#include "ember/plugin_loader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace {

std::string open_error(const char* path) {
  char err[1024] = {0};
  ember_plugin* p = ember_plugin_open(path, err, sizeof err);
  EXPECT_EQ(p, nullptr) << path << " was accepted";
  ember_plugin_close(p);
  return err;
}

}  // namespace

TEST(Loader, OpensTheReferencePlugin) {
  char err[1024] = {0};
  ember_plugin* p = ember_plugin_open(EMBER_IG_PLUGIN_PATH, err, sizeof err);
  ASSERT_NE(p, nullptr) << err;
  const ember_closure_api* api = ember_plugin_api(p);
  EXPECT_EQ(api->abi_major, EMBER_CLOSURE_ABI_MAJOR);
  EXPECT_EQ(std::string(api->plugin_name), "ember_ignition_growth");
  EXPECT_EQ(std::string(ember_plugin_path(p)), EMBER_IG_PLUGIN_PATH);
  ember_plugin_close(p);
}

TEST(Loader, RefusesAMissingFileNamingIt) {
  const std::string e = open_error("/nonexistent/libnothing.so");
  EXPECT_NE(e.find("cannot load closure plugin '/nonexistent/libnothing.so'"), std::string::npos) << e;
}

TEST(Loader, RefusesAnEmptyPath) { EXPECT_EQ(open_error(""), "plugin path is empty"); }

TEST(Loader, RefusesALibraryWithoutTheEntryPoint) {
  const std::string e = open_error(EMBER_BROKEN_NO_ENTRY);
  EXPECT_NE(e.find("is not an ember closure plugin"), std::string::npos) << e;
  EXPECT_NE(e.find(EMBER_BROKEN_NO_ENTRY), std::string::npos) << e;
  EXPECT_NE(e.find("ember_closure_get_api"), std::string::npos) << e;
}

TEST(Loader, RefusesAnotherMajorVersion) {
  const std::string e = open_error(EMBER_BROKEN_WRONG_MAJOR);
  EXPECT_NE(e.find("implements ABI 2.0 but this host speaks ABI 1."), std::string::npos) << e;
  EXPECT_NE(e.find(EMBER_BROKEN_WRONG_MAJOR), std::string::npos) << e;
}

TEST(Loader, TruncatesMessagesSafely) {
  char err[8];
  std::memset(err, 'x', sizeof err);
  EXPECT_EQ(ember_plugin_open("/nonexistent/libnothing.so", err, sizeof err), nullptr);
  EXPECT_EQ(std::strlen(err), sizeof err - 1);
  EXPECT_EQ(ember_plugin_open("/nonexistent/libnothing.so", nullptr, 0), nullptr);
}

TEST(Loader, NullHandlesAreHarmless) {
  EXPECT_EQ(ember_plugin_api(nullptr), nullptr);
  EXPECT_EQ(ember_plugin_path(nullptr), nullptr);
  ember_plugin_close(nullptr);
}
