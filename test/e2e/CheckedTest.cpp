//===- CheckedTest.cpp - checked mode reports the failing op --------------===//
//
// checked.mlir compiled with `sgc --checked`: a call whose log argument is
// not positive, or whose exp overflows, sets *status to the number of the
// first failed check, and the header's table names the op and its source
// location; a call inside every domain sets 0.
//
//===----------------------------------------------------------------------===//

#include "checked.h"

#include <gtest/gtest.h>

#include <string>

namespace {

int32_t forward(float w0, float w1, float v0, float v1) {
  const float w[2] = {w0, w1}, v[2] = {v0, v1};
  int32_t status = -1;
  float loss;
  // The result mirrors the status (SGC_ERR_CHECK when a check failed).
  int rc = g_forward(w, v, &status, 0, 0, &loss);
  EXPECT_EQ(rc, status == 0 ? SGC_OK : SGC_ERR_CHECK);
  return status;
}

std::string message(int32_t status) {
  if (status <= 0 || status > CHECKED_MLIR_CHECKS_COUNT)
    return "";
  return checked_mlir_checks[status - 1];
}

TEST(CheckedMode, FailedCheckIsReturnedWithAMessage) {
  const float w[2] = {1, -2}, v[2] = {0, 0};
  int32_t status = -1;
  float loss;
  ASSERT_EQ(g_forward(w, v, &status, 0, 0, &loss), SGC_ERR_CHECK);
  EXPECT_GT(status, 0);
  EXPECT_EQ(std::string(g_last_error()),
            "g_forward: run-time check " + std::to_string(status) + " failed");
}

TEST(CheckedMode, NullStatusIsRejected) {
  const float w[2] = {1, 2}, v[2] = {0, 0};
  float loss;
  EXPECT_EQ(g_forward(w, v, nullptr, 0, 0, &loss), SGC_ERR_NULL);
  EXPECT_STREQ(g_last_error(),
               "g_forward: argument 'status' is a null pointer");
}

TEST(CheckedMode, PassesInsideTheDomain) {
  EXPECT_EQ(forward(1, 2, 0.5f, -3), 0);
}

TEST(CheckedMode, ASuccessfulCallClearsTheLastError) {
  const float bad[2] = {1, -2}, good[2] = {1, 2}, v[2] = {0, 0};
  int32_t status = -1;
  float loss;
  ASSERT_EQ(g_forward(bad, v, &status, 0, 0, &loss), SGC_ERR_CHECK);
  ASSERT_EQ(g_forward(good, v, &status, 0, 0, &loss), SGC_OK);
  EXPECT_STREQ(g_last_error(), "");
}

TEST(CheckedMode, NamesTheLogWhoseArgumentIsNotPositive) {
  int32_t status = forward(1, -2, 0, 0);
  ASSERT_GT(status, 0);
  EXPECT_NE(message(status).find("checked.mlir:4:8: sg.log: argument not "
                                 "positive"),
            std::string::npos)
      << message(status);
}

TEST(CheckedMode, NamesTheExpThatOverflows) {
  int32_t status = forward(1, 2, 0, 100); // e^100 is +inf in f32
  ASSERT_GT(status, 0);
  EXPECT_NE(message(status).find("checked.mlir:5:8: sg.exp: produced NaN or "
                                 "infinity"),
            std::string::npos)
      << message(status);
}

TEST(CheckedMode, GradientFunctionIsCheckedToo) {
  const float w[2] = {0, 1}, v[2] = {0, 0};
  float dw[2], dv[2], loss;
  int32_t status = -1;
  g_loss_grad(w, v, dw, dv, &status, 0, 0, &loss);
  EXPECT_GT(status, 0) << "log(0) must be reported";
  EXPECT_NE(message(status).find("sg.log"), std::string::npos)
      << message(status);
}

int32_t domains(float a, float b, float c, float p) {
  const float A[2] = {1, a}, B[2] = {1, b}, C[2] = {1, c}, P[2] = {0.5f, p};
  int32_t status = -1;
  float loss;
  domains_forward(A, B, C, P, &status, 0, 0, &loss);
  return status;
}

TEST(CheckedMode, EachDomainCheck) {
  EXPECT_EQ(domains(4, 2, 0.5f, 0.25f), 0);
  struct Case {
    float a, b, c, p;
    const char *expected;
  } cases[] = {
      {-4, 2, 0.5f, 0.25f, "checked.mlir:13:8: sg.sqrt: argument not positive"},
      {4, 0, 0.5f, 0.25f, "checked.mlir:14:8: sg.div: divisor not positive"},
      {4, 2, -0.5f, 0.25f,
       "checked.mlir:15:8: sg.normal (reparameterized): standard deviation "
       "not positive"},
      {4, 2, 0.5f, 1.5f,
       "checked.mlir:16:8: sg.bernoulli: probability not in (0, 1)"},
  };
  for (const Case &c : cases) {
    int32_t status = domains(c.a, c.b, c.c, c.p);
    ASSERT_GT(status, 0) << c.expected;
    EXPECT_NE(message(status).find(c.expected), std::string::npos)
        << "got: " << message(status);
  }
}

// The library's own check table (sg-model-info) is the header's, with the
// op and location as fields.
TEST(CheckedMode, TheLibraryExportsTheCheckTable) {
  const sgc_model_info *info = domains_info();
  ASSERT_EQ(info->num_checks, CHECKED_MLIR_CHECKS_COUNT);
  for (int k = 0; k < CHECKED_MLIR_CHECKS_COUNT; ++k)
    EXPECT_STREQ(info->checks[k].text, checked_mlir_checks[k]);
  int32_t status = domains(-4, 2, 0.5f, 0.25f);
  ASSERT_GT(status, 0);
  const sgc_site_desc &site = info->checks[status - 1];
  EXPECT_STREQ(site.op, "sg.sqrt");
  EXPECT_EQ(site.line, 13);
  EXPECT_EQ(site.column, 8);
  EXPECT_STREQ(site.what, "argument not positive");
  EXPECT_NE(std::string(site.file).find("checked.mlir"), std::string::npos);
}

} // namespace
