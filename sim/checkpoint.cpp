#include "sim/checkpoint.hpp"

#include <hdf5.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "sim/hdf5.hpp"

namespace plastica {

namespace {

constexpr const char* kGroup = "/plastica/checkpoint";
constexpr const char* kState = "/plastica/checkpoint/state";
constexpr std::int64_t kFormat = 1;

hid_t native(StateType t) {
    switch (t) {
        case StateType::f64: return H5T_NATIVE_DOUBLE;
        case StateType::f32: return H5T_NATIVE_FLOAT;
        case StateType::i64: return H5T_NATIVE_INT64;
        case StateType::i32: return H5T_NATIVE_INT32;
        case StateType::u64: return H5T_NATIVE_UINT64;
        case StateType::u32: return H5T_NATIVE_UINT32;
        case StateType::u16: return H5T_NATIVE_UINT16;
        case StateType::u8: return H5T_NATIVE_UINT8;
    }
    return H5T_NATIVE_UINT8;
}

/// The StateType whose native HDF5 type equals the dataset's type, or false.
bool type_of(hid_t dtype, StateType& out) {
    for (StateType t : {StateType::f64, StateType::f32, StateType::i64, StateType::i32, StateType::u64, StateType::u32,
                        StateType::u16, StateType::u8})
        if (H5Tequal(dtype, native(t)) > 0) {
            out = t;
            return true;
        }
    return false;
}

struct Visit {
    std::string path;
    std::map<std::string, StateEntry>* out;
    std::string error;
};

herr_t read_dataset(hid_t group, const char* name, const H5O_info_t* info, void* data) {
    auto* v = static_cast<Visit*>(data);
    if (info->type != H5O_TYPE_DATASET || std::string(name) == ".") return 0;
    H5Handle ds(H5Dopen2(group, name, H5P_DEFAULT), H5Dclose);
    if (!ds) return v->error = std::string("cannot open ") + name, -1;
    H5Handle dtype(H5Dget_type(ds.get()), H5Tclose);
    H5Handle space(H5Dget_space(ds.get()), H5Sclose);
    StateEntry e;
    if (!dtype || !space || !type_of(dtype.get(), e.type)) return v->error = std::string("unexpected type of ") + name, -1;
    if (H5Sget_simple_extent_ndims(space.get()) != 1) return v->error = std::string("unexpected rank of ") + name, -1;
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.get(), &n, nullptr);
    e.count = n;
    e.bytes.resize(n * state_type_size(e.type));
    if (n && H5Dread(ds.get(), native(e.type), H5S_ALL, H5S_ALL, H5P_DEFAULT, e.bytes.data()) < 0)
        return v->error = std::string("cannot read ") + name, -1;
    (*v->out)[name] = std::move(e);
    return 0;
}

}  // namespace

std::string fingerprint_difference(const std::string& saved, const std::string& now) {
    std::istringstream a(saved), b(now);
    std::string la, lb;
    while (true) {
        const bool ga = static_cast<bool>(std::getline(a, la)), gb = static_cast<bool>(std::getline(b, lb));
        if (!ga && !gb) return "";
        if (!ga) return "this network has \"" + lb + "\", the checkpoint's has no such line";
        if (!gb) return "the checkpoint's network has \"" + la + "\", this one has no such line";
        if (la != lb) return "the checkpoint's network has \"" + la + "\", this one \"" + lb + "\"";
    }
}

