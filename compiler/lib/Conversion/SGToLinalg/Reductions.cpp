//===- Reductions.cpp - reducing sg ops to linalg -------------------------===//
//
// Sums, softmax and log-softmax, softmax cross-entropy, the Gaussian KL
// divergences and the log-densities: linalg.generic ops with reduction
// iterators, accumulating into a zero-filled (or −inf-filled) init. Row-wise
// ops reduce along the last axis with the max-shifted, overflow-free forms.
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilder.h"
#include "ScalarFormulas.h"

#include "sg/Conversion/SGToLinalg.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

struct SumToGeneric : OpConversionPattern<SumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    LinalgBuilder lb(rewriter, op.getLoc());
    Value input = adaptor.getInput();
    rewriter.replaceOp(
        op,
        lb.sumAll(cast<RankedTensorType>(input.getType()), input,
                  [](OpBuilder &, Location, ValueRange a) { return a[0]; }));
    return success();
  }
};

/// Σ over `axes` of x, the other axes kept in order.
Value reduceAxes(LinalgBuilder &lb, Value x, ArrayRef<int64_t> axes,
                 RankedTensorType resultType) {
  OpBuilder &b = lb.builder();
  auto in = cast<RankedTensorType>(x.getType());
  unsigned rank = in.getRank();
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> its;
  for (unsigned d = 0; d < rank; ++d) {
    bool reduced = llvm::is_contained(axes, (int64_t)d);
    its.push_back(reduced ? utils::IteratorType::reduction
                          : utils::IteratorType::parallel);
    if (!reduced)
      outExprs.push_back(b.getAffineDimExpr(d));
  }
  return lb.generic(
      resultType, lb.filled(resultType, 0.0), x,
      {b.getMultiDimIdentityMap(rank),
       AffineMap::get(rank, 0, outExprs, b.getContext())},
      its, [](OpBuilder &nb, Location nloc, ValueRange a) {
        return nb.create<arith::AddFOp>(nloc, a[1], a[0]).getResult();
      });
}

struct ReduceSumToGeneric : OpConversionPattern<ReduceSumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceSumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    LinalgBuilder lb(rewriter, op.getLoc());
    rewriter.replaceOp(op, reduceAxes(lb, adaptor.getInput(), op.getAxes(),
                                      cast<RankedTensorType>(op.getType())));
    return success();
  }
};

/// reduce_sum, then a division by the number of elements summed (exact
/// for powers of two, and one rounding otherwise).
struct MeanToGenerics : OpConversionPattern<MeanOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MeanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    LinalgBuilder lb(rewriter, op.getLoc());
    auto in = cast<RankedTensorType>(adaptor.getInput().getType());
    auto type = cast<RankedTensorType>(op.getType());
    int64_t n = 1;
    for (int64_t axis : op.getAxes())
      n *= in.getDimSize(axis);
    Value sum = reduceAxes(lb, adaptor.getInput(), op.getAxes(), type);
    Type elem = type.getElementType();
    Value mean = lb.map(
        type, sum, [&](OpBuilder &nb, Location nloc, ValueRange a) -> Value {
          return nb.create<arith::DivFOp>(
              nloc, a[0],
              LinalgBuilder::constF(nb, nloc, elem, static_cast<double>(n)));
        });
    rewriter.replaceOp(op, mean);
    return success();
  }
};

