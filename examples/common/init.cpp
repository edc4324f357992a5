//===- init.cpp - initial weights of the example models -------------------===//

#include "init.h"

#include <cmath>

std::vector<float> glorotUniform(long rows, long cols, std::mt19937_64 &gen) {
  double r = std::sqrt(6.0 / double(rows + cols));
  std::uniform_real_distribution<float> u(-r, r);
  std::vector<float> w(size_t(rows) * cols);
  for (float &x : w)
    x = u(gen);
  return w;
}
