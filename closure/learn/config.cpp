#include "config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

namespace ember::learn {

struct Config::State {
  std::string name;
  toml::table root;
  std::map<std::string, std::string> override_of;  // key → the override that set it
  mutable std::map<std::string, std::string> read;  // key → value as TOML text
};

namespace {

using State = Config::State;

std::string format_number(double v) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, result.ptr);
}

// A value as TOML text, for messages and for values_read.
std::string text_of(const toml::node& node) {
  if (const auto i = node.value_exact<std::int64_t>()) return std::to_string(*i);
  if (const auto d = node.value_exact<double>()) return format_number(*d);
  if (const auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (const auto s = node.value_exact<std::string>()) return "\"" + *s + "\"";
  if (const toml::array* a = node.as_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < a->size(); ++i) out += (i ? ", " : "") + text_of(*a->get(i));
    return out + "]";
  }
  return "a table";
}

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "string " + text_of(node);
    case toml::node_type::integer: return "integer " + text_of(node);
    case toml::node_type::floating_point: return "float " + text_of(node);
    case toml::node_type::boolean: return "boolean " + text_of(node);
    case toml::node_type::array: return "array " + text_of(node);
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The key read so far that is within edit distance 2 of word, if any.
std::optional<std::string> closest(const std::string& word,
                                   const std::map<std::string, std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  for (const auto& [c, value] : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

bool is_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

// "table.key" split in two; nullopt unless both parts are names.
std::optional<std::pair<std::string, std::string>> split_key(const std::string& key) {
  const auto dot = key.find('.');
  if (dot == std::string::npos) return std::nullopt;
  std::pair<std::string, std::string> parts{key.substr(0, dot), key.substr(dot + 1)};
  if (!is_name(parts.first) || !is_name(parts.second)) return std::nullopt;
  return parts;
}

void apply_override(State& s, const std::string& text) {
  const auto eq = text.find('=');
  const std::string key = text.substr(0, eq);
  const auto parts = split_key(key);
  if (eq == std::string::npos || !parts || eq + 1 == text.size())
    throw ConfigError("override '" + text + "': expected table.key=value");
  const std::string value = text.substr(eq + 1);
  toml::node* slot = s.root.get(parts->first);
  if (slot == nullptr) slot = &s.root.insert(parts->first, toml::table{}).first->second;
  toml::table* table = slot->as_table();
  if (table == nullptr)
    throw ConfigError("override '" + text + "': '" + parts->first + "' is not a table");
  std::optional<toml::table> parsed;
  try {
    parsed = toml::parse("v = " + value);
  } catch (const toml::parse_error&) {
    table->insert_or_assign(parts->second, value);  // a bare word: a string
  }
  if (parsed) table->insert_or_assign(parts->second, std::move(*parsed->get("v")));
  s.override_of[key] = text;
}

// The node at key, recorded as read; throws if the key is absent.
const toml::node& require(const State& s, const std::string& key) {
  const auto parts = split_key(key);
  const toml::table* table = parts ? s.root.get_as<toml::table>(parts->first) : nullptr;
  const toml::node* node = table ? table->get(parts->second) : nullptr;
  if (node == nullptr) throw ConfigError(s.name + ": missing key '" + key + "'");
  s.read[key] = text_of(*node);
  return *node;
}

std::string where(const State& s, const std::string& key) {
  const auto o = s.override_of.find(key);
  return o == s.override_of.end() ? s.name : "override '" + o->second + "'";
}

[[noreturn]] void fail(const State& s, const std::string& key, const std::string& what) {
  throw ConfigError(where(s, key) + ": key '" + key + "' " + what);
}

}  // namespace

Config::Config(std::unique_ptr<State> state) : s_(std::move(state)) {}
Config::Config(Config&&) noexcept = default;
Config& Config::operator=(Config&&) noexcept = default;
Config::~Config() = default;

Config Config::from_string(const std::string& text, const std::string& name,
                           const std::vector<std::string>& overrides) {
  auto s = std::make_unique<State>();
  s->name = name;
  try {
    s->root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << name << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
       << e.description();
    throw ConfigError(os.str());
  }
  for (const std::string& o : overrides) apply_override(*s, o);
  return Config(std::move(s));
}

Config Config::from_file(const std::string& path, const std::vector<std::string>& overrides) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path + ": cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  return from_string(text.str(), path, overrides);
}

