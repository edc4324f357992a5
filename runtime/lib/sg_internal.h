/*===- sg_internal.h - Helpers shared by the runtime's source files -------===*/

#ifndef SG_INTERNAL_H
#define SG_INTERNAL_H

#include "sg_runtime.h"

#include <stddef.h>
#include <stdint.h>

/* Prints "sg_runtime: fatal: <message>" to stderr and aborts. Used for
 * precondition violations that would otherwise yield silently wrong numbers
 * from functions whose interface has no error return. */
_Noreturn void sg_fatal(const char *fmt, ...) SG_PRINTF_FORMAT(1, 2);

/* Records "<fn>: <what> is a null pointer" and returns SG_ERR_NULL. */
int sg_null_error(const char *fn, const char *what);

/* Whether `n` elements of `elem_size` bytes can exist in one object: false
 * for counts no allocation can hold, which is what a negative count
 * converted to uint64_t becomes. */
static inline int sg_count_fits(uint64_t n, size_t elem_size) {
  return n <= (uint64_t)PTRDIFF_MAX / elem_size;
}

/* Checks an elementwise call on n elements: every pointer in ptrs[0..k)
 * must be non-NULL unless n == 0, and n must fit in memory. Returns 0 or an
 * error code with the message set; names[i] names ptrs[i]. */
int sg_check_buffers(const char *fn, uint64_t n, size_t elem_size, int k,
                     const void *const *ptrs, const char *const *names);

/* The machine's online CPUs (at least 1), read once. */
int sg_online_cpus(void);

/* The number of threads sg_set_num_threads last asked for in this process
 * (by any copy of the runtime), or the default: OPENBLAS_NUM_THREADS, else
 * the online CPUs; at most 16. */
int sg_thread_count(void);
/* Makes n the process's thread count; returns setenv's result. */
int sg_store_thread_count(int n);

/* Runs fn(ctx, b) for every b in [0, blocks), on up to `threads` threads
 * (the caller's and the runtime's workers), and returns when all are done.
 * Blocks run in no particular order and concurrently: each must write its
 * own part of the output. The caller chooses the blocks; for results that
 * do not depend on the thread count they must not depend on `threads`. */
typedef void (*sg_block_fn)(void *ctx, int64_t block);
void sg_parallel_for(int64_t blocks, int threads, sg_block_fn fn, void *ctx);

#endif /* SG_INTERNAL_H */
