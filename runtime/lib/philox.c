/*===- philox.c - Philox4x32-10 block function and sampler keying ---------===*/

#include "sg_runtime.h"

/* Round multipliers and Weyl key increments (golden ratio, sqrt(3) - 1).
 * Macros because ISO C enumerators must fit in an int. */
#define PHILOX_M0 UINT32_C(0xD2511F53)
#define PHILOX_M1 UINT32_C(0xCD9E8D57)
#define PHILOX_W0 UINT32_C(0x9E3779B9)
#define PHILOX_W1 UINT32_C(0xBB67AE85)
#define PHILOX_ROUNDS 10

void sg_philox4x32_10(const uint32_t ctr[4], const uint32_t key[2],
                      uint32_t out[4]) {
  uint32_t x0 = ctr[0], x1 = ctr[1], x2 = ctr[2], x3 = ctr[3];
  uint32_t k0 = key[0], k1 = key[1];
  for (int r = 0; r < PHILOX_ROUNDS; ++r) {
    if (r > 0) {
      k0 += PHILOX_W0;
      k1 += PHILOX_W1;
    }
    uint64_t p0 = (uint64_t)PHILOX_M0 * x0;
    uint64_t p1 = (uint64_t)PHILOX_M1 * x2;
    uint32_t y0 = (uint32_t)(p1 >> 32) ^ x1 ^ k0;
    uint32_t y2 = (uint32_t)(p0 >> 32) ^ x3 ^ k1;
    x0 = y0;
    x1 = (uint32_t)p1;
    x2 = y2;
    x3 = (uint32_t)p0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

void sg_sampler_block(uint64_t seed, uint64_t step, uint32_t node,
                      uint64_t element, uint32_t out[4]) {
  /* Layout documented in sg_runtime.h. The high half of the step shares a
   * key word with the seed so that all 64 step bits take part while the
   * mapping stays injective for a fixed seed. */
  const uint32_t ctr[4] = {(uint32_t)element, (uint32_t)(element >> 32), node,
                           (uint32_t)step};
  const uint32_t key[2] = {(uint32_t)seed,
                           (uint32_t)(seed >> 32) ^ (uint32_t)(step >> 32)};
  sg_philox4x32_10(ctr, key, out);
}
