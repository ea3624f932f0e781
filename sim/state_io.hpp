#pragma once
// StateIO — the one way every part of a running network hands over its state: to save it (a
// checkpoint, sim/checkpoint.hpp) or to load it back into a freshly built network of the same
// description. Each stateful part (Network, Population, SynapseRule, Monitor) writes one
// `io_state(StateIO&)` that names its arrays and values; the same function serves both
// directions (Boost.Serialization's archive idea), so what is saved and what is loaded cannot
// drift apart. Entries are flat: "populations/exc/v" -> typed bytes.
//
// Loading checks that every named entry exists and has the saved element type; arrays whose
// length is fixed by the network's description (a population's state, a projection's weights)
// must also have the same length, so a checkpoint of another network is refused with the entry
// that differs, never loaded into the wrong places.
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/error.hpp"

namespace plastica {

/// Element type codes of StateIO entries (also the HDF5 types of a checkpoint).
enum class StateType : std::uint8_t { f64, f32, i64, i32, u64, u32, u16, u8 };

template <class T>
constexpr StateType state_type() {
    if constexpr (std::is_same_v<T, double>) return StateType::f64;
    else if constexpr (std::is_same_v<T, float>) return StateType::f32;
    else if constexpr (std::is_same_v<T, std::int64_t>) return StateType::i64;
    else if constexpr (std::is_same_v<T, std::int32_t>) return StateType::i32;
    else if constexpr (std::is_same_v<T, std::uint64_t>) return StateType::u64;
    else if constexpr (std::is_same_v<T, std::uint32_t>) return StateType::u32;
    else if constexpr (std::is_same_v<T, std::uint16_t>) return StateType::u16;
    else if constexpr (std::is_same_v<T, std::uint8_t>) return StateType::u8;
    else static_assert(sizeof(T) == 0, "StateIO stores arithmetic arrays of fixed-width types");
}

/// Bytes per element of a StateType.
std::size_t state_type_size(StateType t);
const char* state_type_name(StateType t);

/// One saved array.
struct StateEntry {
    StateType type = StateType::f64;
    std::uint64_t count = 0;
    std::vector<unsigned char> bytes;
};

/// Saves state into, or loads it from, a flat map of named typed arrays.
class StateIO {
public:
    enum class Mode { save, load };
    explicit StateIO(Mode m) : mode_(m) {}
    /// A loader over entries read from a checkpoint; `source` names it in errors.
    StateIO(std::map<std::string, StateEntry> entries, std::string source)
        : mode_(Mode::load), entries_(std::move(entries)), source_(std::move(source)) {}

    bool saving() const { return mode_ == Mode::save; }
    bool loading() const { return mode_ == Mode::load; }

    /// Prefixes the names of entries written while it lives ("populations/exc/").
    class Scope {
    public:
        Scope(StateIO& io, const std::string& name) : io_(io), len_(io.prefix_.size()) { io_.prefix_ += name + "/"; }
        ~Scope() { io_.prefix_.resize(len_); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        StateIO& io_;
        std::size_t len_;
    };

    /// An array (std::vector or AlignedVector of a fixed-width arithmetic type). With `fixed`, a
    /// loaded array must have the length the container has now (set by the network's description).
    template <class V>
    void array(const std::string& key, V& v, bool fixed = true) {
        using T = typename V::value_type;
        const std::string name = prefix_ + key;
        if (saving()) {
            StateEntry& e = entries_[name];
            e.type = state_type<T>();
            e.count = v.size();
            e.bytes.resize(v.size() * sizeof(T));
            if (!v.empty()) std::memcpy(e.bytes.data(), v.data(), e.bytes.size());
            return;
        }
        const StateEntry& e = find(name, state_type<T>());
        if (fixed && e.count != v.size())
            throw Error(source_, name, std::to_string(e.count) + " values",
                        "this network has " + std::to_string(v.size()) + " (the checkpoint is of another network)");
        v.resize(e.count);
        if (e.count) std::memcpy(v.data(), e.bytes.data(), e.bytes.size());
    }
    /// An array whose length is part of the state (recorded spikes, scheduled events).
    template <class V>
    void growing(const std::string& key, V& v) { array(key, v, false); }

    /// One value.
    template <class T>
    void value(const std::string& key, T& x) {
        std::vector<T> one{x};
        array(key, one, true);
        x = one[0];
    }

    const std::map<std::string, StateEntry>& entries() const { return entries_; }
    std::map<std::string, StateEntry>& entries() { return entries_; }

private:
    const StateEntry& find(const std::string& name, StateType t) const;
    Mode mode_;
    std::map<std::string, StateEntry> entries_;
    std::string prefix_;
    std::string source_ = "checkpoint";
};

}  // namespace plastica
