//===- IdxTest.cpp - IDX (MNIST) reader -----------------------------------===//

#include "sg_runtime.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

// A fresh directory per test, removed afterwards.
class Idx : public ::testing::Test {
protected:
  void SetUp() override {
    const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("sg-idx-" + std::to_string(getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string writeRaw(const std::string &name, const Bytes &bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    return path;
  }

  std::string writeGzip(const std::string &name, const Bytes &bytes) {
    const std::string path = (dir_ / name).string();
    gzFile f = gzopen(path.c_str(), "wb");
    EXPECT_NE(f, nullptr);
    EXPECT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
              static_cast<int>(bytes.size()));
    EXPECT_EQ(gzclose(f), Z_OK);
    return path;
  }

  fs::path dir_;
};

// Header bytes of an IDX file: magic, then big-endian dimensions.
Bytes header(uint8_t dtype, const std::vector<uint32_t> &dims) {
  Bytes b{0, 0, dtype, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims)
    for (int shift = 24; shift >= 0; shift -= 8)
      b.push_back(static_cast<uint8_t>(d >> shift));
  return b;
}

Bytes concat(Bytes a, const Bytes &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Bytes u8Images() {
  Bytes data(2 * 3 * 4);
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<uint8_t>(i * 11);
  return concat(header(SG_IDX_U8, {2, 3, 4}), data);
}

void expectU8Images(const sg_idx &idx) {
  EXPECT_EQ(idx.dtype, SG_IDX_U8);
  ASSERT_EQ(idx.ndims, 3u);
  EXPECT_EQ(idx.dims[0], 2u);
  EXPECT_EQ(idx.dims[1], 3u);
  EXPECT_EQ(idx.dims[2], 4u);
  EXPECT_EQ(idx.dims[3], 0u);
  ASSERT_EQ(idx.count, 24u);
  ASSERT_EQ(idx.nbytes, 24u);
  const auto *p = static_cast<const uint8_t *>(idx.data);
  for (size_t i = 0; i < 24; ++i)
    EXPECT_EQ(p[i], i * 11) << "element " << i;
}

TEST_F(Idx, LoadsRawU8) {
  const std::string path = writeRaw("images-idx3-ubyte", u8Images());
  sg_idx idx;
  ASSERT_EQ(sg_idx_load(path.c_str(), &idx), 0) << sg_last_error();
  expectU8Images(idx);
  sg_idx_free(&idx);
  EXPECT_EQ(idx.data, nullptr);
  sg_idx_free(&idx); // freeing twice is harmless
}

TEST_F(Idx, LoadsGzipU8) {
  const std::string path = writeGzip("images-idx3-ubyte.gz", u8Images());
  sg_idx idx;
  ASSERT_EQ(sg_idx_load(path.c_str(), &idx), 0) << sg_last_error();
  expectU8Images(idx);
  sg_idx_free(&idx);
}

TEST_F(Idx, ConvertsMultiByteTypesToHostOrder) {
  struct Case {
    uint8_t dtype;
    Bytes data; // two big-endian elements
    double first, second;
  };
  const std::vector<Case> cases = {
      {SG_IDX_I8, {0xfe, 0x7f}, -2, 127},
      {SG_IDX_I16, {0xff, 0xfe, 0x01, 0x02}, -2, 0x0102},
      {SG_IDX_I32,
       {0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0xfd},
       0x01020304,
       -3},
      {SG_IDX_F32, {0x3f, 0xc0, 0, 0, 0xc1, 0x20, 0, 0}, 1.5, -10},
      {SG_IDX_F64,
       {0xc0, 0x04, 0, 0, 0, 0, 0, 0, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0},
       -2.5,
       1},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE("dtype " + std::to_string(c.dtype));
    const std::string path = writeGzip("t" + std::to_string(c.dtype),
                                       concat(header(c.dtype, {2}), c.data));
    sg_idx idx;
    ASSERT_EQ(sg_idx_load(path.c_str(), &idx), 0) << sg_last_error();
    EXPECT_EQ(idx.dtype, c.dtype);
    EXPECT_EQ(idx.count, 2u);
    EXPECT_EQ(idx.nbytes, c.data.size());
    const void *p = idx.data;
    double got[2];
    for (int i = 0; i < 2; ++i)
      switch (c.dtype) {
      case SG_IDX_I8:
        got[i] = static_cast<const int8_t *>(p)[i];
        break;
      case SG_IDX_I16:
        got[i] = static_cast<const int16_t *>(p)[i];
        break;
      case SG_IDX_I32:
        got[i] = static_cast<const int32_t *>(p)[i];
        break;
      case SG_IDX_F32:
        got[i] = static_cast<const float *>(p)[i];
        break;
      default:
        got[i] = static_cast<const double *>(p)[i];
        break;
      }
    EXPECT_EQ(got[0], c.first);
    EXPECT_EQ(got[1], c.second);
    // sg_idx_to_f32 handles every type, dividing by the scale.
    float f[2];
    ASSERT_EQ(sg_idx_to_f32(&idx, f, 2.0f), 0);
    EXPECT_FLOAT_EQ(f[0], static_cast<float>(c.first / 2));
    EXPECT_FLOAT_EQ(f[1], static_cast<float>(c.second / 2));
    sg_idx_free(&idx);
  }
}

TEST_F(Idx, ToF32ScalesPixels) {
  const std::string path =
      writeRaw("px", concat(header(SG_IDX_U8, {3}), {0, 51, 255}));
  sg_idx idx;
  ASSERT_EQ(sg_idx_load(path.c_str(), &idx), 0) << sg_last_error();
  float out[3];
  ASSERT_EQ(sg_idx_to_f32(&idx, out, 255.0f), 0);
  EXPECT_EQ(out[0], 0.0f);
  EXPECT_FLOAT_EQ(out[1], 0.2f);
  EXPECT_EQ(out[2], 1.0f);
  sg_idx_free(&idx);
}

TEST_F(Idx, ToF32RejectsUnknownType) {
  sg_idx idx{};
  idx.dtype = 0x42;
  float out[1];
  EXPECT_NE(sg_idx_to_f32(&idx, out, 1.0f), 0);
  EXPECT_STREQ(sg_last_error(), "sg_idx_to_f32: unknown IDX type code 0x42");
}

// Loads `path`, expecting failure with exactly `message`, and checks that
// the output struct is left empty.
void expectLoadError(const std::string &path, const std::string &message) {
  sg_idx idx;
  std::memset(&idx, 0xab, sizeof idx);
  EXPECT_NE(sg_idx_load(path.c_str(), &idx), 0);
  EXPECT_EQ(sg_last_error(), path + ": " + message);
  EXPECT_EQ(idx.data, nullptr);
  EXPECT_EQ(idx.ndims, 0u);
  EXPECT_EQ(idx.count, 0u);
  sg_idx_free(&idx);
}

TEST_F(Idx, MissingFile) {
  expectLoadError((dir_ / "fashion/train-images-idx3-ubyte.gz").string(),
                  "cannot open: No such file or directory");
}

TEST_F(Idx, BadMagic) {
  expectLoadError(writeRaw("bad", {0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 0}),
                  "bad magic 0x12345678 (expected 0x0000TTNN with a known "
                  "type code TT and 1..8 dimensions NN)");
  // Unknown type code and zero dimensions are rejected the same way.
  expectLoadError(writeRaw("type", {0, 0, 0x0a, 1, 0, 0, 0, 0}),
                  "bad magic 0x00000a01 (expected 0x0000TTNN with a known "
                  "type code TT and 1..8 dimensions NN)");
  expectLoadError(writeRaw("rank", {0, 0, 0x08, 0}),
                  "bad magic 0x00000800 (expected 0x0000TTNN with a known "
                  "type code TT and 1..8 dimensions NN)");
}

TEST_F(Idx, TruncatedData) {
  const Bytes file = concat(header(SG_IDX_U8, {2, 3}), {1, 2, 3, 4});
  expectLoadError(writeRaw("short", file),
                  "truncated: expected 6 bytes of data, got 4");
  expectLoadError(writeGzip("short.gz", file),
                  "truncated: expected 6 bytes of data, got 4");
}

TEST_F(Idx, TruncatedHeader) {
  expectLoadError(writeRaw("hdr", {0, 0}),
                  "truncated: expected 4 bytes of header, got 2");
  expectLoadError(writeRaw("dims", {0, 0, 0x08, 2, 0, 0, 0, 5, 0}),
                  "truncated: expected 8 bytes of dimensions, got 5");
}

// Found by sg-idx-fuzzer (oom-a68bfe4b...): an 11-byte file whose header
// announces a 4 GB i8 tensor made the reader allocate the 4 GB before reading
// a byte of data. The buffer must grow with the data actually read instead.
TEST_F(Idx, HugeHeaderShortFileAllocatesLittle) {
  expectLoadError(writeRaw("fuzz-oom", {0x00, 0x00, 0x09, 0x01, 0xf6, 0x00,
                                        0x00, 0x00, 0x02, 0x80, 0x7f}),
                  "truncated: expected 4127195136 bytes of data, got 3");
  // 2^62 bytes: no machine has them, so a reader that allocates what the
  // header says fails with "out of memory" (or, under ASan, aborts).
  expectLoadError(
      writeRaw("huge", concat(header(SG_IDX_U8, {1u << 31, 1u << 31}), {7})),
      "truncated: expected 4611686018427387904 bytes of data, got 1");
}

TEST_F(Idx, TrailingData) {
  expectLoadError(writeRaw("long", concat(header(SG_IDX_U8, {2}), {1, 2, 3})),
                  "trailing data after 2 bytes of data");
}

TEST_F(Idx, CorruptGzip) {
  Bytes gz;
  {
    const std::string good = writeGzip("good.gz", u8Images());
    std::ifstream in(good, std::ios::binary);
    gz.assign(std::istreambuf_iterator<char>(in), {});
  }
  gz[gz.size() - 6] ^= 0xff; // inside the CRC-32 trailer
  const std::string path = writeRaw("corrupt.gz", gz);
  sg_idx idx;
  EXPECT_NE(sg_idx_load(path.c_str(), &idx), 0);
  EXPECT_EQ(std::string(sg_last_error()).rfind(path + ": read error: ", 0), 0u)
      << sg_last_error();
}

TEST(IdxDataset, FashionMnistTestLabels) {
  const char *path =
      "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz";
  if (!fs::exists(path))
    GTEST_SKIP() << path << " is not installed";
  sg_idx idx;
  ASSERT_EQ(sg_idx_load(path, &idx), 0) << sg_last_error();
  EXPECT_EQ(idx.dtype, SG_IDX_U8);
  ASSERT_EQ(idx.ndims, 1u);
  EXPECT_EQ(idx.dims[0], 10000u);
  const auto *labels = static_cast<const uint8_t *>(idx.data);
  for (uint64_t i = 0; i < idx.count; ++i)
    ASSERT_LT(labels[i], 10) << "label " << i;
  sg_idx_free(&idx);
}

} // namespace
