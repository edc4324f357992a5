//===- ApproximateMath.cpp - vectorizable f32 transcendental functions ----===//

#include "sg/Conversion/Passes.h"

#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGAPPROXIMATEMATH
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {
struct ApproximateMathPass
    : public sg::impl::SGApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // The patterns only match f32 (and narrower) operations.
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
