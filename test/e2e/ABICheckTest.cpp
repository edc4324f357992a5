//===- ABICheckTest.cpp - compiled functions check their arguments --------===//
//
// abi.mlir compiled with a baseline and kink counts (so every kind of
// argument is present): a null pointer in any position, or a step at or
// beyond 2^32, returns its SGC_ERR_* code before any buffer is touched, with
// a message from net_last_error() that names the function and argument as
// the header does. Valid calls return SGC_OK.
//
//===----------------------------------------------------------------------===//

#include "abi.h"
#include "sg_runtime.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

static_assert(int(SGC_ERR_NULL) == int(SG_ERR_NULL) &&
                  int(SGC_ERR_KEY) == int(SG_ERR_KEY) &&
                  int(SGC_ERR_CHECK) == int(SG_ERR_CHECK),
              "the header's codes are the runtime's");
static_assert(SGC_STEP_LIMIT == SG_STEP_LIMIT, "one step limit");

/// Buffers for net_loss_grad, in its argument order.
struct Call {
  std::vector<float> x = std::vector<float>(NET_X_SIZE, 0.5f),
                     w = std::vector<float>(NET_W_SIZE, 0.25f),
                     dw = std::vector<float>(NET_W_SIZE, 7.0f);
  float baseline = 0, newBaseline = 7, loss = 7;
  int64_t kinks[8] = {7, 7, 7, 7, 7, 7, 7, 7};
  std::vector<void *> pointers() {
    return {x.data(),     w.data(), &baseline, dw.data(),
            &newBaseline, kinks,    &loss};
  }
};

const char *const kLossGradNames[] = {
    "x", "w", "baseline0", "d_w", "new_baseline0", "kinks", "loss"};

int lossGrad(std::vector<void *> p, uint64_t seed, uint64_t step) {
  return net_loss_grad(
      static_cast<const float *>(p[0]), static_cast<const float *>(p[1]),
      static_cast<const float *>(p[2]), static_cast<float *>(p[3]),
      static_cast<float *>(p[4]), static_cast<int64_t *>(p[5]), seed, step,
      static_cast<float *>(p[6]));
}

TEST(ABIChecks, ValidCallsSucceed) {
  Call c;
  EXPECT_EQ(lossGrad(c.pointers(), 1, 0), SGC_OK);
  EXPECT_NE(c.loss, 7.0f);
  EXPECT_EQ(lossGrad(c.pointers(), UINT64_MAX, SGC_STEP_LIMIT - 1), SGC_OK)
      << "every seed, and steps up to 2^32 - 1, are valid";
  std::vector<void *> p = c.pointers();
  EXPECT_EQ(net_loss_grad_packed(p.data(), 1, 2), SGC_OK);
}

TEST(ABIChecks, EveryNullPointerArgumentIsNamed) {
  for (size_t i = 0; i < 7; ++i) {
    Call c;
    std::vector<void *> p = c.pointers();
    p[i] = nullptr;
    EXPECT_EQ(lossGrad(p, 1, 2), SGC_ERR_NULL) << kLossGradNames[i];
    EXPECT_EQ(std::string(net_last_error()),
              std::string("net_loss_grad: argument '") + kLossGradNames[i] +
                  "' is a null pointer");
    // Nothing was written.
    EXPECT_EQ(c.loss, 7.0f);
    EXPECT_EQ(c.dw[0], 7.0f);
    EXPECT_EQ(c.kinks[0], 7);
    EXPECT_EQ(c.newBaseline, 7.0f);
  }
}

TEST(ABIChecks, ASuccessfulCallClearsTheLastError) {
  Call c;
  std::vector<void *> p = c.pointers();
  p[0] = nullptr;
  ASSERT_EQ(lossGrad(p, 1, 0), SGC_ERR_NULL);
  ASSERT_STRNE(net_last_error(), "");
  EXPECT_EQ(lossGrad(c.pointers(), 1, 0), SGC_OK);
  EXPECT_STREQ(net_last_error(), "") << "the message of an earlier call";
}

