//===- sbn_model.cpp - a compiled SBN library and its training ------------===//

#include "sbn_model.h"
#include "init.h"
#include "library.h"

#include <dlfcn.h>

#include <random>

namespace sbn {

static const sgc_tensor_desc *inputOf(const sgc_model_info *info) {
  for (int64_t i = 0; i < info->num_args; ++i)
    if (info->args[i].role == SGC_INPUT)
      return &info->args[i];
  return nullptr;
}

static const sgc_function_desc *function(const sgc_model_info *info,
                                         sgc_function_kind kind) {
  for (int64_t i = 0; i < info->num_functions; ++i)
    if (info->functions[i].kind == kind)
      return &info->functions[i];
  return nullptr;
}

int Library::batch() const { return int(inputOf(info)->shape[0]); }

Library linkedLibrary() {
  return Library{sbn_info(), sbn_loss_grad_packed, sbn_forward_packed,
                 sbn_last_error};
}

bool compileAndLoad(const std::string &sgc, const std::string &model,
                    const std::vector<std::string> &flags,
                    const std::string &lib, Library &out, std::string &error) {
  void *h = compileAndOpen(sgc, model, flags, lib, error);
  if (!h)
    return false;
  auto info =
      reinterpret_cast<const sgc_model_info *(*)(void)>(dlsym(h, "sbn_info"));
  out.lossGrad = reinterpret_cast<PackedFn>(dlsym(h, "sbn_loss_grad_packed"));
  out.forward = reinterpret_cast<PackedFn>(dlsym(h, "sbn_forward_packed"));
  out.lastError =
      reinterpret_cast<const char *(*)(void)>(dlsym(h, "sbn_last_error"));
  if (!info || !out.lossGrad || !out.forward || !out.lastError) {
    error = lib + " lacks the SBN's functions";
    return false;
  }
  out.info = info();
  // The trainer lays out f32 buffers and feeds one input of 784 pixels.
  const sgc_tensor_desc *x = inputOf(out.info);
  bool f32 = true;
  for (int64_t i = 0; i < out.info->num_args; ++i)
    f32 &= out.info->args[i].dtype == SGC_F32;
  if (!x || x->rank != 2 || x->shape[1] != 784 || !f32) {
    error = lib + ": expected an f32 model with one input of N x 784 pixels";
    return false;
  }
  return true;
}

Trainer::Trainer(const Library &library, uint64_t seed, sg_adam_config config)
    : lib(library), adam(config) {
  // Weight matrices Glorot-uniform, biases 0.
  std::mt19937_64 gen(seed);
  for (int64_t i = 0; i < lib.info->num_args; ++i) {
    const sgc_tensor_desc &a = lib.info->args[i];
    if (a.role != SGC_PARAM)
      continue;
    std::vector<float> w = a.rank == 2
                               ? glorotUniform(a.shape[0], a.shape[1], gen)
                               : std::vector<float>(a.size, 0.0f);
    params.push_back(std::move(w));
    grads.emplace_back(a.size, 0.0f);
    m.emplace_back(a.size, 0.0f);
    v.emplace_back(a.size, 0.0f);
  }
  train = layOut(*function(lib.info, SGC_LOSS_GRAD));
  eval = layOut(*function(lib.info, SGC_FORWARD));
}

Trainer::Call Trainer::layOut(const sgc_function_desc &fn) {
  // The pointers stay valid: the inner vectors keep their storage when the
  // outer ones grow.
  Call call;
  size_t param = 0, grad = 0, baseline = 0, newBaseline = 0;
  for (int i = 0; i < fn.num_args; ++i) {
    const sgc_tensor_desc &a = fn.args[i];
    void *p;
    switch (a.role) {
    case SGC_INPUT:
      call.input = i;
      p = nullptr;
      break;
    case SGC_PARAM:
      p = params[param++].data();
      break;
    case SGC_GRAD:
      p = grads[grad++].data();
      break;
    case SGC_BASELINE:
      if (baseline == baselines.size())
        baselines.emplace_back(a.size, 0.0f);
      p = baselines[baseline++].data();
      break;
    case SGC_NEW_BASELINE:
      if (newBaseline == newBaselines.size())
        newBaselines.emplace_back(a.size, 0.0f);
      p = newBaselines[newBaseline++].data();
      break;
    case SGC_LOSS:
      p = &loss;
      break;
    default: // 8 bytes an element hold every dtype
      scratch.emplace_back(a.size);
      p = scratch.back().data();
      break;
    }
    call.buffers.push_back(p);
  }
  return call;
}

float Trainer::step(const float *x, uint64_t seed, uint64_t key) {
  train.buffers[train.input] = const_cast<float *>(x);
  require(lib.lossGrad(train.buffers.data(), seed, key), "sbn", "sbn_loss_grad",
          lib.lastError());
  for (size_t k = 0; k < baselines.size(); ++k)
    baselines[k] = newBaselines[k];
  ++t;
  // The gradient is that of the batch's summed loss; Adam applies 1/batch
  // as it reads it.
  sg_adam_config scaled = adam;
  scaled.grad_scale = adam.grad_scale / batch();
  for (size_t i = 0; i < params.size(); ++i)
    require(sg_adam_step_f32(params[i].data(), grads[i].data(), m[i].data(),
                             v[i].data(), params[i].size(), t, &scaled),
            "sbn", "sg_adam_step_f32", sg_last_error());
  return loss / batch();
}

float Trainer::evaluate(const float *x, uint64_t seed, uint64_t key) {
  eval.buffers[eval.input] = const_cast<float *>(x);
  require(lib.forward(eval.buffers.data(), seed, key), "sbn", "sbn_forward",
          lib.lastError());
  return loss / batch();
}

} // namespace sbn
