#pragma once
// Minimal RAII layer over the HDF5 C API: create a file, append to chunked extendible 1-D and 2-D
// datasets, write attributes. Every append is followed by a flush of the file's metadata when
// asked, so a killed run leaves a readable file holding everything up to its last flush.
// Every return code is checked: a failed write, flush or close (a full disk) throws Error naming
// the file and the object, never leaves a crash for later. close() reports what the destructor
// cannot; after a failure the handles are dropped without further writes.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace plastica {

/// Owns one hid_t and closes it with the matching H5*close.
class H5Handle {
public:
    H5Handle() = default;
    H5Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    H5Handle(H5Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
    H5Handle& operator=(H5Handle&& o) noexcept {
        reset();
        id_ = o.id_;
        close_ = o.close_;
        o.id_ = -1;
        return *this;
    }
    ~H5Handle() { reset(); }
    hid_t get() const { return id_; }
    explicit operator bool() const { return id_ >= 0; }
    void reset() {
        if (id_ >= 0 && close_) close_(id_);
        id_ = -1;
    }
    /// Gives up ownership without closing (the caller closes and checks the result).
    void release() { id_ = -1; }

private:
    hid_t id_ = -1;
    herr_t (*close_)(hid_t) = nullptr;
};

/// An HDF5 file opened for writing.
class H5File {
public:
    /// Free space a flush leaves on the file's disk (see flush()).
    static constexpr std::uint64_t kDiskReserve = std::uint64_t{2} << 20;
    enum class Mode { create, append };
    /// Creates (truncates) `path`, or opens an existing file to continue it (`append`); throws
    /// Error when it cannot be created or opened.
    explicit H5File(const std::string& path, Mode mode = Mode::create);
    const std::string& path() const { return path_; }
    hid_t id() const { return file_.get(); }
    /// True when the file was opened to continue it (Mode::append).
    bool continued() const { return continued_; }
    /// Flushes and closes the file; throws Error when that fails (e.g. the disk is full).
    void close();
    /// Shrinks the first dimension of dataset `path` to `rows` (continuing from a checkpoint).
    void truncate(const std::string& path, std::uint64_t rows);
    /// Writes a whole 1-D dataset of `n` elements of HDF5 native type `type` (contiguous).
    void write_typed(const std::string& path, hid_t type, const void* data, std::size_t n);

    /// Creates the group `path` and any missing parents (no error when it exists).
    void ensure_group(const std::string& path);
    bool exists(const std::string& path) const;

    /// Appends values to the 1-D dataset `path`, creating it (chunked, unlimited) on first use.
    void append(const std::string& path, const double* data, std::size_t n);
    void append(const std::string& path, const std::uint64_t* data, std::size_t n);
    void append(const std::string& path, const float* data, std::size_t n);
    /// Appends rows to the 2-D dataset `path` (rows x cols, row-major), creating it on first use.
    void append_rows(const std::string& path, const float* data, std::size_t rows, std::size_t cols);
    void append_rows(const std::string& path, const double* data, std::size_t rows, std::size_t cols);
    void append_rows(const std::string& path, const std::int32_t* data, std::size_t rows, std::size_t cols);
    /// Replaces the 1-D dataset `path` with `n` values.
    void replace(const std::string& path, const double* data, std::size_t n);
    /// Writes a whole 1-D dataset at once.
    template <class T>
    void write(const std::string& path, const std::vector<T>& v) {
        append(path, v.data(), v.size());
    }

    void attr(const std::string& object, const std::string& name, const std::string& value);
    void attr(const std::string& object, const std::string& name, double value);
    void attr(const std::string& object, const std::string& name, std::int64_t value);
    void attr(const std::string& object, const std::string& name, const std::vector<std::uint32_t>& value);
    /// SONATA's `sorting` enum attribute (uint8: none = 0, by_id = 1, by_time = 2).
    void sorting_attr(const std::string& group, int value);

    /// Pushes buffered data and metadata to disk; IoError when the disk has less than
    /// kDiskReserve bytes free (before writing, so the file stays readable as of the last flush).
    void flush();

private:
    /// Appends `rows` entries (cols == 0: a 1-D dataset) or rows x cols values (2-D).
    void append_raw(const std::string& path, hid_t mem_type, const void* data, std::size_t rows, std::size_t cols);
    /// append_raw for a 2-D dataset (cols >= 1).
    void append_matrix(const std::string& path, hid_t mem_type, const void* data, std::size_t rows, std::size_t cols);
    H5Handle file_;
    std::string path_;
    bool continued_ = false;
};

/// An HDF5 file opened for reading (saved networks, tests). Errors name the file and the object.
class H5Reader {
public:
    /// Opens `path` read-only; throws Error when it is missing or not HDF5.
    explicit H5Reader(const std::string& path);
    const std::string& path() const { return path_; }
    bool exists(const std::string& path) const;
    /// A dataset of any numeric type as doubles, row-major; `dims` receives its shape.
    std::vector<double> read(const std::string& dataset, std::vector<std::size_t>* dims = nullptr) const;
    std::string attr_string(const std::string& object, const std::string& name) const;
    std::int64_t attr_int(const std::string& object, const std::string& name) const;
    /// Names of the attributes of `object`, and whether one is a string.
    std::vector<std::string> attr_names(const std::string& object) const;
    bool attr_is_string(const std::string& object, const std::string& name) const;
    /// H5Ovisit2 over the objects below `group` (names relative to it); returns its status.
    herr_t visit_objects(const std::string& group, H5O_iterate_t op, void* data) const;

private:
    H5Handle file_;
    std::string path_;
};

}  // namespace plastica
