#include "io/deck.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

namespace ember::hydro {

namespace detail {
struct DeckState {
  std::string name;
  toml::table root;
  // Dotted key -> the override argument that last set it (or a table above it).
  std::map<std::string, std::string> overrides;
  // Keys the getters asked for. Reading is not a change of the deck, so the
  // getters stay const and record here.
  mutable std::set<std::string> used;
};
}  // namespace detail

namespace {

using State = detail::DeckState;

// ---- keys -------------------------------------------------------------------

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (std::size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', begin)) {
    parts.push_back(key.substr(begin, dot - begin));
    begin = dot + 1;
  }
  parts.push_back(key.substr(begin));
  return parts;
}

std::string join_key(const std::string& parent, const std::string& child) {
  return parent.empty() ? child : parent + "." + child;
}

// The characters of a TOML bare key; quoted keys cannot be named on a command line.
bool is_bare_name(const std::string& part) {
  return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

// Only the canonical spelling is an index, so that "0" and "00" cannot name
// the same element under two used-key spellings.
std::optional<std::size_t> parse_index(const std::string& part) {
  std::size_t i = 0;
  const char* end = part.data() + part.size();
  const auto [ptr, ec] = std::from_chars(part.data(), end, i);
  if (ec != std::errc() || ptr != end || part.empty() || (part[0] == '0' && part.size() > 1))
    return std::nullopt;
  return i;
}

// Only arrays of tables are walked into by index; an array of values is one value.
bool is_table_array(const toml::node& node) {
  const toml::array* a = node.as_array();
  return a != nullptr && !a->empty() &&
         std::all_of(a->begin(), a->end(), [](const toml::node& e) { return e.is_table(); });
}

const toml::node* child(const toml::node& node, const std::string& part) {
  if (const toml::table* t = node.as_table()) return t->get(part);
  if (!is_table_array(node)) return nullptr;
  const toml::array& a = *node.as_array();
  const std::optional<std::size_t> i = parse_index(part);
  return i && *i < a.size() ? a.get(*i) : nullptr;
}

const toml::node* find(const toml::table& root, const std::string& key) {
  const toml::node* node = &root;
  for (const std::string& part : split_key(key)) {
    node = child(*node, part);
    if (node == nullptr) return nullptr;
  }
  return node;
}

// ---- suggestions ----------------------------------------------------------------

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
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

std::size_t common_subsequence(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = 0;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = a[i - 1] == b[j - 1] ? diag + 1 : std::max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.size()];
}

// The candidate within edit distance 2 of word, ignoring case. Ties go to the
// candidate that keeps more of word's letters in order, so "hlc" suggests
// "hllc" (a dropped letter) over "hll" (a changed one).
template <class Range>
std::optional<std::string> closest(const std::string& word, const Range& candidates) {
  constexpr std::size_t kMaxDistance = 2;
  const std::string w = lower(word);
  std::optional<std::string> best;
  std::pair<std::size_t, std::size_t> best_rank{kMaxDistance + 1, 0};
  for (const std::string& c : candidates) {
    const std::string lc = lower(c);
    const std::pair<std::size_t, std::size_t> rank{edit_distance(w, lc),
                                                   w.size() - common_subsequence(w, lc)};
    if (rank < best_rank) {
      best_rank = rank;
      best = c;
    }
  }
  return best;
}

// ---- writing values ---------------------------------------------------------------
// One spelling for messages and for echo(): valid TOML, floats in their
// shortest round-trip form (toml++ writes 0.8 as 0.80000000000000004).

std::string format_number(double v) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, result.ptr);
}

std::string format_number(std::int64_t v) { return std::to_string(v); }

// A float that still reads as a float: 3.0, not 3.
std::string float_literal(double v) {
  const std::string text = format_number(v);
  return text.find_first_of(".eninf") == std::string::npos ? text + ".0" : text;
}

// s as a TOML basic string.
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + '"';
}

std::string toml_key(const std::string& key) { return is_bare_name(key) ? key : quote(key); }

