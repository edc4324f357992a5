//===- CostReachability.h - what reaches a cost ----------------*- C++ -*-===//
#ifndef SG_ANALYSIS_COSTREACHABILITY_H
#define SG_ANALYSIS_COSTREACHABILITY_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::sg {

/// For every value of every sg.graph under the root: whether it reaches an
/// `sg.cost` at all (through any ops), and whether a gradient reaches it
/// from a cost. Gradients do not pass through ops whose derivative is zero
/// wherever it exists (PullbackOpInterface::hasZeroDerivative, the step
/// function); they do reach the operands of a sample that reaches a cost,
/// through its score term. sg-lint reports samples and parameters that no
/// cost, or no gradient, reaches. One backward pass over each graph.
class CostReachability {
public:
  explicit CostReachability(Operation *root);

  bool reachesCost(Value value) const { return reaches.contains(value); }
  bool getsGradient(Value value) const { return gradient.contains(value); }

private:
  llvm::DenseSet<Value> reaches, gradient;
};

} // namespace mlir::sg

#endif // SG_ANALYSIS_COSTREACHABILITY_H
