//===- ParameterDependence.h - what depends on a parameter -----*- C++ -*-===//
#ifndef SG_ANALYSIS_PARAMETERDEPENDENCE_H
#define SG_ANALYSIS_PARAMETERDEPENDENCE_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::sg {

/// For every value of every sg.graph under the root: whether it depends on a
/// `{sg.param}` argument at all, and whether it does through deterministic
/// ops only. A sample's value is not a differentiable function of its
/// parameters, so it depends on them but not deterministically: sg-grad gives
/// a score term to the samples whose operands depend on a parameter
/// deterministically, and sg-lint warns about costs that depend on none.
/// One forward pass over each graph.
class ParameterDependence {
public:
  explicit ParameterDependence(Operation *root);

  bool dependsOnParam(Value value) const { return any.contains(value); }
  bool dependsOnParamDeterministically(Value value) const {
    return deterministic.contains(value);
  }

private:
  llvm::DenseSet<Value> any, deterministic;
};

} // namespace mlir::sg

#endif // SG_ANALYSIS_PARAMETERDEPENDENCE_H
