//===- idx_fuzzer.cpp - libFuzzer harness: the runtime's IDX reader -------===//
//
// sg_idx_load reads only from a path (through zlib, which also inflates
// gzip), so each input is written to one file in a memory-backed directory
// and loaded from there: the public entry point, gzip detection included.
// Every input must end in SG_ERR_IO with a message or in a tensor whose
// sizes agree with its header: a crash, a sanitizer report, a hang or an
// allocation much larger than the input is a bug.
//
//===----------------------------------------------------------------------===//

#include "sg_runtime.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {
/// Bigger inputs only repeat data bytes.
constexpr size_t kMaxInputSize = 64 * 1024;

[[noreturn]] void fail(const char *what) {
  fprintf(stderr, "IDX invariant broken: %s\n", what);
  std::abort();
}

const std::string &inputPath() {
  // /dev/shm keeps the per-input write off the disk; the pid keeps
  // concurrent fuzzers (-jobs) apart.
  static const std::string path = [] {
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return std::string(dir) + "/sg-idx-fuzz-" + std::to_string(getpid()) +
           ".idx";
  }();
  return path;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > kMaxInputSize)
    return -1;
  const std::string &path = inputPath();
  FILE *file = fopen(path.c_str(), "wb");
  if (!file || fwrite(data, 1, size, file) != size || fclose(file) != 0) {
    perror(path.c_str());
    std::abort();
  }
  sg_idx idx;
  int rc = sg_idx_load(path.c_str(), &idx);
  if (rc != 0) {
    if (rc != SG_ERR_IO || !*sg_last_error())
      fail("error without SG_ERR_IO and a message");
    if (idx.data || idx.count)
      fail("failed load left data");
    return 0;
  }
  uint64_t count = 1;
  for (uint32_t d = 0; d < idx.ndims; ++d)
    count *= idx.dims[d];
  if (idx.ndims == 0 || idx.ndims > SG_IDX_MAX_DIMS || count != idx.count)
    fail("count does not match the dimensions");
  // Converting reads every element: ASan checks nbytes covers count.
  float *floats = static_cast<float *>(malloc(idx.count * sizeof(float) + 1));
  if (sg_idx_to_f32(&idx, floats, 255.0f) != 0)
    fail("sg_idx_to_f32 rejected a loaded tensor");
  free(floats);
  sg_idx_free(&idx);
  return 0;
}
