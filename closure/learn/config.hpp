// The TOML configuration of one ember-train stage, read strictly: a missing
// key, a value of the wrong type or outside its range, and a key that no
// stage reads all stop the program before training starts, naming the file
// (or the command-line override), the dotted key and, for a misspelling, the
// key that was probably meant.
//
//   Config c = Config::from_file("inputs/learn/tokenizer.toml", {"train.epochs=5"});
//   const auto epochs = c.get_int("train.epochs", 1, 100000);
//   ...                     // read everything the stage needs
//   c.check_all_used();     // then reject keys nothing asked for
//
// Keys are "table.key" (one level of tables, as every ember-train config
// has). toml++ stays out of this header.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember::learn {

class ConfigError : public std::runtime_error {
 public:
  using runtime_error::runtime_error;
};

class Config {
 public:
  // Parses the file, then applies overrides "table.key=value" in order; the
  // value is read as TOML (3, 2.5e-4, "mse", [8, 16]) and, failing that, as
  // a bare string. A malformed override or a TOML syntax error throws
  // ConfigError naming it ("<file>:<line>:<col>: ...").
  static Config from_file(const std::string& path, const std::vector<std::string>& overrides = {});
  // As from_file, parsing text; name stands for the file in messages.
  static Config from_string(const std::string& text, const std::string& name,
                            const std::vector<std::string>& overrides = {});

  Config(Config&&) noexcept;
  Config& operator=(Config&&) noexcept;
  ~Config();

  // Required keys. Errors read like
  //   "<file>: missing key 'train.epochs'"
  //   "<file>: key 'train.epochs' must be an integer, found string \"ten\""
  //   "<file>: key 'train.learning_rate' = -1 is outside [0, 1]"
  // (with "override 'k=v'" instead of the file when an override set it).
  // An integer is accepted for a double, not the other way round.
  std::int64_t get_int(const std::string& key, std::int64_t lo, std::int64_t hi) const;
  double get_double(const std::string& key, double lo, double hi) const;
  std::string get_string(const std::string& key) const;
  std::string get_choice(const std::string& key, const std::vector<std::string>& choices) const;
  // An array of integers, each in [lo, hi], with min_size … max_size elements.
  std::vector<std::int64_t> get_int_array(const std::string& key, std::int64_t lo, std::int64_t hi,
                                          std::size_t min_size, std::size_t max_size) const;

  // Throws ConfigError for the first value that no getter asked for, with
  // the closest key that was asked for when one is near, e.g.
  //   "<file>: unknown key 'train.epoch' (did you mean 'train.epochs'?)"
  void check_all_used() const;

  // Every key read so far with its value as TOML text, e.g. {"train.epochs",
  // "40"}: what a checkpoint records to recognise the settings it came from.
  std::map<std::string, std::string> values_read() const;

  const std::string& name() const;

  // The ConfigError "<where>: key '<key>' <what>" for a value that is
  // well-formed but unusable (e.g. a data file that cannot be read), where
  // <where> is the file or the override that set the key.
  ConfigError error(const std::string& key, const std::string& what) const;

  struct State;  // the parsed file and the keys read so far; see config.cpp

 private:
  explicit Config(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace ember::learn
