//===- FuseElementwise.cpp - bounded fusion of elementwise linalg ops -----===//
//
// sg-fuse-elementwise (Conversion/Passes.td): upstream's elementwise fusion
// with a bound on the size of what it builds. Each fusion clones the bodies
// of both ops into a new one, so an op that keeps absorbing producers (the
// sum of a parameter's gradient terms over every layer that uses it, a long
// chain of elementwise ops) costs the square of its final size. Refusing a
// fusion whose result would exceed the bound keeps every fusion's cost
// bounded and the pass linear in the graph.
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGFUSEELEMENTWISE
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {

/// Operations in the body of `op`, its terminator included.
size_t bodySize(linalg::GenericOp op) {
  return op.getRegion().front().getOperations().size();
}

struct FuseElementwisePass
    : public sg::impl::SGFuseElementwiseBase<FuseElementwisePass> {
  using SGFuseElementwiseBase::SGFuseElementwiseBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    // Upstream's rule: fuse a producer into its only user.
    linalg::ControlFusionFn onlyUse = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      return producer && producer->hasOneUse();
    };
    // ... and only while the fused op stays within the bound. The fused op
    // has the consumer's operands but the fused one, plus the producer's
    // inputs and an output per producer result it must keep (one whose
    // output the body reads, or that loop bounds need); its body is both
    // bodies less the producer's yield. An input both ops read counts
    // twice: the count may exceed the fused op's, never fall below it.
    linalg::ControlFusionFn bounded = [this, onlyUse](OpOperand *fused) {
      if (!onlyUse(fused))
        return false;
      auto producer = fused->get().getDefiningOp<linalg::GenericOp>();
      auto consumer = dyn_cast<linalg::GenericOp>(fused->getOwner());
      if (!producer || !consumer)
        return true; // not a fusion of two generics: nothing grows
      size_t operands =
          consumer->getNumOperands() - 1 + producer.getNumDpsInputs() +
          linalg::ElementwiseOpFusionResult::getPreservedProducerResults(
              producer, consumer)
              .size();
      size_t body = bodySize(producer) - 1 + bodySize(consumer);
      return operands <= maxOperands && body <= maxBodyOps;
    };

    RewritePatternSet patterns(ctx);
    linalg::populateElementwiseOpsFusionPatterns(patterns, bounded);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, onlyUse);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, ctx);
    ctx->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(
        patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, onlyUse);
    // Top-down, as upstream: each op is visited after its producers.
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    (void)applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                       config);
  }
};

} // namespace
