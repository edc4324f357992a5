//===- LinalgBuilder.h - tensor-level linalg building blocks ----*- C++ -*-===//
//
// The shapes every sg lowering is made of: elementwise maps, full and per-row
// reductions, fills. Shared by the pattern families of this folder (private
// to it: the public entry points are in sg/Conversion/SGToLinalg.h).
//
//===----------------------------------------------------------------------===//
#ifndef SG_LIB_CONVERSION_SGTOLINALG_LINALGBUILDER_H
#define SG_LIB_CONVERSION_SGTOLINALG_LINALGBUILDER_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"

namespace mlir::sg {

/// Builds the body of a linalg.generic from its block arguments.
using BodyFn =
    llvm::function_ref<Value(OpBuilder &, Location, ValueRange /*args*/)>;

/// Builds linalg ops at the builder's insertion point, all at one location.
class LinalgBuilder {
public:
  LinalgBuilder(OpBuilder &b, Location loc) : b(b), loc(loc) {}

  OpBuilder &builder() { return b; }
  Location location() { return loc; }

  /// A floating-point constant of `type`.
  Value constF(Type type, double value) { return constF(b, loc, type, value); }
  static Value constF(OpBuilder &b, Location loc, Type type, double value);

  Value empty(RankedTensorType type);
  /// A tensor of `type` filled with `value` (the init of a reduction).
  Value filled(RankedTensorType type, double value);

  /// (d0, ..., d{rank-1}) -> (d0, ..., d{rank-2}): the row of an element
  /// when reducing along the last axis.
  AffineMap rowsOf(unsigned rank);

  /// A linalg.generic with one output.
  Value generic(RankedTensorType resultType, Value init, ValueRange inputs,
                ArrayRef<AffineMap> maps,
                ArrayRef<utils::IteratorType> iterators, BodyFn body);

  /// Elementwise map over same-shaped inputs (may be none); `body` sees the
  /// input elements only.
  Value map(RankedTensorType type, ValueRange inputs, BodyFn body);

  /// Σ over all elements of body(inputs...), inputs of one shape; a 0-d
  /// tensor.
  Value sumAll(RankedTensorType inputType, ValueRange inputs, BodyFn body);

  /// Per-row (all but the last axis) reduction of x with `combine`.
  Value reduceLastAxis(Value x, double init, BodyFn combine);

  /// Row maximum and Σ exp(x − max) along the last axis: the stable pieces
  /// of softmax, log-softmax and cross-entropy.
  std::pair<Value, Value> rowMaxAndSumExp(Value x);

private:
  OpBuilder &b;
  Location loc;
};

} // namespace mlir::sg

#endif // SG_LIB_CONVERSION_SGTOLINALG_LINALGBUILDER_H
