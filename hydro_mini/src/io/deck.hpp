// Input decks of hydro_mini: a TOML file whose every key can be overridden
// from the command line, read strictly so that a typo or an out-of-range value
// stops a run before the first step, naming the file, the key and a likely fix.
//
// Keys are dotted paths: "mesh.nx" is key nx of table [mesh]. An array of
// tables ([[init.region]] blocks) is read element by element with an index in
// the path:
//
//   for (std::size_t i = 0; i < deck.array_size("init.region"); ++i) {
//     const std::string r = "init.region." + std::to_string(i);
//     const double x_min = deck.get_double(r + ".x_min", -1e3, 1e3);
//     ...
//   }
//
// so every element key gets the same type, range and used-key checking as any
// other key. Indices are plain decimals ("0", "12"; not "00"), and an index
// steps only into an array of tables; an array of numbers is one value, read
// whole with get_double_array.
//
// Typical use:
//
//   Deck deck = Deck::from_file(argv[1], {argv + 2, argv + argc});
//   const auto nx = deck.get_int("mesh.nx", 1, 1 << 20);
//   ...                       // read everything the run needs
//   deck.check_all_used();    // then reject keys nothing asked for
//
// toml++ stays out of this header (detail::DeckState is opaque) so that the
// Kokkos/CUDA translation units that include it need not compile the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember::hydro {

namespace detail {
struct DeckState;  // the parsed deck and the keys read so far; see deck.cpp
}  // namespace detail

// Every problem with a deck or an override: the message names the deck, the
// dotted key and, where one is close, a suggestion.
class DeckError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

class Deck {
 public:
  // Parses the file, then applies overrides "key=value" in order (later ones
  // win), e.g. "mesh.nx=512", "init.region.0.rho=2.5". The value is read as a
  // TOML value (3, 2.5e9, true, "text", [1, 2]) and, failing that, as a bare
  // string (hllc). An override may create a key, or a table, that the file
  // lacks; it may not step into an array element the file lacks. A malformed
  // override ("foo", "=3", "a.b=", "a..b=1") throws DeckError naming it.
  // A TOML syntax error throws DeckError "<file>:<line>:<col>: <description>".
  static Deck from_file(const std::string& path, const std::vector<std::string>& overrides = {});
  // As from_file, parsing text; name stands for the file in every message.
  static Deck from_string(const std::string& toml_text, const std::string& name,
                          const std::vector<std::string>& overrides = {});

  Deck(Deck&&) noexcept;
  Deck& operator=(Deck&&) noexcept;
  ~Deck();

  // Typed getters; each marks key as used, present or not. The forms without
  // a fallback require the key; those with one return it when the key is
  // absent (a present key is checked as strictly either way). Errors:
  //   "<file>: missing key 'mesh.nx'" (+ " (the deck has 'mesh.nxx')" for an unread near-miss)
  //   "<file>: key 'mesh.nx' must be an integer, found string \"abc\""
  //   "<file>: key 'time.cfl' = 1.5 is outside [0, 1]"
  // and name the override when one set the value. An integer is accepted
  // where a double is asked for; a float is not accepted for an integer. NaN
  // is outside every range.
  double get_double(const std::string& key, double lo, double hi) const;
  double get_double(const std::string& key, double lo, double hi, double fallback) const;
  std::int64_t get_int(const std::string& key, std::int64_t lo, std::int64_t hi) const;
  std::int64_t get_int(const std::string& key, std::int64_t lo, std::int64_t hi,
                       std::int64_t fallback) const;
  bool get_bool(const std::string& key) const;
  bool get_bool(const std::string& key, bool fallback) const;
  std::string get_string(const std::string& key) const;
  std::string get_string(const std::string& key, const std::string& fallback) const;
  // A string that must be one of choices (exactly; the suggestion ignores case):
  //   "<file>: key 'hydro.riemann' = \"hlc\" is not one of hll, hllc (did you mean 'hllc'?)"
  std::string get_choice(const std::string& key, const std::vector<std::string>& choices) const;
  std::string get_choice(const std::string& key, const std::vector<std::string>& choices,
                         const std::string& fallback) const;
  // An array of numbers (integers accepted), required.
  std::vector<double> get_double_array(const std::string& key) const;

  // Number of elements of the array of tables at key; 0 when the key is absent
  // (no [[key]] block) or an empty array. Marks key as used. Throws if key
  // holds anything else.
  std::size_t array_size(const std::string& key) const;

  // Whether key is present (after overrides). Does not mark it used.
  bool has(const std::string& key) const;

  // Throws DeckError listing every value in the file or the overrides that no
  // getter asked for, each with its line or its override and the closest key
  // that was asked for (edit distance <= 2 over the dotted key), e.g.
  //   "  <file>:3: unknown key 'mesh.nxx' (did you mean 'mesh.nx'?)"
  //   "  override 'mesh.nxx=512': unknown key 'mesh.nxx' (did you mean 'mesh.nx'?)"
  // Call once, after the whole deck has been read and before the first step.
  void check_all_used() const;

  // The file path, or the name given to from_string.
  const std::string& name() const;
  // The effective deck (file + overrides) as TOML text, for output files:
  // keys sorted within each table, floats in their shortest exact form (0.8).
  // from_string(echo(), ...) gives a deck that reads the same values. Comments
  // and the file's layout are not kept.
  std::string echo() const;

 private:
  explicit Deck(std::unique_ptr<detail::DeckState> state);

  std::unique_ptr<detail::DeckState> state_;
};

}  // namespace ember::hydro
