/*===- samplers.c - Keyed uniform, normal and Bernoulli samplers ----------===*/
/*
 * Every sample is computed from its own Philox block (see sg_runtime.h), so
 * the fill loops are trivially parallelizable by the caller and a value never
 * depends on which fill produced it. The bulk fills and the *_at functions
 * share the static helpers below; the library is built with
 * -ffp-contract=off so that inlining cannot change a single bit.
 */

#include "sg_internal.h"

#include <math.h>

static const double two_pi = 6.283185307179586476925286766559;

static inline float u01_f32(uint32_t word) {
  /* (2j+1) < 2^24 is exact in a float, and so is the scaling. */
  uint32_t j = word >> 9;
  return (float)(2 * j + 1) * 0x1p-24f;
}

static inline double u01_f64(uint32_t lo, uint32_t hi) {
  uint64_t j = (((uint64_t)hi << 32) | lo) >> 12;
  return (double)(2 * j + 1) * 0x1p-53;
}

static inline double box_muller(double u1, double u2) {
  return sqrt(-2.0 * log(u1)) * cos(two_pi * u2);
}

static inline float uniform_f32(uint64_t seed, uint64_t step, uint32_t node,
                                uint64_t element) {
  uint32_t w[4];
  sg_sampler_block(seed, step, node, element, w);
  return u01_f32(w[0]);
}

static inline double uniform_f64(uint64_t seed, uint64_t step, uint32_t node,
                                 uint64_t element) {
  uint32_t w[4];
  sg_sampler_block(seed, step, node, element, w);
  return u01_f64(w[0], w[1]);
}

static inline float normal_f32(uint64_t seed, uint64_t step, uint32_t node,
                               uint64_t element) {
  uint32_t w[4];
  sg_sampler_block(seed, step, node, element, w);
  return (float)box_muller(u01_f32(w[0]), u01_f32(w[1]));
}

static inline double normal_f64(uint64_t seed, uint64_t step, uint32_t node,
                                uint64_t element) {
  uint32_t w[4];
  sg_sampler_block(seed, step, node, element, w);
  return box_muller(u01_f64(w[0], w[1]), u01_f64(w[2], w[3]));
}

float sg_u01_f32(uint32_t word) { return u01_f32(word); }

double sg_u01_f64(uint32_t lo, uint32_t hi) { return u01_f64(lo, hi); }

float sg_uniform_f32_at(uint64_t seed, uint64_t step, uint32_t node,
                        uint64_t element) {
  return uniform_f32(seed, step, node, element);
}

double sg_uniform_f64_at(uint64_t seed, uint64_t step, uint32_t node,
                         uint64_t element) {
  return uniform_f64(seed, step, node, element);
}

float sg_normal_f32_at(uint64_t seed, uint64_t step, uint32_t node,
                       uint64_t element) {
  return normal_f32(seed, step, node, element);
}

double sg_normal_f64_at(uint64_t seed, uint64_t step, uint32_t node,
                        uint64_t element) {
  return normal_f64(seed, step, node, element);
}

/* The argument checks shared by the bulk fills: one pass per call. */
/* `p` is checked only for the Bernoulli fills (num_inputs = 1). */
static int check_fill(const char *fn, const void *out, const void *p,
                      int num_inputs, uint64_t n, size_t elem_size,
                      uint64_t step, uint64_t first_element) {
  const void *ptrs[] = {out, p};
  static const char *const names[] = {"out", "p"};
  int rc = sg_check_buffers(fn, n, elem_size, 1 + num_inputs, ptrs, names);
  if (rc)
    return rc;
  if (step >= SG_STEP_LIMIT) {
    sg_set_error("%s: step %llu is not below 2^32; such steps would share "
                 "random streams with other seeds",
                 fn, (unsigned long long)step);
    return SG_ERR_KEY;
  }
  if (n > 0 && first_element > UINT64_MAX - (n - 1)) {
    sg_set_error("%s: element indices %llu + [0, %llu) wrap past 2^64", fn,
                 (unsigned long long)first_element, (unsigned long long)n);
    return SG_ERR_KEY;
  }
  return SG_OK;
}

int sg_fill_uniform_f32(float *out, uint64_t n, uint64_t seed, uint64_t step,
                        uint32_t node, uint64_t first_element) {
  int rc = check_fill("sg_fill_uniform_f32", out, NULL, 0, n, sizeof(float),
                      step, first_element);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    out[i] = uniform_f32(seed, step, node, first_element + i);
  return SG_OK;
}

int sg_fill_uniform_f64(double *out, uint64_t n, uint64_t seed, uint64_t step,
                        uint32_t node, uint64_t first_element) {
  int rc = check_fill("sg_fill_uniform_f64", out, NULL, 0, n, sizeof(double),
                      step, first_element);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    out[i] = uniform_f64(seed, step, node, first_element + i);
  return SG_OK;
}

int sg_fill_normal_f32(float *out, uint64_t n, uint64_t seed, uint64_t step,
                       uint32_t node, uint64_t first_element) {
  int rc = check_fill("sg_fill_normal_f32", out, NULL, 0, n, sizeof(float),
                      step, first_element);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    out[i] = normal_f32(seed, step, node, first_element + i);
  return SG_OK;
}

int sg_fill_normal_f64(double *out, uint64_t n, uint64_t seed, uint64_t step,
                       uint32_t node, uint64_t first_element) {
  int rc = check_fill("sg_fill_normal_f64", out, NULL, 0, n, sizeof(double),
                      step, first_element);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    out[i] = normal_f64(seed, step, node, first_element + i);
  return SG_OK;
}

int sg_fill_bernoulli_f32(float *out, const float *p, uint64_t n, uint64_t seed,
                          uint64_t step, uint32_t node,
                          uint64_t first_element) {
  int rc = check_fill("sg_fill_bernoulli_f32", out, p, 1, n, sizeof(float),
                      step, first_element);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    out[i] =
        uniform_f32(seed, step, node, first_element + i) < p[i] ? 1.0f : 0.0f;
  return SG_OK;
}

int sg_fill_bernoulli_f64(double *out, const double *p, uint64_t n,
                          uint64_t seed, uint64_t step, uint32_t node,
                          uint64_t first_element) {
  int rc = check_fill("sg_fill_bernoulli_f64", out, p, 1, n, sizeof(double),
                      step, first_element);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    out[i] =
        uniform_f64(seed, step, node, first_element + i) < p[i] ? 1.0 : 0.0;
  return SG_OK;
}
