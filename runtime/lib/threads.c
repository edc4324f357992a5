/*===- threads.c - The runtime's worker threads ---------------------------===*/
/*
 * Products and optimizer steps split their work into blocks and run the
 * blocks on a small pool of worker threads kept for the life of the library
 * (creating threads per call costs ~50 us, as much as a whole product at
 * batch 1). The blocks are fixed by the caller without looking at the thread
 * count, and each block is computed the same way whichever thread takes it,
 * so results do not depend on the number of threads.
 *
 * The thread count is process-wide state shared by every copy of the runtime
 * in the process: sgc links a private copy into each model library, and the
 * program that loads it (vae-train, a benchmark) has its own. Those copies
 * share nothing but the process, so the count lives in the environment
 * (SG_NUM_THREADS), which all of them read.
 */

#define _POSIX_C_SOURCE 200809L

#include "sg_internal.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum { SG_MAX_THREADS = 16 };

static int parse_count(const char *s) {
  if (!s || !*s)
    return 0;
  char *end;
  long n = strtol(s, &end, 10);
  if (*end || n < 1)
    return 0;
  return n > SG_MAX_THREADS ? SG_MAX_THREADS : (int)n;
}

int sg_online_cpus(void) {
  static _Atomic long cached;
  long n = atomic_load_explicit(&cached, memory_order_relaxed);
  if (n == 0) {
    n = sysconf(_SC_NPROCESSORS_ONLN);
    n = n < 1 ? 1 : n > INT_MAX ? INT_MAX : n;
    atomic_store_explicit(&cached, n, memory_order_relaxed);
  }
  return (int)n;
}

int sg_thread_count(void) {
  int n = parse_count(getenv("SG_NUM_THREADS"));
  if (n)
    return n;
  /* Not set yet: what OpenBLAS would have used by default. */
  n = parse_count(getenv("OPENBLAS_NUM_THREADS"));
  if (n)
    return n;
  int cpus = sg_online_cpus();
  return cpus > SG_MAX_THREADS ? SG_MAX_THREADS : cpus;
}

int sg_store_thread_count(int n) {
  char text[16];
  snprintf(text, sizeof text, "%d", n > SG_MAX_THREADS ? SG_MAX_THREADS : n);
  return setenv("SG_NUM_THREADS", text, 1);
}

/* The pool. `dispatch` is held by the one caller whose job the workers run;
 * a caller that finds it taken (another thread's product, or a worker
 * calling back in) runs its blocks itself. `lock` guards the job fields. */
static pthread_mutex_t dispatch = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_ready = PTHREAD_COND_INITIALIZER;
static pthread_cond_t work_done = PTHREAD_COND_INITIALIZER;
static pthread_t workers[SG_MAX_THREADS - 1];
static int worker_count;
static int shutting_down;
/* Written under `lock`; atomic so that a spinning thread may read them
 * without it (see spin_until). */
static _Atomic uint64_t generation; /* incremented per job */
static int open_slots;              /* workers the current job still admits */
static _Atomic int busy;            /* workers admitted and not yet finished */
static sg_block_fn job_fn;
static void *job_ctx;
static int64_t job_blocks;
static _Atomic int64_t next_block;

static void run_blocks(sg_block_fn fn, void *ctx, int64_t blocks) {
  for (int64_t b; (b = atomic_fetch_add(&next_block, 1)) < blocks;)
    fn(ctx, b);
}

/* A training step hands the workers a job every few tens of microseconds
 * (one per product and parallel loop), and waking a thread blocked in
 * pthread_cond_wait takes about as long: a worker that slept between jobs
 * started each one late, and the caller then waited for its last block. So
 * a thread about to wait first polls, without the lock, for up to
 * SG_SPIN_NS, and blocks only if nothing happened by then. Polling is
 * bounded, so an idle pool costs no CPU. 1 ms outlasts the sequential
 * stretches of a step (sampling, sums over the batch, loading the next
 * batch); with 200 us, a worker woken on a core shared with other work
 * often came too late for its block, and the caller ran 26.5% of the
 * samples in a batch-250 step's products against the worker's 20% (2 ms:
 * 22.8% and 21.6%). */
enum { SG_SPIN_NS = 1000 * 1000 };

static int64_t monotonic_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

/* Polls until done(arg) or SG_SPIN_NS have passed; returns done(arg). On
 * one CPU the thread it waits for cannot run while it polls: no polling. */
