#include "sim/memory.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "sim/error.hpp"

namespace plastica {

std::uint64_t available_memory_bytes() {
    std::uint64_t avail = 0;
    {
        std::ifstream in("/proc/meminfo");
        std::string key;
        std::uint64_t kb = 0;
        std::string unit;
        while (in >> key >> kb >> unit)
            if (key == "MemAvailable:") {
                avail = kb * 1024;
                break;
            }
    }
    // cgroup v2: the limit of this process's group, less what it uses already
    std::ifstream max("/sys/fs/cgroup/memory.max"), cur("/sys/fs/cgroup/memory.current");
    std::string m;
    std::uint64_t used = 0;
    if (max >> m && m != "max" && cur >> used) {
        const std::uint64_t limit = std::stoull(m);
        const std::uint64_t left = limit > used ? limit - used : 0;
        if (avail == 0 || left < avail) avail = left;
    }
    return avail;
}

std::string bytes_text(double b) {
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (b >= 1024 && u < 6) b /= 1024, ++u;
    char buf[64];
    std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", b, units[u]);
    return buf;
}

void check_memory(const std::string& where, const std::string& key, const std::string& value, double bytes) {
    const std::uint64_t avail = available_memory_bytes();
    if (avail == 0 || bytes <= static_cast<double>(avail)) return;
    throw Error(where, key, value,
                "needs about " + bytes_text(bytes) + ", more than the " + bytes_text(static_cast<double>(avail)) +
                    " of memory available: make it smaller");
}

}  // namespace plastica
