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

#endif /* SG_INTERNAL_H */
