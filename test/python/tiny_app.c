/* A C app for examples/tiny/tiny.mlir, built by the pytest fixture tiny_app
 * against the generated header, to compare the Python package with the C
 * ABI:
 *   tiny_app grad <in> <out> SEED STEP  reads x, w, y (float32, in order),
 *                                       writes loss and d_w as raw bytes;
 *   tiny_app train <in> <out> SEED STEPS LR
 *                                       STEPS steps of tiny_loss_grad with
 *                                       steps 0, 1, ... and the runtime's
 *                                       sg_sgd_step_f32, writes w. */
#include "sg_runtime.h"
#include "tiny.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static float x[TINY_X_SIZE], w[TINY_W_SIZE], y[TINY_Y_SIZE], dw[TINY_W_SIZE];

static void io(const char *path, const char *mode, void *data, size_t size) {
  FILE *f = fopen(path, mode);
  if (!f || (mode[0] == 'r' ? fread(data, 1, size, f)
                            : fwrite(data, 1, size, f)) != size) {
    fprintf(stderr, "tiny_app: cannot %s %s\n",
            mode[0] == 'r' ? "read" : "write", path);
    exit(1);
  }
  fclose(f);
}

int main(int argc, char **argv) {
  if (argc < 6)
    return 2;
  FILE *in = fopen(argv[2], "rb");
  if (!in || fread(x, sizeof x, 1, in) != 1 || fread(w, sizeof w, 1, in) != 1 ||
      fread(y, sizeof y, 1, in) != 1)
    return 1;
  fclose(in);
  uint64_t seed = strtoull(argv[4], 0, 10);
  float loss;
  if (!strcmp(argv[1], "grad")) {
    uint64_t step = strtoull(argv[5], 0, 10);
    if (tiny_loss_grad(x, w, y, dw, seed, step, &loss) != SGC_OK)
      return 1;
    FILE *out = fopen(argv[3], "wb");
    if (!out || fwrite(&loss, sizeof loss, 1, out) != 1 ||
        fwrite(dw, sizeof dw, 1, out) != 1)
      return 1;
    fclose(out);
    return 0;
  }
  if (!strcmp(argv[1], "train") && argc == 7) {
    uint64_t steps = strtoull(argv[5], 0, 10);
    float lr = strtof(argv[6], 0);
    for (uint64_t step = 0; step < steps; ++step) {
      if (tiny_loss_grad(x, w, y, dw, seed, step, &loss) != SGC_OK ||
          sg_sgd_step_f32(w, dw, TINY_W_SIZE, lr) != SG_OK)
        return 1;
    }
    io(argv[3], "wb", w, sizeof w);
    return 0;
  }
  return 2;
}
