/*===- sg_internal.h - Helpers shared by the runtime's source files -------===*/

#ifndef SG_INTERNAL_H
#define SG_INTERNAL_H

#include "sg_runtime.h"

/* Prints "sg_runtime: fatal: <message>" to stderr and aborts. Used for
 * precondition violations that would otherwise yield silently wrong numbers
 * from functions whose interface has no error return. */
_Noreturn void sg_fatal(const char *fmt, ...) SG_PRINTF_FORMAT(1, 2);

#endif /* SG_INTERNAL_H */
