// The strict TOML config of ember-train stages: every error names the file or
// override and the key; the torch-free helpers beside it (random orders,
// durations).
#include "config.hpp"
#include "progress.hpp"
#include "random_order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace ember::learn {
namespace {

const char* const kText = R"(
[train]
epochs = 40
learning_rate = 1e-3
[model]
channels = [8, 16, 32]
[loss]
reconstruction = "mse"
)";

// The message of the ConfigError that f throws.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ConfigError";
  return "";
}

TEST(LearnConfig, ReadsTypedValuesAndRecordsThem) {
  const Config c = Config::from_string(kText, "t.toml");
  EXPECT_EQ(c.get_int("train.epochs", 1, 100), 40);
  EXPECT_DOUBLE_EQ(c.get_double("train.learning_rate", 0, 1), 1e-3);
  EXPECT_EQ(c.get_int_array("model.channels", 1, 64, 3, 3), (std::vector<std::int64_t>{8, 16, 32}));
  EXPECT_EQ(c.get_choice("loss.reconstruction", {"mse", "mae"}), "mse");
  EXPECT_NO_THROW(c.check_all_used());
  const auto read = c.values_read();
  EXPECT_EQ(read.at("train.epochs"), "40");
  EXPECT_EQ(read.at("train.learning_rate"), "0.001");
  EXPECT_EQ(read.at("model.channels"), "[8, 16, 32]");
  EXPECT_EQ(read.at("loss.reconstruction"), "\"mse\"");
}

TEST(LearnConfig, IntegerIsAcceptedForADoubleNotTheOtherWayRound) {
  const Config c = Config::from_string("[a]\nx = 2\ny = 2.5\n", "t.toml");
  EXPECT_DOUBLE_EQ(c.get_double("a.x", 0, 10), 2.0);
  EXPECT_EQ(error_of([&] { c.get_int("a.y", 0, 10); }),
            "t.toml: key 'a.y' must be an integer, found float 2.5");
}

TEST(LearnConfig, ErrorsNameFileAndKey) {
  const Config c = Config::from_string(kText, "t.toml");
  EXPECT_EQ(error_of([&] { c.get_int("train.batch_size", 1, 10); }),
            "t.toml: missing key 'train.batch_size'");
  EXPECT_EQ(error_of([&] { c.get_int("train.epochs", 1, 10); }),
            "t.toml: key 'train.epochs' = 40 is outside [1, 10]");
  EXPECT_EQ(error_of([&] { c.get_string("train.epochs"); }),
            "t.toml: key 'train.epochs' must be a string, found integer 40");
  EXPECT_EQ(error_of([&] { c.get_choice("loss.reconstruction", {"mae", "huber"}); }),
            "t.toml: key 'loss.reconstruction' = \"mse\" is not one of mae, huber");
  EXPECT_EQ(error_of([&] { c.get_int_array("model.channels", 1, 64, 2, 2); }),
            "t.toml: key 'model.channels' has 3 elements, expected 2");
  EXPECT_EQ(error_of([&] { c.get_int_array("model.channels", 1, 10, 3, 3); }),
            "t.toml: key 'model.channels' element 1 is integer 16, expected an integer in [1, 10]");
  EXPECT_EQ(c.error("train.epochs", "is odd").what(), std::string("t.toml: key 'train.epochs' is odd"));
}

TEST(LearnConfig, NaNIsOutsideEveryRange) {
  const Config c = Config::from_string("[a]\nx = nan\n", "t.toml");
  EXPECT_EQ(error_of([&] { c.get_double("a.x", 0, 1); }), "t.toml: key 'a.x' = nan is outside [0, 1]");
}

TEST(LearnConfig, UnknownKeyIsNamedWithItsLineAndTheLikelyIntendedKey) {
  const Config c = Config::from_string("[train]\nepochs = 3\nepoch = 4\n", "t.toml");
  c.get_int("train.epochs", 1, 10);
  EXPECT_EQ(error_of([&] { c.check_all_used(); }),
            "t.toml:3: unknown key 'train.epoch' (did you mean 'train.epochs'?)");
  const Config top = Config::from_string("x = 1\n", "t.toml");
  EXPECT_EQ(error_of([&] { top.check_all_used(); }),
            "t.toml: key 'x' is outside every table (keys are table.key)");
}

TEST(LearnConfig, OverridesWinAndAreNamedInErrors) {
  const Config c = Config::from_string(
      kText, "t.toml", {"train.epochs=7", "run.out_dir=/tmp/x y", "train.epochz=1"});
  EXPECT_EQ(c.get_int("train.epochs", 1, 10), 7);
  EXPECT_EQ(c.get_string("run.out_dir"), "/tmp/x y");  // not TOML: taken as a bare string
  EXPECT_EQ(error_of([&] { c.get_int("train.epochs", 1, 5); }),
            "override 'train.epochs=7': key 'train.epochs' = 7 is outside [1, 5]");
  c.get_double("train.learning_rate", 0, 1);
  c.get_int_array("model.channels", 1, 64, 3, 3);
  c.get_string("loss.reconstruction");
  EXPECT_EQ(error_of([&] { c.check_all_used(); }),
            "override 'train.epochz=1': unknown key 'train.epochz' (did you mean 'train.epochs'?)");
  for (const char* bad : {"epochs=3", "train.epochs", "train.=3", ".x=1", "train.epochs="})
    EXPECT_NE(error_of([&] { Config::from_string(kText, "t.toml", {bad}); }).find("expected table.key=value"),
              std::string::npos)
        << bad;
}

TEST(LearnConfig, SyntaxErrorAndMissingFileAreNamed) {
  EXPECT_EQ(error_of([] { Config::from_string("[a]\nx = = 1\n", "t.toml"); }).rfind("t.toml:2:", 0), 0u);
  EXPECT_EQ(error_of([] { Config::from_file("/nonexistent/c.toml"); }),
            "/nonexistent/c.toml: cannot open the config file");
}

TEST(RandomOrder, IsAFixedPermutation) {
  const std::vector<std::int64_t> a = shuffled(50, 7);
  EXPECT_EQ(a, shuffled(50, 7));
  EXPECT_NE(a, shuffled(50, 8));
  std::vector<std::int64_t> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (std::int64_t i = 0; i < 50; ++i) EXPECT_EQ(sorted[static_cast<std::size_t>(i)], i);
  // The same on every machine: SplitMix64's published first output for seed 0.
  std::uint64_t state = 0;
  EXPECT_EQ(splitmix64(state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(epoch_order(20, 3, 5), epoch_order(20, 3, 5));
  EXPECT_NE(epoch_order(20, 3, 5), epoch_order(20, 3, 6));
}

TEST(Progress, FormatsDurations) {
  EXPECT_EQ(format_duration(42.4), "42 s");
  EXPECT_EQ(format_duration(185), "3 min 05 s");
  EXPECT_EQ(format_duration(3720), "1 h 02 min");
}

}  // namespace
}  // namespace ember::learn
