//===- vae_model.h - the compiled VAE and its training state ----*- C++ -*-===//
//
// Shared by the training app and the ML unit checks: the functions of a
// VAE library compiled by sgc (linked, or loaded for another batch size),
// Glorot-uniform parameters, and Adam exactly as Certigrad.
//
//===----------------------------------------------------------------------===//
#ifndef SG_EXAMPLES_VAE_MODEL_H
#define SG_EXAMPLES_VAE_MODEL_H

#include "sg_runtime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vae {

constexpr int kPixels = 784, kLatent = 30, kNumParams = 7;

using LossGradFn = int (*)(const float *x, const float *W1, const float *W2,
                           const float *Wmu, const float *Wlv, const float *Wd1,
                           const float *Wd2, const float *Wp, float *dW1,
                           float *dW2, float *dWmu, float *dWlv, float *dWd1,
                           float *dWd2, float *dWp, uint64_t seed,
                           uint64_t step, uint64_t first_row, float *loss);
using ForwardFn = int (*)(const float *x, const float *W1, const float *W2,
                          const float *Wmu, const float *Wlv, const float *Wd1,
                          const float *Wd2, const float *Wp, float *p,
                          uint64_t seed, uint64_t step, uint64_t first_row,
                          float *loss);
using DecoderFn = int (*)(const float *z, const float *Wd1, const float *Wd2,
                          const float *Wp, float *p, uint64_t seed,
                          uint64_t step, float *loss);

using TrainStepFn = int (*)(const float *x, float *W1, float *W2, float *Wmu,
                            float *Wlv, float *Wd1, float *Wd2, float *Wp,
                            float *mW1, float *mW2, float *mWmu, float *mWlv,
                            float *mWd1, float *mWd2, float *mWp, float *vW1,
                            float *vW2, float *vWmu, float *vWlv, float *vWd1,
                            float *vWd2, float *vWp, uint64_t seed,
                            uint64_t step, uint64_t t, float *loss);

using LastErrorFn = const char *(*)(void);

/// The functions sgc generated from examples/vae/vae.mlir at one batch size
/// (the _rows entry points for loss_grad and forward, so that a slice of a
/// larger batch draws that batch's samples).
struct Functions {
  int batch = 0;
  LossGradFn lossGrad = nullptr;
  ForwardFn forward = nullptr;
  DecoderFn decoder = nullptr;
  /// The fused step (sgc --optimizer=adam with Certigrad's defaults and
  /// --grad-scale=1/batch): loss_grad, then sg_adam_step_f32 per parameter.
  TrainStepFn trainStep = nullptr;
  /// The library's error message (vae_last_error; decoder_last_error reads
  /// the same message).
  LastErrorFn lastError = nullptr;
};

/// The library linked into this program (batch 250, as Certigrad).
Functions linkedFunctions();

/// Where compileAndLoad puts the library for `batch` in `dir`.
std::string compiledPath(const std::string &dir, int batch);

/// Compiles vae.mlir for `batch` with `sgc --batch-size` (and the Adam
/// step, `--optimizer=adam --grad-scale=1/batch`) into `dir` and loads it.
/// Returns false with `error` set on failure.
bool compileAndLoad(int batch, const std::string &sgc, const std::string &model,
                    const std::string &dir, Functions &out, std::string &error);

/// Loads the functions of a library compiled for `batch` at `path`.
bool load(const std::string &path, int batch, Functions &out,
          std::string &error);

/// Parameter shapes (rows, cols) in the graph's argument order.
struct Shape {
  const char *name;
  int rows, cols;
};
extern const Shape kShapes[kNumParams];

/// Parameters, gradients and Adam moments.
class Trainer {
public:
  Trainer(const Functions &f, uint64_t seed, sg_adam_config adam);

  /// Data-parallel training: this trainer evaluates rows [firstRow,
  /// firstRow + batch()) of global batches of `globalBatch` rows, and `sum`
  /// (collective over the processes) adds up the loss and every gradient
  /// before the Adam step, which is then the same in every process. The
  /// fused step is not used then: the gradients must be summed before Adam.
  using SumFn = void (*)(void *context, float *buf, size_t n);
  void setSlice(uint64_t firstRow, int globalBatch, SumFn sum, void *context);

  /// One Adam step on a batch (this trainer's rows of it); returns the loss
  /// per example of the whole batch. Through the library's fused
  /// vae_train_step when it has one, `adam` is Certigrad's (what it was
  /// compiled with) and there is no `sum`; else loss_grad and
  /// sg_adam_step_f32: the same arithmetic either way.
  float step(const float *x, uint64_t seed, uint64_t step);
  /// Whether step() uses the fused function; false forces the two calls.
  bool fused() const { return useTrainStep; }
  void setFused(bool on) { useTrainStep = on && fns.trainStep && !sum; }
  /// The loss per example of a batch (forward only; this trainer's rows of
  /// it, not summed over processes); `p` (batch x 784, may be null)
  /// receives the reconstruction probabilities.
  float evaluate(const float *x, uint64_t seed, uint64_t step,
                 float *p = nullptr) const;
  /// Decodes `z` (batch x 30) into pixel probabilities `p` (batch x 784).
  void decode(const float *z, float *p) const;

  std::vector<float> &param(int i) { return params[i]; }
  int batch() const { return fns.batch; }
  uint64_t steps() const { return t; }

private:
  Functions fns;
  sg_adam_config adam;
  std::vector<float> params[kNumParams], grads[kNumParams], m[kNumParams],
      v[kNumParams];
  mutable std::vector<float> scratch;
  uint64_t t = 0;
  bool useTrainStep = false;
  uint64_t firstRow = 0;
  int globalBatch;
  SumFn sum = nullptr;
  void *sumContext = nullptr;
};

} // namespace vae

#endif // SG_EXAMPLES_VAE_MODEL_H
