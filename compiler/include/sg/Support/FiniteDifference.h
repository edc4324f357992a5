//===- FiniteDifference.h - Central differences of a loss -------*- C++ -*-===//
//
// The finite-difference reference that `sgc check` and the random-graph
// test compare gradients with. Header-only and free of MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef SG_FINITEDIFFERENCE_H
#define SG_FINITEDIFFERENCE_H

#include <algorithm>
#include <cmath>

namespace mlir::sg {

/// The central difference of `loss` in `x` (changed and restored) that
/// agrees best with `gradient`, out of steps 1e-3, 1e-4 and 1e-5 relative
/// to max(1, |x|). Rounding (about eps*|loss|/h) dominates small steps on a
/// large loss, truncation (about h^2 times the third derivative) large
/// steps on a curved one: keeping the best of three covers both.
template <typename T, typename Loss>
double bestCentralDifference(T &x, double gradient, Loss &&loss) {
  T saved = x;
  double best = NAN;
  for (double step : {1e-3, 1e-4, 1e-5}) {
    double h = step * std::max(1.0, std::fabs(double(saved)));
    x = saved + h;
    double up = loss();
    x = saved - h;
    double down = loss();
    x = saved;
    double fd = (up - down) / (2 * h);
    if (std::isnan(best) ||
        std::fabs(fd - gradient) < std::fabs(best - gradient))
      best = fd;
  }
  return best;
}

} // namespace mlir::sg

#endif // SG_FINITEDIFFERENCE_H