TEST(ABIChecks, ForwardNamesItsOutputs) {
  std::vector<float> x(NET_X_SIZE, 0.5f), w(NET_W_SIZE, 0.25f);
  int64_t kinks[8];
  float loss = 7;
  EXPECT_EQ(net_forward(x.data(), w.data(), nullptr, kinks, 1, 2, &loss),
            SGC_ERR_NULL);
  EXPECT_STREQ(net_last_error(), "net_forward: argument 'out0' is a null "
                                 "pointer");
  EXPECT_EQ(loss, 7.0f);
}

TEST(ABIChecks, StepsThatWouldShareStreamsAreRejected) {
  Call c;
  for (uint64_t step : {SGC_STEP_LIMIT, SGC_STEP_LIMIT + 5, uint64_t(-1)}) {
    EXPECT_EQ(lossGrad(c.pointers(), 1, step), SGC_ERR_KEY);
    EXPECT_EQ(std::string(net_last_error()),
              "net_loss_grad: step " + std::to_string(step) +
                  " is not below 2^32 (SGC_STEP_LIMIT): such a step would "
                  "reuse the random streams of another seed");
    EXPECT_EQ(c.loss, 7.0f);
  }
  std::vector<float> out(NET_OUT0_SIZE);
  int64_t kinks[8];
  float loss;
  EXPECT_EQ(net_forward(c.x.data(), c.w.data(), out.data(), kinks, 3,
                        SGC_STEP_LIMIT, &loss),
            SGC_ERR_KEY);
}

TEST(ABIChecks, PackedEntryPointsCheckTheArrayAndPassResultsOn) {
  EXPECT_EQ(net_loss_grad_packed(nullptr, 1, 2), SGC_ERR_NULL);
  EXPECT_STREQ(net_last_error(),
               "net_loss_grad_packed: argument 'buffers' is a null pointer");
  Call c;
  std::vector<void *> p = c.pointers();
  p[3] = nullptr;
  EXPECT_EQ(net_loss_grad_packed(p.data(), 1, 2), SGC_ERR_NULL);
  EXPECT_STREQ(net_last_error(),
               "net_loss_grad: argument 'd_w' is a null pointer");
  p = c.pointers();
  EXPECT_EQ(net_loss_grad_packed(p.data(), 1, SGC_STEP_LIMIT), SGC_ERR_KEY);
}

TEST(ABIChecks, TheLibraryKeepsItsOwnMessages) {
  // This program links the runtime too: its sg_last_error() is a different
  // copy, which is why the library exports net_last_error().
  sg_set_error("the program's own message");
  EXPECT_EQ(net_loss_grad_packed(nullptr, 1, 2), SGC_ERR_NULL);
  EXPECT_STREQ(sg_last_error(), "the program's own message");
  EXPECT_NE(std::string(net_last_error()).find("buffers"), std::string::npos);
}

