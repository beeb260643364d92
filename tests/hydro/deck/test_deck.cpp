// The input-deck layer of hydro_mini: typed getters, command-line overrides,
// arrays of tables, echo, and the exact messages that stop a bad run.
#include "io/deck.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {

using ember::hydro::Deck;
using ember::hydro::DeckError;

const std::string kData = EMBER_DECK_TEST_DATA;
const std::string kSod = kData + "/sod.toml";

// The message of the DeckError that f throws ("" and a failure if none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const DeckError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a DeckError";
  return "";
}

::testing::AssertionResult contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << part << "' not in:\n" << text;
}

const char* const kSmall = R"(
[mesh]
nx = 64
x_max = 2.5

[time]
cfl = 0.5

[hydro]
riemann = "hllc"
)";

// ---- typed getters --------------------------------------------------------------

TEST(DeckGetters, ReadTheFileWithTheirTypes) {
  const Deck deck = Deck::from_file(kSod);
  EXPECT_EQ(deck.name(), kSod);
  EXPECT_EQ(deck.get_int("mesh.nx", 1, 1 << 20), 200);
  EXPECT_DOUBLE_EQ(deck.get_double("time.cfl", 0, 1), 0.8);
  EXPECT_DOUBLE_EQ(deck.get_double("mesh.x_max", 0, 10), 1.0);  // integer read as double
  EXPECT_EQ(deck.get_string("output.prefix"), "sod");
  EXPECT_TRUE(deck.get_bool("output.verbose"));
  EXPECT_EQ(deck.get_choice("hydro.riemann", {"hll", "hllc"}), "hllc");
  EXPECT_EQ(deck.get_double_array("hydro.bounds"), (std::vector<double>{0.0, 1.0, 2.5e9}));
}

TEST(DeckGetters, FallbackWhenAbsent) {
  const Deck deck = Deck::from_string(kSmall, "small.toml");
  EXPECT_DOUBLE_EQ(deck.get_double("time.t_end", 0, 10, 0.25), 0.25);
  EXPECT_EQ(deck.get_int("mesh.ny", 1, 100, 1), 1);
  EXPECT_FALSE(deck.get_bool("output.verbose", false));
  EXPECT_EQ(deck.get_string("output.prefix", "run"), "run");
  EXPECT_EQ(deck.get_choice("hydro.limiter", {"minmod", "mc"}, "mc"), "mc");
  // A present key is read, and checked, even when a fallback is given.
  EXPECT_EQ(deck.get_int("mesh.nx", 1, 100, 1), 64);
  EXPECT_TRUE(contains(error_of([&] { deck.get_int("mesh.nx", 1, 10, 1); }),
                       "small.toml: key 'mesh.nx' = 64 is outside [1, 10]"));
}

TEST(DeckGetters, MissingKeyNamesFileAndKey) {
  const Deck deck = Deck::from_file(kSod);
  EXPECT_EQ(error_of([&] { deck.get_double("time.dt", 0, 1); }), kSod + ": missing key 'time.dt'");
  EXPECT_EQ(error_of([&] { deck.get_double("eos.gamma", 1, 3); }),
            kSod + ": missing key 'eos.gamma'");
}

TEST(DeckGetters, MissingKeyPointsAtAnUnreadNearMiss) {
  const Deck deck = Deck::from_string("[time]\ncfll = 0.5\n", "d.toml");
  EXPECT_EQ(error_of([&] { deck.get_double("time.cfl", 0, 1); }),
            "d.toml: missing key 'time.cfl' (the deck has 'time.cfll')");
}

TEST(DeckGetters, WrongTypeMessage) {
  const Deck deck = Deck::from_string("[mesh]\nnx = \"abc\"\nok = 1\n", "d.toml");
  EXPECT_EQ(error_of([&] { deck.get_int("mesh.nx", 1, 10); }),
            "d.toml: key 'mesh.nx' must be an integer, found string \"abc\"");
  EXPECT_EQ(error_of([&] { deck.get_double("mesh.nx", 1, 10); }),
            "d.toml: key 'mesh.nx' must be a number, found string \"abc\"");
  EXPECT_EQ(error_of([&] { deck.get_bool("mesh.nx"); }),
            "d.toml: key 'mesh.nx' must be true or false, found string \"abc\"");
  EXPECT_EQ(error_of([&] { deck.get_string("mesh.ok"); }),
            "d.toml: key 'mesh.ok' must be a string, found integer 1");
  EXPECT_EQ(error_of([&] { deck.get_string("mesh"); }),
            "d.toml: key 'mesh' must be a string, found table");
}

