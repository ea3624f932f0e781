#pragma once
// Memory estimates checked before allocating: a network (or a dataset) that cannot fit is refused
// with one line naming what and how much, instead of swapping for minutes or dying with a bare
// "out of memory". The limit is what the machine can give now: MemAvailable from /proc/meminfo,
// or the cgroup's memory.max when that is lower (containers, CI runners).
#include <cstdint>
#include <string>

namespace plastica {

/// Bytes this process can still allocate (MemAvailable, capped by the cgroup limit); 0 when unknown.
std::uint64_t available_memory_bytes();

/// "1.5 GiB", "320 MiB".
std::string bytes_text(double bytes);

/// Throws Error(where, key, value, ...) when `bytes` exceed the available memory.
void check_memory(const std::string& where, const std::string& key, const std::string& value, double bytes);

}  // namespace plastica
