//===- SGToLinalg.h - sg to linalg conversion patterns ----------*- C++ -*-===//
//
// The patterns of --convert-sg-to-linalg, one family per file of
// lib/Conversion/SGToLinalg. A new sg op gets its lowering by adding a
// pattern to the family it belongs to (an elementwise op only needs its
// scalar formula in ScalarFormulas.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef SG_CONVERSION_SGTOLINALG_H
#define SG_CONVERSION_SGTOLINALG_H

#include "mlir/IR/PatternMatch.h"

namespace mlir {
class ConversionTarget;
namespace sg {

/// Elementwise ops (through the scalar-formula map), constants, broadcasts,
/// bias addition.
void populateSGPointwiseToLinalgPatterns(RewritePatternSet &patterns);

/// Sums, means, softmax and log-softmax, cross-entropy, KL divergences and
/// log-densities: everything that reduces along axes.
void populateSGReductionToLinalgPatterns(RewritePatternSet &patterns);

/// Matrix products and transposes.
void populateSGMatmulToLinalgPatterns(RewritePatternSet &patterns);

/// Samples, computing Philox4x32-10 inline like the runtime's samplers.
void populateSGRandomToLinalgPatterns(RewritePatternSet &patterns);

/// Shape ops: reshape, slice, concat (to tensor ops).
void populateSGShapeToLinalgPatterns(RewritePatternSet &patterns);

/// All of the above.
void populateSGToLinalgPatterns(RewritePatternSet &patterns);

/// sg ops are illegal inside func.func; arith, linalg, math and tensor are
/// the targets.
void configureSGToLinalgTarget(ConversionTarget &target);

} // namespace sg
} // namespace mlir

#endif // SG_CONVERSION_SGTOLINALG_H
