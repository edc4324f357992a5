//===- BlasTest.cpp - GEMM wrappers against a naive reference -------------===//

#include "sg_runtime.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include <unistd.h>

namespace {

struct GemmCase {
  int transA, transB;
  int64_t M, N, K;
};

// Deterministic, non-symmetric test data in [-1, 1).
template <typename T> std::vector<T> pattern(size_t n, uint32_t salt) {
  std::vector<T> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = static_cast<T>(
        static_cast<int32_t>((i * 2654435761u + salt) % 2001) / 1000.0 - 1.0);
  return v;
}

// Runs one GEMM with padded leading dimensions (so that lda/ldb/ldc are
// honoured, not assumed equal to the width) and compares it against a
// triple loop in double.
// With beta == 0, C starts as NaN: BLAS does not read C then, and neither
// may the runtime's own paths (vector and outer products).
template <typename T, typename Gemm>
void checkGemm(const GemmCase &c, Gemm gemm, double tol, double betaValue) {
  const T alpha = static_cast<T>(1.5), beta = static_cast<T>(betaValue);
  // Stored shapes: A is M x K (or K x M if transposed), likewise B.
  const int64_t aRows = c.transA ? c.K : c.M, aCols = c.transA ? c.M : c.K;
  const int64_t bRows = c.transB ? c.N : c.K, bCols = c.transB ? c.K : c.N;
  const int64_t lda = aCols + 3, ldb = bCols + 2, ldc = c.N + 1;
  std::vector<T> A = pattern<T>(aRows * lda, 1);
  std::vector<T> B = pattern<T>(bRows * ldb, 2);
  std::vector<T> C = pattern<T>(c.M * ldc, 3);
  if (beta == 0)
    for (int64_t i = 0; i < c.M; ++i)
      for (int64_t j = 0; j < c.N; ++j)
        C[i * ldc + j] = std::nan("");
  const std::vector<T> C0 = C;

  gemm(c.transA, c.transB, c.M, c.N, c.K, alpha, A.data(), lda, B.data(), ldb,
       beta, C.data(), ldc);

  for (int64_t i = 0; i < c.M; ++i)
    for (int64_t j = 0; j < c.N; ++j) {
      double acc = 0;
      for (int64_t k = 0; k < c.K; ++k) {
        double a = c.transA ? A[k * lda + i] : A[i * lda + k];
        double b = c.transB ? B[j * ldb + k] : B[k * ldb + j];
        acc += a * b;
      }
      double expected = double(alpha) * acc;
      if (beta != 0)
        expected += double(beta) * C0[i * ldc + j];
      ASSERT_NEAR(C[i * ldc + j], expected, tol * (1.0 + std::fabs(expected)))
          << "C(" << i << "," << j << ") transA=" << c.transA
          << " transB=" << c.transB << " M=" << c.M << " N=" << c.N
          << " K=" << c.K;
    }
  // Padding columns of C are outside the matrix and must be untouched.
  for (int64_t i = 0; i < c.M; ++i)
    ASSERT_EQ(C[i * ldc + c.N], C0[i * ldc + c.N]) << "padding of row " << i;
}

std::vector<GemmCase> cases() {
  std::vector<GemmCase> out;
  for (int ta = 0; ta < 2; ++ta)
    for (int tb = 0; tb < 2; ++tb) {
      out.push_back({ta, tb, 7, 5, 3});
      out.push_back({ta, tb, 1, 9, 1});
      out.push_back({ta, tb, 67, 45, 131});
      // Vector-matrix, matrix-vector and outer products, which the runtime
      // computes with ?gemv or directly.
      out.push_back({ta, tb, 1, 9, 5});
      out.push_back({ta, tb, 9, 1, 5});
      out.push_back({ta, tb, 6, 7, 1});
      // Split into column blocks, then into row blocks (>= 2^23 madds).
      out.push_back({ta, tb, 70, 400, 320});
      out.push_back({ta, tb, 400, 70, 320});
    }
  return out;
}

TEST(Blas, GemmF32MatchesNaive) {
  for (const GemmCase &c : cases())
    for (double beta : {-0.75, 0.0})
      checkGemm<float>(c, sg_gemm_f32, 1e-5, beta);
}

TEST(Blas, GemmF64MatchesNaive) {
  for (const GemmCase &c : cases())
    for (double beta : {-0.75, 0.0})
      checkGemm<double>(c, sg_gemm_f64, 1e-12, beta);
}

// A product split over threads is cut into blocks by its shape (and the
// machine's CPU count) alone, each one call over all of K, so 1 and 2 threads
// give the same bits; cutting K by thread would not (the test fails then).
TEST(Blas, SplitProductsAreTheSameWithAnyThreadCount) {
  // On one CPU the runtime never splits a product: nothing to compare.
  if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
    GTEST_SKIP() << "one CPU: products are not split";
  const int saved = sg_get_num_threads();
  for (const GemmCase &c :
       {GemmCase{0, 0, 70, 400, 320}, GemmCase{1, 1, 400, 70, 320},
        GemmCase{0, 1, 250, 1000, 1000}}) {
    std::vector<float> A = pattern<float>(c.M * c.K, 1),
                       B = pattern<float>(c.K * c.N, 2);
    std::vector<float> C[2];
    for (int threads : {1, 2}) {
      ASSERT_EQ(sg_set_num_threads(threads), 0);
      C[threads - 1].assign(c.M * c.N, 0.0f);
      ASSERT_EQ(sg_gemm_f32(c.transA, c.transB, c.M, c.N, c.K, 1.0f, A.data(),
                            c.transA ? c.M : c.K, B.data(),
                            c.transB ? c.K : c.N, 0.0f, C[threads - 1].data(),
                            c.N),
                0);
    }
    EXPECT_EQ(
        std::memcmp(C[0].data(), C[1].data(), C[0].size() * sizeof(float)), 0)
        << "M=" << c.M << " N=" << c.N << " K=" << c.K;
  }
  EXPECT_EQ(sg_set_num_threads(saved), 0);
}

TEST(Blas, NumThreadsRoundTrips) {
  const int saved = sg_get_num_threads();
  ASSERT_GE(saved, 1);
  EXPECT_EQ(sg_set_num_threads(1), 0);
  EXPECT_EQ(sg_get_num_threads(), 1);
  // Results must not depend on the thread count.
  checkGemm<double>({0, 1, 67, 45, 131}, sg_gemm_f64, 1e-12, -0.75);
  EXPECT_EQ(sg_set_num_threads(saved), 0);
  EXPECT_EQ(sg_get_num_threads(), saved);
}

TEST(Blas, OversizedDimensionIsAnError) {
  float dummy = 0;
  EXPECT_EQ(sg_gemm_f32(0, 0, int64_t(1) << 31, 1, 1, 1.0f, &dummy, 1, &dummy,
                        1, 0.0f, &dummy, 1),
            SG_ERR_SIZE);
  EXPECT_NE(std::strstr(sg_last_error(), "M = 2147483648 is negative or does "
                                         "not fit"),
            nullptr)
      << sg_last_error();
}

} // namespace
