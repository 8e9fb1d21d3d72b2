// Reads dimension scales, arrays and provenance from a result file, turning every HDF5 failure into one
// message.
#include "results/file/h5_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "results/file/h5_handles.hpp"
#include "results/file/h5_writer.hpp"

namespace labsim::results {

namespace {

// Frees the strings HDF5 allocated when reading variable-length data, also when copying them out throws.
class VlenBuffer {
 public:
  VlenBuffer(std::size_t n, hid_t mem_type, hid_t space)
      : ptrs_(n, nullptr), type_(mem_type), space_(space) {}
  VlenBuffer(const VlenBuffer&) = delete;
  VlenBuffer& operator=(const VlenBuffer&) = delete;
  ~VlenBuffer() {
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(type_, space_, H5P_DEFAULT, ptrs_.data());
#else
    H5Dvlen_reclaim(type_, space_, H5P_DEFAULT, ptrs_.data());
#endif
  }
  char** data() {
    return ptrs_.data();
  }
  [[nodiscard]] std::string at(std::size_t i) const {
    return ptrs_[i] ? ptrs_[i] : "";
  }

 private:
  std::vector<char*> ptrs_;
  hid_t type_;
  hid_t space_;
};

class FileReader {
 public:
  explicit FileReader(const std::filesystem::path& path) : file_(path.string()) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) fail("no such file");
#if H5_VERSION_GE(1, 12, 0)
    const htri_t is_hdf5 = H5Fis_accessible(file_.c_str(), H5P_DEFAULT);
#else
    const htri_t is_hdf5 = H5Fis_hdf5(file_.c_str());
#endif
    if (is_hdf5 <= 0) fail("not an HDF5 file");
    id_ = h5::File{check(H5Fopen(file_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "cannot open")};
  }

  // Root datasets in the order written when the file tracks it (ours do), by name otherwise.
  std::vector<std::string> dataset_names() const {
    // The file's creation list does not report the root group's link order; the group's own list does.
    h5::Group root{check(H5Gopen2(id_.get(), "/", H5P_DEFAULT), "cannot open the root group")};
    h5::PropertyList gcpl{check(H5Gget_create_plist(root.get()), "cannot read file properties")};
    unsigned order = 0;
    check(H5Pget_link_creation_order(gcpl.get(), &order), "cannot read file properties");
    const auto index = (order & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
    H5G_info_t info;
    check(H5Gget_info(id_.get(), &info), "cannot list the root group");
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
      const auto size =
          check(H5Lget_name_by_idx(id_.get(), ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT),
                "cannot list the root group");
      std::string name(static_cast<std::size_t>(size), '\0');
      H5Lget_name_by_idx(id_.get(), ".", index, H5_ITER_INC, i, name.data(), name.size() + 1, H5P_DEFAULT);
      h5::Handle<H5Oclose> obj{check(H5Oopen(id_.get(), name.c_str(), H5P_DEFAULT), "cannot open " + name)};
      if (H5Iget_type(obj.get()) == H5I_DATASET) names.push_back(std::move(name));
    }
    return names;
  }

  h5::Dataset open(const std::string& name) const {
    const htri_t exists = H5Lexists(id_.get(), name.c_str(), H5P_DEFAULT);
    if (exists <= 0) {
      std::vector<std::string> arrays;
      for (const auto& n : dataset_names()) {
        if (!is_scale(n)) arrays.push_back(n);
      }
      fail(fmt::format("no dataset \"{}\" (arrays in the file: {})", name, fmt::join(arrays, ", ")));
    }
    return h5::Dataset{
        check(H5Dopen2(id_.get(), name.c_str(), H5P_DEFAULT), fmt::format("\"{}\" is not a dataset", name))};
  }

  bool is_scale(const std::string& name) const {
    return H5DSis_scale(open(name).get()) > 0;
  }

  Dimension dimension(const std::string& name) const {
    const auto dset = open(name);
    Dimension d;
    d.name = name;
    d.description = string_attribute(dset.get(), "long_name", name).value_or("");
    d.units = string_attribute(dset.get(), "units", name).value_or("");
    h5::Datatype type{check(H5Dget_type(dset.get()), "cannot read the type of " + name)};
    if (H5Tget_class(type.get()) == H5T_STRING) {
      d.labels = strings(dset.get(), type.get(), name);
    } else {
      d.values = numbers(dset.get(), name);
    }
    d.display_names = strings_attribute(dset.get(), "display_names", name);
    return d;
  }

