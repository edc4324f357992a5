/*===- optim.c - Adam and SGD parameter updates ---------------------------===*/

#include "sg_internal.h"

#include <math.h>

sg_adam_config sg_adam_default_config(void) {
  sg_adam_config cfg = {1e-3, 0.9, 0.999, 1e-8, 1.0};
  return cfg;
}

/* Checks one Adam call; returns 0 or an error code with the message set. */
static int check_adam(const char *fn, const void *w, const void *g,
                      const void *m, const void *v, uint64_t n,
                      size_t elem_size, uint64_t t, const sg_adam_config *cfg) {
  const void *ptrs[] = {w, g, m, v};
  static const char *const names[] = {"w", "g", "m", "v"};
  int rc = sg_check_buffers(fn, n, elem_size, 4, ptrs, names);
  if (rc)
    return rc;
  if (t == 0) {
    sg_set_error("%s: step t must start at 1 (t = 0 divides by 1 - beta1^0)",
                 fn);
    return SG_ERR_VALUE;
  }
  /* beta = 1 divides by zero; the negated tests also catch NaN. */
  if (!(cfg->beta1 >= 0 && cfg->beta1 < 1) ||
      !(cfg->beta2 >= 0 && cfg->beta2 < 1)) {
    sg_set_error("%s: beta1 = %g and beta2 = %g must lie in [0, 1)", fn,
                 cfg->beta1, cfg->beta2);
    return SG_ERR_VALUE;
  }
  return SG_OK;
}

/* The bias-corrected step size alpha * sqrt(1 - beta2^t) / (1 - beta1^t),
 * shared by all elements of one step (t >= 1, checked by check_adam). */
static double adam_step_size(const sg_adam_config *cfg, uint64_t t) {
  double td = (double)t;
  return cfg->alpha * sqrt(1.0 - pow(cfg->beta2, td)) /
         (1.0 - pow(cfg->beta1, td));
}

/* The elementwise Adam update of elements [begin, end). */
typedef struct adam_f32_range {
  float *restrict w;
  const float *restrict g;
  float *restrict m;
  float *restrict v;
  uint64_t begin, end;
  float lr, b1, b2, c1, c2, eps, scale;
} adam_f32_range;

static void *adam_f32_update(void *arg) {
  const adam_f32_range *r = arg;
  float *restrict w = r->w, *restrict m = r->m, *restrict v = r->v;
  const float *restrict g = r->g;
  for (uint64_t i = r->begin; i < r->end; ++i) {
    float gi = r->scale * g[i];
    float mi = r->b1 * m[i] + r->c1 * gi;
    float vi = r->b2 * v[i] + r->c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= r->lr * mi / (sqrtf(vi) + r->eps);
  }
  return NULL;
}

/* Block b of `blocks` equal parts of `all`'s range. */
typedef struct adam_f32_job {
  const adam_f32_range *all;
  uint64_t blocks;
} adam_f32_job;

static void adam_f32_block(void *arg, int64_t b) {
  const adam_f32_job *job = arg;
  adam_f32_range part = *job->all;
  uint64_t n = job->all->end;
  part.begin = n * (uint64_t)b / job->blocks;
  part.end = n * ((uint64_t)b + 1) / job->blocks;
  adam_f32_update(&part);
}

int sg_adam_step_f32(float *restrict w, const float *restrict g,
                     float *restrict m, float *restrict v, uint64_t n,
                     uint64_t t, const sg_adam_config *cfg) {
  sg_adam_config defaults = sg_adam_default_config();
  if (!cfg)
    cfg = &defaults;
  int rc = check_adam("sg_adam_step_f32", w, g, m, v, n, sizeof(float), t, cfg);
  if (rc)
    return rc;
  /* Per-element arithmetic in float on non-overlapping buffers, so that
   * the loop vectorizes: a VAE step updates 3.3M weights. */
  adam_f32_range all = {w,
                        g,
                        m,
                        v,
                        0,
                        n,
                        (float)adam_step_size(cfg, t),
                        (float)cfg->beta1,
                        (float)cfg->beta2,
                        (float)(1.0 - cfg->beta1),
                        (float)(1.0 - cfg->beta2),
                        (float)cfg->eps,
                        (float)cfg->grad_scale};
  /* Large updates are memory-bound: split them across the runtime's
   * threads (sg_set_num_threads). Each element is updated by exactly one
   * thread with the same arithmetic, so the result does not depend on the
   * thread count or on where the blocks start. */
  int threads = sg_get_num_threads();
  if (threads < 2 || n < ((uint64_t)1 << 18)) {
    adam_f32_update(&all);
    return SG_OK;
  }
  adam_f32_job job = {&all, (uint64_t)threads};
  sg_parallel_for(threads, threads, adam_f32_block, &job);
  return SG_OK;
}

int sg_adam_step_f64(double *w, const double *g, double *m, double *v,
                     uint64_t n, uint64_t t, const sg_adam_config *cfg) {
  sg_adam_config defaults = sg_adam_default_config();
  if (!cfg)
    cfg = &defaults;
  int rc =
      check_adam("sg_adam_step_f64", w, g, m, v, n, sizeof(double), t, cfg);
  if (rc)
    return rc;
  double lr = adam_step_size(cfg, t);
  for (uint64_t i = 0; i < n; ++i) {
    double gi = cfg->grad_scale * g[i];
    m[i] = cfg->beta1 * m[i] + (1.0 - cfg->beta1) * gi;
    v[i] = cfg->beta2 * v[i] + (1.0 - cfg->beta2) * gi * gi;
    w[i] -= lr * m[i] / (sqrt(v[i]) + cfg->eps);
  }
  return SG_OK;
}

static int check_sgd(const char *fn, const void *w, const void *g, uint64_t n,
                     size_t elem_size) {
  const void *ptrs[] = {w, g};
  static const char *const names[] = {"w", "g"};
  return sg_check_buffers(fn, n, elem_size, 2, ptrs, names);
}

int sg_sgd_step_f32(float *w, const float *g, uint64_t n, float lr) {
  int rc = check_sgd("sg_sgd_step_f32", w, g, n, sizeof(float));
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    w[i] -= lr * g[i];
  return SG_OK;
}

int sg_sgd_step_f64(double *w, const double *g, uint64_t n, double lr) {
  int rc = check_sgd("sg_sgd_step_f64", w, g, n, sizeof(double));
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    w[i] -= lr * g[i];
  return SG_OK;
}
