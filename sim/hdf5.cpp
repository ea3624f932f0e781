#include "sim/hdf5.hpp"

#include <sys/statvfs.h>

#include <cstdlib>
#include <filesystem>

#include "sim/error.hpp"
#include "sim/memory.hpp"

namespace plastica {

namespace {

H5Handle group_handle(hid_t id) { return H5Handle(id, H5Gclose); }

void fail(const std::string& path, const std::string& what) { throw IoError(path + ": HDF5: " + what); }

struct SilenceErrors {  // keep the HDF5 library from printing its own error stack
    SilenceErrors() {
        // No library clean-up at exit: after a failed close (a full disk) HDF5 keeps the file in
        // its tables, and closing it again from atexit crashed (SIGSEGV in H5F__close_cb). Every
        // file is closed explicitly (H5File::close, H5Handle), so nothing is left to clean up.
        H5dont_atexit();
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
};
const SilenceErrors silence;

bool link_exists(hid_t file, const std::string& path) {
    // Check each prefix: H5Lexists fails on a missing intermediate link.
    std::size_t pos = 0;
    while ((pos = path.find('/', pos + 1)) != std::string::npos)
        if (H5Lexists(file, path.substr(0, pos).c_str(), H5P_DEFAULT) <= 0) return false;
    return H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0;
}

}  // namespace

H5File::H5File(const std::string& path, Mode mode) : path_(path), continued_(mode == Mode::append) {
    if (mode == Mode::append) {
        if (H5Fis_hdf5(path.c_str()) <= 0) throw Error("output", "file", path, "is missing or not an HDF5 file, so it cannot be continued");
        hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        if (f < 0) throw Error("output", "file", path, "cannot be opened for writing (is another program holding it?)");
        file_ = H5Handle(f, H5Fclose);
        return;
    }
    hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0) throw Error("output", "file", path, "cannot be created (is the directory writable?)");
    file_ = H5Handle(f, H5Fclose);
}

void H5File::close() {
    if (!file_) return;
    const hid_t f = file_.get();
    const herr_t a = H5Fflush(f, H5F_SCOPE_GLOBAL);
    file_.release();
    const herr_t b = H5Fclose(f);
    if (a < 0 || b < 0) fail(path_, "cannot write the file to disk (is the disk full?)");
}

void H5File::truncate(const std::string& path, std::uint64_t n) {
    H5Handle ds(H5Dopen2(file_.get(), path.c_str(), H5P_DEFAULT), H5Dclose);
    if (!ds) fail(path_, "cannot open dataset " + path);
    H5Handle space(H5Dget_space(ds.get()), H5Sclose);
    hsize_t cur[2] = {0, 0};
    const int rank = space ? H5Sget_simple_extent_dims(space.get(), cur, nullptr) : -1;
    if (rank < 1) fail(path_, "cannot read the shape of " + path);
    if (cur[0] < n) fail(path_, path + " holds " + std::to_string(cur[0]) + " rows, fewer than the checkpoint's " + std::to_string(n));
    cur[0] = n;
    if (H5Dset_extent(ds.get(), cur) < 0) fail(path_, "cannot shrink " + path);
}

void H5File::write_typed(const std::string& path, hid_t type, const void* data, std::size_t n) {
    const auto slash = path.rfind('/');
    if (slash != std::string::npos && slash > 0) ensure_group(path.substr(0, slash));
    hsize_t dims[1] = {n};
    H5Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose);
    if (!space) fail(path_, "cannot describe dataset " + path);
    H5Handle ds(H5Dcreate2(file_.get(), path.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose);
    if (!ds) fail(path_, "cannot create dataset " + path);
    if (n && H5Dwrite(ds.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) fail(path_, "cannot write " + path + " (is the disk full?)");
}

bool H5File::exists(const std::string& path) const { return link_exists(file_.get(), path); }

void H5File::ensure_group(const std::string& path) {
    if (exists(path)) return;
    H5Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    if (!lcpl || H5Pset_create_intermediate_group(lcpl.get(), 1) < 0) fail(path_, "cannot create group " + path);
    hid_t g = H5Gcreate2(file_.get(), path.c_str(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0) fail(path_, "cannot create group " + path);
    group_handle(g);
}

void H5File::append_raw(const std::string& path, hid_t type, const void* data, std::size_t rows, std::size_t cols) {
    // rank 1 when cols == 0, else rank 2 (rows x cols); the first dimension grows without limit.
    const int rank = cols == 0 ? 1 : 2;
    H5Handle ds;
    if (!exists(path)) {
        const auto slash = path.rfind('/');
        if (slash != std::string::npos && slash > 0) ensure_group(path.substr(0, slash));
        hsize_t dims[2] = {0, cols}, maxdims[2] = {H5S_UNLIMITED, cols};
        hsize_t chunk[2] = {1 << 14, 1};
        if (rank == 2) chunk[0] = std::max<hsize_t>(1, std::min<hsize_t>(1024, (1 << 16) / cols)), chunk[1] = cols;
        H5Handle space(H5Screate_simple(rank, dims, maxdims), H5Sclose);
        H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        if (!space || !dcpl || H5Pset_chunk(dcpl.get(), rank, chunk) < 0) fail(path_, "cannot describe dataset " + path);
        ds = H5Handle(H5Dcreate2(file_.get(), path.c_str(), type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT), H5Dclose);
    } else {
        ds = H5Handle(H5Dopen2(file_.get(), path.c_str(), H5P_DEFAULT), H5Dclose);
    }
    if (!ds) fail(path_, "cannot open dataset " + path);
    if (rows == 0) return;
    H5Handle old_space(H5Dget_space(ds.get()), H5Sclose);
    hsize_t cur[2] = {0, 0};
    if (!old_space || H5Sget_simple_extent_ndims(old_space.get()) != rank || H5Sget_simple_extent_dims(old_space.get(), cur, nullptr) < 0)
        fail(path_, "unexpected shape of " + path);
    if (rank == 2 && cur[1] != cols) fail(path_, path + " has " + std::to_string(cur[1]) + " columns, not " + std::to_string(cols));
    hsize_t new_size[2] = {cur[0] + rows, cols};
    if (H5Dset_extent(ds.get(), new_size) < 0) fail(path_, "cannot extend " + path + " (is the disk full?)");
    H5Handle fspace(H5Dget_space(ds.get()), H5Sclose);
    hsize_t start[2] = {cur[0], 0}, count[2] = {rows, cols};
    H5Handle mspace(H5Screate_simple(rank, count, nullptr), H5Sclose);
    if (!fspace || !mspace || H5Sselect_hyperslab(fspace.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0)
        fail(path_, "cannot select rows of " + path);
    if (H5Dwrite(ds.get(), type, mspace.get(), fspace.get(), H5P_DEFAULT, data) < 0) fail(path_, "cannot write " + path + " (is the disk full?)");
}

void H5File::append(const std::string& path, const double* d, std::size_t n) { append_raw(path, H5T_NATIVE_DOUBLE, d, n, 0); }
void H5File::append(const std::string& path, const std::uint64_t* d, std::size_t n) { append_raw(path, H5T_NATIVE_UINT64, d, n, 0); }
void H5File::append(const std::string& path, const float* d, std::size_t n) { append_raw(path, H5T_NATIVE_FLOAT, d, n, 0); }

void H5File::replace(const std::string& path, const double* d, std::size_t n) {
    if (exists(path) && H5Ldelete(file_.get(), path.c_str(), H5P_DEFAULT) < 0) fail(path_, "cannot replace " + path);
    append(path, d, n);
}

void H5File::append_matrix(const std::string& path, hid_t type, const void* data, std::size_t rows, std::size_t cols) {
    if (cols == 0) fail(path_, "a 2-D dataset needs at least one column: " + path);
    append_raw(path, type, data, rows, cols);
}

void H5File::append_rows(const std::string& path, const float* d, std::size_t r, std::size_t c) { append_matrix(path, H5T_NATIVE_FLOAT, d, r, c); }
void H5File::append_rows(const std::string& path, const double* d, std::size_t r, std::size_t c) { append_matrix(path, H5T_NATIVE_DOUBLE, d, r, c); }
void H5File::append_rows(const std::string& path, const std::int32_t* d, std::size_t r, std::size_t c) { append_matrix(path, H5T_NATIVE_INT32, d, r, c); }

namespace {

H5Handle open_object(hid_t file, const std::string& object, const std::string& path) {
    hid_t o = H5Oopen(file, object.c_str(), H5P_DEFAULT);
    if (o < 0) fail(path, "no object " + object);
    return H5Handle(o, H5Oclose);
}

void write_attr(hid_t obj, const std::string& name, hid_t type, hid_t space, const void* data, const std::string& path) {
    if (H5Aexists(obj, name.c_str()) > 0 && H5Adelete(obj, name.c_str()) < 0) fail(path, "cannot replace attribute " + name);
    H5Handle a(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!a || H5Awrite(a.get(), type, data) < 0) fail(path, "cannot write attribute " + name);
}

}  // namespace

void H5File::attr(const std::string& object, const std::string& name, const std::string& value) {
    H5Handle obj = open_object(file_.get(), object, path_);
    H5Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.get(), H5T_VARIABLE);
    H5Tset_cset(type.get(), H5T_CSET_UTF8);
    H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    const char* p = value.c_str();
    write_attr(obj.get(), name, type.get(), space.get(), &p, path_);
}

void H5File::attr(const std::string& object, const std::string& name, double value) {
    H5Handle obj = open_object(file_.get(), object, path_);
    H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    write_attr(obj.get(), name, H5T_NATIVE_DOUBLE, space.get(), &value, path_);
}

void H5File::attr(const std::string& object, const std::string& name, std::int64_t value) {
    H5Handle obj = open_object(file_.get(), object, path_);
    H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    write_attr(obj.get(), name, H5T_NATIVE_INT64, space.get(), &value, path_);
}

void H5File::attr(const std::string& object, const std::string& name, const std::vector<std::uint32_t>& value) {
    H5Handle obj = open_object(file_.get(), object, path_);
    hsize_t n[1] = {value.size()};
    H5Handle space(H5Screate_simple(1, n, nullptr), H5Sclose);
    write_attr(obj.get(), name, H5T_NATIVE_UINT32, space.get(), value.data(), path_);
}

void H5File::sorting_attr(const std::string& group, int value) {
    H5Handle obj = open_object(file_.get(), group, path_);
    H5Handle type(H5Tenum_create(H5T_NATIVE_UINT8), H5Tclose);
    const char* names[] = {"none", "by_id", "by_time"};
    for (std::uint8_t v = 0; v < 3; ++v) H5Tenum_insert(type.get(), names[v], &v);
    H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    const auto v = static_cast<std::uint8_t>(value);
    write_attr(obj.get(), "sorting", type.get(), space.get(), &v, path_);
}

void H5File::flush() {
    // HDF5 writes metadata lazily and does not journal it: a write that meets a full disk can
    // leave the superblock pointing at objects never written, and the whole file unreadable
    // (measured on a full tmpfs). So a flush stops short of the last kDiskReserve bytes: the
    // file stays as of its last flush, with room left to record why the run failed.
    // PLASTICA_DISK_RESERVE_BYTES replaces the reserve (tests inject a full disk with a huge one).
    static const double reserve = [] {
        const char* e = std::getenv("PLASTICA_DISK_RESERVE_BYTES");
        return e ? std::strtod(e, nullptr) : static_cast<double>(kDiskReserve);
    }();
    struct statvfs fs {};
    const std::string dir = std::filesystem::path(path_).parent_path().string();
    if (::statvfs(dir.empty() ? "." : dir.c_str(), &fs) == 0 && static_cast<double>(fs.f_bavail) * static_cast<double>(fs.f_frsize) < reserve)
        fail(path_, "the disk is full (less than " + bytes_text(reserve) + " free): the file holds everything up to the last flush");
    if (H5Fflush(file_.get(), H5F_SCOPE_GLOBAL) < 0) fail(path_, "cannot write the file to disk (is the disk full?)");
}

H5Reader::H5Reader(const std::string& path) : path_(path) {
    if (H5Fis_hdf5(path.c_str()) <= 0) throw Error(path + ": missing, unreadable or not an HDF5 file");
    hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) throw Error(path + ": cannot open the HDF5 file");
    file_ = H5Handle(f, H5Fclose);
}

bool H5Reader::exists(const std::string& path) const { return link_exists(file_.get(), path); }

std::vector<double> H5Reader::read(const std::string& dataset, std::vector<std::size_t>* dims) const {
    if (!exists(dataset)) fail(path_, "no dataset " + dataset);
    H5Handle ds(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
    if (!ds) fail(path_, "cannot open dataset " + dataset);
    H5Handle space(H5Dget_space(ds.get()), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0 || rank > 8) fail(path_, "unexpected rank of " + dataset);
    std::vector<hsize_t> d(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), d.data(), nullptr);
    std::size_t n = 1;
    for (auto x : d) n *= x;
    std::vector<double> out(n);
    if (n && H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
        fail(path_, "cannot read " + dataset + " as numbers");
    if (dims) dims->assign(d.begin(), d.end());
    return out;
}

namespace {
H5Handle open_attr(hid_t file, const std::string& object, const std::string& name, const std::string& path) {
    H5Handle obj = open_object(file, object, path);
    if (H5Aexists(obj.get(), name.c_str()) <= 0) fail(path, "no attribute " + object + "@" + name);
    return H5Handle(H5Aopen(obj.get(), name.c_str(), H5P_DEFAULT), H5Aclose);
}
}  // namespace

std::string H5Reader::attr_string(const std::string& object, const std::string& name) const {
    H5Handle a = open_attr(file_.get(), object, name, path_);
    H5Handle type(H5Aget_type(a.get()), H5Tclose);
    if (H5Tget_class(type.get()) != H5T_STRING) fail(path_, "attribute " + object + "@" + name + " is not a string");
    if (H5Tis_variable_str(type.get()) > 0) {
        H5Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(mem.get(), H5T_VARIABLE);
        H5Tset_cset(mem.get(), H5Tget_cset(type.get()));
        char* p = nullptr;
        if (H5Aread(a.get(), mem.get(), &p) < 0) fail(path_, "cannot read attribute " + object + "@" + name);
        std::string s = p ? p : "";
        H5Handle space(H5Aget_space(a.get()), H5Sclose);
        H5Dvlen_reclaim(mem.get(), space.get(), H5P_DEFAULT, &p);
        return s;
    }
    std::string s(H5Tget_size(type.get()), '\0');
    if (H5Aread(a.get(), type.get(), s.data()) < 0) fail(path_, "cannot read attribute " + object + "@" + name);
    return s.substr(0, s.find('\0'));
}

std::vector<std::string> H5Reader::attr_names(const std::string& object) const {
    H5Handle obj = open_object(file_.get(), object, path_);
    H5O_info_t info;
    if (H5Oget_info2(obj.get(), &info, H5O_INFO_NUM_ATTRS) < 0) fail(path_, "cannot list the attributes of " + object);
    std::vector<std::string> out;
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
        H5Handle a(H5Aopen_by_idx(obj.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
        if (!a) fail(path_, "cannot open an attribute of " + object);
        const ssize_t n = H5Aget_name(a.get(), 0, nullptr);
        if (n < 0) fail(path_, "cannot read an attribute name of " + object);
        std::string name(static_cast<std::size_t>(n) + 1, '\0');
        H5Aget_name(a.get(), name.size(), name.data());
        name.resize(static_cast<std::size_t>(n));
        out.push_back(name);
    }
    return out;
}

bool H5Reader::attr_is_string(const std::string& object, const std::string& name) const {
    H5Handle a = open_attr(file_.get(), object, name, path_);
    H5Handle type(H5Aget_type(a.get()), H5Tclose);
    return type && H5Tget_class(type.get()) == H5T_STRING;
}

herr_t H5Reader::visit_objects(const std::string& group, H5O_iterate_t op, void* data) const {
    if (!exists(group)) fail(path_, "no group " + group);
    H5Handle g(H5Gopen2(file_.get(), group.c_str(), H5P_DEFAULT), H5Gclose);
    if (!g) fail(path_, "cannot open group " + group);
    return H5Ovisit2(g.get(), H5_INDEX_NAME, H5_ITER_INC, op, data, H5O_INFO_BASIC);
}

std::int64_t H5Reader::attr_int(const std::string& object, const std::string& name) const {
    H5Handle a = open_attr(file_.get(), object, name, path_);
    std::int64_t v = 0;
    if (H5Aread(a.get(), H5T_NATIVE_INT64, &v) < 0) fail(path_, "cannot read attribute " + object + "@" + name + " as an integer");
    return v;
}

}  // namespace plastica
