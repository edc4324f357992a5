/*===- blas.c - Row-major GEMM and threading over OpenBLAS ----------------===*/

#include "sg_internal.h"

#include <cblas.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

/* OpenBLAS extensions. Declared here as well because the generic <cblas.h>
 * a distribution puts first on the include path may be the reference
 * (netlib) header, which lacks them; the library linked is always
 * OpenBLAS. */
void openblas_set_num_threads(int num_threads);

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

/* How a product is split over the runtime's threads. OpenBLAS itself runs
 * single-threaded (its thread count is global, so it cannot differ between
 * a product worth two cores and one that is not): the runtime cuts C into
 * column blocks (or row blocks, when C has more rows than columns) and runs
 * one single-threaded cblas_?gemm per block. Each element of C is still
 * computed by one call over the whole reduction axis K, and the blocks
 * depend only on the product's shape, never on the thread count, so the
 * result is the same with any number of threads.
 *
 * Every block gets at least SG_GEMM_SPLIT_MADDS multiply-adds (M*N*K), so a
 * product of fewer than twice that (2^23) is one block: splitting it packs
 * op(A) or op(B) once per block and waits for a worker, which costs more
 * than a second core gains. Measured on the
 * project's 2-core machine (bench/README.md, "2-thread size rule"). */
#define SG_GEMM_SPLIT_MADDS ((int64_t)1 << 22)
/* Blocks start at multiples of a micro-kernel tile. */
enum { SG_GEMM_BLOCK_ALIGN = 16 };

/* At most as many blocks as the machine has CPUs (2 or 4): every block
 * packs the operand it shares with the others again (op(A) for column
 * blocks, ~5% of a block's time at 250 x 250 x 1000), so more blocks than
 * cores only add copies. A property of the machine, not of the thread
 * count: sg_set_num_threads does not change it. */
static int max_blocks(void) {
  int cpus = sg_online_cpus();
  return cpus >= 4 ? 4 : cpus >= 2 ? 2 : 1;
}

typedef struct gemm_job {
  int f64, transA, transB, split_cols;
  int64_t M, N, K, lda, ldb, ldc, step;
  double alpha, beta;
  const void *A, *B;
  void *C;
} gemm_job;

/* A product with a vector operand (M == 1 or N == 1: y = op(B)^T x or
 * op(A) x) or of two vectors (K == 1: an outer product) does not go through
 * cblas_?gemm, which packs both operands into its tile layout and, for
 * beta == 0, first zeroes all of C: at batch 1 that was 41% of the VAE's
 * step and the multiply-adds 20% (bench/README.md). ?gemv reads the matrix
 * once; an outer product with beta == 0 writes each element of C once. */
#define SG_DEFINE_VECTOR_PRODUCT(T, gemv)                                      \
  static int vector_product_##T(const gemm_job *j, int64_t M, int64_t N,       \
                                const T *A, const T *B, T *C) {                \
    int64_t K = j->K;                                                          \
    T alpha = (T)j->alpha, beta = (T)j->beta;                                  \
    if (K > 0 && (M == 1 || N == 1)) {                                         \
      /* y = alpha * op(matrix) x + beta * y; y need not be initialized when   \
       * beta == 0, so clear it (one row or column of C) first. */             \
      int64_t len = M == 1 ? N : M, incy = M == 1 ? 1 : j->ldc;                \
      if (beta == 0)                                                           \
        for (int64_t i = 0; i < len; ++i)                                      \
          C[i * incy] = 0;                                                     \
      if (M == 1) /* C = x^T op(B): x is op(A)'s row */                        \
        gemv(CblasRowMajor, j->transB ? CblasNoTrans : CblasTrans,             \
             (int)(j->transB ? N : K), (int)(j->transB ? K : N), alpha, B,     \
             (int)j->ldb, A, j->transA ? (int)j->lda : 1, beta, C, 1);         \
      else /* C = op(A) x: x is op(B)'s column */                              \
        gemv(CblasRowMajor, j->transA ? CblasTrans : CblasNoTrans,             \
             (int)(j->transA ? K : M), (int)(j->transA ? M : K), alpha, A,     \
             (int)j->lda, B, j->transB ? 1 : (int)j->ldb, beta, C,             \
             (int)j->ldc);                                                     \
      return 1;                                                                \
    }                                                                          \
    if (K == 1 && beta == 0) {                                                 \
      /* C = alpha * a b^T: a is op(A)'s column, b op(B)'s row. */             \
      for (int64_t i = 0; i < M; ++i) {                                        \
        T a = alpha * A[j->transA ? i : i * j->lda];                           \
        T *restrict c = C + i * j->ldc;                                        \
        if (j->transB)                                                         \
          for (int64_t n = 0; n < N; ++n)                                      \
            c[n] = a * B[n * j->ldb];                                          \
        else                                                                   \
          for (int64_t n = 0; n < N; ++n)                                      \
            c[n] = a * B[n];                                                   \
      }                                                                        \
      return 1;                                                                \
    }                                                                          \
    return 0;                                                                  \
  }
SG_DEFINE_VECTOR_PRODUCT(float, cblas_sgemv)
SG_DEFINE_VECTOR_PRODUCT(double, cblas_dgemv)
#undef SG_DEFINE_VECTOR_PRODUCT

static void gemm_call(const gemm_job *j, int64_t M, int64_t N, const void *A,
                      const void *B, void *C) {
  if (j->f64) {
    if (!vector_product_double(j, M, N, A, B, C))
      cblas_dgemm(CblasRowMajor, trans_of(j->transA), trans_of(j->transB),
                  (int)M, (int)N, (int)j->K, j->alpha, A, (int)j->lda, B,
                  (int)j->ldb, j->beta, C, (int)j->ldc);
  } else if (!vector_product_float(j, M, N, A, B, C)) {
    cblas_sgemm(CblasRowMajor, trans_of(j->transA), trans_of(j->transB), (int)M,
                (int)N, (int)j->K, (float)j->alpha, A, (int)j->lda, B,
                (int)j->ldb, (float)j->beta, C, (int)j->ldc);
  }
}

