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

static enum CBLAS_TRANSPOSE trans_of(int trans) {
  return trans ? CblasTrans : CblasNoTrans;
}

/* OpenBLAS indexes with a 32-bit int; narrowing silently would compute on
 * the wrong matrices, so refuse instead. */
static int size_error(const char *fn, const char *what, int64_t value) {
  sg_set_error("%s: %s = %lld is negative or does not fit OpenBLAS' int "
               "index type",
               fn, what, (long long)value);
  return SG_ERR_SIZE;
}

static int64_t max1(int64_t n) { return n > 1 ? n : 1; }

/* Everything cblas_?gemm would reject (it prints a message and returns,
 * leaving C silently unchanged) or read out of bounds for. */
static int check_gemm(const char *fn, int transA, int transB, int64_t M,
                      int64_t N, int64_t K, const void *A, int64_t lda,
                      const void *B, int64_t ldb, const void *C, int64_t ldc) {
  const int64_t sizes[] = {M, N, K, lda, ldb, ldc};
  static const char *const names[] = {"M", "N", "K", "lda", "ldb", "ldc"};
  for (int i = 0; i < 6; ++i)
    if (sizes[i] < 0 || sizes[i] > INT_MAX)
      return size_error(fn, names[i], sizes[i]);
  /* Row-major: a stored row of A is op(A)'s row (K long) or column (M). */
  int64_t needA = max1(transA ? M : K), needB = max1(transB ? K : N);
  if (lda < needA || ldb < needB || ldc < max1(N)) {
    sg_set_error("%s: row strides lda = %lld, ldb = %lld, ldc = %lld must be "
                 "at least %lld, %lld, %lld",
                 fn, (long long)lda, (long long)ldb, (long long)ldc,
                 (long long)needA, (long long)needB, (long long)max1(N));
    return SG_ERR_SIZE;
  }
  /* An empty C needs no matrix; K == 0 computes C = beta * C from C alone. */
  if (M > 0 && N > 0) {
    if (!C)
      return sg_null_error(fn, "C");
    if (K > 0 && !A)
      return sg_null_error(fn, "A");
    if (K > 0 && !B)
      return sg_null_error(fn, "B");
  }
  return SG_OK;
}

int sg_gemm_f32(int transA, int transB, int64_t M, int64_t N, int64_t K,
                float alpha, const float *A, int64_t lda, const float *B,
                int64_t ldb, float beta, float *C, int64_t ldc) {
  int rc = check_gemm("sg_gemm_f32", transA, transB, M, N, K, A, lda, B, ldb, C,
                      ldc);
  if (rc)
    return rc;
  if (M == 0 || N == 0)
    return SG_OK; /* C is empty */
  cblas_sgemm(CblasRowMajor, trans_of(transA), trans_of(transB), (int)M, (int)N,
              (int)K, alpha, A, (int)lda, B, (int)ldb, beta, C, (int)ldc);
  return SG_OK;
}

int sg_gemm_f64(int transA, int transB, int64_t M, int64_t N, int64_t K,
                double alpha, const double *A, int64_t lda, const double *B,
                int64_t ldb, double beta, double *C, int64_t ldc) {
  int rc = check_gemm("sg_gemm_f64", transA, transB, M, N, K, A, lda, B, ldb, C,
                      ldc);
  if (rc)
    return rc;
  if (M == 0 || N == 0)
    return SG_OK; /* C is empty */
  cblas_dgemm(CblasRowMajor, trans_of(transA), trans_of(transB), (int)M, (int)N,
              (int)K, alpha, A, (int)lda, B, (int)ldb, beta, C, (int)ldc);
  return SG_OK;
}

int sg_set_num_threads(int n) {
  /* OpenBLAS silently substitutes a count of its own for n < 1, which is
   * not what a caller computing a count (e.g. cores - 1) asked for. */
  if (n < 1) {
    sg_set_error("sg_set_num_threads: n = %d, at least 1 is needed", n);
    return SG_ERR_SIZE;
  }
  openblas_set_num_threads(n);
  return SG_OK;
}

int sg_get_num_threads(void) { return openblas_get_num_threads(); }
