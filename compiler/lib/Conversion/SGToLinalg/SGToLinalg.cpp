//===- SGToLinalg.cpp - the sg to linalg conversion pass ------------------===//
//
// Every sg operation in a func.func becomes tensor-level linalg (plus arith,
// math, tensor) through the pattern families of this folder: pointwise,
// reductions, matmul, random, shapes. The pass checks the samples'
// preconditions first so that a missing node id or key is one located error,
// then runs a partial conversion in which sg is illegal inside functions.
//
//===----------------------------------------------------------------------===//

#include "Philox.h"

#include "sg/Conversion/Passes.h"
#include "sg/Conversion/SGToLinalg.h"
#include "sg/SGOps.h"

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::sg {
#define GEN_PASS_DEF_CONVERTSGTOLINALG
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

void mlir::sg::populateSGToLinalgPatterns(RewritePatternSet &patterns) {
  populateSGPointwiseToLinalgPatterns(patterns);
  populateSGReductionToLinalgPatterns(patterns);
  populateSGMatmulToLinalgPatterns(patterns);
  populateSGRandomToLinalgPatterns(patterns);
  populateSGShapeToLinalgPatterns(patterns);
}

void mlir::sg::configureSGToLinalgTarget(ConversionTarget &target) {
  target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                         math::MathDialect, tensor::TensorDialect,
                         func::FuncDialect>();
  // sg.graph and its markers live outside functions until sg-abi erases
  // them; only what a function computes is lowered here.
  target.addDynamicallyLegalDialect<SGDialect>(
      [](Operation *op) { return !op->getParentOfType<func::FuncOp>(); });
}

namespace {

/// A sample needs its node id (its random stream) and the function's key.
LogicalResult checkSample(Operation *op) {
  if (!op->getAttrOfType<IntegerAttr>("node"))
    return op->emitError("sample has no node id; run "
                         "--sg-number-samples first");
  auto [seed, step] = sampleKey(op);
  if (!seed || !step)
    return op->emitError("samples need the enclosing function to have "
                         "i64 arguments marked {sg.seed} and {sg.step}");
  return success();
}

struct ConvertSGToLinalgPass
    : public sg::impl::ConvertSGToLinalgBase<ConvertSGToLinalgPass> {
  void runOnOperation() override {
    bool ok = true;
    getOperation().walk([&](func::FuncOp func) {
      func.walk([&](DistributionOpInterface sample) {
        ok &= succeeded(checkSample(sample));
      });
    });
    if (!ok)
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    configureSGToLinalgTarget(target);
    RewritePatternSet patterns(ctx);
    populateSGToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
