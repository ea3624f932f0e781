#include "bridges/idx.hpp"

#include <zlib.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "sim/error.hpp"
#include "sim/memory.hpp"

namespace plastica {

std::size_t IdxArray::item_size() const {
    std::size_t n = 1;
    for (std::size_t i = 1; i < dims.size(); ++i) n *= dims[i];
    return n;
}

namespace {

[[noreturn]] void bad(const std::string& path, const std::string& why) { throw Error(path + ": " + why); }

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

std::size_t type_size(std::uint8_t t) {
    switch (t) {
        case 0x08: case 0x09: return 1;
        case 0x0B: return 2;
        case 0x0C: case 0x0D: return 4;
        case 0x0E: return 8;
        default: return 0;
    }
}

float decode(const unsigned char* p, std::uint8_t t) {
    switch (t) {
        case 0x08: return static_cast<float>(p[0]);
        case 0x09: return static_cast<float>(static_cast<std::int8_t>(p[0]));
        case 0x0B: return static_cast<float>(static_cast<std::int16_t>((p[0] << 8) | p[1]));
        case 0x0C: return static_cast<float>(static_cast<std::int32_t>(be32(p)));
        case 0x0D: return std::bit_cast<float>(be32(p));
        default: {  // 0x0E
            const std::uint64_t v = (std::uint64_t{be32(p)} << 32) | be32(p + 4);
            return static_cast<float>(std::bit_cast<double>(v));
        }
    }
}

char hex(unsigned v) { return "0123456789abcdef"[v & 15]; }

/// What the header of an IDX file says: element type, dimensions and the data bytes they need.
struct IdxHeader {
    std::uint8_t type = 0;
    std::vector<std::uint32_t> dims;
    std::size_t header_bytes = 0, count = 0, data_bytes = 0;
    std::string shape() const {
        std::string s;
        for (auto d : dims) s += (s.empty() ? "" : " x ") + std::to_string(d);
        return s;
    }
};

/// Reads the header from the first bytes of a file; false when more bytes are needed. The data
/// size is computed with overflow checks and bounded by kMaxIdxBytes before anything is read.
bool parse_header(const unsigned char* b, std::size_t n, const std::string& path, IdxHeader& h) {
    if (n < 4) return false;
    if (b[0] != 0 || b[1] != 0 || type_size(b[2]) == 0 || b[3] == 0) {
        std::string m = "0x";
        for (int i = 0; i < 4; ++i) m += {hex(b[i] >> 4), hex(b[i])};
        bad(path, "wrong magic number " + m + " (an IDX file starts with 0x0000, a type in {08, 09, 0b, 0c, 0d, 0e} and a rank >= 1)");
    }
    const std::size_t rank = b[3];
    h.header_bytes = 4 + 4 * rank;
    if (n < h.header_bytes) return false;
    h.type = b[2];
    h.dims.clear();
    std::size_t count = 1;
    bool overflow = false;
    for (std::size_t i = 0; i < rank; ++i) {
        h.dims.push_back(be32(b + 4 + 4 * i));
        overflow = overflow || __builtin_mul_overflow(count, std::size_t{h.dims.back()}, &count);
    }
    std::size_t want = 0;
    overflow = overflow || __builtin_mul_overflow(count, type_size(h.type), &want);
    if (overflow || want > kMaxIdxBytes)
        bad(path, "dimensions " + h.shape() + " would need " + (overflow ? std::string("more than 2^64") : std::to_string(want)) +
                      " data bytes, more than this reader accepts (" + std::to_string(kMaxIdxBytes) + "): a corrupt header?");
    h.count = count;
    h.data_bytes = want;
    return true;
}

}  // namespace

IdxArray parse_idx(const std::vector<unsigned char>& b, const std::string& path) {
    IdxHeader h;
    if (!parse_header(b.data(), b.size(), path, h)) {
        if (b.size() < 4) bad(path, "truncated: " + std::to_string(b.size()) + " bytes, too short for the 4-byte IDX magic number");
        bad(path, "truncated: the header of " + std::to_string(b[3]) + " dimensions needs " + std::to_string(4 + 4 * std::size_t{b[3]}) +
                      " bytes, the file has " + std::to_string(b.size()));
    }
    IdxArray a;
    a.path = path;
    a.type = h.type;
    a.dims = h.dims;
    const std::size_t ts = type_size(a.type), data = b.size() - h.header_bytes, want = h.data_bytes;
    if (data < want) bad(path, "truncated: dimensions " + h.shape() + " need " + std::to_string(want) + " data bytes, the file has " + std::to_string(data));
    if (data > want) bad(path, std::to_string(data - want) + " bytes after the " + std::to_string(want) + " data bytes of dimensions " + h.shape() + " (size mismatch)");
    a.values.resize(h.count);
    for (std::size_t i = 0; i < h.count; ++i) {
        a.values[i] = decode(&b[h.header_bytes + i * ts], a.type);
        if (!std::isfinite(a.values[i])) bad(path, "element " + std::to_string(i) + " is " + to_text(a.values[i]) + " (values must be finite)");
    }
    return a;
}

IdxArray read_idx(const std::string& path) {
    unsigned char magic[2] = {0, 0};
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) bad(path, "cannot open (missing or unreadable): " + std::string(std::strerror(errno)));
        in.read(reinterpret_cast<char*>(magic), 2);
    }
    const bool gzipped = magic[0] == 0x1f && magic[1] == 0x8b;
    if (path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0 && !gzipped)
        bad(path, "named .gz but not gzip-compressed (no gzip signature 1f 8b)");
    gzFile f = gzopen(path.c_str(), "rb");  // reads plain files unchanged
    if (!f) bad(path, "cannot open (missing or unreadable)");
    std::vector<unsigned char> bytes;
    std::vector<unsigned char> chunk(1 << 20);
    IdxHeader h;
    bool known = false;
    for (;;) {
        // Read no more than the header says the file holds (a device such as /dev/zero, or a
        // gzip bomb, ends at the first byte too many).
        if (!known && (known = parse_header(bytes.data(), bytes.size(), path, h)))
            check_memory(path, "dimensions", h.shape(), 2.0 * static_cast<double>(h.data_bytes) + 4.0 * static_cast<double>(h.count));
        if (known && bytes.size() > h.header_bytes + h.data_bytes + chunk.size()) {
            gzclose(f);
            bad(path, "more than " + std::to_string(bytes.size() - h.header_bytes - h.data_bytes) + " bytes after the " + std::to_string(h.data_bytes) +
                          " data bytes of dimensions " + h.shape() + " (size mismatch; reading stopped)");
        }
        const int n = gzread(f, chunk.data(), static_cast<unsigned>(chunk.size()));
        if (n < 0) {
            int code = 0;
            const std::string msg = gzerror(f, &code);
            gzclose(f);
            bad(path, "corrupt gzip data (" + msg + ")");
        }
        if (n == 0) break;
        bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + n);
    }
    int code = 0;
    const std::string msg = gzerror(f, &code);
    gzclose(f);
    if (code != Z_OK && code != Z_STREAM_END) bad(path, "corrupt gzip data (" + msg + ")");
    return parse_idx(bytes, path);
}

}  // namespace plastica