TEST(DeckGetters, FloatIsNotAnInteger) {
  const Deck deck = Deck::from_string("[mesh]\nnx = 3.0\n", "d.toml");
  EXPECT_EQ(error_of([&] { deck.get_int("mesh.nx", 1, 10); }),
            "d.toml: key 'mesh.nx' must be an integer, found float 3.0");
}

TEST(DeckGetters, RangeMessages) {
  const Deck deck =
      Deck::from_string("[time]\ncfl = 1.5\nbig = 2.5e9\nbad = nan\n[mesh]\nnx = 0\n", "d.toml");
  EXPECT_EQ(error_of([&] { deck.get_double("time.cfl", 0, 1); }),
            "d.toml: key 'time.cfl' = 1.5 is outside [0, 1]");
  EXPECT_EQ(error_of([&] { deck.get_double("time.big", 0, 1e9); }),
            "d.toml: key 'time.big' = 2.5e+09 is outside [0, 1e+09]");
  EXPECT_EQ(error_of([&] { deck.get_double("time.bad", -HUGE_VAL, HUGE_VAL); }),
            "d.toml: key 'time.bad' = nan is outside [-inf, inf]");
  EXPECT_EQ(error_of([&] { deck.get_int("mesh.nx", 1, 4096); }),
            "d.toml: key 'mesh.nx' = 0 is outside [1, 4096]");
  EXPECT_DOUBLE_EQ(deck.get_double("time.cfl", 0, 1.5), 1.5);  // bounds are inclusive
}

TEST(DeckGetters, ChoiceMessageSuggests) {
  const Deck deck =
      Deck::from_string("[hydro]\nriemann = \"hlc\"\nshout = \"HLLC\"\nfar = \"roe\"\n", "d.toml");
  const std::vector<std::string> solvers{"hll", "hllc"};
  EXPECT_EQ(error_of([&] { deck.get_choice("hydro.riemann", solvers); }),
            "d.toml: key 'hydro.riemann' = \"hlc\" is not one of hll, hllc (did you mean 'hllc'?)");
  EXPECT_TRUE(contains(error_of([&] { deck.get_choice("hydro.shout", solvers); }),
                       "(did you mean 'hllc'?)"));
  EXPECT_EQ(error_of([&] { deck.get_choice("hydro.far", {"exact"}); }),
            "d.toml: key 'hydro.far' = \"roe\" is not one of exact");
}

TEST(DeckGetters, DoubleArrayChecksElements) {
  const Deck deck = Deck::from_string("a = [1, \"x\"]\nb = 3\nc = []\n", "d.toml");
  EXPECT_EQ(error_of([&] { deck.get_double_array("a"); }),
            "d.toml: key 'a' must be an array of numbers, found string \"x\" at index 1");
  EXPECT_EQ(error_of([&] { deck.get_double_array("b"); }),
            "d.toml: key 'b' must be an array of numbers, found integer 3");
  EXPECT_TRUE(deck.get_double_array("c").empty());
}

TEST(DeckGetters, HasDoesNotMarkUsed) {
  const Deck deck = Deck::from_string("[mesh]\nnx = 8\n", "d.toml");
  EXPECT_TRUE(deck.has("mesh.nx"));
  EXPECT_TRUE(deck.has("mesh"));
  EXPECT_FALSE(deck.has("mesh.ny"));
  EXPECT_TRUE(contains(error_of([&] { deck.check_all_used(); }), "unknown key 'mesh.nx'"));
}

// ---- files and syntax ----------------------------------------------------------------

