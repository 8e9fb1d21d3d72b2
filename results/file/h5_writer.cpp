// Validation and HDF5 layout of the result file; see h5_writer.hpp for the guarantees.
#include "results/file/h5_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "results/file/atomic_output.hpp"
#include "results/file/h5_handles.hpp"
#include "results/stats/summary.hpp"

namespace labsim::results {

namespace {

// Chunks no bigger than HDF5's default 1 MiB chunk cache, so reading a slice never thrashes it.
constexpr hsize_t kChunkCapValues = (hsize_t{1} << 20) / sizeof(double);
constexpr unsigned kDeflateLevel = 4;

using Sizes = std::map<std::string, std::size_t>;

bool summarised(const LabelledArray& a) {
  return a.summarise && !a.dims.empty() && a.dims.front() == "replication";
}

std::string shape_text(const LabelledArray& a, const Sizes& sizes) {
  std::string text;
  for (const auto& d : a.dims) text += fmt::format("{}{} ({})", text.empty() ? "" : " x ", d, sizes.at(d));
  return text.empty() ? "none" : text;
}

// Everything that could make the file inconsistent is checked before the file is created.
Sizes validate(const RunOutput& out, const std::string& file) {
  auto fail = [&](const std::string& why) { throw std::invalid_argument(fmt::format("{}: {}", file, why)); };
  std::map<std::string, std::string> owners;  // name in the file -> what it holds, for clash messages
  auto claim = [&](const std::string& name, const char* kind, const std::string& what) {
    if (name.empty() || name == "." || name.find('/') != std::string::npos) {
      fail(fmt::format("{} name \"{}\" must be non-empty and contain no '/'", kind, name));
    }
    const auto [it, fresh] = owners.emplace(name, what);
    if (!fresh)
      fail(it->second == what ? what + " is defined twice"
                              : fmt::format("{} clashes with {}", what, it->second));
  };
  Sizes sizes;
  for (const auto& d : out.dimensions) {
    claim(d.name, "dimension", fmt::format("dimension \"{}\"", d.name));
    if (!d.display_names.empty() && d.display_names.size() != d.size()) {
      fail(fmt::format("dimension \"{}\" has {} display names for {} labels", d.name, d.display_names.size(),
                       d.size()));
    }
    if (!d.labels.empty() && !d.values.empty()) {
      fail(fmt::format("dimension \"{}\" has both labels and values; give one of them", d.name));
    }
    sizes[d.name] = d.size();
  }
  for (const auto& a : out.arrays) {
    claim(a.name, "array", fmt::format("array \"{}\"", a.name));
    std::size_t expected = 1;
    for (std::size_t i = 0; i < a.dims.size(); ++i) {
      const auto it = sizes.find(a.dims[i]);
      if (it == sizes.end())
        fail(fmt::format("array \"{}\" uses dimension \"{}\", which is not defined", a.name, a.dims[i]));
      if (std::find(a.dims.begin(), a.dims.begin() + static_cast<std::ptrdiff_t>(i), a.dims[i]) !=
          a.dims.begin() + static_cast<std::ptrdiff_t>(i)) {
        fail(fmt::format("array \"{}\" uses dimension \"{}\" twice; give each axis its own dimension", a.name,
                         a.dims[i]));
      }
      expected *= it->second;
    }
    if (a.shape.empty() && !a.dims.empty())
      fail(fmt::format("array \"{}\" has no shape; give the length of each of its axes ({})", a.name,
                       fmt::join(a.dims, ", ")));
    if (a.shape.size() != a.dims.size())
      fail(fmt::format("array \"{}\" has {} axes but {} dimension names", a.name, a.shape.size(),
                       a.dims.size()));
    for (std::size_t i = 0; i < a.dims.size(); ++i) {
      const std::size_t length = sizes.at(a.dims[i]);
      if (a.shape[i] != length) {
        fail(
            fmt::format("array \"{}\" has {} entries along axis {} (\"{}\"), but dimension \"{}\" has {}; "
                        "are its axes in the wrong order?",
                        a.name, a.shape[i], i + 1, a.dims[i], a.dims[i], length));
      }
    }
    if (a.values.size() != expected) {
      fail(fmt::format("array \"{}\" has {} values but its dimensions {} need {}", a.name, a.values.size(),
                       shape_text(a, sizes), expected));
    }
    if (summarised(a)) {
      if (sizes.at("replication") == 0)
        fail(fmt::format("array \"{}\" cannot be summarised over 0 replications", a.name));
      for (const char* suffix : {"_mean", "_low95", "_high95"}) {
        const auto name = a.name + suffix;
        claim(name, "summary", fmt::format("summary \"{}\" of array \"{}\"", name, a.name));
      }
    }
  }
  for (const auto& [name, value] : out.extra_attributes) {
    if (name.empty() || name.front() == '_')
      fail(fmt::format("extra attribute name \"{}\" must not be empty or start with '_'", name));
    if (std::find(kProvenanceAttributes.begin(), kProvenanceAttributes.end(), name) !=
        kProvenanceAttributes.end()) {
      fail(fmt::format("extra attribute \"{}\" clashes with a provenance attribute", name));
    }
  }
  return sizes;
}

// Whole trailing axes and as many entries of the next one as fit under the cap, 1 along the rest: readers
// slice by leading axes (replication, month), and long contiguous runs compress well.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& shape) {
  std::vector<hsize_t> chunk(shape);
  hsize_t trailing = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    if (shape[i] <= kChunkCapValues / trailing) {
      trailing *= shape[i];
      continue;
    }
    chunk[i] = std::max<hsize_t>(1, kChunkCapValues / trailing);
    std::fill(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(i), 1);
    break;
  }
  return chunk;
}

