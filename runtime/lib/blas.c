/*===- blas.c - Row-major GEMM and threading over OpenBLAS ----------------===*/

#include "sg_internal.h"

#include <cblas.h>
#include <limits.h>

/* OpenBLAS extensions. Declared here as well because the generic <cblas.h>
 * a distribution puts first on the include path may be the reference
 * (netlib) header, which lacks them; the library linked is always
 * OpenBLAS. */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

/* OpenBLAS indexes with a 32-bit int; narrowing silently would compute on
 * the wrong matrices, so refuse instead. */
static int checked_int(int64_t value, const char *what) {
  if (value < 0 || value > INT_MAX)
    sg_fatal("gemm: %s = %lld does not fit OpenBLAS' int index type", what,
             (long long)value);
  return (int)value;
}

static enum CBLAS_TRANSPOSE trans_of(int trans) {
  return trans ? CblasTrans : CblasNoTrans;
}

void sg_gemm_f32(int transA, int transB, int64_t M, int64_t N, int64_t K,
                 float alpha, const float *A, int64_t lda, const float *B,
                 int64_t ldb, float beta, float *C, int64_t ldc) {
  cblas_sgemm(CblasRowMajor, trans_of(transA), trans_of(transB),
              checked_int(M, "M"), checked_int(N, "N"), checked_int(K, "K"),
              alpha, A, checked_int(lda, "lda"), B, checked_int(ldb, "ldb"),
              beta, C, checked_int(ldc, "ldc"));
}

void sg_gemm_f64(int transA, int transB, int64_t M, int64_t N, int64_t K,
                 double alpha, const double *A, int64_t lda, const double *B,
                 int64_t ldb, double beta, double *C, int64_t ldc) {
  cblas_dgemm(CblasRowMajor, trans_of(transA), trans_of(transB),
              checked_int(M, "M"), checked_int(N, "N"), checked_int(K, "K"),
              alpha, A, checked_int(lda, "lda"), B, checked_int(ldb, "ldb"),
              beta, C, checked_int(ldc, "ldc"));
}

void sg_set_num_threads(int n) { openblas_set_num_threads(n); }

int sg_get_num_threads(void) { return openblas_get_num_threads(); }
