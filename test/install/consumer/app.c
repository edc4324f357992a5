/* Trains the consumer's model for a few steps with the runtime's Adam,
 * through the library and header sgc_add_model made; checks the batch size
 * it was compiled at and that checked mode is on (status argument). */
#include "model.h"
#include "sg_runtime.h"
/* The installed descriptor types, which model.h carries a copy of: both
 * in one program must agree (one include guard). */
#include "sgc_model_info.h"

#include <math.h>
#include <stdio.h>

int main(void) {
  float x[NET_X_SIZE], w[NET_W_SIZE], dw[NET_W_SIZE], m[NET_W_SIZE] = {0},
                                                      v[NET_W_SIZE] = {0};
  if (NET_X_DIM0 != 8 || net_info()->args[0].shape[0] != 8) {
    fprintf(stderr, "app: model not compiled at batch size 8\n");
    return 1;
  }
  for (int i = 0; i < NET_X_SIZE; ++i)
    x[i] = 0.1f * (float)(i % 7);
  for (int i = 0; i < NET_W_SIZE; ++i)
    w[i] = 0.5f;
  sg_adam_config adam = sg_adam_default_config();
  adam.alpha = 0.05;
  /* The mean loss of the first and the last 10 of 100 steps: E[loss] is
   * (sum of xW)^2 + 40 (about 250 at the start), which Adam drives to 40. */
  double first = 0, last = 0;
  float loss = 0;
  for (uint64_t step = 0; step < 100; ++step) {
    int32_t status = -1;
    if (net_loss_grad(x, w, dw, &status, 7, step, &loss) != SGC_OK ||
        status != 0) {
      fprintf(stderr, "app: %s\n", net_last_error());
      return 1;
    }
    if (step < 10)
      first += loss / 10;
    if (step >= 90)
      last += loss / 10;
    if (sg_adam_step_f32(w, dw, m, v, NET_W_SIZE, step + 1, &adam) != SG_OK)
      return 1;
  }
  printf("app: mean loss %g -> %g\n", first, last);
  return isfinite(last) && last < 0.75 * first ? 0 : 1;
}
