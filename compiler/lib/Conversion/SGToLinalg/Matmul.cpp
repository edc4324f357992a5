//===- Matmul.cpp - matrix products and transposes to linalg --------------===//
//
// sg.matmul becomes a zero fill and a linalg.matmul variant (plain,
// transpose_a, transpose_b), the named ops sg-gemm-to-blas recognizes after
// bufferization; sg.transpose becomes linalg.transpose.
//
//===----------------------------------------------------------------------===//

#include "LinalgBuilder.h"

#include "sg/Conversion/SGToLinalg.h"
#include "sg/SGOps.h"

#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

struct MatmulToLinalg : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LinalgBuilder lb(rewriter, loc);
    auto type = cast<RankedTensorType>(op.getType());
    Value init = lb.filled(type, 0.0);
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    bool tl = op.getTransposeLhs(), tr = op.getTransposeRhs();
    if (tl && tr) {
      // Aᵀ·Bᵀ: materialize Aᵀ, then use the transposed-B product (linalg
      // has no product transposing both, and BLAS would read Aᵀ anyway).
      auto lt = cast<RankedTensorType>(lhs.getType());
      auto tt = RankedTensorType::get({lt.getDimSize(1), lt.getDimSize(0)},
                                      lt.getElementType());
      lhs = rewriter
                .create<linalg::TransposeOp>(loc, lhs, lb.empty(tt),
                                             ArrayRef<int64_t>{1, 0})
                .getResult()[0];
      tl = false;
    }
    SmallVector<Value, 2> ins{lhs, rhs};
    if (tl)
      rewriter.replaceOpWithNewOp<linalg::MatmulTransposeAOp>(
          op, TypeRange{type}, ins, ValueRange{init});
    else if (tr)
      rewriter.replaceOpWithNewOp<linalg::MatmulTransposeBOp>(
          op, TypeRange{type}, ins, ValueRange{init});
    else
      rewriter.replaceOpWithNewOp<linalg::MatmulOp>(op, TypeRange{type}, ins,
                                                    ValueRange{init});
    return success();
  }
};

struct TransposeToLinalg : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    LinalgBuilder lb(rewriter, op.getLoc());
    auto type = cast<RankedTensorType>(op.getType());
    Value result =
        rewriter
            .create<linalg::TransposeOp>(op.getLoc(), adaptor.getInput(),
                                         lb.empty(type), op.getPermutation())
            .getResult()[0];
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::sg::populateSGMatmulToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<MatmulToLinalg, TransposeToLinalg>(patterns.getContext());
}
