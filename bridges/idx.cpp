#include "bridges/idx.hpp"

#include <zlib.h>

#include <bit>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "sim/error.hpp"

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

}  // namespace

IdxArray parse_idx(const std::vector<unsigned char>& b, const std::string& path) {
    if (b.size() < 4) bad(path, "truncated: " + std::to_string(b.size()) + " bytes, too short for the 4-byte IDX magic number");
    if (b[0] != 0 || b[1] != 0 || type_size(b[2]) == 0 || b[3] == 0) {
        std::string m = "0x";
        for (int i = 0; i < 4; ++i) m += {hex(b[i] >> 4), hex(b[i])};
        bad(path, "wrong magic number " + m + " (an IDX file starts with 0x0000, a type in {08, 09, 0b, 0c, 0d, 0e} and a rank >= 1)");
    }
    IdxArray a;
    a.path = path;
    a.type = b[2];
    const std::size_t rank = b[3];
    const std::size_t header = 4 + 4 * rank;
    if (b.size() < header) bad(path, "truncated: the header of " + std::to_string(rank) + " dimensions needs " + std::to_string(header) + " bytes, the file has " + std::to_string(b.size()));
    std::size_t count = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        a.dims.push_back(be32(&b[4 + 4 * i]));
        count *= a.dims.back();
    }
    const std::size_t ts = type_size(a.type);
    const std::size_t data = b.size() - header, want = count * ts;
    std::string shape;
    for (auto d : a.dims) shape += (shape.empty() ? "" : " x ") + std::to_string(d);
    if (data < want) bad(path, "truncated: dimensions " + shape + " need " + std::to_string(want) + " data bytes, the file has " + std::to_string(data));
    if (data > want) bad(path, std::to_string(data - want) + " bytes after the " + std::to_string(want) + " data bytes of dimensions " + shape + " (size mismatch)");
    a.values.resize(count);
    for (std::size_t i = 0; i < count; ++i) a.values[i] = decode(&b[header + i * ts], a.type);
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
    for (;;) {
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