TEST(DeckFiles, MissingFile) {
  const std::string path = kData + "/no_such_deck.toml";
  EXPECT_EQ(error_of([&] { Deck::from_file(path); }), path + ": cannot open deck file");
}

TEST(DeckFiles, DirectoryIsNotADeck) {
  EXPECT_EQ(error_of([] { Deck::from_file(kData); }), kData + ": cannot open deck file");
}

TEST(DeckFiles, SyntaxErrorGivesFileLineColumn) {
  const std::string path = kData + "/syntax_error.toml";
  const std::string msg = error_of([&] { Deck::from_file(path); });
  EXPECT_EQ(msg.rfind(path + ":3:9: ", 0), 0u) << msg;
  EXPECT_GT(msg.size(), (path + ":3:9: ").size()) << "no description: " << msg;
}

TEST(DeckFiles, SyntaxErrorInStringUsesItsName) {
  const std::string msg = error_of([] { Deck::from_string("[a]\nb = [1,\n", "inline.toml"); });
  EXPECT_EQ(msg.rfind("inline.toml:", 0), 0u) << msg;
}

// ---- overrides ------------------------------------------------------------------------

TEST(DeckOverrides, ReplaceFileValuesAndCreateKeys) {
  const Deck deck = Deck::from_file(
      kSod, {"mesh.nx=512", "time.t_end=0.1", "eos.gamma=1.67", "init.region.1.rho=0.25"});
  EXPECT_EQ(deck.get_int("mesh.nx", 1, 1 << 20), 512);
  EXPECT_DOUBLE_EQ(deck.get_double("time.t_end", 0, 1), 0.1);
  EXPECT_DOUBLE_EQ(deck.get_double("eos.gamma", 1, 3), 1.67);  // a new table
  EXPECT_DOUBLE_EQ(deck.get_double("init.region.1.rho", 0, 10), 0.25);
  EXPECT_DOUBLE_EQ(deck.get_double("init.region.0.rho", 0, 10), 1.0);  // untouched
  EXPECT_DOUBLE_EQ(deck.get_double("time.cfl", 0, 1), 0.8);
}

TEST(DeckOverrides, TakenStraightFromArgv) {
  const char* argv[] = {"hydro_mini", "sod.toml", "mesh.nx=32", "hydro.riemann=hll"};
  const Deck deck = Deck::from_file(kSod, {argv + 2, argv + 4});
  EXPECT_EQ(deck.get_int("mesh.nx", 1, 100), 32);
  EXPECT_EQ(deck.get_choice("hydro.riemann", {"hll", "hllc"}), "hll");
}

TEST(DeckOverrides, LaterOverrideWins) {
  const Deck deck = Deck::from_string(kSmall, "d.toml", {"mesh.nx=8", "mesh.nx=16"});
  EXPECT_EQ(deck.get_int("mesh.nx", 1, 100), 16);
}

TEST(DeckOverrides, ValuesAreTyped) {
  const Deck deck =
      Deck::from_string("", "d.toml",
                        {"a.int=3", "a.float=2.5e9", "a.bool=true", "a.quoted=\"two words\"",
                         "a.bare=hllc", "a.array=[1, 2.5]", "a.not_array=1,2", "a.spaced = 7 "});
  EXPECT_EQ(deck.get_int("a.int", 0, 10), 3);
  EXPECT_DOUBLE_EQ(deck.get_double("a.int", 0, 10), 3.0);
  EXPECT_DOUBLE_EQ(deck.get_double("a.float", 0, 1e10), 2.5e9);
  EXPECT_TRUE(deck.get_bool("a.bool"));
  EXPECT_EQ(deck.get_string("a.quoted"), "two words");
  EXPECT_EQ(deck.get_string("a.bare"), "hllc");
  EXPECT_EQ(deck.get_double_array("a.array"), (std::vector<double>{1.0, 2.5}));
  EXPECT_EQ(deck.get_string("a.not_array"), "1,2");
  EXPECT_EQ(deck.get_int("a.spaced", 0, 10), 7);
  EXPECT_EQ(error_of([&] { deck.get_int("a.float", 0, 10); }),
            "d.toml: key 'a.float' must be an integer, found float 2.5e+09 "
            "(from override 'a.float=2.5e9')");
  EXPECT_EQ(error_of([&] { deck.get_double("a.bare", 0, 1); }),
            "d.toml: key 'a.bare' must be a number, found string \"hllc\" "
            "(from override 'a.bare=hllc')");
}

