/*===- error.c - Thread-local error messages ------------------------------===*/

#include "sg_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* One buffer per thread, so concurrent failures never clobber each other's
 * messages and no locking is needed. */
static _Thread_local char last_error[1024];

const char *sg_last_error(void) { return last_error; }

void sg_set_error(const char *fmt, ...) {
  if (!fmt) {
    last_error[0] = '\0';
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_error, sizeof last_error, fmt, ap);
  va_end(ap);
}

void sg_fatal(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("sg_runtime: fatal: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

int sg_null_error(const char *fn, const char *what) {
  sg_set_error("%s: %s is a null pointer", fn, what);
  return SG_ERR_NULL;
}

int sg_check_buffers(const char *fn, uint64_t n, size_t elem_size, int k,
                     const void *const *ptrs, const char *const *names) {
  if (n == 0)
    return SG_OK;
  for (int i = 0; i < k; ++i)
    if (!ptrs[i])
      return sg_null_error(fn, names[i]);
  if (!sg_count_fits(n, elem_size)) {
    sg_set_error("%s: n = %llu elements do not fit in memory (a negative "
                 "count?)",
                 fn, (unsigned long long)n);
    return SG_ERR_SIZE;
  }
  return SG_OK;
}
