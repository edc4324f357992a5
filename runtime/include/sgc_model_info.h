/*===- sgc_model_info.h - what a library compiled by sgc says about itself -===*
 *
 * The one C definition of the model descriptor types, version
 * SGC_MODEL_INFO_VERSION (docs/compiler.md, "The model info"). sgc copies
 * this file into every header it emits (--emit=header), so a generated
 * header needs no other include; a loader that has no generated header
 * (dlopen, dlsym of <graph>_info or sgc_models) includes it directly.
 * python/sgc/_info.py mirrors it with ctypes (test/python/test_info_layout.py
 * compares the two). A change of meaning bumps the version; new fields are
 * only ever appended.
 *
 *===----------------------------------------------------------------------===*/
#ifndef SGC_TENSOR_DESC_DEFINED
#define SGC_TENSOR_DESC_DEFINED

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The role of a tensor in a compiled graph or a generated function. */
typedef enum sgc_role {
  SGC_PARAM = 0,        /* trainable parameter: a gradient target */
  SGC_INPUT = 1,        /* input data */
  SGC_OUTPUT = 2,       /* value marked with sg.output */
  SGC_GRAD = 3,         /* gradient of the expected loss w.r.t. a parameter */
  SGC_BASELINE = 4,     /* a score term's baseline, read */
  SGC_NEW_BASELINE = 5, /* its update, written */
  SGC_KINKS = 6,        /* --instrument-kinks: counts per kink (int64) */
  SGC_STATUS = 7,       /* --checked: 0 or the number of the failed check */
  SGC_LOSS = 8          /* the loss for this draw */
} sgc_role;
typedef enum sgc_dtype {
  SGC_F32 = 0,
  SGC_F64 = 1,
  SGC_I64 = 2,
  SGC_I32 = 3
} sgc_dtype;
/* One tensor: row-major, contiguous, `size` elements. */
typedef struct sgc_tensor_desc {
  const char *name;
  sgc_role role;
  sgc_dtype dtype;
  int rank;
  int64_t shape[8];
  int64_t size;
} sgc_tensor_desc;
typedef enum sgc_function_kind {
  SGC_FORWARD = 0,
  SGC_LOSS_GRAD = 1
} sgc_function_kind;
/* A generated function; `args` are its pointer arguments in order, which
 * are also the buffers of name_packed(buffers, seed, step). */
typedef struct sgc_function_desc {
  const char *name;
  sgc_function_kind kind;
  int num_args;
  const sgc_tensor_desc *args;
} sgc_function_desc;
/* A run-time check (--checked) or a kink (--instrument-kinks). */
typedef struct sgc_site_desc {
  const char *op;   /* e.g. "sg.log" */
  const char *file; /* "" when the op has no source position */
  int64_t line;
  int64_t column;
  const char *what; /* e.g. "argument not positive" */
  const char *text; /* "file:line:col: op: what" */
} sgc_site_desc;
#define SGC_MODEL_INFO_VERSION 1
/* What <graph>_info() returns: everything a loader needs to drive the
 * graph's functions without this header. */
typedef struct sgc_model_info {
  int64_t version; /* SGC_MODEL_INFO_VERSION */
  const char *graph;
  const char *source;  /* the model file */
  const char *options; /* the sgc options it was compiled with */
  int64_t num_args;
  const sgc_tensor_desc *args;
  int64_t num_outputs;
  const sgc_tensor_desc *outputs;
  int64_t num_baselines;
  int64_t num_functions;
  const sgc_function_desc *functions;
  int64_t num_checks; /* the function's *status k names checks[k - 1] */
  const sgc_site_desc *checks;
  int64_t num_kinks; /* kinks[k] counts evaluations at kinks[k] */
  const sgc_site_desc *kinks;
} sgc_model_info;
/* Every graph's info, then NULL (each library exports this name; loaders
 * look it up with dlsym on the library's handle). */
const sgc_model_info *const *sgc_models(void);

#ifdef __cplusplus
}
#endif

#endif /* SGC_TENSOR_DESC_DEFINED */