TEST(DeckOverrides, SecondLineIsNotSmuggledIn) {
  const Deck deck = Deck::from_string("", "d.toml", {"a.b=1\nc = 2"});
  EXPECT_EQ(deck.get_string("a.b"), "1\nc = 2");
  EXPECT_FALSE(deck.has("a.c"));
}

TEST(DeckOverrides, MalformedOverridesNameTheArgument) {
  const auto error_for = [](const std::string& arg) {
    return error_of([&] { Deck::from_string(kSmall, "d.toml", {arg}); });
  };
  EXPECT_EQ(error_for("foo"), "d.toml: override 'foo' is not key=value (e.g. mesh.nx=512)");
  EXPECT_EQ(error_for("=3"), "d.toml: override '=3' has no key before '='");
  EXPECT_EQ(error_for("a.b="),
            "d.toml: override 'a.b=' has no value (write a.b='' for an "
            "empty string)");
  EXPECT_TRUE(contains(error_for("a..b=1"), "override 'a..b=1': 'a..b' is not a dotted key"));
  EXPECT_TRUE(contains(error_for(".a=1"), "override '.a=1'"));
  EXPECT_TRUE(contains(error_for("mesh nx=1"), "override 'mesh nx=1'"));
  EXPECT_EQ(error_for("mesh.nx.y=1"),
            "d.toml: override 'mesh.nx.y=1': 'mesh.nx' holds integer 64, not a table");
}

TEST(DeckOverrides, ArrayElementsMustExist) {
  const auto error_for = [](const std::string& arg) {
    return error_of([&] { Deck::from_file(kSod, {arg}); });
  };
  EXPECT_EQ(error_for("init.region.2.rho=1"),
            kSod + ": override 'init.region.2.rho=1': 'init.region' has no element 2");
  EXPECT_EQ(error_for("init.region.rho=1"),
            kSod +
                ": override 'init.region.rho=1': 'init.region' is an array of tables; "
                "name a key of one element, e.g. init.region.0.rho");
  EXPECT_EQ(error_for("init.region.01.rho=1"),
            kSod + ": override 'init.region.01.rho=1': 'init.region' has no element 01");
}

// ---- check_all_used -------------------------------------------------------------------

// Reads every key of sod.toml, as a driver would.
void read_sod(const Deck& deck) {
  deck.get_int("mesh.nx", 1, 1 << 20);
  deck.get_double("mesh.x_min", -10, 10);
  deck.get_double("mesh.x_max", -10, 10);
  deck.get_double("time.t_end", 0, 10);
  deck.get_double("time.cfl", 0, 1);
  deck.get_choice("hydro.riemann", {"hll", "hllc"});
  deck.get_double("hydro.gamma", 1, 3);
  deck.get_double_array("hydro.bounds");
  deck.get_string("output.prefix");
  deck.get_int("output.every", 1, 1000);
  deck.get_bool("output.verbose");
  for (std::size_t i = 0; i < deck.array_size("init.region"); ++i) {
    const std::string r = "init.region." + std::to_string(i);
    for (const char* k : {".x_min", ".x_max", ".rho", ".p"}) deck.get_double(r + k, 0, 10);
  }
}

TEST(DeckCheckAllUsed, PassesWhenEveryKeyIsRead) {
  const Deck deck = Deck::from_file(kSod, {"mesh.nx=64"});
  read_sod(deck);
  EXPECT_NO_THROW(deck.check_all_used());
}

TEST(DeckCheckAllUsed, MisspeltFileKeyWithLineAndSuggestion) {
  const std::string path = kData + "/misspelt.toml";
  const Deck deck = Deck::from_file(path);
  deck.get_int("mesh.nx", 1, 1000);
  deck.get_double("time.cfl", 0, 1);
  const std::string msg = error_of([&] { deck.check_all_used(); });
  EXPECT_EQ(msg.rfind(path + ": ", 0), 0u) << msg;
  EXPECT_TRUE(contains(msg, path + ":3: unknown key 'mesh.nxx' (did you mean 'mesh.nx'?)"));
}