  LabelledArray array(const std::string& name) const {
    const auto dset = open(name);
    if (H5DSis_scale(dset.get()) > 0) fail(fmt::format("\"{}\" is a dimension, not an array", name));
    LabelledArray a;
    a.name = name;
    a.units = string_attribute(dset.get(), "units", name).value_or("");
    a.description = string_attribute(dset.get(), "long_name", name).value_or("");
    h5::Dataspace space{check(H5Dget_space(dset.get()), "cannot read the shape of " + name)};
    const int rank = H5Sget_simple_extent_ndims(space.get());
    for (int axis = 0; axis < rank; ++axis) a.dims.push_back(scale_name(dset.get(), axis, name));
    std::vector<hsize_t> lengths(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0)
      check(H5Sget_simple_extent_dims(space.get(), lengths.data(), nullptr),
            "cannot read the shape of " + name);
    a.shape.assign(lengths.begin(), lengths.end());
    a.values = numbers(dset.get(), name);
    a.summarise = false;
    return a;
  }

  Provenance provenance() const {
    const hid_t root = id_.get();
    Provenance p;
    p.scenario_path = required_string(root, "scenario_path");
    p.scenario_text = required_string(root, "scenario");
    p.labsim_version = required_string(root, "labsim_version");
    p.git_commit = required_string(root, "git_commit");
    p.command_line = required_string(root, "command_line");
    number_attribute(root, "seed", H5T_NATIVE_UINT64, &p.seed);
    number_attribute(root, "replications", H5T_NATIVE_INT, &p.replications);
    number_attribute(root, "scale", H5T_NATIVE_DOUBLE, &p.scale);
    p.created_utc = required_string(root, "created_utc");
    return p;
  }

  // String root attributes other than provenance and netCDF's own (which start with '_').
  std::map<std::string, std::string> extra_attributes() const {
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
      try {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      } catch (...) {
        return -1;  // exceptions must not cross HDF5's C frames
      }
    };
    check(H5Aiterate2(id_.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names),
          "cannot list root attributes");
    std::map<std::string, std::string> extras;
    for (const auto& name : names) {
      if (name.front() == '_' || std::find(kProvenanceAttributes.begin(), kProvenanceAttributes.end(),
                                           name) != kProvenanceAttributes.end()) {
        continue;
      }
      h5::Attribute attr{
          check(H5Aopen(id_.get(), name.c_str(), H5P_DEFAULT), "cannot open attribute " + name)};
      h5::Datatype type{check(H5Aget_type(attr.get()), "cannot read attribute " + name)};
      if (H5Tget_class(type.get()) == H5T_STRING)
        extras[name] = *string_attribute(id_.get(), name.c_str(), "/");
    }
    return extras;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error(fmt::format("{}: {}", file_, why));
  }

  template <typename T>
  T check(T status, const std::string& why) const {
    if (status < 0) fail(why);
    return status;
  }

  std::string scale_name(hid_t dset, int axis, const std::string& name) const {
    std::string scale;
    // The last attached scale wins, as in netCDF-C and h5netcdf.
    auto visit = [](hid_t, unsigned, hid_t scale_id, void* data) -> herr_t {
      try {
        const auto size = H5Iget_name(scale_id, nullptr, 0);
        if (size <= 0) return -1;
        std::string path(static_cast<std::size_t>(size), '\0');
        H5Iget_name(scale_id, path.data(), path.size() + 1);
        *static_cast<std::string*>(data) = path.substr(path.rfind('/') + 1);
        return 0;
      } catch (...) {
        return -1;  // exceptions must not cross HDF5's C frames
      }
    };
    check(H5DSiterate_scales(dset, static_cast<unsigned>(axis), nullptr, visit, &scale),
          fmt::format("cannot read the dimension scales of \"{}\"", name));
    if (scale.empty()) fail(fmt::format("axis {} of \"{}\" has no dimension scale attached", axis, name));
    return scale;
  }

  std::vector<double> numbers(hid_t dset, const std::string& name) const {
    h5::Dataspace space{check(H5Dget_space(dset), "cannot read the shape of " + name)};
    const auto n = check(H5Sget_simple_extent_npoints(space.get()), "cannot read the shape of " + name);
    std::vector<double> values(static_cast<std::size_t>(n));
    if (n > 0) {
      check(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
            fmt::format("cannot read \"{}\" as numbers", name));
    }
    return values;
  }

