//===- ParameterDependence.cpp - what depends on a parameter --------------===//

#include "sg/Analysis/ParameterDependence.h"
#include "sg/SGOps.h"

using namespace mlir;
using namespace mlir::sg;

ParameterDependence::ParameterDependence(Operation *root) {
  root->walk([&](GraphOp graph) {
    Block &body = graph.getBody().front();
    for (unsigned i = 0; i < graph.getNumArguments(); ++i)
      if (graph.isParam(i)) {
        any.insert(body.getArgument(i));
        deterministic.insert(body.getArgument(i));
      }
    auto anyIn = [](const llvm::DenseSet<Value> &set, Operation &op) {
      return llvm::any_of(op.getOperands(),
                          [&](Value v) { return set.contains(v); });
    };
    for (Operation &op : body) {
      if (op.getNumResults() == 0)
        continue;
      if (anyIn(any, op))
        any.insert(op.getResult(0));
      if (!isa<DistributionOpInterface>(op) && anyIn(deterministic, op))
        deterministic.insert(op.getResult(0));
    }
  });
}
