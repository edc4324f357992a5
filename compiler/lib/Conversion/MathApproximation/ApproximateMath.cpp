//===- ApproximateMath.cpp - vectorizable f32 transcendental functions ----===//

#include "sg/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGAPPROXIMATEMATH
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {

/// log1p(e) = e + e² R(e) on [0, 1]: the coefficients of R, constant term
/// first, fitted to the relative error of log1p in double and rounded to
/// f32 (fit_log1p_unit.py next to this file). Evaluated in f32 with FMAs,
/// the result is within 1.4e-7 relative of log1p over [0, 1] (test
/// CompiledOps.SoftplusF32SweepIsAccurate bounds softplus by 2^-22).
const float kLog1pUnit[] = {-0.499999344f, 0.333305269f,  -0.249587491f,
                            0.196962103f,  -0.153576761f, 0.106843285f,
                            -0.0577009171f, 0.0202236399f, -0.00332262926f};

/// Rewrites f32 log1p(exp(−|x|)), softplus's correction term (its formula
/// is max(x, 0) + log1p(exp(−|x|))), into a polynomial on the argument's
/// range [0, 1]. MLIR's log1p approximation serves any argument: it forms
/// u = 1 + e, range-reduces u for its logarithm, handles 0, infinities and
/// NaN, and divides by u − 1; the VAE's softplus loop was 79 AVX-512
/// instructions per 16 elements with it, including a division, and is 41
/// with this polynomial (nine multiply-adds and a multiply after the exp),
/// 3x faster (bench/README.md).
struct Log1pOfExpNegAbs : OpRewritePattern<math::Log1pOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::Log1pOp op,
                                PatternRewriter &rewriter) const override {
    if (!getElementTypeOrSelf(op.getType()).isF32())
      return failure();
    auto exp = op.getOperand().getDefiningOp<math::ExpOp>();
    auto neg = exp ? exp.getOperand().getDefiningOp<arith::NegFOp>() : nullptr;
    if (!neg || !neg.getOperand().getDefiningOp<math::AbsFOp>())
      return failure();
    Location loc = op.getLoc();
    Type type = op.getType();
    Value e = op.getOperand();
    auto constant = [&](float v) {
      return createScalarOrSplatConstant(rewriter, loc, type, APFloat(v));
    };
    // Horner's scheme from the highest coefficient; e is in [0, 1] (NaN
    // propagates), so no range reduction and no special case is needed.
    Value r = constant(kLog1pUnit[std::size(kLog1pUnit) - 1]);
    for (int i = std::size(kLog1pUnit) - 2; i >= 0; --i)
      r = rewriter.create<math::FmaOp>(loc, r, e, constant(kLog1pUnit[i]));
    // e + e (e R): the leading term exact, so small e keep full precision.
    Value eR = rewriter.create<arith::MulFOp>(loc, e, r);
    rewriter.replaceOpWithNewOp<math::FmaOp>(op, e, eR, e);
    return success();
  }
};

struct ApproximateMathPass
    : public sg::impl::SGApproximateMathBase<ApproximateMathPass> {
  void runOnOperation() override {
    // First the log1p of a value known to lie in [0, 1], while its exp is
    // still recognizable (the polynomial patterns below rewrite the exp).
    RewritePatternSet unit(&getContext());
    unit.add<Log1pOfExpNegAbs>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(unit))))
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    // The patterns only match f32 (and narrower) operations.
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