  std::vector<std::string> strings(hid_t dset, hid_t file_type, const std::string& name) const {
    h5::Dataspace space{check(H5Dget_space(dset), "cannot read the shape of " + name)};
    const auto n =
        static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(space.get()), "cannot read " + name));
    std::vector<std::string> out;
    if (n == 0) return out;
    const std::string why = fmt::format("cannot read \"{}\" as strings", name);
    if (H5Tis_variable_str(file_type) > 0) {
      h5::Datatype mem{check(H5Tcopy(file_type), why)};
      VlenBuffer buffer(n, mem.get(), space.get());
      check(H5Dread(dset, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), why);
      for (std::size_t i = 0; i < n; ++i) out.push_back(buffer.at(i));
    } else {
      const std::size_t width = H5Tget_size(file_type);
      std::string buffer(n * width, '\0');
      check(H5Dread(dset, file_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), why);
      for (std::size_t i = 0; i < n; ++i)
        out.push_back(fixed_string(buffer.substr(i * width, width), file_type));
    }
    return out;
  }

  // Fixed-length strings are padded with NULs or spaces, depending on how they were written.
  static std::string fixed_string(std::string s, hid_t type) {
    s.resize(std::min(s.size(), s.find('\0')));
    if (H5Tget_strpad(type) == H5T_STR_SPACEPAD) s.erase(s.find_last_not_of(' ') + 1);
    return s;
  }

  std::optional<std::string> string_attribute(hid_t obj, const char* attr_name,
                                              const std::string& owner) const {
    const std::string why = fmt::format("cannot read attribute \"{}\" of \"{}\"", attr_name, owner);
    const htri_t exists = check(H5Aexists(obj, attr_name), why);
    if (exists == 0) return std::nullopt;
    h5::Attribute attr{check(H5Aopen(obj, attr_name, H5P_DEFAULT), why)};
    h5::Datatype type{check(H5Aget_type(attr.get()), why)};
    h5::Dataspace space{check(H5Aget_space(attr.get()), why)};
    if (H5Tget_class(type.get()) != H5T_STRING || H5Sget_simple_extent_npoints(space.get()) != 1) {
      fail(fmt::format("attribute \"{}\" of \"{}\" is not a single string", attr_name, owner));
    }
    if (H5Tis_variable_str(type.get()) > 0) {
      h5::Datatype mem{check(H5Tcopy(type.get()), why)};
      VlenBuffer buffer(1, mem.get(), space.get());
      check(H5Aread(attr.get(), mem.get(), buffer.data()), why);
      return buffer.at(0);
    }
    std::string buffer(H5Tget_size(type.get()), '\0');
    check(H5Aread(attr.get(), type.get(), buffer.data()), why);
    return fixed_string(std::move(buffer), type.get());
  }

  // A 1-D attribute of variable-length strings; empty if absent.
  std::vector<std::string> strings_attribute(hid_t obj, const char* attr_name,
                                             const std::string& owner) const {
    const std::string why = fmt::format("cannot read attribute \"{}\" of \"{}\"", attr_name, owner);
    if (check(H5Aexists(obj, attr_name), why) == 0) return {};
    h5::Attribute attr{check(H5Aopen(obj, attr_name, H5P_DEFAULT), why)};
    h5::Datatype type{check(H5Aget_type(attr.get()), why)};
    h5::Dataspace space{check(H5Aget_space(attr.get()), why)};
    if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0) {
      fail(fmt::format("attribute \"{}\" of \"{}\" is not a list of strings", attr_name, owner));
    }
    const auto n = static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(space.get()), why));
    h5::Datatype mem{check(H5Tcopy(type.get()), why)};
    VlenBuffer buffer(n, mem.get(), space.get());
    check(H5Aread(attr.get(), mem.get(), buffer.data()), why);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(buffer.at(i));
    return out;
  }

  std::string required_string(hid_t obj, const char* attr_name) const {
    auto value = string_attribute(obj, attr_name, "/");
    if (!value) fail(fmt::format("missing root attribute \"{}\"", attr_name));
    return *value;
  }

  void number_attribute(hid_t obj, const char* attr_name, hid_t mem_type, void* value) const {
    const std::string why = fmt::format("cannot read root attribute \"{}\" as a number", attr_name);
    if (check(H5Aexists(obj, attr_name), why) == 0)
      fail(fmt::format("missing root attribute \"{}\"", attr_name));
    h5::Attribute attr{check(H5Aopen(obj, attr_name, H5P_DEFAULT), why)};
    check(H5Aread(attr.get(), mem_type, value), why);
  }

  std::string file_;
  h5::File id_;
};

}  // namespace

RunOutput read_result_file(const std::filesystem::path& path) {
  const h5::ErrorStackSilencer quiet;
  const FileReader reader(path);
  RunOutput out;
  for (const auto& name : reader.dataset_names()) {
    if (reader.is_scale(name)) {
      out.dimensions.push_back(reader.dimension(name));
    } else {
      out.arrays.push_back(reader.array(name));
    }
  }
  // Readers index arrays by the lengths of their dimensions, so each axis must have its scale's length.
  for (const auto& a : out.arrays) {
    for (std::size_t axis = 0; axis < a.dims.size(); ++axis) {
      if (!out.has_dimension(a.dims[axis])) continue;  // a scale outside the root: checked by whoever uses it
      const std::size_t length = out.dimension(a.dims[axis]).size();
      if (a.shape[axis] != length) {
        throw std::runtime_error(
            fmt::format("{}: \"{}\" has {} entries along axis {} (\"{}\"), but dimension \"{}\" has {}",
                        path.string(), a.name, a.shape[axis], axis + 1, a.dims[axis], a.dims[axis], length));
      }
    }
  }
  out.provenance = reader.provenance();
  out.extra_attributes = reader.extra_attributes();
  return out;
}

LabelledArray read_array(const std::filesystem::path& path, const std::string& name) {
  const h5::ErrorStackSilencer quiet;
  return FileReader(path).array(name);
}

}  // namespace labsim::results
