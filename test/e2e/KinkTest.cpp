//===- KinkTest.cpp - the derivative used at kinks ------------------------===//
//
// sgc's convention at a kink: the pullback uses the left derivative, which
// for the ops here is 0 (relu'(0) = 0, heaviside passes nothing, maximum
// sends the cotangent of a tie to its second operand). docs/compiler.md
// states it; these tests pin it, check that two spellings of one function
// get the same gradient at the kink, and show the known failure of AD at
// kinks that kink reporting is meant to flag.
//
//===----------------------------------------------------------------------===//

#include <gtest/gtest.h>

#include <dlfcn.h>

#include <string>

namespace {

using Grad = int (*)(const double *, double *, uint64_t, uint64_t, double *);

Grad load(const char *graph) {
  static void *h = dlopen(SG_KINKS_SO, RTLD_NOW | RTLD_LOCAL);
  EXPECT_NE(h, nullptr) << dlerror();
  return h ? reinterpret_cast<Grad>(
                 dlsym(h, (std::string(graph) + "_loss_grad").c_str()))
           : nullptr;
}

void gradient(const char *graph, const double w[3], double g[3]) {
  Grad f = load(graph);
  ASSERT_NE(f, nullptr) << graph;
  double loss;
  f(w, g, 0, 0, &loss);
}

TEST(Kinks, ReluUsesZeroAtZero) {
  const double w[3] = {-1, 0, 2};
  double g[3];
  gradient("relu", w, g);
  EXPECT_EQ(g[0], 0.0);
  EXPECT_EQ(g[1], 0.0) << "relu'(0) = 0";
  EXPECT_EQ(g[2], 1.0);
}

TEST(Kinks, MaxWithZeroMatchesRelu) {
  const double w[3] = {-1, 0, 2};
  double relu[3], max0[3];
  gradient("relu", w, relu);
  gradient("max0", w, max0);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(relu[i], max0[i]) << "w = " << w[i];
}

// relu(w) − relu(−w) = w: away from 0 AD returns the derivative 1; at 0 it
// returns 0, which is not the derivative. This is why sgc must report when
// an evaluation lands on a kink.
TEST(Kinks, AdAtAKinkIsNotTheDerivative) {
  const double w[3] = {-1, 0, 2};
  double g[3];
  gradient("identity", w, g);
  EXPECT_EQ(g[0], 1.0);
  EXPECT_EQ(g[1], 0.0) << "the convention's value at the kink";
  EXPECT_EQ(g[2], 1.0);
}

} // namespace

namespace {

// The same models compiled with --instrument-kinks: each function also
// returns, per kinked op of the module (header order: relu of @relu,
// maximum of @max0, the two relus of @identity), how many elements landed
// exactly on the kink.
using Counted = int (*)(const double *, double *, int64_t *, uint64_t, uint64_t,
                        double *);

TEST(Kinks, InstrumentedCodeCountsEvaluationsAtKinks) {
  void *h = dlopen(SG_KINKS_COUNTED_SO, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr) << dlerror();
  auto identity = reinterpret_cast<Counted>(dlsym(h, "identity_loss_grad"));
  ASSERT_NE(identity, nullptr);
  double g[3], loss;
  int64_t kinks[4] = {-1, -1, -1, -1};
  const double atKink[3] = {-1, 0, 2};
  identity(atKink, g, kinks, 0, 0, &loss);
  EXPECT_EQ(kinks[0], 0) << "@relu's op was not evaluated";
  EXPECT_EQ(kinks[1], 0) << "@max0's op was not evaluated";
  EXPECT_EQ(kinks[2], 1) << "relu(w) at w = 0";
  EXPECT_EQ(kinks[3], 1) << "relu(-w) at w = 0";
  EXPECT_EQ(g[1], 0.0) << "the value the count warns about";

  const double away[3] = {-1, 0.5, 2};
  identity(away, g, kinks, 0, 0, &loss);
  EXPECT_EQ(kinks[2] + kinks[3], 0) << "no kink: the gradient is exact";
  EXPECT_EQ(g[1], 1.0);

  // max0_forward has no d_w: (w, kinks, seed, step, loss).
  auto max0 =
      reinterpret_cast<int (*)(const double *, int64_t *, uint64_t, uint64_t,
                               double *)>(dlsym(h, "max0_forward"));
  ASSERT_NE(max0, nullptr);
  int64_t k2[4];
  ASSERT_EQ(max0(atKink, k2, 0, 0, &loss), 0);
  EXPECT_EQ(k2[1], 1) << "maximum(w, 0) ties at w = 0";
  dlclose(h);
}

} // namespace
