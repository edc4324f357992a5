//===- init.h - initial weights of the example models -----------*- C++ -*-===//
#ifndef SG_EXAMPLES_INIT_H
#define SG_EXAMPLES_INIT_H

#include <random>
#include <vector>

/// A `rows` x `cols` weight matrix drawn Glorot-uniform, U(−r, r) with
/// r = √(6 / (rows + cols)), from `gen` in row-major order.
std::vector<float> glorotUniform(long rows, long cols, std::mt19937_64 &gen);

#endif // SG_EXAMPLES_INIT_H