TEST(DeckCheckAllUsed, OverrideThatNothingReadsStopsTheRun) {
  const Deck deck = Deck::from_file(kSod, {"mesh.nxx=512"});
  read_sod(deck);
  EXPECT_TRUE(contains(error_of([&] { deck.check_all_used(); }),
                       "override 'mesh.nxx=512': unknown key 'mesh.nxx' (did you mean "
                       "'mesh.nx'?)"));
}

TEST(DeckCheckAllUsed, ListsEveryUnreadKeyInFileOrder) {
  const Deck deck =
      Deck::from_string("[b]\nzz = 1\n[a]\nnx = 1\nnxx = 2\ny = 3\n", "d.toml", {"c.q=1"});
  deck.get_int("a.nx", 0, 10);
  deck.get_int("a.ny", 0, 10, 0);  // asked for but absent: still a suggestion
  EXPECT_EQ(error_of([&] { deck.check_all_used(); }),
            "d.toml: keys that this program does not read (misspelt or misplaced?):\n"
            "  d.toml:2: unknown key 'b.zz'\n"
            "  d.toml:5: unknown key 'a.nxx' (did you mean 'a.nx'?)\n"
            "  d.toml:6: unknown key 'a.y' (did you mean 'a.ny'?)\n"
            "  override 'c.q=1': unknown key 'c.q'");
}

TEST(DeckCheckAllUsed, UnreadArrayElementKey) {
  const Deck deck = Deck::from_file(kSod, {"init.region.1.rhoo=2"});
  read_sod(deck);
  EXPECT_TRUE(contains(error_of([&] { deck.check_all_used(); }),
                       "unknown key 'init.region.1.rhoo' (did you mean 'init.region.1.rho'?)"));
}

// ---- arrays of tables -------------------------------------------------------------

TEST(DeckArrays, ReadWithTheSameChecking) {
  const Deck deck = Deck::from_file(kSod);
  ASSERT_EQ(deck.array_size("init.region"), 2u);
  EXPECT_DOUBLE_EQ(deck.get_double("init.region.0.rho", 0, 10), 1.0);
  EXPECT_DOUBLE_EQ(deck.get_double("init.region.1.p", 0, 10), 0.1);
  EXPECT_EQ(error_of([&] { deck.get_double("init.region.1.rho", 0.5, 10); }),
            kSod + ": key 'init.region.1.rho' = 0.125 is outside [0.5, 10]");
  EXPECT_EQ(error_of([&] { deck.get_double("init.region.2.rho", 0, 10); }),
            kSod + ": missing key 'init.region.2.rho'");
  EXPECT_FALSE(deck.has("init.region.00.rho"));
}

TEST(DeckArrays, AbsentOrEmptyIsZeroAndOtherValuesAreErrors) {
  const Deck deck = Deck::from_string("[init]\nempty = []\nnumbers = [1, 2]\n", "d.toml");
  EXPECT_EQ(deck.array_size("init.region"), 0u);
  EXPECT_EQ(deck.array_size("init.empty"), 0u);
  EXPECT_EQ(error_of([&] { deck.array_size("init.numbers"); }),
            "d.toml: key 'init.numbers' must be an array of tables ([[init.numbers]] blocks), "
            "found array [1, 2]");
  EXPECT_NO_THROW(deck.check_all_used());  // array_size marks the keys it asked about
}

TEST(DeckArrays, InlineTablesCount) {
  const Deck deck = Deck::from_string("", "d.toml", {"init.region=[{rho = 2}, {rho = 3}]"});
  ASSERT_EQ(deck.array_size("init.region"), 2u);
  EXPECT_DOUBLE_EQ(deck.get_double("init.region.1.rho", 0, 10), 3.0);
  EXPECT_TRUE(contains(error_of([&] { deck.check_all_used(); }),
                       "override 'init.region=[{rho = 2}, {rho = 3}]': unknown key "
                       "'init.region.0.rho' (did you mean 'init.region.1.rho'?)"));
}