/* Block b: columns (or rows) [b * step, (b + 1) * step) of C. */
static void gemm_block(void *arg, int64_t b) {
  const gemm_job *j = arg;
  size_t elem = j->f64 ? sizeof(double) : sizeof(float);
  int64_t lo = b * j->step, dim = j->split_cols ? j->N : j->M;
  int64_t len = dim - lo < j->step ? dim - lo : j->step;
  const char *A = j->A, *B = j->B;
  char *C = j->C;
  if (j->split_cols)
    gemm_call(j, j->M, len, A, B + (j->transB ? lo * j->ldb : lo) * elem,
              C + lo * elem);
  else
    gemm_call(j, len, j->N, A + (j->transA ? lo : lo * j->lda) * elem, B,
              C + lo * j->ldc * elem);
}

static pthread_once_t blas_single_once = PTHREAD_ONCE_INIT;
static void make_blas_single(void) { openblas_set_num_threads(1); }

static void gemm(int f64, int transA, int transB, int64_t M, int64_t N,
                 int64_t K, double alpha, const void *A, int64_t lda,
                 const void *B, int64_t ldb, double beta, void *C,
                 int64_t ldc) {
  gemm_job job = {.f64 = f64,
                  .transA = transA,
                  .transB = transB,
                  .M = M,
                  .N = N,
                  .K = K,
                  .lda = lda,
                  .ldb = ldb,
                  .ldc = ldc,
                  .alpha = alpha,
                  .beta = beta,
                  .A = A,
                  .B = B,
                  .C = C};
  pthread_once(&blas_single_once, make_blas_single);
  /* In double: M * N * K may not fit in 64 bits. */
  double madds = (double)job.M * (double)job.N * (double)job.K;
  int64_t blocks = 1;
  while (blocks < max_blocks() &&
         madds >= 2.0 * (double)blocks * (double)SG_GEMM_SPLIT_MADDS)
    blocks *= 2;
  job.split_cols = job.N >= job.M;
  int64_t dim = job.split_cols ? job.N : job.M;
  /* Blocks of whole micro-kernel tiles; a small dimension splits less. */
  job.step = (dim + blocks - 1) / blocks;
  job.step = (job.step + SG_GEMM_BLOCK_ALIGN - 1) / SG_GEMM_BLOCK_ALIGN *
             SG_GEMM_BLOCK_ALIGN;
  blocks = (dim + job.step - 1) / job.step;
  if (blocks <= 1) {
    gemm_call(&job, job.M, job.N, job.A, job.B, job.C);
    return;
  }
  sg_parallel_for(blocks, sg_thread_count(), gemm_block, &job);
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
  gemm(0, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
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
  gemm(1, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
  return SG_OK;
}

/* The address space a worker thread may set aside: its stack and the GEMM
 * buffer OpenBLAS gives each thread that calls it. Measured with Debian
 * 12's OpenBLAS 0.3.21 running its own threads (before the runtime had
 * its pool): going from 1 to 64 threads grew VmSize from 49 MiB to 8225
 * MiB, so 128 MiB per thread is an upper bound. */
#define SG_THREAD_RESERVE ((uint64_t)128 << 20)

/* The bytes of address space the process has mapped, or 0 if unknown. */
static uint64_t mapped_bytes(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (!f)
    return 0;
  if (fscanf(f, "%lu", &pages) != 1)
    pages = 0;
  fclose(f);
  return (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
}

int sg_set_num_threads(int n) {
  /* OpenBLAS silently substitutes a count of its own for n < 1, which is
   * not what a caller computing a count (e.g. cores - 1) asked for. */
  if (n < 1) {
    sg_set_error("sg_set_num_threads: n = %d, at least 1 is needed", n);
    return SG_ERR_SIZE;
  }
  /* Under an address-space limit (ulimit -v), threads OpenBLAS cannot map
   * make it hang, or the next allocation fails and blames whatever it was
   * for (a data file). Refuse up front when the new threads could take
   * more than half of what the limit leaves: the rest is for the data. */
  struct rlimit limit;
  int more = n - sg_thread_count();
  uint64_t mapped = mapped_bytes();
  if (more > 0 && mapped && getrlimit(RLIMIT_AS, &limit) == 0 &&
      limit.rlim_cur != RLIM_INFINITY) {
    uint64_t left = limit.rlim_cur > mapped ? limit.rlim_cur - mapped : 0;
    uint64_t fit = left / 2 / SG_THREAD_RESERVE;
    if ((uint64_t)more > fit) {
      sg_set_error("sg_set_num_threads: %d threads may set aside up to "
                   "%llu MiB of address space (up to %llu MiB per worker "
                   "thread), but the address-space limit (ulimit -v) leaves "
                   "%llu MiB, half of which is kept for data: use at most %llu "
                   "threads or raise the limit",
                   n, (unsigned long long)(more * (SG_THREAD_RESERVE >> 20)),
                   (unsigned long long)(SG_THREAD_RESERVE >> 20),
                   (unsigned long long)(left >> 20),
                   (unsigned long long)(n - more + fit));
      return SG_ERR_SIZE;
    }
  }
  if (sg_store_thread_count(n) != 0) {
    sg_set_error("sg_set_num_threads: cannot store the count in the "
                 "environment (SG_NUM_THREADS)");
    return SG_ERR_SIZE;
  }
  return SG_OK;
}

int sg_get_num_threads(void) { return sg_thread_count(); }
