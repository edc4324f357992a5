/*===- idx.c - IDX (MNIST) tensor file reader -----------------------------===*/
/*
 * Format: a 4-byte magic 00 00 <type code> <ndims>, then ndims big-endian
 * uint32 dimensions, then the elements in row-major order, each big-endian.
 * Files are read through zlib's gz* API, which decompresses gzip input and
 * passes any other file through unchanged.
 */

#include "sg_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Size in bytes of one element of IDX type `dtype`, or 0 if unknown. */
static size_t elem_size(int dtype) {
  switch (dtype) {
  case SG_IDX_U8:
  case SG_IDX_I8:
    return 1;
  case SG_IDX_I16:
    return 2;
  case SG_IDX_I32:
  case SG_IDX_F32:
    return 4;
  case SG_IDX_F64:
    return 8;
  default:
    return 0;
  }
}

static uint32_t load_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         (uint32_t)p[3];
}

/* Reads up to `len` bytes, looping because one gzread call is limited to an
 * unsigned int length and may return short counts. Returns the number of
 * bytes read; sets *failed if zlib reported an error other than a premature
 * end of the compressed stream (which is just truncation). */
static size_t read_up_to(gzFile f, void *buf, size_t len, int *failed) {
  unsigned char *p = buf;
  size_t total = 0;
  *failed = 0;
  while (total < len) {
    size_t want = len - total;
    if (want > (size_t)INT_MAX)
      want = (size_t)INT_MAX;
    int got = gzread(f, p + total, (unsigned)want);
    if (got < 0) {
      int errnum;
      gzerror(f, &errnum);
      *failed = errnum != Z_BUF_ERROR;
      break;
    }
    if (got == 0)
      break;
    total += (size_t)got;
  }
  return total;
}

/* Converts `count` big-endian elements of `size` bytes to host order in
 * place. Assembling each value arithmetically makes this correct on hosts of
 * either endianness without detecting which one runs. */
static void be_to_host(unsigned char *p, uint64_t count, size_t size) {
  for (uint64_t i = 0; i < count; ++i, p += size) {
    if (size == 2) {
      uint16_t v = (uint16_t)(p[0] << 8 | p[1]);
      memcpy(p, &v, 2);
    } else if (size == 4) {
      uint32_t v = load_be32(p);
      memcpy(p, &v, 4);
    } else if (size == 8) {
      uint64_t v = (uint64_t)load_be32(p) << 32 | load_be32(p + 4);
      memcpy(p, &v, 8);
    }
  }
}

/* Reads the body of an opened IDX file into `out`; returns 0 or sets the
 * error (prefixed with `path`) and returns 1 (SG_ERR_IO for the caller). */
