//===- Random.cpp - samples to linalg -------------------------------------===//
//
// Every sample becomes a parallel linalg.generic whose body computes one
// Philox4x32-10 block from (seed, step, node, element index; offset by
// first_row for data-parallel slices, see sampleRowOffset) and maps it to
// the distribution, exactly as the runtime's samplers do. A new sampler is a
// pattern built on `lowerSample` and the maps of Philox.h.
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilder.h"
#include "Philox.h"
#include "ScalarFormulas.h"

#include "sg/Conversion/SGToLinalg.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

using namespace mlir;
using namespace mlir::sg;

namespace {

/// Maps one Philox block and the parameters' elements at this index to the
/// sample's element.
using SampleBody = llvm::function_ref<Value(
    OpBuilder &, Location, Type elem, const PhiloxBlock &, ValueRange params)>;

/// Replaces sample `op` by a map over its (elementwise) `params` whose body
/// draws the block of the current element. The pass checked beforehand that
/// `op` has a node id and its function a (seed, step) key.
LogicalResult lowerSample(Operation *op, ValueRange params,
                          ConversionPatternRewriter &rewriter,
                          SampleBody body) {
  auto node = op->getAttrOfType<IntegerAttr>("node");
  Value seed, step;
  std::tie(seed, step) = sampleKey(op);
  if (!node || !seed || !step)
    return rewriter.notifyMatchFailure(op, "no node id or (seed, step) key");
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  Value offset = sampleRowOffset(rewriter, op->getLoc(), op, type);
  LinalgBuilder lb(rewriter, op->getLoc());
  Value result =
      lb.map(type, params, [&](OpBuilder &nb, Location nloc, ValueRange a) {
        Value element = linearIndex(nb, nloc, type.getShape());
        if (offset)
          element = nb.create<arith::AddIOp>(nloc, element, offset);
        Value nodeV = nb.create<arith::ConstantOp>(
            nloc, nb.getI32IntegerAttr(node.getInt()));
        PhiloxBlock w = philox(nb, nloc, element, nodeV, seed, step);
        return body(nb, nloc, type.getElementType(), w, a);
      });
  rewriter.replaceOp(op, result);
  return success();
}

/// μ + σ·ε.
struct NormalToGeneric : OpConversionPattern<NormalOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(NormalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return lowerSample(
        op, ValueRange{adaptor.getMean(), adaptor.getStddev()}, rewriter,
        [](OpBuilder &nb, Location nloc, Type elem, const PhiloxBlock &w,
           ValueRange a) -> Value {
          Value n = standardNormal(nb, nloc, elem, w);
          return nb.create<arith::AddFOp>(
              nloc, a[0], nb.create<arith::MulFOp>(nloc, a[1], n));
        });
  }
};

struct StdNormalToGeneric : OpConversionPattern<StdNormalOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StdNormalOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return lowerSample(
        op, ValueRange{}, rewriter,
        [](OpBuilder &nb, Location nloc, Type elem, const PhiloxBlock &w,
           ValueRange) { return standardNormal(nb, nloc, elem, w); });
  }
};

/// u < p ? 1 : 0.
struct BernoulliToGeneric : OpConversionPattern<BernoulliOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BernoulliOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return lowerSample(op, ValueRange{adaptor.getProb()}, rewriter,
                       [](OpBuilder &nb, Location nloc, Type elem,
                          const PhiloxBlock &w, ValueRange a) -> Value {
                         Value u = uniform(nb, nloc, elem, w);
                         Value lt = nb.create<arith::CmpFOp>(
                             nloc, arith::CmpFPredicate::OLT, u, a[0]);
                         return nb.create<arith::SelectOp>(
                             nloc, lt,
                             LinalgBuilder::constF(nb, nloc, elem, 1.0),
                             LinalgBuilder::constF(nb, nloc, elem, 0.0));
                       });
  }
};

/// 1 / (1 + exp(−l)) on an f64 `l`: sg.sigmoid's formula, which is the
/// runtime's sigmoid_f64 operation for operation.
Value sigmoidF64(OpBuilder &b, Location loc, Value l) {
  static const ScalarFormula sigmoid =
      lookupScalarFormula(SigmoidOp::getOperationName());
  return sigmoid(b, loc, nullptr, l);
}

/// `x` widened to f64 (itself if it is one).
Value toF64(OpBuilder &b, Location loc, Value x) {
  if (x.getType().isF64())
    return x;
  return b.create<arith::ExtFOp>(loc, b.getF64Type(), x);
}

