/*===- optim.c - Adam and SGD parameter updates ---------------------------===*/

#include "sg_internal.h"

#include <math.h>

sg_adam_config sg_adam_default_config(void) {
  sg_adam_config cfg = {1e-3, 0.9, 0.999, 1e-8, 1.0};
  return cfg;
}

/* The bias-corrected step size alpha * sqrt(1 - beta2^t) / (1 - beta1^t),
 * shared by all elements of one step. */
static double adam_step_size(const sg_adam_config *cfg, uint64_t t) {
  if (t == 0)
    sg_fatal("adam: step t must start at 1 (t = 0 divides by 1 - beta1^0)");
  double td = (double)t;
  return cfg->alpha * sqrt(1.0 - pow(cfg->beta2, td)) /
         (1.0 - pow(cfg->beta1, td));
}

void sg_adam_step_f32(float *restrict w, const float *restrict g,
                      float *restrict m, float *restrict v, uint64_t n,
                      uint64_t t, const sg_adam_config *cfg) {
  sg_adam_config defaults = sg_adam_default_config();
  if (!cfg)
    cfg = &defaults;
  /* Per-element arithmetic in float on non-overlapping buffers, so that
   * the loop vectorizes: a VAE step updates 3.3M weights. */
  const float lr = (float)adam_step_size(cfg, t);
  const float b1 = (float)cfg->beta1, b2 = (float)cfg->beta2;
  const float c1 = (float)(1.0 - cfg->beta1), c2 = (float)(1.0 - cfg->beta2);
  const float eps = (float)cfg->eps, scale = (float)cfg->grad_scale;
  for (uint64_t i = 0; i < n; ++i) {
    float gi = scale * g[i];
    float mi = b1 * m[i] + c1 * gi;
    float vi = b2 * v[i] + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= lr * mi / (sqrtf(vi) + eps);
  }
}

void sg_adam_step_f64(double *w, const double *g, double *m, double *v,
                      uint64_t n, uint64_t t, const sg_adam_config *cfg) {
  sg_adam_config defaults = sg_adam_default_config();
  if (!cfg)
    cfg = &defaults;
  double lr = adam_step_size(cfg, t);
  for (uint64_t i = 0; i < n; ++i) {
    double gi = cfg->grad_scale * g[i];
    m[i] = cfg->beta1 * m[i] + (1.0 - cfg->beta1) * gi;
    v[i] = cfg->beta2 * v[i] + (1.0 - cfg->beta2) * gi * gi;
    w[i] -= lr * m[i] / (sqrt(v[i]) + cfg->eps);
  }
}

void sg_sgd_step_f32(float *w, const float *g, uint64_t n, float lr) {
  for (uint64_t i = 0; i < n; ++i)
    w[i] -= lr * g[i];
}

void sg_sgd_step_f64(double *w, const double *g, uint64_t n, double lr) {
  for (uint64_t i = 0; i < n; ++i)
    w[i] -= lr * g[i];
}