static int read_idx(gzFile f, const char *path, sg_idx *out) {
  unsigned char hdr[4 * SG_IDX_MAX_DIMS];
  int failed;
  size_t got = read_up_to(f, hdr, 4, &failed);
  if (failed)
    goto read_error;
  if (got < 4) {
    sg_set_error("%s: truncated: expected 4 bytes of header, got %zu", path,
                 got);
    return 1;
  }
  int dtype = hdr[2];
  uint32_t ndims = hdr[3];
  size_t esize = elem_size(dtype);
  if (hdr[0] != 0 || hdr[1] != 0 || esize == 0 || ndims == 0 ||
      ndims > SG_IDX_MAX_DIMS) {
    sg_set_error("%s: bad magic 0x%08x (expected 0x0000TTNN with a known "
                 "type code TT and 1..%d dimensions NN)",
                 path, (unsigned)load_be32(hdr), SG_IDX_MAX_DIMS);
    return 1;
  }

  size_t dims_bytes = 4 * (size_t)ndims;
  got = read_up_to(f, hdr, dims_bytes, &failed);
  if (failed)
    goto read_error;
  if (got < dims_bytes) {
    sg_set_error("%s: truncated: expected %zu bytes of dimensions, got %zu",
                 path, dims_bytes, got);
    return 1;
  }
  uint64_t count = 1;
  for (uint32_t d = 0; d < ndims; ++d) {
    out->dims[d] = load_be32(hdr + 4 * d);
    if (out->dims[d] != 0 && count > SIZE_MAX / esize / out->dims[d]) {
      sg_set_error("%s: dimensions too large for memory", path);
      return 1;
    }
    count *= out->dims[d];
  }
  size_t nbytes = (size_t)count * esize;

  /* The header is only a claim: a corrupt one may announce terabytes in a
   * file of a few bytes. So the buffer grows with the data actually read
   * (doubling from 64 kB, never beyond nbytes) instead of being allocated
   * up front: a short file cannot make the reader allocate much more than
   * twice what it holds. */
  unsigned char *data = NULL;
  size_t have = 0, capacity = 0;
  while (have < nbytes) {
    if (have == capacity) {
      size_t next = capacity ? capacity * 2 : (size_t)1 << 16;
      if (next > nbytes || next < capacity)
        next = nbytes;
      unsigned char *grown = realloc(data, next);
      if (!grown) {
        free(data);
        sg_set_error("%s: out of memory allocating %zu bytes", path, next);
        return 1;
      }
      data = grown;
      capacity = next;
    }
    size_t want = capacity - have;
    got = read_up_to(f, data + have, want, &failed);
    if (failed) {
      free(data);
      goto read_error;
    }
    have += got;
    if (got < want) /* end of file */
      break;
  }
  if (have < nbytes) {
    free(data);
    sg_set_error("%s: truncated: expected %zu bytes of data, got %zu", path,
                 nbytes, have);
    return 1;
  }
  /* Extra bytes mean the header does not describe the file, e.g. wrong
   * dimensions; reading on would silently misinterpret the data. */
  unsigned char extra;
  if (read_up_to(f, &extra, 1, &failed) != 0 || failed) {
    free(data);
    if (failed)
      goto read_error;
    sg_set_error("%s: trailing data after %zu bytes of data", path, nbytes);
    return 1;
  }

  be_to_host(data, count, esize);
  out->dtype = dtype;
  out->ndims = ndims;
  out->count = count;
  out->nbytes = nbytes;
  out->data = data;
  return 0;

read_error:
  sg_set_error("%s: read error: %s", path, gzerror(f, &failed));
  return 1;
}

int sg_idx_load(const char *path, sg_idx *out) {
  if (!out)
    return sg_null_error("sg_idx_load", "out");
  memset(out, 0, sizeof *out);
  if (!path)
    return sg_null_error("sg_idx_load", "path");
  errno = 0;
  gzFile f = gzopen(path, "rb");
  if (!f) {
    sg_set_error("%s: cannot open: %s", path,
                 errno ? strerror(errno) : "out of memory");
    return SG_ERR_IO;
  }
  int rc = read_idx(f, path, out) ? SG_ERR_IO : SG_OK;
  if (rc != 0)
    memset(out, 0, sizeof *out);
  gzclose(f);
  return rc;
}

void sg_idx_free(sg_idx *idx) {
  if (!idx)
    return;
  free(idx->data);
  memset(idx, 0, sizeof *idx);
}

int sg_idx_to_f32(const sg_idx *idx, float *out, float scale) {
  if (!idx)
    return sg_null_error("sg_idx_to_f32", "idx");
  if (idx->count > 0 && !idx->data)
    return sg_null_error("sg_idx_to_f32", "idx->data");
  if (idx->count > 0 && !out)
    return sg_null_error("sg_idx_to_f32", "out");
    /* Copies through memcpy so that `data` needs no particular alignment. */
#define SG_CONVERT(T)                                                          \
  for (uint64_t i = 0; i < idx->count; ++i) {                                  \
    T x;                                                                       \
    memcpy(&x, (const unsigned char *)idx->data + i * sizeof(T), sizeof(T));   \
    out[i] = (float)(x / scale);                                               \
  }

  switch (idx->dtype) {
  case SG_IDX_U8:
    SG_CONVERT(uint8_t)
    break;
  case SG_IDX_I8:
    SG_CONVERT(int8_t)
    break;
  case SG_IDX_I16:
    SG_CONVERT(int16_t)
    break;
  case SG_IDX_I32:
    SG_CONVERT(int32_t)
    break;
  case SG_IDX_F32:
    SG_CONVERT(float)
    break;
  case SG_IDX_F64:
    SG_CONVERT(double)
    break;
  default:
    sg_set_error("sg_idx_to_f32: unknown IDX type code 0x%02x",
                 (unsigned)idx->dtype);
    return SG_ERR_VALUE;
  }
#undef SG_CONVERT
  return SG_OK;
}
