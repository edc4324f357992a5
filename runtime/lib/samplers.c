/*===- samplers.c - Keyed uniform, normal, Bernoulli, categorical samplers ===*/
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
/* The input `p` (named `p_name` in messages) is checked only for the
 * fills that read one (num_inputs = 1). */
static int check_fill_input(const char *fn, const void *out, const void *p,
                            const char *p_name, int num_inputs, uint64_t n,
                            size_t elem_size, uint64_t step,
                            uint64_t first_element) {
  const void *ptrs[] = {out, p};
  const char *const names[] = {"out", p_name};
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

static int check_fill(const char *fn, const void *out, const void *p,
                      int num_inputs, uint64_t n, size_t elem_size,
                      uint64_t step, uint64_t first_element) {
  return check_fill_input(fn, out, p, "p", num_inputs, n, elem_size, step,
                          first_element);
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

/* sigmoid(l) in double: exp overflows to +inf for l < -709 and the quotient
 * is then exactly 0; the compiled sampler evaluates the same expression. */
static inline double sigmoid_f64(double l) { return 1.0 / (1.0 + exp(-l)); }

int sg_fill_bernoulli_logits_f32(float *out, const float *logits, uint64_t n,
                                 uint64_t seed, uint64_t step, uint32_t node,
                                 uint64_t first_element) {
  int rc = check_fill_input("sg_fill_bernoulli_logits_f32", out, logits,
                            "logits", 1, n, sizeof(float), step,
                            first_element);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i) {
    double u = uniform_f32(seed, step, node, first_element + i);
    out[i] = u < sigmoid_f64(logits[i]) ? 1.0f : 0.0f;
  }
  return SG_OK;
}

int sg_fill_bernoulli_logits_f64(double *out, const double *logits, uint64_t n,
                                 uint64_t seed, uint64_t step, uint32_t node,
                                 uint64_t first_element) {
  int rc = check_fill_input("sg_fill_bernoulli_logits_f64", out, logits,
                            "logits", 1, n, sizeof(double), step,
                            first_element);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i) {
    double u = uniform_f64(seed, step, node, first_element + i);
    out[i] = u < sigmoid_f64(logits[i]) ? 1.0 : 0.0;
  }
  return SG_OK;
}

/* The Gumbel-max key of one element: l + (-log(-log u)), u from the f64 grid
 * (its tails reach Gumbel values of -3.6 and 36.7, where the f32 grid would
 * stop at 16.6). */
static inline double gumbel_key(double logit, uint64_t seed, uint64_t step,
                                uint32_t node, uint64_t element) {
  return logit - log(-log(uniform_f64(seed, step, node, element)));
}

#define SG_CATEGORICAL_ROW(T)                                                  \
  static inline uint64_t categorical_row_##T(                                  \
      const T *logits, uint64_t classes, uint64_t seed, uint64_t step,         \
      uint32_t node, uint64_t row) {                                           \
    double best = -INFINITY;                                                   \
    uint64_t arg = 0;                                                          \
    for (uint64_t k = 0; k < classes; ++k) {                                   \
      double key = gumbel_key(logits[k], seed, step, node, row * classes + k); \
      if (key > best) {                                                        \
        best = key;                                                            \
        arg = k;                                                               \
      }                                                                        \
    }                                                                          \
    return arg;                                                                \
  }
SG_CATEGORICAL_ROW(float)
SG_CATEGORICAL_ROW(double)
#undef SG_CATEGORICAL_ROW

uint64_t sg_categorical_f32_at(const float *logits, uint64_t classes,
                               uint64_t seed, uint64_t step, uint32_t node,
                               uint64_t row) {
  return categorical_row_float(logits, classes, seed, step, node, row);
}

uint64_t sg_categorical_f64_at(const double *logits, uint64_t classes,
                               uint64_t seed, uint64_t step, uint32_t node,
                               uint64_t row) {
  return categorical_row_double(logits, classes, seed, step, node, row);
}

/* rows * classes elements, and the first row's first flat index, checked as
 * a fill of that many elements. */
static int check_categorical(const char *fn, const void *out,
                             const void *logits, uint64_t rows,
                             uint64_t classes, size_t elem_size, uint64_t step,
                             uint64_t first_row) {
  if (rows > 0 && (classes == 0 || rows > UINT64_MAX / classes ||
                   first_row > UINT64_MAX / classes)) {
    sg_set_error("%s: %llu rows of %llu classes starting at row %llu do not "
                 "fit in 64-bit element indices",
                 fn, (unsigned long long)rows, (unsigned long long)classes,
                 (unsigned long long)first_row);
    return SG_ERR_SIZE;
  }
  return check_fill_input(fn, out, logits, "logits", 1, rows * classes,
                          elem_size, step, first_row * classes);
}

#define SG_FILL_CATEGORICAL(T, SUFFIX)                                         \
  int sg_fill_categorical_##SUFFIX(T *out, const T *logits, uint64_t rows,     \
                                   uint64_t classes, uint64_t seed,            \
                                   uint64_t step, uint32_t node,               \
                                   uint64_t first_row) {                       \
    int rc = check_categorical("sg_fill_categorical_" #SUFFIX, out, logits,    \
                               rows, classes, sizeof(T), step, first_row);     \
    if (rc)                                                                    \
      return rc;                                                               \
    for (uint64_t r = 0; r < rows; ++r) {                                      \
      const T *row = logits + r * classes;                                     \
      uint64_t k = categorical_row_##T(row, classes, seed, step, node,         \
                                       first_row + r);                         \
      for (uint64_t j = 0; j < classes; ++j)                                   \
        out[r * classes + j] = j == k ? (T)1 : (T)0;                           \
    }                                                                          \
    return SG_OK;                                                              \
  }
SG_FILL_CATEGORICAL(float, f32)
SG_FILL_CATEGORICAL(double, f64)
#undef SG_FILL_CATEGORICAL
