/*===- alloc.c - buffer allocation for compiled functions ----------------===*/
/*
 * Compiled functions allocate their intermediate tensors through these two
 * functions (finalize-memref-to-llvm with use-generic-functions). A training
 * loop calls the same function with the same shapes at every step, so each
 * thread keeps its freed buffers and hands them out again: after the first
 * step a call makes no system call and touches no fresh pages, where plain
 * malloc of multi-megabyte blocks would mmap and munmap them every time.
 * Thread-local caches keep the functions reentrant without locks; a
 * library that is unloaded frees the unloading thread's cache (below).
 */

#include "sg_internal.h"

#include <stdint.h>
#include <stdlib.h>

/* Each block starts with its usable size; the payload follows, aligned to
 * SG_BUFFER_ALIGNMENT (a cache line, and what the widest vector loads like).
 * Compiled code relies on that alignment without realigning the pointer (the
 * compiler declares the function's result `align 64`): realigning it through
 * an integer would hide from LLVM that the buffer aliases nothing else. */
enum { SG_BUFFER_ALIGNMENT = 64 };
typedef struct block_header {
  _Alignas(SG_BUFFER_ALIGNMENT) size_t size;
} block_header;
_Static_assert(sizeof(block_header) == SG_BUFFER_ALIGNMENT,
               "the payload follows the header at the alignment");

enum { SG_CACHE_SLOTS = 64 };
/* At most this many bytes stay cached per thread (the VAE needs ~40 MB). */
static const size_t sg_cache_limit = (size_t)1 << 30;

static _Thread_local void *cache[SG_CACHE_SLOTS];
static _Thread_local size_t cached_bytes;

static size_t block_size(void *payload) {
  return ((block_header *)payload - 1)->size;
}

void *_mlir_memref_to_llvm_alloc(size_t size) {
  /* Best fit among cached blocks no more than twice as large. */
  int best = -1;
  for (int i = 0; i < SG_CACHE_SLOTS; ++i) {
    if (!cache[i])
      continue;
    size_t s = block_size(cache[i]);
    if (s >= size && s <= 2 * size + 64 &&
        (best < 0 || s < block_size(cache[best])))
      best = i;
  }
  if (best >= 0) {
    void *p = cache[best];
    cache[best] = NULL;
    cached_bytes -= block_size(p);
    return p;
  }
  /* Generated code does not test the result: without this, a failed
   * allocation would become a write through a null pointer. */
  if (size > SIZE_MAX - 2 * sizeof(block_header))
    sg_fatal("cannot allocate a buffer of %zu bytes", size);
  /* aligned_alloc wants a multiple of the alignment. */
  size_t total = (sizeof(block_header) + size + SG_BUFFER_ALIGNMENT - 1) &
                 ~(size_t)(SG_BUFFER_ALIGNMENT - 1);
  block_header *h = aligned_alloc(SG_BUFFER_ALIGNMENT, total);
  if (!h)
    sg_fatal("out of memory allocating a buffer of %zu bytes", size);
  h->size = size;
  return h + 1;
}

void _mlir_memref_to_llvm_free(void *payload) {
  if (!payload)
    return;
  size_t size = block_size(payload);
  if (cached_bytes + size <= sg_cache_limit) {
    for (int i = 0; i < SG_CACHE_SLOTS; ++i) {
      if (!cache[i]) {
        cache[i] = payload;
        cached_bytes += size;
        return;
      }
    }
  }
  free((block_header *)payload - 1);
}

void sg_release_cached_buffers(void) {
  for (int i = 0; i < SG_CACHE_SLOTS; ++i) {
    if (cache[i]) {
      free((block_header *)cache[i] - 1);
      cache[i] = NULL;
    }
  }
  cached_bytes = 0;
}

/* The runtime is linked into every compiled library with its symbols hidden,
 * so no caller can reach that copy's sg_release_cached_buffers: without this,
 * dlclose of a model would leak the buffers its calls left in the unloading
 * thread's cache (LeakSanitizer found it in the estimator tests). Buffers
 * cached by other threads still alive at dlclose stay allocated. */
__attribute__((destructor)) static void release_on_unload(void) {
  sg_release_cached_buffers();
}
