//===- ArgumentCheckTest.cpp - the runtime rejects bad arguments ----------===//
//
// Every argument check of the runtime (sg_runtime.h, conventions): the
// error code, a message naming the function and the argument, and nothing
// written. Zero counts with null pointers are valid no-ops.
//
//===----------------------------------------------------------------------===//

#include "sg_runtime.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <string>
#include <vector>

namespace {

/// Expects `rc` to be `code` with a last error containing every fragment.
void expectError(int rc, int code, std::initializer_list<const char *> parts) {
  EXPECT_EQ(rc, code);
  std::string message = sg_last_error();
  for (const char *part : parts)
    EXPECT_NE(message.find(part), std::string::npos)
        << "'" << part << "' not in: " << message;
}

// A count that is -1 converted to uint64_t, as a caller's int arithmetic
// going negative produces.
constexpr uint64_t kNegative = uint64_t(-1);

TEST(ArgumentChecks, SetErrorAcceptsNullFormat) {
  sg_set_error("something");
  sg_set_error(nullptr);
  EXPECT_STREQ(sg_last_error(), "");
}

TEST(ArgumentChecks, FillsRejectNullOutput) {
  expectError(sg_fill_uniform_f32(nullptr, 4, 1, 2, 3, 0), SG_ERR_NULL,
              {"sg_fill_uniform_f32", "out is a null pointer"});
  expectError(sg_fill_uniform_f64(nullptr, 4, 1, 2, 3, 0), SG_ERR_NULL,
              {"sg_fill_uniform_f64", "out"});
  expectError(sg_fill_normal_f32(nullptr, 4, 1, 2, 3, 0), SG_ERR_NULL,
              {"sg_fill_normal_f32", "out"});
  expectError(sg_fill_normal_f64(nullptr, 4, 1, 2, 3, 0), SG_ERR_NULL,
              {"sg_fill_normal_f64", "out"});
  float p32[4] = {0.5f, 0.5f, 0.5f, 0.5f};
  double p64[4] = {0.5, 0.5, 0.5, 0.5};
  expectError(sg_fill_bernoulli_f32(nullptr, p32, 4, 1, 2, 3, 0), SG_ERR_NULL,
              {"sg_fill_bernoulli_f32", "out"});
  expectError(sg_fill_bernoulli_f64(nullptr, p64, 4, 1, 2, 3, 0), SG_ERR_NULL,
              {"sg_fill_bernoulli_f64", "out"});
}

TEST(ArgumentChecks, BernoulliRejectsNullProbabilities) {
  float out32[4] = {7, 7, 7, 7};
  double out64[4] = {7, 7, 7, 7};
  expectError(sg_fill_bernoulli_f32(out32, nullptr, 4, 1, 2, 3, 0), SG_ERR_NULL,
              {"sg_fill_bernoulli_f32", "p is a null pointer"});
  expectError(sg_fill_bernoulli_f64(out64, nullptr, 4, 1, 2, 3, 0), SG_ERR_NULL,
              {"sg_fill_bernoulli_f64", "p is a null pointer"});
  EXPECT_EQ(out32[0], 7.0f) << "nothing is written";
  EXPECT_EQ(out64[3], 7.0);
}

TEST(ArgumentChecks, FillsAcceptEmptyNullBuffers) {
  EXPECT_EQ(sg_fill_uniform_f32(nullptr, 0, 1, 2, 3, 0), SG_OK);
  EXPECT_EQ(sg_fill_normal_f64(nullptr, 0, 1, 2, 3, 0), SG_OK);
  EXPECT_EQ(sg_fill_bernoulli_f32(nullptr, nullptr, 0, 1, 2, 3, 0), SG_OK);
}

TEST(ArgumentChecks, FillsRejectNegativeCounts) {
  float out = 7;
  expectError(sg_fill_uniform_f32(&out, kNegative, 1, 2, 3, 0), SG_ERR_SIZE,
              {"sg_fill_uniform_f32", "do not fit in memory"});
  expectError(sg_fill_normal_f64(reinterpret_cast<double *>(&out), kNegative, 1,
                                 2, 3, 0),
              SG_ERR_SIZE, {"sg_fill_normal_f64"});
  EXPECT_EQ(out, 7.0f);
}

// The seed/step rule: (seed, 2^32 + s) and (seed ^ 2^32, s) would read the
// same Philox blocks, so steps >= 2^32 are refused...
TEST(ArgumentChecks, FillsRejectStepsThatWouldShareStreams) {
  uint64_t seed = 5, s = 9;
  EXPECT_EQ(sg_uniform_f32_at(seed, SG_STEP_LIMIT + s, 0, 0),
            sg_uniform_f32_at(seed ^ SG_STEP_LIMIT, s, 0, 0))
      << "the collision the rule prevents";
  float out[2] = {7, 7};
  expectError(sg_fill_uniform_f32(out, 2, seed, SG_STEP_LIMIT + s, 0, 0),
              SG_ERR_KEY, {"sg_fill_uniform_f32", "step 4294967305"});
  expectError(sg_fill_normal_f32(out, 2, seed, UINT64_MAX, 0, 0), SG_ERR_KEY,
              {"sg_fill_normal_f32"});
  EXPECT_EQ(out[0], 7.0f);
  // ... and the last step below the limit is fine.
  EXPECT_EQ(sg_fill_uniform_f32(out, 2, seed, SG_STEP_LIMIT - 1, 0, 0), SG_OK);
}

TEST(ArgumentChecks, FillsRejectElementIndicesThatWrap) {
  float out[2] = {7, 7};
  expectError(sg_fill_uniform_f32(out, 2, 1, 2, 3, UINT64_MAX), SG_ERR_KEY,
              {"sg_fill_uniform_f32", "wrap"});
  EXPECT_EQ(out[0], 7.0f);
  // Exactly reaching the last index is fine.
  EXPECT_EQ(sg_fill_uniform_f32(out, 2, 1, 2, 3, UINT64_MAX - 1), SG_OK);
  EXPECT_EQ(out[1], sg_uniform_f32_at(1, 2, 3, UINT64_MAX));
}

TEST(ArgumentChecks, GemmRejectsNegativeAndOversizedSizes) {
  float a = 1, b = 1, c = 7;
  expectError(sg_gemm_f32(0, 0, -1, 1, 1, 1, &a, 1, &b, 1, 0, &c, 1),
              SG_ERR_SIZE, {"sg_gemm_f32", "M = -1"});
  expectError(sg_gemm_f32(0, 0, 1, -2, 1, 1, &a, 1, &b, 1, 0, &c, 1),
              SG_ERR_SIZE, {"N = -2"});
  double a64 = 1, b64 = 1, c64 = 7;
  expectError(sg_gemm_f64(0, 0, 1, 1, int64_t(INT_MAX) + 1, 1, &a64, 1, &b64, 1,
                          0, &c64, 1),
              SG_ERR_SIZE, {"sg_gemm_f64", "K = 2147483648"});
  expectError(sg_gemm_f64(0, 0, 1, 1, 1, 1, &a64, -1, &b64, 1, 0, &c64, 1),
              SG_ERR_SIZE, {"lda = -1"});
  EXPECT_EQ(c, 7.0f);
  EXPECT_EQ(c64, 7.0);
}

TEST(ArgumentChecks, GemmRejectsShortRowStrides) {
  std::vector<float> a(6, 1), b(6, 1), c(4, 7);
  // op(A) 2x3 untransposed needs lda >= 3; transposed (stored 3x2) >= 2.
  expectError(
      sg_gemm_f32(0, 0, 2, 2, 3, 1, a.data(), 2, b.data(), 2, 0, c.data(), 2),
      SG_ERR_SIZE, {"sg_gemm_f32", "row strides"});
  EXPECT_EQ(
      sg_gemm_f32(1, 0, 2, 2, 3, 1, a.data(), 2, b.data(), 2, 0, c.data(), 2),
      SG_OK);
  EXPECT_EQ(c[0], 3.0f);
  expectError(
      sg_gemm_f32(0, 0, 2, 2, 3, 1, a.data(), 3, b.data(), 1, 0, c.data(), 2),
      SG_ERR_SIZE, {"row strides"});
  expectError(
      sg_gemm_f32(0, 0, 2, 2, 3, 1, a.data(), 3, b.data(), 2, 0, c.data(), 1),
      SG_ERR_SIZE, {"row strides"});
}

TEST(ArgumentChecks, GemmRejectsNullMatrices) {
  float a[4] = {1, 1, 1, 1}, b[4] = {1, 1, 1, 1}, c[4] = {7, 7, 7, 7};
  expectError(sg_gemm_f32(0, 0, 2, 2, 2, 1, nullptr, 2, b, 2, 0, c, 2),
              SG_ERR_NULL, {"sg_gemm_f32", "A is a null pointer"});
  expectError(sg_gemm_f32(0, 0, 2, 2, 2, 1, a, 2, nullptr, 2, 0, c, 2),
              SG_ERR_NULL, {"B is a null pointer"});
  double a64[4] = {1, 1, 1, 1}, b64[4] = {1, 1, 1, 1};
  expectError(sg_gemm_f64(0, 0, 2, 2, 2, 1, a64, 2, b64, 2, 0, nullptr, 2),
              SG_ERR_NULL, {"sg_gemm_f64", "C is a null pointer"});
  EXPECT_EQ(c[0], 7.0f);
}

TEST(ArgumentChecks, GemmAcceptsEmptyProducts) {
  // M = 0: C is empty and may be null; K = 0: C = beta * C without A or B.
  EXPECT_EQ(
      sg_gemm_f32(0, 0, 0, 2, 2, 1, nullptr, 2, nullptr, 2, 0, nullptr, 2),
      SG_OK);
  float c[4] = {1, 2, 3, 4};
  EXPECT_EQ(sg_gemm_f32(0, 0, 2, 2, 0, 1, nullptr, 1, nullptr, 2, 2, c, 2),
            SG_OK);
  EXPECT_EQ(c[3], 8.0f);
}

TEST(ArgumentChecks, ThreadCountMustBePositive) {
  int saved = sg_get_num_threads();
  expectError(sg_set_num_threads(0), SG_ERR_SIZE,
              {"sg_set_num_threads", "n = 0"});
  expectError(sg_set_num_threads(-3), SG_ERR_SIZE, {"n = -3"});
  EXPECT_EQ(sg_get_num_threads(), saved) << "unchanged";
}

TEST(ArgumentChecks, AdamRejectsNullBuffers) {
  float w = 1, g = 1, m = 0, v = 0;
  expectError(sg_adam_step_f32(nullptr, &g, &m, &v, 1, 1, nullptr), SG_ERR_NULL,
              {"sg_adam_step_f32", "w is a null pointer"});
  expectError(sg_adam_step_f32(&w, nullptr, &m, &v, 1, 1, nullptr), SG_ERR_NULL,
              {"g is a null pointer"});
  expectError(sg_adam_step_f32(&w, &g, nullptr, &v, 1, 1, nullptr), SG_ERR_NULL,
              {"m is a null pointer"});
  double w64 = 1, g64 = 1, m64 = 0;
  expectError(sg_adam_step_f64(&w64, &g64, &m64, nullptr, 1, 1, nullptr),
              SG_ERR_NULL, {"sg_adam_step_f64", "v is a null pointer"});
  EXPECT_EQ(w, 1.0f);
  EXPECT_EQ(w64, 1.0);
  EXPECT_EQ(sg_adam_step_f32(nullptr, nullptr, nullptr, nullptr, 0, 1, nullptr),
            SG_OK);
}

TEST(ArgumentChecks, AdamRejectsNegativeCountsAndBadConfig) {
  float w = 1, g = 1, m = 0, v = 0;
  expectError(sg_adam_step_f32(&w, &g, &m, &v, kNegative, 1, nullptr),
              SG_ERR_SIZE, {"sg_adam_step_f32", "do not fit"});
  double w64 = 1, g64 = 1, m64 = 0, v64 = 0;
  expectError(sg_adam_step_f64(&w64, &g64, &m64, &v64, 1, 0, nullptr),
              SG_ERR_VALUE, {"sg_adam_step_f64", "t must start at 1"});
  sg_adam_config cfg = sg_adam_default_config();
  cfg.beta1 = 1.0;
  expectError(sg_adam_step_f32(&w, &g, &m, &v, 1, 1, &cfg), SG_ERR_VALUE,
              {"beta1 = 1"});
  cfg = sg_adam_default_config();
  cfg.beta2 = -0.5;
  expectError(sg_adam_step_f64(&w64, &g64, &m64, &v64, 1, 1, &cfg),
              SG_ERR_VALUE, {"beta2 = -0.5"});
  EXPECT_EQ(w, 1.0f);
  EXPECT_EQ(w64, 1.0);
}

TEST(ArgumentChecks, SgdRejectsNullBuffersAndNegativeCounts) {
  float w = 1, g = 1;
  expectError(sg_sgd_step_f32(nullptr, &g, 1, 0.1f), SG_ERR_NULL,
              {"sg_sgd_step_f32", "w is a null pointer"});
  double w64 = 1;
  expectError(sg_sgd_step_f64(&w64, nullptr, 1, 0.1), SG_ERR_NULL,
              {"sg_sgd_step_f64", "g is a null pointer"});
  expectError(sg_sgd_step_f32(&w, &g, kNegative, 0.1f), SG_ERR_SIZE,
              {"do not fit"});
  EXPECT_EQ(sg_sgd_step_f32(nullptr, nullptr, 0, 0.1f), SG_OK);
  EXPECT_EQ(w, 1.0f);
  EXPECT_EQ(w64, 1.0);
}

TEST(ArgumentChecks, IdxLoadRejectsNullArguments) {
  expectError(sg_idx_load("x.idx", nullptr), SG_ERR_NULL,
              {"sg_idx_load", "out is a null pointer"});
  sg_idx idx;
  idx.count = 99;
  expectError(sg_idx_load(nullptr, &idx), SG_ERR_NULL,
              {"sg_idx_load", "path is a null pointer"});
  EXPECT_EQ(idx.count, 0u) << "*out is left empty";
  sg_idx_free(&idx);
  expectError(sg_idx_load("/nonexistent/file.idx", &idx), SG_ERR_IO,
              {"cannot open"});
}

TEST(ArgumentChecks, IdxToF32RejectsNullArguments) {
  uint8_t bytes[2] = {1, 2};
  sg_idx idx{};
  idx.dtype = SG_IDX_U8;
  idx.ndims = 1;
  idx.dims[0] = 2;
  idx.count = 2;
  idx.nbytes = 2;
  idx.data = bytes;
  float out[2] = {7, 7};
  expectError(sg_idx_to_f32(nullptr, out, 1), SG_ERR_NULL,
              {"sg_idx_to_f32", "idx is a null pointer"});
  expectError(sg_idx_to_f32(&idx, nullptr, 1), SG_ERR_NULL,
              {"out is a null pointer"});
  idx.data = nullptr;
  expectError(sg_idx_to_f32(&idx, out, 1), SG_ERR_NULL,
              {"idx->data is a null pointer"});
  idx.data = bytes;
  idx.dtype = 0x42;
  expectError(sg_idx_to_f32(&idx, out, 1), SG_ERR_VALUE,
              {"unknown IDX type code 0x42"});
  EXPECT_EQ(out[0], 7.0f);
  idx.dtype = SG_IDX_U8;
  EXPECT_EQ(sg_idx_to_f32(&idx, out, 1), SG_OK);
  EXPECT_EQ(out[1], 2.0f);
}

} // namespace
