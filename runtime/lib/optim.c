/*===- optim.c - Adam and SGD parameter updates ---------------------------===*/

#include "sg_internal.h"

#include <math.h>

sg_adam_config sg_adam_default_config(void) {
  sg_adam_config cfg = {1e-3, 0.9, 0.999, 1e-8};
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

void sg_adam_step_f32(float *w, const float *g, float *m, float *v, uint64_t n,
                      uint64_t t, const sg_adam_config *cfg) {
  sg_adam_config defaults = sg_adam_default_config();
  if (!cfg)
    cfg = &defaults;
  double lr = adam_step_size(cfg, t);
  for (uint64_t i = 0; i < n; ++i) {
    double gi = g[i];
    double mi = cfg->beta1 * m[i] + (1.0 - cfg->beta1) * gi;
    double vi = cfg->beta2 * v[i] + (1.0 - cfg->beta2) * gi * gi;
    m[i] = (float)mi;
    v[i] = (float)vi;
    w[i] = (float)(w[i] - lr * mi / (sqrt(vi) + cfg->eps));
  }
}

void sg_adam_step_f64(double *w, const double *g, double *m, double *v,
                      uint64_t n, uint64_t t, const sg_adam_config *cfg) {
  sg_adam_config defaults = sg_adam_default_config();
  if (!cfg)
    cfg = &defaults;
  double lr = adam_step_size(cfg, t);
  for (uint64_t i = 0; i < n; ++i) {
    m[i] = cfg->beta1 * m[i] + (1.0 - cfg->beta1) * g[i];
    v[i] = cfg->beta2 * v[i] + (1.0 - cfg->beta2) * g[i] * g[i];
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
