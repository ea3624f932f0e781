#pragma once
// IDX reader — the file format of the MNIST family (LeCun et al., "THE MNIST DATABASE of
// handwritten digits", file format section): a 4-byte magic number 0x00 0x00 <type> <rank>,
// <rank> big-endian uint32 dimensions, then the values, big-endian, row-major. Types: 0x08
// unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64.
//
// Files may be gzip-compressed (as distributed) or plain; a file named *.gz must be gzip. Every
// inconsistency (magic number, type, rank, a size that is not exactly what the dimensions say,
// a corrupt gzip stream) is a plastica::Error naming the file and what is wrong.
#include <cstdint>
#include <string>
#include <vector>

namespace plastica {

/// The contents of one IDX file.
struct IdxArray {
    std::string path;
    std::uint8_t type = 0x08;           ///< element type code
    std::vector<std::uint32_t> dims;    ///< e.g. {60000, 28, 28}
    std::vector<float> values;          ///< all elements, row-major, converted to float
    /// Number of items (the first dimension).
    std::uint32_t items() const { return dims.empty() ? 0 : dims[0]; }
    /// Elements per item (product of the other dimensions).
    std::size_t item_size() const;
};

/// The largest data an IDX file may hold (16 GiB, beyond any machine this runs on): headers that
/// promise more are refused before reading.
inline constexpr std::size_t kMaxIdxBytes = std::size_t{1} << 34;

/// Reads an IDX file (gzip or plain), never more bytes than its header promises. Throws Error
/// naming the file and the problem; non-finite values are errors.
IdxArray read_idx(const std::string& path);

/// Decodes IDX bytes already in memory; `path` names them in errors.
IdxArray parse_idx(const std::vector<unsigned char>& bytes, const std::string& path);

}  // namespace plastica