std::string toml_value(const toml::node& node) {
  if (const auto s = node.value_exact<std::string>()) return quote(*s);
  if (const auto x = node.value_exact<double>()) return float_literal(*x);
  if (const toml::array* a = node.as_array()) {
    std::string out;
    for (const toml::node& e : *a) out += (out.empty() ? "" : ", ") + toml_value(e);
    return "[" + out + "]";
  }
  if (const toml::table* t = node.as_table()) {
    std::string out;
    for (const auto& [k, v] : *t)
      out += (out.empty() ? "" : ", ") + toml_key(std::string(k.str())) + " = " + toml_value(v);
    return "{" + out + "}";
  }
  std::ostringstream os;  // integers, booleans, dates, times: as toml++ spells them
  node.visit([&os](const auto& v) { os << v; });
  return os.str();
}

bool is_plain_value(const toml::node& node) { return !node.is_table() && !is_table_array(node); }

// A table's values, then its [sub.tables] and [[arrays.of.tables]]: TOML
// wants the plain values of a table before any header that follows it.
void write_table(std::ostream& os, const toml::table& table, const std::string& path) {
  for (const auto& [k, v] : table)
    if (is_plain_value(v)) os << toml_key(std::string(k.str())) << " = " << toml_value(v) << '\n';
  for (const auto& [k, v] : table) {
    const std::string sub = join_key(path, toml_key(std::string(k.str())));
    if (const toml::table* t = v.as_table()) {
      // A table of tables needs no header of its own; an empty one does, to exist.
      const auto values = [](const auto& entry) { return is_plain_value(entry.second); };
      if (t->empty() || std::any_of(t->begin(), t->end(), values)) os << "\n[" << sub << "]\n";
      write_table(os, *t, sub);
    } else if (is_table_array(v)) {
      for (const toml::node& e : *v.as_array()) {
        os << "\n[[" << sub << "]]\n";
        write_table(os, *e.as_table(), sub);
      }
    }
  }
}

const char* type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "table";
    case toml::node_type::array:
      return "array";
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::date:
      return "date";
    case toml::node_type::time:
      return "time";
    case toml::node_type::date_time:
      return "date-time";
  }
  return "value";
}