// ---- echo -----------------------------------------------------------------------------

TEST(DeckEcho, RoundTripsTheEffectiveDeck) {
  const Deck deck =
      Deck::from_file(kSod, {"mesh.nx=512", "time.cfl=0.1", "output.prefix=say \"hi\"\\now",
                             "eos.third=0.3333333333333333"});
  const Deck again = Deck::from_string(deck.echo(), "echo.toml");
  read_sod(again);
  EXPECT_EQ(again.get_int("mesh.nx", 1, 1 << 20), 512);
  EXPECT_EQ(again.get_double("time.cfl", 0, 1), 0.1);  // exactly
  EXPECT_EQ(again.get_double("mesh.x_max", 0, 10), 1.0);
  EXPECT_EQ(again.get_string("output.prefix"), "say \"hi\"\\now");
  EXPECT_EQ(again.get_double("eos.third", 0, 1), 1.0 / 3.0);
  EXPECT_EQ(again.get_double_array("hydro.bounds"), (std::vector<double>{0.0, 1.0, 2.5e9}));
  EXPECT_EQ(again.get_choice("hydro.riemann", {"hll", "hllc"}), "hllc");
  EXPECT_TRUE(again.get_bool("output.verbose"));
  EXPECT_EQ(again.get_double("init.region.1.rho", 0, 10), 0.125);
  EXPECT_NO_THROW(again.check_all_used());
  // Integers stay integers: a float would be refused by get_int.
  EXPECT_EQ(again.get_int("output.every", 1, 1000), 50);
}

TEST(DeckEcho, IsReadableToml) {
  const std::string text = Deck::from_file(kSod, {"mesh.nx=512"}).echo();
  EXPECT_TRUE(contains(text, "[mesh]\nnx = 512\nx_max = 1\nx_min = 0.0\n"));
  EXPECT_TRUE(contains(text, "cfl = 0.8\n"));  // not 0.80000000000000004
  EXPECT_TRUE(contains(text, "bounds = [0.0, 1, 2.5e+09]\n"));
  EXPECT_TRUE(contains(text, "[[init.region]]\np = 0.1\nrho = 0.125\n"));
  EXPECT_FALSE(contains(text, "[init]"));  // a table of tables needs no header
}

TEST(DeckEcho, RoundTripsAwkwardContent) {
  const std::string awkward = "tab\there\nnew line \"q\" \\ \x01 end";
  const Deck deck = Deck::from_string(
      "\"odd key\" = 1\nlist = [[1, 2], [\"a\"], [{x = 1}]]\nwhen = 1979-05-27T07:32:00Z\n"
      "[[a.item]]\nv = 1\n[a.item.sub]\nw = 2\n[[a.item.deeper]]\nz = 3\n[[a.item]]\nv = 4\n"
      "[empty]\n",
      "awkward.toml",
      {R"(s.text="tab\there\nnew line \"q\" \\ \u0001 end")", "s.big=-1e300", "s.tiny=5e-324"});
  const Deck again = Deck::from_string(deck.echo(), "echo.toml");
  EXPECT_EQ(again.get_string("s.text"), awkward);
  EXPECT_EQ(again.get_double("s.big", -HUGE_VAL, 0), -1e300);
  EXPECT_EQ(again.get_double("s.tiny", 0, 1), 5e-324);
  EXPECT_TRUE(again.has("odd key"));
  EXPECT_TRUE(again.has("when"));
  EXPECT_TRUE(again.has("empty"));
  EXPECT_EQ(again.echo(), deck.echo());
  ASSERT_EQ(again.array_size("a.item"), 2u);
  EXPECT_EQ(again.get_int("a.item.0.sub.w", 0, 9), 2);
  EXPECT_EQ(again.get_int("a.item.0.deeper.0.z", 0, 9), 3);
  EXPECT_EQ(again.get_int("a.item.1.v", 0, 9), 4);
}

}  // namespace
