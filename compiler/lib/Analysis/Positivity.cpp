//===- Positivity.cpp - the domain of every value -------------------------===//

#include "sg/Analysis/Positivity.h"
#include "sg/SGOps.h"

using namespace mlir;
using namespace mlir::sg;

Positivity::Positivity(Operation *root) {
  // Pre-order visits every op after the ops defining its operands (single
  // blocks in dominance order, as in sg.graph and the generated functions),
  // so each op is evaluated once from its operands' stored domains. A
  // recursive query from each use instead would revisit shared operands
  // once per path: exponential on a chain of `sg.add %a, %a`.
  SmallVector<Domain> operands;
  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    auto rule = dyn_cast<DomainOpInterface>(op);
    if (!rule || op->getNumResults() != 1)
      return;
    operands.clear();
    for (Value operand : op->getOperands())
      operands.push_back(getDomain(operand));
    Domain domain = rule.inferResultDomain(operands);
    if (domain != Domain::Real)
      domains[op->getResult(0)] = domain;
  });
}