std::string describe(const toml::node& node) {
  return std::string(type_name(node)) + (node.is_table() ? "" : " " + toml_value(node));
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// ---- errors -------------------------------------------------------------------------

// The override that set key or a table above it, if any.
const std::string* override_of(const State& d, std::string key) {
  for (;;) {
    const auto it = d.overrides.find(key);
    if (it != d.overrides.end()) return &it->second;
    const std::size_t dot = key.rfind('.');
    if (dot == std::string::npos) return nullptr;
    key.resize(dot);
  }
}

[[noreturn]] void fail(const State& d, const std::string& key, const std::string& what) {
  std::string msg = d.name + ": key '" + key + "' " + what;
  if (const std::string* arg = override_of(d, key)) msg += " (from override '" + *arg + "')";
  throw DeckError(msg);
}

[[noreturn]] void fail_override(const State& d, const std::string& arg, const std::string& what) {
  throw DeckError(d.name + ": override '" + arg + "'" + what);
}

// ---- leaves: the values a deck holds, by dotted key ---------------------------

struct Leaf {
  std::string key;
  const toml::node* node;
};

void collect_leaves(const toml::node& node, const std::string& key, std::vector<Leaf>& out) {
  if (const toml::table* t = node.as_table()) {
    for (const auto& [k, v] : *t) collect_leaves(v, join_key(key, std::string(k.str())), out);
  } else if (is_table_array(node)) {
    const toml::array& a = *node.as_array();
    for (std::size_t i = 0; i < a.size(); ++i)
      collect_leaves(*a.get(i), join_key(key, std::to_string(i)), out);
  } else {
    out.push_back({key, &node});
  }
}

std::vector<Leaf> unused_leaves(const State& d) {
  std::vector<Leaf> leaves;
  collect_leaves(d.root, "", leaves);
  leaves.erase(std::remove_if(leaves.begin(), leaves.end(),
                              [&d](const Leaf& leaf) { return d.used.count(leaf.key) != 0; }),
               leaves.end());
  return leaves;
}

// ---- reading ------------------------------------------------------------------------

// An integer or a float as a double; integers are exact up to 2^53, which covers any deck.
std::optional<double> number(const toml::node& node) {
  if (const auto i = node.value_exact<std::int64_t>()) return static_cast<double>(*i);
  return node.value_exact<double>();
}

const toml::node* lookup(const State& d, const std::string& key) {
  d.used.insert(key);
  return find(d.root, key);
}

const toml::node& require(const State& d, const std::string& key) {
  if (const toml::node* node = lookup(d, key)) return *node;
  std::string msg = d.name + ": missing key '" + key + "'";
  // A value nothing has read yet with a near-miss name may be this key
  // misspelt; it may also be a key read later (ny beside nx), so only say so.
  std::vector<std::string> unread;
  for (const Leaf& leaf : unused_leaves(d)) unread.push_back(leaf.key);
  if (const auto near = closest(key, unread)) msg += " (the deck has '" + *near + "')";
  throw DeckError(msg);
}

double as_double(const State& d, const std::string& key, const toml::node& node, double lo,
                 double hi) {
  const std::optional<double> v = number(node);
  if (!v) fail(d, key, "must be a number, found " + describe(node));
  // Written so that NaN is outside too.
  if (!(*v >= lo && *v <= hi))
    fail(d, key,
         "= " + format_number(*v) + " is outside [" + format_number(lo) + ", " + format_number(hi) +
             "]");
  return *v;
}

std::int64_t as_int(const State& d, const std::string& key, const toml::node& node, std::int64_t lo,
                    std::int64_t hi) {
  const std::optional<std::int64_t> v = node.value_exact<std::int64_t>();
  if (!v) fail(d, key, "must be an integer, found " + describe(node));
  if (*v < lo || *v > hi)
    fail(d, key,
         "= " + format_number(*v) + " is outside [" + format_number(lo) + ", " + format_number(hi) +
             "]");
  return *v;
}

bool as_bool(const State& d, const std::string& key, const toml::node& node) {
  const std::optional<bool> v = node.value_exact<bool>();
  if (!v) fail(d, key, "must be true or false, found " + describe(node));
  return *v;
}

std::string as_string(const State& d, const std::string& key, const toml::node& node) {
  std::optional<std::string> v = node.value_exact<std::string>();
  if (!v) fail(d, key, "must be a string, found " + describe(node));
  return std::move(*v);
}

std::string as_choice(const State& d, const std::string& key, const toml::node& node,
                      const std::vector<std::string>& choices) {
  std::string v = as_string(d, key, node);
  if (std::find(choices.begin(), choices.end(), v) != choices.end()) return v;
  std::string what = "= " + quote(v) + " is not one of " + join_list(choices);
  if (const auto near = closest(v, choices)) what += " (did you mean '" + *near + "'?)";
  fail(d, key, what);
}

// ---- building -----------------------------------------------------------------------

std::string trim(const std::string& s) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  const auto begin = std::find_if_not(s.begin(), s.end(), space);
  const auto end = std::find_if_not(s.rbegin(), s.rend(), space).base();
  return begin < end ? std::string(begin, end) : std::string();
}

// Steps from node to its child part for an override, creating a missing table
// under a table (an override may add a section); nullptr for an array
// element that does not exist.
toml::node* child_for_write(toml::node& node, const std::string& part) {
  if (toml::table* t = node.as_table()) {
    if (toml::node* existing = t->get(part)) return existing;
    return &t->insert(part, toml::table{}).first->second;
  }
  toml::array& a = *node.as_array();
  const std::optional<std::size_t> i = parse_index(part);
  return i && *i < a.size() ? a.get(*i) : nullptr;
}