// The library describes itself with the same tables as the header
// (sg-model-info), plus every function's buffers in C order.
TEST(ModelInfo, TheLibraryExportsTheHeadersTables) {
  const sgc_model_info *info = net_info();
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->version, SGC_MODEL_INFO_VERSION);
  EXPECT_STREQ(info->graph, "net");
  EXPECT_NE(std::string(info->source).find("abi.mlir"), std::string::npos);
  EXPECT_EQ(std::string(info->options),
            "--baseline=moving-average --no-reparameterize "
            "--instrument-kinks -w");
  ASSERT_EQ(info->num_args, NET_NUM_ARGS);
  for (int i = 0; i < NET_NUM_ARGS; ++i) {
    const sgc_tensor_desc &a = info->args[i], &h = net_args[i];
    EXPECT_STREQ(a.name, h.name);
    EXPECT_EQ(a.role, h.role);
    EXPECT_EQ(a.dtype, h.dtype);
    EXPECT_EQ(a.rank, h.rank);
    EXPECT_EQ(a.size, h.size);
    for (int d = 0; d < 8; ++d)
      EXPECT_EQ(a.shape[d], h.shape[d]) << a.name << " dim " << d;
  }
  ASSERT_EQ(info->num_outputs, NET_NUM_OUTPUTS);
  EXPECT_STREQ(info->outputs[0].name, net_outputs[0].name);
  EXPECT_EQ(info->outputs[0].size, net_outputs[0].size);
  EXPECT_EQ(info->num_baselines, NET_NUM_BASELINES);
  ASSERT_EQ(info->num_kinks, ABI_MLIR_KINKS_COUNT);
  EXPECT_STREQ(info->kinks[0].text, abi_mlir_kinks[0]);
  EXPECT_STREQ(info->kinks[0].op, "sg.relu");
  EXPECT_EQ(info->kinks[0].line, 6);
  EXPECT_EQ(info->kinks[0].column, 8);
  EXPECT_EQ(info->num_checks, 0);
  EXPECT_EQ(info->checks, nullptr);

  ASSERT_EQ(info->num_functions, 2);
  const sgc_function_desc *lossGradDesc = nullptr;
  for (int i = 0; i < 2; ++i)
    if (info->functions[i].kind == SGC_LOSS_GRAD)
      lossGradDesc = &info->functions[i];
  ASSERT_NE(lossGradDesc, nullptr);
  EXPECT_STREQ(lossGradDesc->name, "net_loss_grad");
  ASSERT_EQ(lossGradDesc->num_args, 7);
  const sgc_role roles[] = {SGC_INPUT,        SGC_PARAM, SGC_BASELINE, SGC_GRAD,
                            SGC_NEW_BASELINE, SGC_KINKS, SGC_LOSS};
  for (int i = 0; i < 7; ++i) {
    EXPECT_STREQ(lossGradDesc->args[i].name, kLossGradNames[i]);
    EXPECT_EQ(lossGradDesc->args[i].role, roles[i]) << kLossGradNames[i];
  }
  EXPECT_EQ(lossGradDesc->args[5].dtype, SGC_I64);
  EXPECT_EQ(lossGradDesc->args[5].size, ABI_MLIR_KINKS_COUNT);
  EXPECT_EQ(lossGradDesc->args[6].rank, 0);

  // Loaders find the graphs without knowing their names.
  const sgc_model_info *const *models = sgc_models();
  EXPECT_EQ(models[0], info);
  EXPECT_EQ(models[1], nullptr);
}

// Two libraries of one graph in one process (a program linking one and
// loading another, e.g. compiled for another batch size): each library's
// functions call its own code. A packed entry point calls its typed
// function; were that call bound through the dynamic symbol table, it would
// reach the linked library's net_loss_grad, which is first in the global
// scope. The variant differs only in its baseline decay (0.5, not 0.9), so
// the new baseline says whose code ran.
TEST(ABIChecks, ALoadedLibraryCallsItsOwnCode) {
  void *h = dlopen(SG_ABI_DECAY_SO, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr) << dlerror();
  using Packed = int (*)(void *const *, uint64_t, uint64_t);
  auto packed = reinterpret_cast<Packed>(dlsym(h, "net_loss_grad_packed"));
  auto typed =
      reinterpret_cast<decltype(&net_loss_grad)>(dlsym(h, "net_loss_grad"));
  ASSERT_TRUE(packed && typed);
  ASSERT_NE(reinterpret_cast<void *>(typed),
            reinterpret_cast<void *>(&net_loss_grad));
  Call linked, viaPacked, viaTyped;
  ASSERT_EQ(lossGrad(linked.pointers(), 1, 0), SGC_OK);
  std::vector<void *> p = viaPacked.pointers();
  ASSERT_EQ(packed(p.data(), 1, 0), SGC_OK);
  ASSERT_EQ(typed(viaTyped.x.data(), viaTyped.w.data(), &viaTyped.baseline,
                  viaTyped.dw.data(), &viaTyped.newBaseline, viaTyped.kinks, 1,
                  0, &viaTyped.loss),
            SGC_OK);
  // Same draw, same coefficient c; from baseline 0 the decays give 0.1 c
  // (linked) and 0.5 c (the variant).
  EXPECT_EQ(viaTyped.loss, linked.loss);
  EXPECT_NE(linked.newBaseline, 0.0f);
  EXPECT_FLOAT_EQ(viaTyped.newBaseline, 5 * linked.newBaseline);
  EXPECT_EQ(viaPacked.newBaseline, viaTyped.newBaseline)
      << "the variant's packed entry point ran the linked library's code";
  EXPECT_EQ(viaPacked.loss, viaTyped.loss);
  dlclose(h);
}

} // namespace