/// exp(x − max) / Σ or (x − max) − log Σ, per row of the last axis.
template <typename OpTy, bool isLog>
struct SoftmaxToGenerics : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    LinalgBuilder lb(rewriter, op.getLoc());
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    auto [max, sum] = lb.rowMaxAndSumExp(x);
    unsigned rank = type.getRank();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap rowMap = lb.rowsOf(rank);
    SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
    Value result = lb.generic(
        type, lb.empty(type), ValueRange{x, max, sum}, {id, rowMap, rowMap, id},
        its, [&](OpBuilder &nb, Location nloc, ValueRange a) -> Value {
          Value d = nb.create<arith::SubFOp>(nloc, a[0], a[1]);
          if (isLog)
            return nb.create<arith::SubFOp>(nloc, d,
                                            nb.create<math::LogOp>(nloc, a[2]));
          return nb.create<arith::DivFOp>(nloc, nb.create<math::ExpOp>(nloc, d),
                                          a[2]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Σ t · (logsumexp(row) − l).
struct SoftmaxCrossEntropyToGenerics
    : OpConversionPattern<SoftmaxCrossEntropyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxCrossEntropyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    LinalgBuilder lb(rewriter, op.getLoc());
    Value logits = adaptor.getLogits(), targets = adaptor.getTargets();
    auto type = cast<RankedTensorType>(logits.getType());
    auto [max, sum] = lb.rowMaxAndSumExp(logits);
    unsigned rank = type.getRank();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap rowMap = lb.rowsOf(rank);
    auto scalar = RankedTensorType::get({}, type.getElementType());
    SmallVector<utils::IteratorType> its(rank, utils::IteratorType::reduction);
    Value result = lb.generic(
        scalar, lb.filled(scalar, 0.0), ValueRange{logits, targets, max, sum},
        {id, id, rowMap, rowMap,
         AffineMap::get(rank, 0, {}, rewriter.getContext())},
        its, [](OpBuilder &nb, Location nloc, ValueRange a) {
          Value lse = nb.create<arith::AddFOp>(
              nloc, a[2], nb.create<math::LogOp>(nloc, a[3]));
          Value d = nb.create<arith::SubFOp>(nloc, lse, a[0]);
          Value t = nb.create<arith::MulFOp>(nloc, a[1], d);
          return nb.create<arith::AddFOp>(nloc, a[4], t).getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// One term of a scalar function Σᵢ term(operandsᵢ) from the operands'
/// elements in operand order; `elem` is their type.
using TermFn = Value (*)(OpBuilder &nb, Location nloc, Type elem, ValueRange a);

/// A scalar function Σᵢ term(operandsᵢ) over same-shaped operands: the KL
/// divergences and log-densities.
struct SumOfTermsToGeneric : ConversionPattern {
  SumOfTermsToGeneric(StringRef opName, TermFn term, MLIRContext *ctx)
      : ConversionPattern(opName, /*benefit=*/1, ctx), term(term) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    LinalgBuilder lb(rewriter, op->getLoc());
    auto inputType = cast<RankedTensorType>(operands[0].getType());
    Type elem = inputType.getElementType();
    Value result = lb.sumAll(inputType, operands,
                             [&](OpBuilder &nb, Location nloc, ValueRange a) {
                               return term(nb, nloc, elem, a);
                             });
    rewriter.replaceOp(op, result);
    return success();
  }

  TermFn term;
};

Value cst(OpBuilder &nb, Location nloc, Type elem, double v) {
  return LinalgBuilder::constF(nb, nloc, elem, v);
}

/// mvn_kl(μ, σ): −½ Σ (1 + log σ² − μ² − σ²).
Value mvnKLTerm(OpBuilder &nb, Location nloc, Type elem, ValueRange a) {
  Value mu2 = nb.create<arith::MulFOp>(nloc, a[0], a[0]);
  Value s2 = nb.create<arith::MulFOp>(nloc, a[1], a[1]);
  Value t = nb.create<arith::AddFOp>(nloc, cst(nb, nloc, elem, 1.0),
                                     nb.create<math::LogOp>(nloc, s2));
  t = nb.create<arith::SubFOp>(nloc, t, mu2);
  t = nb.create<arith::SubFOp>(nloc, t, s2);
  return nb.create<arith::MulFOp>(nloc, cst(nb, nloc, elem, -0.5), t);
}

/// mvn_empirical_kl(μ, σ, z): Σ [−(z−μ)²/(2σ²) − log σ + z²/2]; the
/// ½ log 2π terms cancel.
Value mvnEmpiricalKLTerm(OpBuilder &nb, Location nloc, Type elem,
                         ValueRange a) {
  Value d = nb.create<arith::SubFOp>(nloc, a[2], a[0]);
  Value q = nb.create<arith::DivFOp>(nloc, d, a[1]);
  Value t = nb.create<arith::MulFOp>(nloc, cst(nb, nloc, elem, -0.5),
                                     nb.create<arith::MulFOp>(nloc, q, q));
  t = nb.create<arith::SubFOp>(nloc, t, nb.create<math::LogOp>(nloc, a[1]));
  Value z2 = nb.create<arith::MulFOp>(nloc, a[2], a[2]);
  return nb.create<arith::AddFOp>(
      nloc, t, nb.create<arith::MulFOp>(nloc, cst(nb, nloc, elem, 0.5), z2));
}

/// normal_logpdf(z, μ, σ): Σ [−(z−μ)²/(2σ²) − log σ − ½ log 2π].
Value normalLogPdfTerm(OpBuilder &nb, Location nloc, Type elem, ValueRange a) {
  Value d = nb.create<arith::SubFOp>(nloc, a[0], a[1]);
  Value q = nb.create<arith::DivFOp>(nloc, d, a[2]);
  Value t = nb.create<arith::MulFOp>(nloc, cst(nb, nloc, elem, -0.5),
                                     nb.create<arith::MulFOp>(nloc, q, q));
  t = nb.create<arith::SubFOp>(nloc, t, nb.create<math::LogOp>(nloc, a[2]));
  return nb.create<arith::SubFOp>(
      nloc, t, cst(nb, nloc, elem, 0.91893853320467274178032973640562));
}

/// bernoulli_neglogpdf(p, x): −Σ [x log p + (1−x) log(1−p)], each log
/// clamped below at −100 as PyTorch's BCELoss does, so that p rounding to
/// exactly 0 or 1 in floating point gives a large finite cost instead of inf
/// or NaN.
Value bernoulliNegLogPdfTerm(OpBuilder &nb, Location nloc, Type elem,
                             ValueRange a) {
  Value floor = cst(nb, nloc, elem, -100.0);
  Value one = cst(nb, nloc, elem, 1.0);
  Value lp = nb.create<arith::MaximumFOp>(
      nloc, nb.create<math::LogOp>(nloc, a[0]), floor);
  Value lq = nb.create<arith::MaximumFOp>(
      nloc,
      nb.create<math::LogOp>(nloc, nb.create<arith::SubFOp>(nloc, one, a[0])),
      floor);
  Value t = nb.create<arith::AddFOp>(
      nloc, nb.create<arith::MulFOp>(nloc, a[1], lp),
      nb.create<arith::MulFOp>(nloc, nb.create<arith::SubFOp>(nloc, one, a[1]),
                               lq));
  return nb.create<arith::NegFOp>(nloc, t);
}

/// bernoulli_logits_neglogpdf(l, x): Σ [softplus(l) − x l], with softplus's
/// own overflow-free formula; exact where σ(l) rounds to 0 or 1.
Value bernoulliLogitsNegLogPdfTerm(OpBuilder &nb, Location nloc, Type,
                                   ValueRange a) {
  static const ScalarFormula softplus =
      lookupScalarFormula(SoftplusOp::getOperationName());
  Value sp = softplus(nb, nloc, nullptr, a[0]);
  return nb.create<arith::SubFOp>(nloc, sp,
                                  nb.create<arith::MulFOp>(nloc, a[1], a[0]));
}

} // namespace

void mlir::sg::populateSGReductionToLinalgPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<SumToGeneric, ReduceSumToGeneric, MeanToGenerics,
               SoftmaxToGenerics<SoftmaxOp, /*isLog=*/false>,
               SoftmaxToGenerics<LogSoftmaxOp, /*isLog=*/true>,
               SoftmaxCrossEntropyToGenerics>(ctx);
  patterns.add<SumOfTermsToGeneric>(MvnKLOp::getOperationName(), mvnKLTerm,
                                    ctx);
  patterns.add<SumOfTermsToGeneric>(MvnEmpiricalKLOp::getOperationName(),
                                    mvnEmpiricalKLTerm, ctx);
  patterns.add<SumOfTermsToGeneric>(NormalLogPdfOp::getOperationName(),
                                    normalLogPdfTerm, ctx);
  patterns.add<SumOfTermsToGeneric>(BernoulliNegLogPdfOp::getOperationName(),
                                    bernoulliNegLogPdfTerm, ctx);
  patterns.add<SumOfTermsToGeneric>(
      BernoulliLogitsNegLogPdfOp::getOperationName(),
      bernoulliLogitsNegLogPdfTerm, ctx);
}