// The table into which the override of parts writes its last part.
toml::table& override_target(State& d, const std::string& arg,
                             const std::vector<std::string>& parts) {
  toml::node* node = &d.root;
  std::string path;
  for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
    node = child_for_write(*node, parts[k]);
    if (node == nullptr) fail_override(d, arg, ": '" + path + "' has no element " + parts[k]);
    path = join_key(path, parts[k]);
    if (!node->is_table() && !is_table_array(*node))
      fail_override(d, arg, ": '" + path + "' holds " + describe(*node) + ", not a table");
  }
  toml::table* table = node->as_table();
  if (table == nullptr)
    fail_override(d, arg,
                  ": '" + path + "' is an array of tables; name a key of one element, e.g. " +
                      path + ".0." + parts.back());
  return *table;
}

// A TOML value if text is one (3, 2.5e9, true, "a b", [1, 2]), else text as a
// bare string, so that riemann=hllc needs no shell-escaped quotes.
void assign(toml::table& table, const std::string& part, const std::string& text) {
  try {
    toml::table parsed =
        toml::parse(std::string_view("v = " + text + "\n"), std::string_view("<override>"));
    // More than one key means text smuggled in a second line; keep it as text.
    if (parsed.size() == 1 && parsed.contains("v")) {
      table.insert_or_assign(part, std::move(*parsed.get("v")));
      return;
    }
  } catch (const toml::parse_error&) {
    // not a TOML value: a bare string
  }
  table.insert_or_assign(part, text);
}

void apply_override(State& d, const std::string& arg) {
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos) fail_override(d, arg, " is not key=value (e.g. mesh.nx=512)");
  const std::string key = trim(arg.substr(0, eq));
  const std::string text = trim(arg.substr(eq + 1));
  if (key.empty()) fail_override(d, arg, " has no key before '='");
  if (text.empty())
    fail_override(d, arg, " has no value (write " + key + "='' for an empty string)");
  const std::vector<std::string> parts = split_key(key);
  if (!std::all_of(parts.begin(), parts.end(), is_bare_name))
    fail_override(d, arg,
                  ": '" + key + "' is not a dotted key of names made of letters, digits, _ and -");
  assign(override_target(d, arg, parts), parts.back(), text);
  // The new value replaces whatever an earlier override set below it.
  const std::string below = key + ".";
  for (auto it = d.overrides.lower_bound(below);
       it != d.overrides.end() && it->first.compare(0, below.size(), below) == 0;)
    it = d.overrides.erase(it);
  d.overrides[key] = arg;
}

}  // namespace

// ---- Deck ---------------------------------------------------------------------------

Deck::Deck(std::unique_ptr<State> state) : state_(std::move(state)) {}
Deck::Deck(Deck&&) noexcept = default;
Deck& Deck::operator=(Deck&&) noexcept = default;
Deck::~Deck() = default;

Deck Deck::from_file(const std::string& path, const std::vector<std::string>& overrides) {
  std::ifstream in(path);
  // A directory opens as a stream that reads nothing; it must not pass for an empty deck.
  if (!in || !std::filesystem::is_regular_file(path))
    throw DeckError(path + ": cannot open deck file");
  std::ostringstream text;
  text << in.rdbuf();
  return from_string(text.str(), path, overrides);
}

Deck Deck::from_string(const std::string& toml_text, const std::string& name,
                       const std::vector<std::string>& overrides) {
  auto state = std::make_unique<State>();
  state->name = name;
  try {
    state->root = toml::parse(std::string_view(toml_text), std::string_view(name));
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << name << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
       << e.description();
    throw DeckError(os.str());
  }
  for (const std::string& arg : overrides) apply_override(*state, arg);
  return Deck(std::move(state));
}

double Deck::get_double(const std::string& key, double lo, double hi) const {
  return as_double(*state_, key, require(*state_, key), lo, hi);
}

