// RAII handles and scalar attributes over the serial HDF5 C API, for the
// dataset writer, reader and merge. Failures throw std::runtime_error whose
// message starts with `where` (the caller's file, group and dataset) and
// names the attribute.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ember::datagen::h5 {

// Owns one HDF5 identifier and closes it with the matching H5*close.
class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Handle() { reset(); }
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes now; returns the close call's status (a file's close flushes it).
  herr_t reset();

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

// Turns off HDF5's printing of its error stack: errors become exceptions.
void silence_errors();

// "file 'F', group 'G'" (group and dataset parts only when non-empty), the
// prefix of every message about an object in a dataset file.
std::string where(const std::string& file, const std::string& group = {},
                  const std::string& dataset = {});

// Scalar attributes of a group or dataset; writing replaces an existing one.
void write_attr(hid_t obj, const char* name, double v, const std::string& where);
void write_attr(hid_t obj, const char* name, long long v, const std::string& where);
void write_attr(hid_t obj, const char* name, std::uint64_t v, const std::string& where);
void write_attr(hid_t obj, const char* name, const std::string& v, const std::string& where);

// Reads check that the attribute exists, is scalar and of the right class
// (float, integer or string) before converting to the native type.
double read_double_attr(hid_t obj, const char* name, const std::string& where);
long long read_int_attr(hid_t obj, const char* name, const std::string& where);
std::uint64_t read_uint64_attr(hid_t obj, const char* name, const std::string& where);
std::string read_string_attr(hid_t obj, const char* name, const std::string& where);

// Names of the links in a group, in increasing name order.
std::vector<std::string> link_names(hid_t group, const std::string& where);

}  // namespace ember::datagen::h5
