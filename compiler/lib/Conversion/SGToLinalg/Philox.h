//===- Philox.h - inline Philox4x32-10 and uniform/normal maps --*- C++ -*-===//
//
// The runtime's counter-based generator (runtime/lib/philox.c) and the maps
// from its words to uniforms and normals (runtime/lib/samplers.c), built as
// arith/math ops inside a linalg body. Every sampler lowering goes through
// here, so compiled samples equal the runtime's `sg_*_at` bit for bit.
//
//===----------------------------------------------------------------------===//
#ifndef SG_LIB_CONVERSION_SGTOLINALG_PHILOX_H
#define SG_LIB_CONVERSION_SGTOLINALG_PHILOX_H

#include "mlir/IR/Builders.h"

namespace mlir::sg {

/// The four 32-bit words of one Philox4x32-10 block.
struct PhiloxBlock {
  Value w[4];
};

/// The block of counter {element lo, element hi, node, step lo} under key
/// {seed lo, seed hi ^ step hi}. `element`, `seed`, `step` are i64, `node`
/// is i32.
PhiloxBlock philox(OpBuilder &b, Location loc, Value element, Value node,
                   Value seed, Value step);

/// (2j+1)·2⁻²⁴ with j the top 23 bits of w: an f32 strictly inside (0, 1).
Value u01F32(OpBuilder &b, Location loc, Value w);

/// (2j+1)·2⁻⁵³ with j the top 52 bits of (hi:lo): an f64 inside (0, 1).
Value u01F64(OpBuilder &b, Location loc, Value lo, Value hi);

/// √(−2 log u1) · cos(2π u2), in f64.
Value boxMuller(OpBuilder &b, Location loc, Value u1, Value u2);

/// A standard normal of type `elem` (f32 or f64) from one block, as the
/// runtime's samplers compute it (f32 uniforms widened to f64 for
/// Box–Muller, then rounded).
Value standardNormal(OpBuilder &b, Location loc, Type elem,
                     const PhiloxBlock &w);

/// A uniform of type `elem` in (0, 1) from one block (words 0 and 1).
Value uniform(OpBuilder &b, Location loc, Type elem, const PhiloxBlock &w);

/// Row-major linear index, as i64, of the current element of a linalg body
/// iterating over `shape` (linalg.index of every axis).
Value linearIndex(OpBuilder &b, Location loc, ArrayRef<int64_t> shape);

/// The (seed, step) arguments of the function enclosing `op`, marked
/// {sg.seed} and {sg.step}; null where missing.
std::pair<Value, Value> sampleKey(Operation *op);

/// What to add to the element index of sample `op` of type `type` (i64,
/// built at the builder's insertion point), or null: first_row times the
/// row size when the enclosing function has a {sg.first_row} argument and
/// the sample's leading axis is its batch (`sg.batch_size`). The rows of a
/// slice of a batch then draw what they draw in a call on the whole batch,
/// while samples without a batch axis are the same in every slice.
Value sampleRowOffset(OpBuilder &b, Location loc, Operation *op,
                      RankedTensorType type);

} // namespace mlir::sg

#endif // SG_LIB_CONVERSION_SGTOLINALG_PHILOX_H
