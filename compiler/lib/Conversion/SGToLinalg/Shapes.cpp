//===- Shapes.cpp - shape sg ops to tensor ops ----------------------------===//
//
// reshape, slice and concat move elements without computing: they become
// tensor.collapse_shape / expand_shape, extract_slice and insert_slice,
// which bufferization turns into views of the operands' buffers (and copies
// only where a view cannot be used).
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilder.h"

#include "sg/Conversion/SGToLinalg.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

/// All axes of a rank-`rank` tensor merged into one (none for rank 0).
SmallVector<ReassociationIndices> allAxes(int64_t rank) {
  if (rank == 0)
    return {};
  ReassociationIndices all;
  for (int64_t d = 0; d < rank; ++d)
    all.push_back(d);
  return {all};
}

/// Row-major reshape through the flat 1-d tensor: collapse the operand, then
/// expand to the result (rank 0 through the empty reassociation).
struct ReshapeToTensor : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto in = cast<RankedTensorType>(x.getType());
    auto out = cast<RankedTensorType>(op.getType());
    if (in == out) {
      rewriter.replaceOp(op, x);
      return success();
    }
    auto flat =
        RankedTensorType::get({in.getNumElements()}, in.getElementType());
    if (in.getRank() == 0)
      x = rewriter.create<tensor::ExpandShapeOp>(loc, flat, x, allAxes(0));
    else if (in.getRank() > 1)
      x = rewriter.create<tensor::CollapseShapeOp>(loc, flat, x,
                                                   allAxes(in.getRank()));
    if (out.getRank() == 0)
      x = rewriter.create<tensor::CollapseShapeOp>(loc, out, x, allAxes(0));
    else if (out.getRank() > 1)
      x = rewriter.create<tensor::ExpandShapeOp>(loc, out, x,
                                                 allAxes(out.getRank()));
    rewriter.replaceOp(op, x);
    return success();
  }
};

SmallVector<OpFoldResult> indexAttrs(OpBuilder &b, ArrayRef<int64_t> values) {
  SmallVector<OpFoldResult> attrs;
  for (int64_t v : values)
    attrs.push_back(b.getIndexAttr(v));
  return attrs;
}

struct SliceToExtractSlice : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto out = cast<RankedTensorType>(op.getType());
    SmallVector<int64_t> ones(out.getRank(), 1);
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, out, adaptor.getInput(), indexAttrs(rewriter, op.getOffsets()),
        indexAttrs(rewriter, out.getShape()), indexAttrs(rewriter, ones));
    return success();
  }
};

/// Each operand inserted into an empty result at its offset along the axis.
struct ConcatToInsertSlices : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto out = cast<RankedTensorType>(op.getType());
    int64_t axis = static_cast<int64_t>(op.getAxis());
    LinalgBuilder lb(rewriter, op.getLoc());
    Value result = lb.empty(out);
    SmallVector<int64_t> offsets(out.getRank(), 0), ones(out.getRank(), 1);
    for (Value input : adaptor.getInputs()) {
      auto type = cast<RankedTensorType>(input.getType());
      result = rewriter.create<tensor::InsertSliceOp>(
          op.getLoc(), input, result, indexAttrs(rewriter, offsets),
          indexAttrs(rewriter, type.getShape()), indexAttrs(rewriter, ones));
      offsets[axis] += type.getDimSize(axis);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::sg::populateSGShapeToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<ReshapeToTensor, SliceToExtractSlice, ConcatToInsertSlices>(
      patterns.getContext());
}
