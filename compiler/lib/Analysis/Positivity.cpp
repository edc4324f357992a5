//===- Positivity.cpp - values positive by construction -------------------===//

#include "sg/Analysis/Positivity.h"
#include "sg/SGOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::sg;

static bool positive(Value value, unsigned depth) {
  // Graphs are DAGs; the depth bound only keeps pathological chains cheap.
  if (depth > 64)
    return false;
  Operation *op = value.getDefiningOp();
  if (!op)
    return false; // arguments: nothing is known
  auto all = [&](ValueRange values) {
    return llvm::all_of(values,
                        [&](Value v) { return positive(v, depth + 1); });
  };
  return llvm::TypeSwitch<Operation *, bool>(op)
      .Case<ExpOp, SigmoidOp, SoftplusOp>([](auto) { return true; })
      .Case<SqrtOp, BroadcastOp, TransposeOp>(
          [&](Operation *o) { return all(o->getOperand(0)); })
      .Case<AddOp, MulOp, DivOp, MulAddOp, MaximumOp>(
          [&](Operation *o) { return all(o->getOperands()); })
      .Case<ScaleOp>([&](ScaleOp s) {
        return s.getAlpha().convertToDouble() > 0 && all(s.getInput());
      })
      .Case<ConstantOp>([](ConstantOp c) {
        auto dense = dyn_cast<DenseFPElementsAttr>(c.getValue());
        return dense &&
               llvm::all_of(dense.getValues<APFloat>(), [](const APFloat &v) {
                 return v.isFiniteNonZero() && !v.isNegative();
               });
      })
      .Default([](Operation *) { return false; });
}

bool sg::isProvablyPositive(Value value) { return positive(value, 0); }
