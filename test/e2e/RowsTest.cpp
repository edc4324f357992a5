//===- RowsTest.cpp - slices of a batch draw the whole batch's samples ----===//
//
// rows.mlir compiled for its batch of 6 (librows.so) and for slices of 2
// (librows_b2.so). <f>_rows(..., first_row, ...) on rows [first_row,
// first_row + 2) must draw exactly, bit for bit, the samples of those rows
// in the whole-batch call, and the samples without a batch axis of the
// whole-batch call; <f> is <f>_rows with first_row = 0. This is what lets
// data-parallel training (vae-train under mpirun) reproduce one process.
//
//===----------------------------------------------------------------------===//

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Packed = int (*)(void *const *, uint64_t, uint64_t);
using PackedRows = int (*)(void *const *, uint64_t, uint64_t, uint64_t);

constexpr int kBatch = 6, kSlice = 2, kCols = 4, kShared = 3;

struct Library {
  void *handle;
  explicit Library(const char *path) : handle(dlopen(path, RTLD_NOW)) {}
  ~Library() {
    if (handle)
      dlclose(handle);
  }
  template <typename F> F get(const char *name) const {
    return handle ? reinterpret_cast<F>(dlsym(handle, name)) : nullptr;
  }
};

/// The forward's buffers for `rows` rows: x, w, out0 (normal), out1 (no
/// batch axis), out2 (Bernoulli), out3 (categorical, one-hot), loss.
struct Forward {
  std::vector<float> x, w = {0.5f, -1.0f, 2.0f, 0.25f}, e, s, b, k;
  float loss = 0;
  Forward(int rows, int firstRow)
      : x(rows * kCols), e(rows * kCols, 7), s(kShared, 7), b(rows * kCols, 7),
        k(rows * kCols, 7) {
    // Probabilities in (0, 1) that depend on the global row.
    for (int i = 0; i < rows * kCols; ++i)
      x[i] = 0.05f + 0.9f * float((firstRow * kCols + i) % 7) / 7;
  }
  std::vector<void *> buffers() {
    return {x.data(), w.data(), e.data(), s.data(), b.data(), k.data(), &loss};
  }
};

bool sameBits(const float *a, const float *b, size_t n) {
  return std::memcmp(a, b, n * sizeof(float)) == 0;
}

TEST(Rows, WholeBatchEntryPointIsFirstRowZero) {
  Library lib(SG_ROWS_SO);
  ASSERT_TRUE(lib.handle) << dlerror();
  auto whole = lib.get<Packed>("rows_forward_packed");
  auto rows = lib.get<PackedRows>("rows_forward_rows_packed");
  ASSERT_TRUE(whole && rows);
  Forward a(kBatch, 0), b(kBatch, 0);
  ASSERT_EQ(whole(a.buffers().data(), 5, 9), 0);
  ASSERT_EQ(rows(b.buffers().data(), 5, 9, 0), 0);
  EXPECT_TRUE(sameBits(a.e.data(), b.e.data(), a.e.size()));
  EXPECT_TRUE(sameBits(a.s.data(), b.s.data(), a.s.size()));
  EXPECT_TRUE(sameBits(a.b.data(), b.b.data(), a.b.size()));
  EXPECT_TRUE(sameBits(a.k.data(), b.k.data(), a.k.size()));
  EXPECT_EQ(a.loss, b.loss);
}

TEST(Rows, SlicesDrawTheSamplesOfTheWholeBatch) {
  Library whole(SG_ROWS_SO), slice(SG_ROWS_SLICE_SO);
  ASSERT_TRUE(whole.handle && slice.handle) << dlerror();
  auto f = whole.get<Packed>("rows_forward_packed");
  auto g = slice.get<PackedRows>("rows_forward_rows_packed");
  ASSERT_TRUE(f && g);
  Forward all(kBatch, 0);
  ASSERT_EQ(f(all.buffers().data(), 3, 11), 0);
  float loss = 0;
  for (int first = 0; first < kBatch; first += kSlice) {
    Forward part(kSlice, first);
    ASSERT_EQ(g(part.buffers().data(), 3, 11, first), 0);
    size_t offset = size_t(first) * kCols, n = size_t(kSlice) * kCols;
    EXPECT_TRUE(sameBits(part.e.data(), all.e.data() + offset, n))
        << "normal samples of rows " << first << "..";
    EXPECT_TRUE(sameBits(part.b.data(), all.b.data() + offset, n))
        << "Bernoulli samples of rows " << first << "..";
    EXPECT_TRUE(sameBits(part.k.data(), all.k.data() + offset, n))
        << "categorical samples of rows " << first << "..";
    EXPECT_TRUE(sameBits(part.s.data(), all.s.data(), kShared))
        << "a sample without a batch axis is the same in every slice";
    loss += part.loss;
  }
  EXPECT_NEAR(loss, all.loss, 1e-5f * std::abs(all.loss));
  // The slices are not all the same draw: the offset was applied.
  Forward first(kSlice, 0), second(kSlice, 0);
  ASSERT_EQ(g(first.buffers().data(), 3, 11, 0), 0);
  ASSERT_EQ(g(second.buffers().data(), 3, 11, kSlice), 0);
  EXPECT_FALSE(sameBits(first.e.data(), second.e.data(), first.e.size()));
}

TEST(Rows, SliceGradientsSumToTheWholeBatchGradient) {
  Library whole(SG_ROWS_SO), slice(SG_ROWS_SLICE_SO);
  ASSERT_TRUE(whole.handle && slice.handle) << dlerror();
  auto f = whole.get<Packed>("rows_loss_grad_packed");
  auto g = slice.get<PackedRows>("rows_loss_grad_rows_packed");
  ASSERT_TRUE(f && g);
  // loss_grad's buffers: x, w, d_w, loss.
  Forward all(kBatch, 0);
  std::vector<float> dw(kCols), sum(kCols, 0);
  float loss = 0, total = 0;
  std::vector<void *> p = {all.x.data(), all.w.data(), dw.data(), &loss};
  ASSERT_EQ(f(p.data(), 2, 4), 0);
  for (int first = 0; first < kBatch; first += kSlice) {
    Forward part(kSlice, first);
    std::vector<float> d(kCols);
    float l = 0;
    std::vector<void *> q = {part.x.data(), part.w.data(), d.data(), &l};
    ASSERT_EQ(g(q.data(), 2, 4, first), 0);
    for (int j = 0; j < kCols; ++j)
      sum[j] += d[j];
    total += l;
  }
  EXPECT_NEAR(total, loss, 1e-5f * std::abs(loss));
  for (int j = 0; j < kCols; ++j)
    EXPECT_NEAR(sum[j], dw[j], 1e-5f * (1 + std::abs(dw[j])))
        << "d_w[" << j << "]";
}

} // namespace
