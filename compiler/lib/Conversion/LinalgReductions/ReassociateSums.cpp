//===- ReassociateSums.cpp - vectorizable sums ----------------------------===//
//
// A sum that a linalg op reduces becomes one scalar loop-carried chain of
// additions: LLVM keeps their order (IEEE addition is not associative) and
// so cannot vectorize the loop, however wide its other work. The VAE's
// Bernoulli log-likelihood, two logarithms per pixel summed over 250 x 784
// pixels, ran 2 lanes wide and took a quarter of the compiled code's time
// in a training step (bench/README.md). Marking the accumulation `reassoc`
// lets the loop vectorizer keep partial sums in vector lanes and add them
// at the end of the loop.
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/Passes.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGREASSOCIATESUMS
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {

/// Adds `reassoc` to an addition or subtraction whose left operand is the
/// accumulator (acc + x, x + acc or acc - x; x - acc is not a sum of the
/// x's). Returns whether it did.
bool markAccumulation(Operation *combiner, BlockArgument acc) {
  auto mark = [](auto op) {
    op.setFastmath(op.getFastmath() | arith::FastMathFlags::reassoc);
    return true;
  };
  if (auto add = dyn_cast<arith::AddFOp>(combiner))
    return mark(add);
  if (auto sub = dyn_cast<arith::SubFOp>(combiner))
    return sub.getLhs() == acc && mark(sub);
  return false;
}

struct ReassociateSumsPass
    : public sg::impl::SGReassociateSumsBase<ReassociateSumsPass> {
  void runOnOperation() override {
    getOperation()->walk([](linalg::GenericOp op) {
      if (op.getNumReductionLoops() == 0)
        return;
      ArrayRef<BlockArgument> outs = op.getRegionOutputArgs();
      for (unsigned i = 0; i < outs.size(); ++i) {
        // A reduction is one op combining the accumulator with the value
        // the iteration contributes; anything longer (a running maximum
        // through compare and select, a product) is left as it is.
        SmallVector<Operation *> combiners;
        if (matchReduction(outs, i, combiners) && combiners.size() == 1)
          markAccumulation(combiners.front(), outs[i]);
      }
    });
  }
};

} // namespace
