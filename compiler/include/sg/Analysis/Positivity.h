//===- Positivity.h - values positive by construction -----------*- C++ -*-===//
#ifndef SG_POSITIVITY_H
#define SG_POSITIVITY_H

#include "mlir/IR/Value.h"

namespace mlir::sg {

/// Whether every element of `value` is positive by construction: built from
/// exp, sigmoid, softplus, sqrt of a positive value, positive constants,
/// positive scalings, sums, products and quotients of positive values, and
/// broadcasts/transposes of them. Mathematical positivity: a float result
/// can still underflow to 0 (checked mode catches that at run time).
bool isProvablyPositive(Value value);

} // namespace mlir::sg

#endif // SG_POSITIVITY_H
