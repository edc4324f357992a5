//===- CostReachability.cpp - what reaches a cost -------------------------===//

#include "sg/Analysis/CostReachability.h"
#include "sg/SGOps.h"

using namespace mlir;
using namespace mlir::sg;

CostReachability::CostReachability(Operation *root) {
  root->walk([&](GraphOp graph) {
    for (Operation &op : llvm::reverse(graph.getBody().front())) {
      if (auto cost = dyn_cast<CostOp>(op)) {
        reaches.insert(cost.getValue());
        gradient.insert(cost.getValue());
        continue;
      }
      if (op.getNumResults() == 0 || !reaches.contains(op.getResult(0)))
        continue;
      for (Value v : op.getOperands())
        reaches.insert(v);
      bool passes = gradient.contains(op.getResult(0)) ||
                    isa<DistributionOpInterface>(op); // the score term
      auto rule = dyn_cast<PullbackOpInterface>(op);
      if (passes && !(rule && rule.hasZeroDerivative()))
        for (Value v : op.getOperands())
          gradient.insert(v);
    }
  });
}