const std::string& Config::name() const { return s_->name; }

ConfigError Config::error(const std::string& key, const std::string& what) const {
  return ConfigError(where(*s_, key) + ": key '" + key + "' " + what);
}

std::int64_t Config::get_int(const std::string& key, std::int64_t lo, std::int64_t hi) const {
  const toml::node& node = require(*s_, key);
  const std::optional<std::int64_t> v = node.value_exact<std::int64_t>();
  if (!v) fail(*s_, key, "must be an integer, found " + describe(node));
  if (*v < lo || *v > hi)
    fail(*s_, key,
         "= " + std::to_string(*v) + " is outside [" + std::to_string(lo) + ", " +
             std::to_string(hi) + "]");
  return *v;
}

double Config::get_double(const std::string& key, double lo, double hi) const {
  const toml::node& node = require(*s_, key);
  std::optional<double> v = node.value_exact<double>();
  if (const auto i = node.value_exact<std::int64_t>()) v = static_cast<double>(*i);
  if (!v) fail(*s_, key, "must be a number, found " + describe(node));
  if (!(*v >= lo && *v <= hi))  // NaN is outside too
    fail(*s_, key,
         "= " + format_number(*v) + " is outside [" + format_number(lo) + ", " +
             format_number(hi) + "]");
  return *v;
}

std::string Config::get_string(const std::string& key) const {
  const toml::node& node = require(*s_, key);
  const std::optional<std::string> v = node.value_exact<std::string>();
  if (!v) fail(*s_, key, "must be a string, found " + describe(node));
  return *v;
}

std::string Config::get_choice(const std::string& key,
                               const std::vector<std::string>& choices) const {
  const std::string v = get_string(key);
  if (std::find(choices.begin(), choices.end(), v) != choices.end()) return v;
  std::string list;
  for (const std::string& c : choices) list += (list.empty() ? "" : ", ") + c;
  fail(*s_, key, "= \"" + v + "\" is not one of " + list);
}

std::vector<std::int64_t> Config::get_int_array(const std::string& key, std::int64_t lo,
                                                std::int64_t hi, std::size_t min_size,
                                                std::size_t max_size) const {
  const toml::node& node = require(*s_, key);
  const toml::array* array = node.as_array();
  if (array == nullptr) fail(*s_, key, "must be an array of integers, found " + describe(node));
  if (array->size() < min_size || array->size() > max_size)
    fail(*s_, key,
         "has " + std::to_string(array->size()) + " elements, expected " +
             std::to_string(min_size) +
             (max_size == min_size ? "" : " to " + std::to_string(max_size)));
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::optional<std::int64_t> v = element.value_exact<std::int64_t>();
    if (!v || *v < lo || *v > hi)
      fail(*s_, key,
           "element " + std::to_string(i) + " is " + describe(element) +
               ", expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
               "]");
    out.push_back(*v);
  }
  return out;
}

void Config::check_all_used() const {
  for (const auto& [table_name, table_node] : s_->root) {
    const std::string table(table_name.str());
    const toml::table* t = table_node.as_table();
    if (t == nullptr) fail(*s_, table, "is outside every table (keys are table.key)");
    for (const auto& [k, value] : *t) {
      const std::string key = table + "." + std::string(k.str());
      if (s_->read.count(key)) continue;
      std::string what = "unknown key '" + key + "'";
      const auto o = s_->override_of.find(key);
      if (o == s_->override_of.end()) {
        what = s_->name + ":" + std::to_string(value.source().begin.line) + ": " + what;
      } else {
        what = "override '" + o->second + "': " + what;
      }
      if (const auto near = closest(key, s_->read)) what += " (did you mean '" + *near + "'?)";
      throw ConfigError(what);
    }
  }
}

std::map<std::string, std::string> Config::values_read() const { return s_->read; }

}  // namespace ember::learn
