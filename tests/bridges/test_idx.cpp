// IDX reader: round trips of hand-made files (plain and gzip), every malformed case, and the
// Fashion-MNIST files from Debian's dataset-fashion-mnist.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "bridges/dataset.hpp"
#include "bridges/idx.hpp"
#include "sim/error.hpp"

using namespace plastica;
namespace fs = std::filesystem;

namespace {
using Bytes = std::vector<unsigned char>;

fs::path tmp_dir() {
    const fs::path d = fs::temp_directory_path() / ("plastica_idx_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}
std::string write_plain(const std::string& name, const Bytes& b) {
    const auto p = (tmp_dir() / name).string();
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    return p;
}
std::string write_gz(const std::string& name, const Bytes& b) {
    const auto p = (tmp_dir() / name).string();
    gzFile f = gzopen(p.c_str(), "wb");
    gzwrite(f, b.data(), static_cast<unsigned>(b.size()));
    gzclose(f);
    return p;
}
// An IDX file of unsigned bytes with the given dimensions and values 0, 1, 2, ...
Bytes idx_bytes(std::vector<std::uint32_t> dims, std::size_t extra = 0, std::size_t missing = 0) {
    Bytes b{0, 0, 0x08, static_cast<unsigned char>(dims.size())};
    std::size_t n = 1;
    for (auto d : dims) {
        for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<unsigned char>(d >> s));
        n *= d;
    }
    for (std::size_t i = 0; i < n + extra - missing; ++i) b.push_back(static_cast<unsigned char>(i % 7));
    return b;
}
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("IDX: plain and gzip files read back their dimensions and values", "[bridges][idx]") {
    const Bytes b = idx_bytes({3, 2, 2});
    for (const std::string& p : {write_plain("a.idx", b), write_gz("a.idx.gz", b), write_gz("gz-without-suffix", b)}) {
        const IdxArray a = read_idx(p);
        CHECK(a.dims == std::vector<std::uint32_t>{3, 2, 2});
        CHECK(a.items() == 3);
        CHECK(a.item_size() == 4);
        REQUIRE(a.values.size() == 12);
        CHECK(a.values[8] == 1.0f);  // 8 % 7
    }
    // Other element types: int16 -2 and float32 1.5, big-endian.
    const IdxArray s = parse_idx({0, 0, 0x0B, 1, 0, 0, 0, 1, 0xff, 0xfe}, "mem");
    CHECK(s.values[0] == -2.0f);
    const IdxArray f = parse_idx({0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0}, "mem");
    CHECK(f.values[0] == 1.5f);
}

TEST_CASE("IDX: malformed files are errors naming the file and the problem", "[bridges][idx][errors]") {
    Bytes bad_magic = idx_bytes({2, 2});
    bad_magic[0] = 0x12;
    const auto p1 = write_plain("magic.idx", bad_magic);
    CHECK_THAT(error_of([&] { read_idx(p1); }), Catch::Contains(p1) && Catch::Contains("wrong magic number 0x12000802"));
    Bytes bad_type = idx_bytes({2, 2});
    bad_type[2] = 0x07;
    CHECK_THAT(error_of([&] { parse_idx(bad_type, "t.idx"); }), Catch::Contains("wrong magic number"));
    const auto p2 = write_gz("trunc.idx.gz", idx_bytes({10, 4}, 0, 5));
    CHECK_THAT(error_of([&] { read_idx(p2); }), Catch::Contains(p2) && Catch::Contains("truncated") && Catch::Contains("40 data bytes"));
    CHECK_THAT(error_of([&] { parse_idx({0, 0, 8, 3, 0, 0}, "h.idx"); }), Catch::Contains("truncated: the header"));
    const auto p3 = write_plain("extra.idx", idx_bytes({2, 3}, 4));
    CHECK_THAT(error_of([&] { read_idx(p3); }), Catch::Contains("4 bytes after the 6 data bytes"));
    const auto missing = (tmp_dir() / "nope.idx").string();
    CHECK_THAT(error_of([&] { read_idx(missing); }), Catch::Contains(missing) && Catch::Contains("cannot open"));
    const auto p4 = write_plain("plain.idx.gz", idx_bytes({2}));
    CHECK_THAT(error_of([&] { read_idx(p4); }), Catch::Contains(p4) && Catch::Contains("not gzip"));
    // A gzip stream cut short.
    Bytes gz;
    {
        const auto full = write_gz("full.gz", idx_bytes({50, 50}));
        std::ifstream in(full, std::ios::binary);
        gz.assign(std::istreambuf_iterator<char>(in), {});
    }
    gz.resize(gz.size() / 2);
    const auto p5 = write_plain("cut.idx.gz", gz);
    CHECK_THAT(error_of([&] { read_idx(p5); }), Catch::Contains(p5) && (Catch::Contains("gzip") || Catch::Contains("truncated")));
}

TEST_CASE("IDX datasets: images and labels must agree", "[bridges][idx][errors]") {
    const auto im = write_plain("im.idx", idx_bytes({5, 2, 2}));
    const auto lb = write_plain("lb.idx", idx_bytes({5}));
    const Dataset d = load_idx_dataset(im, lb, "toy");
    CHECK(d.size() == 5);
    CHECK(d.features() == 4);
    CHECK(d.x(1, 2) == 9 % 7);  // item 2, pixel 1 = value 9
    CHECK(d.labels == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(d.classes == 5);
    const auto lb4 = write_plain("lb4.idx", idx_bytes({4}));
    CHECK_THAT(error_of([&] { load_idx_dataset(im, lb4, "toy"); }), Catch::Contains("5 images") && Catch::Contains("4 labels"));
    CHECK_THAT(error_of([&] { load_idx_directory(tmp_dir().string(), "x"); }), Catch::Contains("train-images-idx3-ubyte"));
}

TEST_CASE("Fashion-MNIST from dataset-fashion-mnist: sizes, classes, balance", "[bridges][idx][data]") {
    if (!fs::exists(kFashionMnistDir)) FAIL("install Debian's dataset-fashion-mnist (experiments/deps.sh does)");
    DataSplits d = fashion_mnist();
    CHECK(d.train.size() == 60000);
    CHECK(d.test.size() == 10000);
    CHECK(d.train.features() == 784);
    CHECK(d.train.shape == std::vector<std::uint32_t>{28, 28});
    CHECK(d.train.classes == 10);
    std::vector<int> per(10, 0);
    for (int l : d.train.labels) ++per[static_cast<std::size_t>(l)];
    for (int c : per) CHECK(c == 6000);  // Xiao et al. 2017: 6,000 training images per class
    CHECK(d.train.x.maxCoeff() == 255.0f);
    normalise(d, Normalisation::scale);
    CHECK(d.train.x.maxCoeff() == 1.0f);
    CHECK(d.train.x.minCoeff() == 0.0f);
    split_validation(d, 1.0 / 6, 1);
    CHECK(d.train.size() == 50000);
    CHECK(d.validation.size() == 10000);
}

TEST_CASE("IDX: hostile headers, devices, non-finite values and corrupt labels are refused", "[bridges][idx][errors]") {
    // dimensions whose product overflows 64 bits: refused from the header, before reading the body
    Bytes huge(20, 0xff);
    huge[0] = huge[1] = 0;
    huge[2] = 0x0E;
    huge[3] = 4;
    const auto p1 = write_plain("huge.idx", huge);
    CHECK_THAT(error_of([&] { read_idx(p1); }), Catch::Contains(p1) && Catch::Contains("more than 2^64") && Catch::Contains("corrupt header"));
    // a header promising 64 GiB
    Bytes big = {0, 0, 0x08, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 16};
    CHECK_THAT(error_of([&] { parse_idx(big, "big.idx"); }), Catch::Contains("more than this reader accepts"));
    // a device that never ends: one header, then reading stops at the first bytes too many
    if (fs::exists("/dev/zero")) CHECK_THAT(error_of([&] { read_idx("/dev/zero"); }), Catch::Contains("/dev/zero") && Catch::Contains("wrong magic"));
    const auto endless = (tmp_dir() / "endless.idx").string();
    fs::remove(endless);
    const Bytes head = idx_bytes({2, 2});
    {
        std::ofstream out(endless, std::ios::binary);
        out.write(reinterpret_cast<const char*>(head.data()), static_cast<std::streamsize>(head.size()));
        const std::vector<char> more(3 << 20, 1);
        out.write(more.data(), static_cast<std::streamsize>(more.size()));
    }
    CHECK_THAT(error_of([&] { read_idx(endless); }), Catch::Contains("reading stopped"));
    // float pixels that are not finite
    Bytes f = {0, 0, 0x0D, 1, 0, 0, 0, 2, 0x3f, 0x80, 0, 0, 0x7f, 0xc0, 0, 0};  // 1.0f, NaN
    CHECK_THAT(error_of([&] { parse_idx(f, "nan.idx"); }), Catch::Contains("nan.idx") && Catch::Contains("element 1") && Catch::Contains("finite"));
    // one corrupt label (255) among classes 0-4: refused instead of 256 classes
    const auto im = write_plain("im6.idx", idx_bytes({6, 2, 2}));
    Bytes lb = idx_bytes({6});
    lb.back() = 255;
    const auto lbp = write_plain("lb255.idx", lb);
    CHECK_THAT(error_of([&] { load_idx_dataset(im, lbp, "toy"); }), Catch::Contains(lbp) && Catch::Contains("never occurs") && Catch::Contains("item 5"));
}