namespace {

/// Writes a checkpoint file through `body` into `<path>.tmp` and renames it over `path` only
/// when complete; a half-written file never lies around.
template <class Body>
void write_atomically(const std::string& path, const CheckpointInfo& info, Body&& body) {
    const std::string tmp = path + ".tmp";
    struct RemoveOnFailure {
        const std::string& p;
        bool done = false;
        ~RemoveOnFailure() {
            std::error_code ec;
            if (!done) std::filesystem::remove(p, ec);
        }
    } guard{tmp};
    {
        H5File f(tmp);
        body(f);
        f.attr(kGroup, "format", kFormat);
        f.attr(kGroup, "version", std::string(PLASTICA_VERSION));
        for (const auto& [k, v] : info) f.attr(kGroup, k, v);
        f.close();
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw IoError("checkpoint: " + path + ": cannot be written (" + ec.message() + ")");
    guard.done = true;
}

}  // namespace

void save_checkpoint(const std::string& path, Network& net, const std::vector<Monitor*>& monitors, const CheckpointInfo& info) {
    StateIO io(StateIO::Mode::save);
    net.io_state(io);
    for (std::size_t m = 0; m < monitors.size(); ++m) {
        StateIO::Scope s(io, "monitors/" + std::to_string(m));
        monitors[m]->io_state(io);
    }
    write_atomically(path, info, [&](H5File& f) {
        write_state(f, kState, io);
        f.attr(kGroup, "fingerprint", net.fingerprint());
        f.attr(kGroup, "step", static_cast<std::int64_t>(net.now()));
        f.attr(kGroup, "time_ms", static_cast<double>(net.now()) * net.dt());
        f.attr(kGroup, "monitors", static_cast<std::int64_t>(monitors.size()));
    });
}

void save_checkpoint_info(const std::string& path, const CheckpointInfo& info) {
    write_atomically(path, info, [](H5File& f) { f.ensure_group(kGroup); });
}

namespace {
CheckpointInfo info_of(const H5Reader& r, const std::string& path) {
    if (!r.exists(kGroup)) throw Error("--resume", "file", path, "is not a Plastica checkpoint (no " + std::string(kGroup) + ")");
    if (r.attr_int(kGroup, "format") != kFormat)
        throw Error("--resume", "file", path, "has checkpoint format " + std::to_string(r.attr_int(kGroup, "format")) + ", this version reads " +
                                                  std::to_string(kFormat));
    CheckpointInfo info;
    for (const std::string& k : r.attr_names(kGroup))
        if (r.attr_is_string(kGroup, k)) info[k] = r.attr_string(kGroup, k);
    return info;
}
}  // namespace

CheckpointInfo read_checkpoint_info(const std::string& path) { return info_of(H5Reader(path), path); }

Checkpoint read_checkpoint(const std::string& path) {
    H5Reader r(path);
    Checkpoint cp;
    cp.path = path;
    cp.info = info_of(r, path);
    cp.step = r.attr_int(kGroup, "step");
    cp.entries = read_state(r, kState);
    return cp;
}

void write_state(H5File& f, const std::string& group, const StateIO& io) {
    f.ensure_group(group);
    for (const auto& [name, e] : io.entries()) f.write_typed(group + "/" + name, native(e.type), e.bytes.data(), e.count);
}

std::map<std::string, StateEntry> read_state(const H5Reader& r, const std::string& group) {
    std::map<std::string, StateEntry> out;
    Visit v{r.path(), &out, ""};
    if (r.visit_objects(group, read_dataset, &v) < 0)
        throw Error(r.path(), "state", group, "is corrupt: " + (v.error.empty() ? std::string("cannot list it") : v.error));
    return out;
}

void load_checkpoint(const Checkpoint& cp, Network& net, const std::vector<Monitor*>& monitors) {
    const auto version = cp.info.find("version");
    if (version == cp.info.end() || version->second != PLASTICA_VERSION)
        throw Error("--resume", "file", cp.path,
                    "was written by Plastica " + (version == cp.info.end() ? std::string("?") : version->second) + ", this is " + PLASTICA_VERSION);
    const auto fp = cp.info.find("fingerprint");
    const std::string diff = fingerprint_difference(fp == cp.info.end() ? "" : fp->second, net.fingerprint());
    if (!diff.empty()) throw Error("--resume", "file", cp.path, "is of another network: " + diff);
    StateIO io(cp.entries, cp.path);
    net.io_state(io);
    for (std::size_t m = 0; m < monitors.size(); ++m) {
        StateIO::Scope s(io, "monitors/" + std::to_string(m));
        monitors[m]->io_state(io);
    }
}

}  // namespace plastica