/// u < 1 / (1 + exp(−l)), compared in f64 (sg_fill_bernoulli_logits_*).
struct BernoulliLogitsToGeneric : OpConversionPattern<BernoulliLogitsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BernoulliLogitsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return lowerSample(
        op, ValueRange{adaptor.getLogits()}, rewriter,
        [](OpBuilder &nb, Location nloc, Type elem, const PhiloxBlock &w,
           ValueRange a) -> Value {
          Value u = toF64(nb, nloc, uniform(nb, nloc, elem, w));
          Value p = sigmoidF64(nb, nloc, toF64(nb, nloc, a[0]));
          Value lt =
              nb.create<arith::CmpFOp>(nloc, arith::CmpFPredicate::OLT, u, p);
          return nb.create<arith::SelectOp>(
              nloc, lt, LinalgBuilder::constF(nb, nloc, elem, 1.0),
              LinalgBuilder::constF(nb, nloc, elem, 0.0));
        });
  }
};

/// Gumbel-max, as sg_fill_categorical_*: an f64 key l − log(−log u) per
/// element (u from the f64 grid for both precisions), the first arg-max per
/// row, then the one-hot rows.
struct CategoricalToGenerics : OpConversionPattern<CategoricalOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CategoricalOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto node = op.getNodeAttr();
    // Plain variables: the sampling lambda below captures them, and
    // capturing structured bindings is C++20.
    Value seed, step;
    std::tie(seed, step) = sampleKey(op);
    if (!node || !seed || !step)
      return rewriter.notifyMatchFailure(op, "no node id or (seed, step) key");
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> shape = type.getShape();
    unsigned rank = type.getRank();
    Type elem = type.getElementType();
    Type f64 = rewriter.getF64Type(), i64 = rewriter.getI64Type();
    Value offset = sampleRowOffset(rewriter, loc, op, type);
    LinalgBuilder lb(rewriter, loc);

    Value keys = lb.map(
        RankedTensorType::get(shape, f64), adaptor.getLogits(),
        [&](OpBuilder &nb, Location nloc, ValueRange a) -> Value {
          Value element = linearIndex(nb, nloc, shape);
          if (offset)
            element = nb.create<arith::AddIOp>(nloc, element, offset);
          Value nodeV = nb.create<arith::ConstantOp>(
              nloc, nb.getI32IntegerAttr(node.getInt()));
          PhiloxBlock w = philox(nb, nloc, element, nodeV, seed, step);
          Value u = u01F64(nb, nloc, w.w[0], w.w[1]);
          Value inner =
              nb.create<arith::NegFOp>(nloc, nb.create<math::LogOp>(nloc, u));
          return nb.create<arith::SubFOp>(nloc, toF64(nb, nloc, a[0]),
                                          nb.create<math::LogOp>(nloc, inner));
        });

    // (max, class) along the last axis from (−inf, 0), updated on a strict
    // >: the first maximal class wins, as in the runtime.
    auto maxType = RankedTensorType::get(shape.drop_back(), f64);
    auto classType = RankedTensorType::get(shape.drop_back(), i64);
    Value zero = rewriter.create<arith::ConstantOp>(
        loc, rewriter.getI64IntegerAttr(0));
    Value classInit =
        rewriter
            .create<linalg::FillOp>(
                loc, zero,
                rewriter.create<tensor::EmptyOp>(loc, classType.getShape(), i64)
                    .getResult())
            .getResult(0);
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap rowMap = lb.rowsOf(rank);
    SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
    its.back() = utils::IteratorType::reduction;
    auto argmax = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{maxType, classType}, ValueRange{keys},
        ValueRange{lb.filled(maxType, -INFINITY), classInit},
        ArrayRef<AffineMap>{id, rowMap, rowMap}, its,
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value k = nb.create<arith::IndexCastUIOp>(
              nloc, i64, nb.create<linalg::IndexOp>(nloc, rank - 1));
          Value gt = nb.create<arith::CmpFOp>(nloc, arith::CmpFPredicate::OGT,
                                              args[0], args[1]);
          nb.create<linalg::YieldOp>(
              nloc,
              ValueRange{nb.create<arith::SelectOp>(nloc, gt, args[0], args[1]),
                         nb.create<arith::SelectOp>(nloc, gt, k, args[2])});
        });

    SmallVector<utils::IteratorType> par(rank, utils::IteratorType::parallel);
    Value onehot = lb.generic(
        type, lb.empty(type), ValueRange{argmax.getResult(1)}, {rowMap, id},
        par, [&](OpBuilder &nb, Location nloc, ValueRange a) -> Value {
          Value k = nb.create<arith::IndexCastUIOp>(
              nloc, i64, nb.create<linalg::IndexOp>(nloc, rank - 1));
          Value hit =
              nb.create<arith::CmpIOp>(nloc, arith::CmpIPredicate::eq, k, a[0]);
          return nb.create<arith::SelectOp>(
              nloc, hit, LinalgBuilder::constF(nb, nloc, elem, 1.0),
              LinalgBuilder::constF(nb, nloc, elem, 0.0));
        });
    rewriter.replaceOp(op, onehot);
    return success();
  }
};

} // namespace

void mlir::sg::populateSGRandomToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<NormalToGeneric, StdNormalToGeneric, BernoulliToGeneric,
               BernoulliLogitsToGeneric, CategoricalToGenerics>(
      patterns.getContext());
}