double Deck::get_double(const std::string& key, double lo, double hi, double fallback) const {
  const toml::node* node = lookup(*state_, key);
  return node != nullptr ? as_double(*state_, key, *node, lo, hi) : fallback;
}

std::int64_t Deck::get_int(const std::string& key, std::int64_t lo, std::int64_t hi) const {
  return as_int(*state_, key, require(*state_, key), lo, hi);
}

std::int64_t Deck::get_int(const std::string& key, std::int64_t lo, std::int64_t hi,
                           std::int64_t fallback) const {
  const toml::node* node = lookup(*state_, key);
  return node != nullptr ? as_int(*state_, key, *node, lo, hi) : fallback;
}

bool Deck::get_bool(const std::string& key) const {
  return as_bool(*state_, key, require(*state_, key));
}

bool Deck::get_bool(const std::string& key, bool fallback) const {
  const toml::node* node = lookup(*state_, key);
  return node != nullptr ? as_bool(*state_, key, *node) : fallback;
}

std::string Deck::get_string(const std::string& key) const {
  return as_string(*state_, key, require(*state_, key));
}

std::string Deck::get_string(const std::string& key, const std::string& fallback) const {
  const toml::node* node = lookup(*state_, key);
  return node != nullptr ? as_string(*state_, key, *node) : fallback;
}

std::string Deck::get_choice(const std::string& key,
                             const std::vector<std::string>& choices) const {
  return as_choice(*state_, key, require(*state_, key), choices);
}

std::string Deck::get_choice(const std::string& key, const std::vector<std::string>& choices,
                             const std::string& fallback) const {
  const toml::node* node = lookup(*state_, key);
  return node != nullptr ? as_choice(*state_, key, *node, choices) : fallback;
}

std::vector<double> Deck::get_double_array(const std::string& key) const {
  const toml::node& node = require(*state_, key);
  const toml::array* a = node.as_array();
  if (a == nullptr) fail(*state_, key, "must be an array of numbers, found " + describe(node));
  std::vector<double> values;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    const std::optional<double> v = number(e);
    if (!v)
      fail(*state_, key,
           "must be an array of numbers, found " + describe(e) + " at index " + std::to_string(i));
    values.push_back(*v);
  }
  return values;
}

std::size_t Deck::array_size(const std::string& key) const {
  const toml::node* node = lookup(*state_, key);
  if (node == nullptr) return 0;
  if (is_table_array(*node)) return node->as_array()->size();
  if (const toml::array* a = node->as_array(); a != nullptr && a->empty()) return 0;
  fail(*state_, key,
       "must be an array of tables ([[" + key + "]] blocks), found " + describe(*node));
}

bool Deck::has(const std::string& key) const { return find(state_->root, key) != nullptr; }

void Deck::check_all_used() const {
  const State& d = *state_;
  // Each unused key with where it came from: the file line, or the override (listed last).
  std::vector<std::pair<std::uint32_t, std::string>> lines;
  for (const Leaf& leaf : unused_leaves(d)) {
    std::string line = "unknown key '" + leaf.key + "'";
    if (const auto near = closest(leaf.key, d.used)) line += " (did you mean '" + *near + "'?)";
    if (const std::string* arg = override_of(d, leaf.key)) {
      lines.emplace_back(UINT32_MAX, "override '" + *arg + "': " + line);
    } else {
      const std::uint32_t at = leaf.node->source().begin.line;
      lines.emplace_back(at, d.name + ":" + std::to_string(at) + ": " + line);
    }
  }
  if (lines.empty()) return;
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string msg = d.name + ": keys that this program does not read (misspelt or misplaced?):";
  for (const auto& entry : lines) msg += "\n  " + entry.second;
  throw DeckError(msg);
}

const std::string& Deck::name() const { return state_->name; }

std::string Deck::echo() const {
  std::ostringstream os;
  write_table(os, state_->root, "");
  const std::string text = os.str();
  return text.rfind('\n', 0) == 0 ? text.substr(1) : text;  // no blank first line
}

}  // namespace ember::hydro
