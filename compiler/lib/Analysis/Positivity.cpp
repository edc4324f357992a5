//===- Positivity.cpp - values positive by construction -------------------===//

#include "sg/Analysis/Positivity.h"
#include "sg/SGOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::sg;

/// Whether `op`'s result is positive, given which of its operands are.
static bool rule(Operation *op, llvm::function_ref<bool(Value)> positive) {
  auto all = [&](ValueRange values) { return llvm::all_of(values, positive); };
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
        auto positive = [](const APFloat &v) {
          return v.isFiniteNonZero() && !v.isNegative();
        };
        if (!dense)
          return false;
        // One value for a splat, however many elements it stands for.
        if (dense.isSplat())
          return positive(dense.getSplatValue<APFloat>());
        return llvm::all_of(dense.getValues<APFloat>(), positive);
      })
      .Default([](Operation *) { return false; });
}

bool sg::isProvablyPositive(Value root) {
  // Every value of the cone is decided once, after its operands, with an
  // explicit stack. A recursive query from each use instead revisited shared
  // operands once per path: exponential on a chain of `sg.add %a, %a`.
  llvm::DenseMap<Value, bool> decided;
  llvm::DenseSet<Value> pending;
  SmallVector<std::pair<Value, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [value, operandsDone] = stack.pop_back_val();
    if (decided.count(value))
      continue;
    Operation *op = value.getDefiningOp();
    if (!op) {
      decided[value] = false; // arguments: nothing is known
      continue;
    }
    if (!operandsDone) {
      if (!pending.insert(value).second)
        continue; // a cycle (not in SSA graphs): decided as not positive
      stack.push_back({value, true});
      for (Value operand : op->getOperands())
        if (!decided.count(operand))
          stack.push_back({operand, false});
      continue;
    }
    decided[value] = rule(op, [&](Value v) { return decided.lookup(v); });
  }
  return decided.lookup(root);
}
