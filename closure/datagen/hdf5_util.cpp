#include "hdf5_util.hpp"

#include <stdexcept>

namespace ember::datagen::h5 {
namespace {

[[noreturn]] void fail(const std::string& where, const char* name, const std::string& what) {
  throw std::runtime_error(where + ", attribute '" + name + "': " + what);
}

// Opens an attribute for reading after checking that it exists and is scalar
// of the given class.
Handle open_attr(hid_t obj, const char* name, H5T_class_t cls, const char* cls_name,
                 const std::string& where) {
  if (H5Aexists(obj, name) <= 0) fail(where, name, "missing");
  Handle attr{H5Aopen(obj, name, H5P_DEFAULT), H5Aclose};
  if (!attr.valid()) fail(where, name, "cannot be opened");
  const Handle space{H5Aget_space(attr.get()), H5Sclose};
  if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) fail(where, name, "is not a scalar");
  const Handle type{H5Aget_type(attr.get()), H5Tclose};
  if (H5Tget_class(type.get()) != cls) fail(where, name, std::string("is not ") + cls_name);
  return attr;
}

void write_scalar(hid_t obj, const char* name, hid_t type, const void* value,
                  const std::string& where) {
  if (H5Aexists(obj, name) > 0 && H5Adelete(obj, name) < 0) fail(where, name, "cannot be replaced");
  const Handle space{H5Screate(H5S_SCALAR), H5Sclose};
  const Handle attr{H5Acreate2(obj, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  if (!attr.valid() || H5Awrite(attr.get(), type, value) < 0)
    fail(where, name, "cannot be written");
}

template <class T>
T read_scalar(hid_t obj, const char* name, H5T_class_t cls, const char* cls_name, hid_t mem_type,
              const std::string& where) {
  const Handle attr = open_attr(obj, name, cls, cls_name, where);
  T v{};
  if (H5Aread(attr.get(), mem_type, &v) < 0) fail(where, name, "cannot be read");
  return v;
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

}  // namespace

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = -1;
  }
  return *this;
}

herr_t Handle::reset() {
  herr_t status = 0;
  if (id_ >= 0) status = close_(id_);
  id_ = -1;
  return status;
}

void silence_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

std::string where(const std::string& file, const std::string& group, const std::string& dataset) {
  std::string s = "dataset file '" + file + "'";
  if (!group.empty()) s += ", group '" + group + "'";
  if (!dataset.empty()) s += ", dataset '" + dataset + "'";
  return s;
}

void write_attr(hid_t obj, const char* name, double v, const std::string& where) {
  write_scalar(obj, name, H5T_NATIVE_DOUBLE, &v, where);
}

void write_attr(hid_t obj, const char* name, long long v, const std::string& where) {
  write_scalar(obj, name, H5T_NATIVE_LLONG, &v, where);
}

void write_attr(hid_t obj, const char* name, std::uint64_t v, const std::string& where) {
  write_scalar(obj, name, H5T_NATIVE_UINT64, &v, where);
}

void write_attr(hid_t obj, const char* name, const std::string& v, const std::string& where) {
  // Fixed-length, NUL-terminated: what the rest of ember's HDF5 files hold.
  const Handle type{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(type.get(), v.size() + 1);
  write_scalar(obj, name, type.get(), v.c_str(), where);
}

double read_double_attr(hid_t obj, const char* name, const std::string& where) {
  return read_scalar<double>(obj, name, H5T_FLOAT, "a float", H5T_NATIVE_DOUBLE, where);
}

long long read_int_attr(hid_t obj, const char* name, const std::string& where) {
  return read_scalar<long long>(obj, name, H5T_INTEGER, "an integer", H5T_NATIVE_LLONG, where);
}

std::uint64_t read_uint64_attr(hid_t obj, const char* name, const std::string& where) {
  return read_scalar<std::uint64_t>(obj, name, H5T_INTEGER, "an integer", H5T_NATIVE_UINT64, where);
}

std::string read_string_attr(hid_t obj, const char* name, const std::string& where) {
  const Handle attr = open_attr(obj, name, H5T_STRING, "a string", where);
  const Handle type{H5Aget_type(attr.get()), H5Tclose};
  if (H5Tis_variable_str(type.get()) > 0) fail(where, name, "is a variable-length string");
  std::string v(H5Tget_size(type.get()), '\0');
  const Handle mem{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(mem.get(), v.size());
  if (H5Aread(attr.get(), mem.get(), v.data()) < 0) fail(where, name, "cannot be read");
  v.resize(v.find('\0') == std::string::npos ? v.size() : v.find('\0'));
  return v;
}

std::vector<std::string> link_names(hid_t group, const std::string& where) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  if (H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_name, &names) < 0)
    throw std::runtime_error(where + ": cannot list its members");
  return names;
}

}  // namespace ember::datagen::h5
