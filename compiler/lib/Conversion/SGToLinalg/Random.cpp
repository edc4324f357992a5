//===- Random.cpp - samples to linalg -------------------------------------===//
//
// Every sample becomes a parallel linalg.generic whose body computes one
// Philox4x32-10 block from (seed, step, node, element index) and maps it to
// the distribution, exactly as the runtime's samplers do. A new sampler is a
// pattern built on `lowerSample` and the maps of Philox.h.
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilder.h"
#include "Philox.h"

#include "sg/Conversion/SGToLinalg.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Transforms/DialectConversion.h"

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
  LinalgBuilder lb(rewriter, op->getLoc());
  Value result =
      lb.map(type, params, [&](OpBuilder &nb, Location nloc, ValueRange a) {
        Value element = linearIndex(nb, nloc, type.getShape());
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

} // namespace

void mlir::sg::populateSGRandomToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<NormalToGeneric, StdNormalToGeneric, BernoulliToGeneric>(
      patterns.getContext());
}
