// Move-only owners of HDF5 identifiers, so that every early exit (exceptions included) closes what was
// opened.
#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace labsim::results::h5 {

template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  // Takes ownership of `id`, which must be a valid identifier: use `checked` to turn failures into
  // exceptions.
  explicit Handle(hid_t id) : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { reset(); }

  [[nodiscard]] hid_t get() const { return id_; }
  [[nodiscard]] bool valid() const { return id_ >= 0; }

  // Closes now and reports failure; the destructor cannot, and closing a file is when HDF5 flushes it.
  [[nodiscard]] bool close() {
    const bool ok = !valid() || Close(id_) >= 0;
    id_ = H5I_INVALID_HID;
    return ok;
  }

 private:
  void reset() noexcept {
    if (valid()) Close(id_);
    id_ = H5I_INVALID_HID;
  }

  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;  // only for types we create or get from HDF5, never predefined ones
using PropertyList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;

// Returns `id` or throws std::runtime_error(message) if an HDF5 call failed.
inline hid_t checked(hid_t id, const std::string& message) {
  if (id < 0) throw std::runtime_error(message);
  return id;
}

// A variable-length UTF-8 string type: how labels and text attributes are stored, because h5py and xarray
// read it back as str (fixed-length strings come back as bytes) and it has no 64 KiB attribute size limit.
inline Datatype utf8_string_type() {
  Datatype type{checked(H5Tcopy(H5T_C_S1), "cannot create an HDF5 string type")};
  if (H5Tset_size(type.get(), H5T_VARIABLE) < 0 || H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0) {
    throw std::runtime_error("cannot create an HDF5 string type");
  }
  return type;
}

// Turns off HDF5's printing of its error stack while alive, restoring the previous handler afterwards:
// users see our one-line messages instead of a page of library internals.
class ErrorStackSilencer {
 public:
  ErrorStackSilencer() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ErrorStackSilencer(const ErrorStackSilencer&) = delete;
  ErrorStackSilencer& operator=(const ErrorStackSilencer&) = delete;
  ~ErrorStackSilencer() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace labsim::results::h5
