// The closure ABI's struct layout must never change within major version 1:
// fields of the released layout keep their offsets and sizes, structs only
// grow, and new fields sit past the end of the released struct.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"  // offsetof/sizeof idiom shared with C
#include "abi_layout.h"
#pragma GCC diagnostic pop

namespace {

struct Layout {
  std::string abi;
  std::map<std::string, size_t> struct_size;
  std::map<std::string, std::pair<size_t, size_t>> field;  // S.F -> (offset, size)
};

Layout parse(const std::string& text) {
  Layout L;
  std::istringstream in(text);
  std::string kind, name, w1, w2;
  size_t a = 0, b = 0;
  while (in >> kind) {
    if (kind == "abi") {
      in >> L.abi;
    } else if (kind == "struct") {
      in >> name >> w1 >> a;
      L.struct_size[name] = a;
    } else if (kind == "field") {
      in >> name >> w1 >> a >> w2 >> b;
      L.field[name] = {a, b};
    } else {
      ADD_FAILURE() << "unexpected layout line starting with " << kind;
      break;
    }
  }
  return L;
}

// Every way `now` breaks the released layout `ref`, one per line.
std::string breaks(const Layout& ref, const Layout& now) {
  std::ostringstream os;
  if (ref.abi.substr(0, 2) != now.abi.substr(0, 2)) os << "major version changed\n";
  for (const auto& [s, size] : ref.struct_size) {
    const auto it = now.struct_size.find(s);
    if (it == now.struct_size.end()) os << "struct " << s << " removed\n";
    else if (it->second < size) os << "struct " << s << " shrank\n";
  }
  for (const auto& [f, where] : ref.field) {
    const auto it = now.field.find(f);
    if (it == now.field.end()) os << "field " << f << " removed\n";
    else if (it->second != where) os << "field " << f << " moved or resized\n";
  }
  for (const auto& [f, where] : now.field) {
    if (ref.field.count(f) != 0) continue;
    const std::string s = f.substr(0, f.find('.'));
    const auto it = ref.struct_size.find(s);
    if (it != ref.struct_size.end() && where.first < it->second)
      os << "new field " << f << " inserted inside the released struct\n";
  }
  return os.str();
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

std::string cxx_layout() {
  char* buf = nullptr;
  size_t len = 0;
  FILE* out = open_memstream(&buf, &len);
  ember_print_abi_layout(out);
  fclose(out);
  std::string s(buf, len);
  free(buf);
  return s;
}

std::string released() {
  std::ifstream in(EMBER_ABI_REFERENCE);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(AbiLayout, CAndCxxCompilersAgree) {
  const std::string c = run(EMBER_ABI_DUMP_C);
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c, cxx_layout());
}

TEST(AbiLayout, MatchesTheReleasedLayout) {
  const std::string ref = released();
  ASSERT_FALSE(ref.empty()) << "cannot read " << EMBER_ABI_REFERENCE;
  EXPECT_EQ(breaks(parse(ref), parse(cxx_layout())), "");
}

TEST(AbiLayout, ComparisonCatchesAMovedField) {
  Layout ref = parse(released());
  Layout now = ref;
  now.field["ember_batch.dt"].first += 8;
  EXPECT_NE(breaks(ref, now).find("ember_batch.dt moved"), std::string::npos);
}

TEST(AbiLayout, ComparisonAllowsAppendedFieldsOnly) {
  const Layout ref = parse(released());
  Layout now = ref;
  const size_t end = ref.struct_size.at("ember_batch");
  now.struct_size["ember_batch"] = end + 8;
  now.field["ember_batch.new_field"] = {end, 8};
  EXPECT_EQ(breaks(ref, now), "");
  now.field["ember_batch.new_field"] = {8, 8};
  EXPECT_NE(breaks(ref, now).find("inserted inside"), std::string::npos);
}

TEST(AbiLayout, VersionMacrosAreTheReleasedMajor) {
  EXPECT_EQ(EMBER_CLOSURE_ABI_MAJOR, 1u);
  EXPECT_EQ(std::string(EMBER_CLOSURE_ENTRY_POINT), "ember_closure_get_api");
}
