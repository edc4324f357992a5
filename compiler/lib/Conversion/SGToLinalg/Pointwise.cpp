//===- Pointwise.cpp - elementwise sg ops to linalg -----------------------===//
//
// Elementwise ops become one parallel linalg.generic whose body is the op's
// entry in the scalar-formula map; constants, broadcasts and bias addition
// are generics whose indexing maps do the broadcasting. linalg's elementwise
// fusion later merges chains of them into one loop nest.
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilder.h"
#include "ScalarFormulas.h"

#include "sg/Conversion/SGToLinalg.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

/// Any op of the scalar-formula map: a parallel generic over its operands.
struct ElementwiseToGeneric : ConversionPattern {
  ElementwiseToGeneric(StringRef opName, ScalarFormula formula,
                       MLIRContext *ctx)
      : ConversionPattern(opName, /*benefit=*/1, ctx), formula(formula) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    LinalgBuilder lb(rewriter, op->getLoc());
    Value result =
        lb.map(type, operands, [&](OpBuilder &nb, Location nloc, ValueRange a) {
          return formula(nb, nloc, op, a);
        });
    rewriter.replaceOp(op, result);
    return success();
  }

  ScalarFormula formula;
};

struct ConstantToArith : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, op.getValue().getType(), cast<TypedAttr>(op.getValue()));
    return success();
  }
};

/// Operand axis i is read at result axis dims[i].
struct BroadcastToGeneric : OpConversionPattern<BroadcastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    unsigned rank = type.getRank();
    SmallVector<AffineExpr> inExprs;
    for (int64_t d : op.getDims())
      inExprs.push_back(rewriter.getAffineDimExpr(d));
    SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
    LinalgBuilder lb(rewriter, op.getLoc());
    Value result = lb.generic(
        type, lb.empty(type), adaptor.getInput(),
        {AffineMap::get(rank, 0, inExprs, rewriter.getContext()),
         rewriter.getMultiDimIdentityMap(rank)},
        its, [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The bias is read at the trailing axes.
struct BiasAddToGeneric : OpConversionPattern<BiasAddOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BiasAddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    unsigned rank = type.getRank();
    unsigned brank = op.getBias().getType().getRank();
    SmallVector<AffineExpr> biasExprs;
    for (unsigned d = rank - brank; d < rank; ++d)
      biasExprs.push_back(rewriter.getAffineDimExpr(d));
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
    LinalgBuilder lb(rewriter, op.getLoc());
    Value result = lb.generic(
        type, lb.empty(type), ValueRange{adaptor.getInput(), adaptor.getBias()},
        {id, AffineMap::get(rank, 0, biasExprs, rewriter.getContext()), id},
        its, [](OpBuilder &nb, Location nloc, ValueRange a) {
          return nb.create<arith::AddFOp>(nloc, a[0], a[1]).getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::sg::populateSGPointwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  for (const ScalarFormulaEntry &e : scalarFormulas())
    patterns.add<ElementwiseToGeneric>(e.opName, e.formula, ctx);
  patterns.add<ConstantToArith, BroadcastToGeneric, BiasAddToGeneric>(ctx);
}