static int spin_until(int (*done)(const void *), const void *arg) {
  if (sg_online_cpus() < 2)
    return done(arg);
  int64_t deadline = 0;
  for (unsigned i = 0;; ++i) {
    if (done(arg))
      return 1;
    cpu_relax();
    if ((i & 63) == 63) { /* the clock costs ~20 ns: look now and then */
      int64_t now = monotonic_ns();
      if (!deadline)
        deadline = now + SG_SPIN_NS;
      else if (now >= deadline)
        return done(arg);
    }
  }
}

static int new_job_since(const void *seen) {
  return atomic_load_explicit(&generation, memory_order_acquire) !=
         *(const uint64_t *)seen;
}

static int workers_finished(const void *unused) {
  (void)unused;
  return atomic_load_explicit(&busy, memory_order_acquire) == 0;
}

static void *worker_main(void *unused) {
  (void)unused;
  uint64_t seen = 0;
  pthread_mutex_lock(&lock);
  for (;;) {
    if (generation == seen && !shutting_down) {
      pthread_mutex_unlock(&lock);
      spin_until(new_job_since, &seen);
      pthread_mutex_lock(&lock);
    }
    while (generation == seen && !shutting_down)
      pthread_cond_wait(&work_ready, &lock);
    if (shutting_down)
      break;
    seen = generation;
    if (open_slots == 0)
      continue; /* the job has enough workers, or is over */
    --open_slots;
    sg_block_fn fn = job_fn;
    void *ctx = job_ctx;
    int64_t blocks = job_blocks;
    pthread_mutex_unlock(&lock);
    run_blocks(fn, ctx, blocks);
    pthread_mutex_lock(&lock);
    if (--busy == 0)
      pthread_cond_signal(&work_done);
  }
  pthread_mutex_unlock(&lock);
  return NULL;
}

void sg_parallel_for(int64_t blocks, int threads, sg_block_fn fn, void *ctx) {
  if (threads > SG_MAX_THREADS)
    threads = SG_MAX_THREADS;
  if (threads > blocks)
    threads = (int)blocks;
  if (threads < 2 || pthread_mutex_trylock(&dispatch) != 0) {
    for (int64_t b = 0; b < blocks; ++b)
      fn(ctx, b);
    return;
  }
  /* Workers are started on first need and kept; one that cannot be
   * started leaves its share to the others. */
  while (worker_count < threads - 1 &&
         pthread_create(&workers[worker_count], NULL, worker_main, NULL) == 0)
    ++worker_count;
  int helpers = threads - 1 < worker_count ? threads - 1 : worker_count;
  pthread_mutex_lock(&lock);
  job_fn = fn;
  job_ctx = ctx;
  job_blocks = blocks;
  atomic_store(&next_block, 0);
  open_slots = busy = helpers;
  ++generation;
  pthread_cond_broadcast(&work_ready);
  pthread_mutex_unlock(&lock);

  run_blocks(fn, ctx, blocks);

  /* Every block is taken: workers not yet admitted are not needed. */
  pthread_mutex_lock(&lock);
  busy -= open_slots;
  open_slots = 0;
  if (busy > 0) {
    pthread_mutex_unlock(&lock);
    spin_until(workers_finished, NULL);
    pthread_mutex_lock(&lock);
  }
  while (busy > 0)
    pthread_cond_wait(&work_done, &lock);
  pthread_mutex_unlock(&lock);
  pthread_mutex_unlock(&dispatch);
}

/* The workers run this library's code: stop them before it is unloaded. */
__attribute__((destructor)) static void stop_workers(void) {
  pthread_mutex_lock(&lock);
  shutting_down = 1;
  pthread_cond_broadcast(&work_ready);
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < worker_count; ++i)
    pthread_join(workers[i], NULL);
  worker_count = 0;
}

/* The compiled loops' entry (sg-parallelize-loops). The blocks are cut from
 * n and grain alone, and a 1-thread run calls fn on the same blocks, so even
 * code whose result would depend on where a range starts (a loop LLVM
 * vectorized with a scalar remainder) computes the same bits with any
 * thread count. */
typedef struct {
  sg_range_fn fn;
  void *ctx;
  int64_t n, grain;
} range_job;

static void range_block(void *p, int64_t block) {
  const range_job *job = p;
  int64_t begin = block * job->grain;
  int64_t end = job->n - begin < job->grain ? job->n : begin + job->grain;
  job->fn(job->ctx, begin, end);
}

void sg_parallel_range(sg_range_fn fn, void *ctx, int64_t n, int64_t grain) {
  if (n <= 0)
    return;
  if (grain < 1)
    grain = 1;
  int64_t blocks = n / grain + (n % grain != 0);
  range_job job = {fn, ctx, n, grain};
  if (blocks == 1) { /* no thread count to look up */
    fn(ctx, 0, n);
    return;
  }
  sg_parallel_for(blocks, sg_thread_count(), range_block, &job);
}
