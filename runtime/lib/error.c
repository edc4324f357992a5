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
