#include "sim/state_io.hpp"

namespace plastica {

std::size_t state_type_size(StateType t) {
    switch (t) {
        case StateType::f64: case StateType::i64: case StateType::u64: return 8;
        case StateType::f32: case StateType::i32: case StateType::u32: return 4;
        case StateType::u16: return 2;
        case StateType::u8: return 1;
    }
    return 1;
}

const char* state_type_name(StateType t) {
    switch (t) {
        case StateType::f64: return "float64";
        case StateType::f32: return "float32";
        case StateType::i64: return "int64";
        case StateType::i32: return "int32";
        case StateType::u64: return "uint64";
        case StateType::u32: return "uint32";
        case StateType::u16: return "uint16";
        case StateType::u8: return "uint8";
    }
    return "?";
}

const StateEntry& StateIO::find(const std::string& name, StateType t) const {
    const auto it = entries_.find(name);
    if (it == entries_.end()) throw Error(source_, name, "", "missing (the checkpoint is of another network or version)");
    if (it->second.type != t)
        throw Error(source_, name, state_type_name(it->second.type),
                    std::string("expected ") + state_type_name(t) + " (the checkpoint is of another version)");
    if (it->second.bytes.size() != it->second.count * state_type_size(t))
        throw Error(source_, name, std::to_string(it->second.bytes.size()) + " bytes", "corrupt entry (size does not match its type)");
    return it->second;
}

}  // namespace plastica