class FileWriter {
 public:
  FileWriter(const std::filesystem::path& tmp, std::string file) : file_(std::move(file)) {
    h5::PropertyList fcpl{check(H5Pcreate(H5P_FILE_CREATE), "create property list")};
    // Creation order keeps datasets and attributes in the order written, as netCDF-4 does.
    check(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "set link order");
    check(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "set attr order");
    h5::PropertyList fapl{check(H5Pcreate(H5P_FILE_ACCESS), "create property list")};
    // Closing must fail while anything is still open, rather than silently deferring the flush past the
    // rename.
    check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "set close degree");
    file_id_ = h5::File{check(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()),
                              fmt::format("create temporary file {}", tmp.string()))};
  }

  void dimension(const Dimension& d) {
    const hsize_t n = d.size();
    h5::Dataspace space{check(H5Screate_simple(1, &n, nullptr), "create dataspace")};
    h5::Dataset dset;
    if (!d.labels.empty()) {
      const auto type = h5::utf8_string_type();
      dset = create(d.name, type.get(), space.get(), false);
      std::vector<const char*> ptrs;
      for (const auto& label : d.labels) ptrs.push_back(label.c_str());
      check(H5Dwrite(dset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "write " + d.name);
    } else {
      dset = create(d.name, H5T_IEEE_F64LE, space.get(), false);
      if (n > 0) {
        check(H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, d.values.data()),
              "write " + d.name);
      }
    }
    check(H5DSset_scale(dset.get(), d.name.c_str()), "make " + d.name + " a dimension scale");
    string_attribute(dset.get(), "long_name", d.description, d.name);
    string_attribute(dset.get(), "units", d.units, d.name);
    if (!d.display_names.empty()) strings_attribute(dset.get(), "display_names", d.display_names, d.name);
    scales_.emplace(d.name, std::move(dset));
  }

  void array(const LabelledArray& a, const Sizes& sizes) {
    std::vector<hsize_t> shape;
    for (const auto& d : a.dims) shape.push_back(sizes.at(d));
    const bool empty = std::find(shape.begin(), shape.end(), 0) != shape.end();
    h5::Dataspace space{check(shape.empty()
                                  ? H5Screate(H5S_SCALAR)
                                  : H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                              "create dataspace")};
    // HDF5 cannot chunk scalars or chunk an axis of length 0.
    h5::Dataset dset = create(a.name, H5T_IEEE_F64LE, space.get(), !shape.empty() && !empty, shape);
    if (!empty) {
      check(H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.values.data()),
            "write " + a.name);
    }
    string_attribute(dset.get(), "long_name", a.description, a.name);
    string_attribute(dset.get(), "units", a.units, a.name);
    for (std::size_t i = 0; i < a.dims.size(); ++i) {
      check(H5DSattach_scale(dset.get(), scales_.at(a.dims[i]).get(), static_cast<unsigned>(i)),
            fmt::format("attach dimension {} to axis {} of {}", a.dims[i], i, a.name));
    }
  }

  void provenance(const RunOutput& out) {
    const auto& p = out.provenance;
    const hid_t root = file_id_.get();
    string_attribute(root, "scenario_path", p.scenario_path, "/", true);
    string_attribute(root, "scenario", p.scenario_text, "/", true);
    string_attribute(root, "labsim_version", p.labsim_version, "/", true);
    string_attribute(root, "git_commit", p.git_commit, "/", true);
    string_attribute(root, "command_line", p.command_line, "/", true);
    scalar_attribute(root, "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &p.seed);
    scalar_attribute(root, "replications", H5T_STD_I32LE, H5T_NATIVE_INT, &p.replications);
    scalar_attribute(root, "scale", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &p.scale);
    string_attribute(root, "created_utc", p.created_utc, "/", true);
    for (const auto& [name, value] : out.extra_attributes) string_attribute(root, name, value, "/", true);
  }

  // Closes everything and flushes; only then may the file be renamed into place.
  void finish() {
    for (auto& [name, scale] : scales_) check(scale.close() ? 0 : -1, "close " + name);
    check(file_id_.close() ? 0 : -1, "close the file");
  }

 private:
  template <typename T>
  T check(T status, const std::string& what) const {
    if (status < 0) throw std::runtime_error(fmt::format("{}: HDF5 failed to {}", file_, what));
    return status;
  }

  h5::Dataset create(const std::string& name, hid_t type, hid_t space, bool chunked,
                     const std::vector<hsize_t>& shape = {}) {
    h5::PropertyList dcpl{check(H5Pcreate(H5P_DATASET_CREATE), "create property list")};
    check(H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "set attr order");
    if (chunked) {
      const auto chunk = chunk_shape(shape);
      check(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
            "set chunking of " + name);
      check(H5Pset_shuffle(dcpl.get()), "set shuffle filter of " + name);
      check(H5Pset_deflate(dcpl.get(), kDeflateLevel), "set deflate filter of " + name);
    }
    return h5::Dataset{
        check(H5Dcreate2(file_id_.get(), name.c_str(), type, space, H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
              "create dataset " + name)};
  }

  void string_attribute(hid_t obj, const std::string& name, const std::string& value,
                        const std::string& owner, bool even_if_empty = false) {
    if (value.empty() && !even_if_empty) return;
    const auto type = h5::utf8_string_type();
    const char* ptr = value.c_str();
    write_attribute(obj, name, type.get(), type.get(), &ptr, owner);
  }

  void strings_attribute(hid_t obj, const std::string& name, const std::vector<std::string>& values,
                         const std::string& owner) {
    const std::string what = fmt::format("write attribute {} of {}", name, owner);
    const auto type = h5::utf8_string_type();
    const hsize_t n = values.size();
    h5::Dataspace space{check(H5Screate_simple(1, &n, nullptr), what)};
    h5::Attribute attr{
        check(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), what)};
    std::vector<const char*> ptrs;
    for (const auto& v : values) ptrs.push_back(v.c_str());
    check(H5Awrite(attr.get(), type.get(), ptrs.data()), what);
  }

  void scalar_attribute(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type,
                        const void* value) {
    write_attribute(obj, name, file_type, mem_type, value, "/");
  }

  void write_attribute(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type, const void* value,
                       const std::string& owner) {
    const std::string what = fmt::format("write attribute {} of {}", name, owner);
    h5::Dataspace space{check(H5Screate(H5S_SCALAR), what)};
    h5::Attribute attr{
        check(H5Acreate2(obj, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), what)};
    check(H5Awrite(attr.get(), mem_type, value), what);
  }

  std::string file_;
  h5::File file_id_;  // declared before scales_, so the scales are closed first
  std::map<std::string, h5::Dataset> scales_;
};

void write_contents(const RunOutput& out, const Sizes& sizes, const std::filesystem::path& tmp,
                    const std::string& file) {
  FileWriter w(tmp, file);
  for (const auto& d : out.dimensions) w.dimension(d);
  for (const auto& a : out.arrays) {
    w.array(a, sizes);
    if (!summarised(a)) continue;
    const auto s = summarise_over_replications(a, sizes.at("replication"));
    for (const auto* stat : {&s.mean, &s.low95, &s.high95}) w.array(*stat, sizes);
  }
  w.provenance(out);
  w.finish();
}

}  // namespace

void write_result_file(const RunOutput& out, const std::filesystem::path& path) {
  const h5::ErrorStackSilencer quiet;
  const Sizes sizes = validate(out, path.string());
  AtomicOutput file(path);
  write_contents(out, sizes, file.temporary(), path.string());
  file.commit();
}

}  // namespace labsim::results
