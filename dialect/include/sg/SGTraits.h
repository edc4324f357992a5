//===- SGTraits.h - native traits of sg operations --------------*- C++ -*-===//
//
// Type-agreement traits with diagnostics that name the disagreeing operand
// and point at the explicit broadcasting operations, and the batch-axis
// facts that whole families of ops share.
//
//===----------------------------------------------------------------------===//
#ifndef SG_SGTRAITS_H
#define SG_SGTRAITS_H

#include "sg/SGInterfaces.h"

#include "mlir/IR/OpDefinition.h"

namespace mlir {
namespace sg::detail {
LogicalResult verifySameOperandsAndResultType(Operation *op);
LogicalResult verifySameOperandsType(Operation *op);

/// Ties every axis of every operand and ranked result to the same axis of
/// the first of them: for ops whose operands and results share one shape.
void tieSameShapeAxes(Operation *op, AxisTie tie);
/// Row i of the result reads row i of every operand: Rows when every
/// dependent operand is Rows and the result is not 0-d.
RowKind inferElementwiseRowKind(Operation *op, ArrayRef<RowKind> operands);
/// A RowSum when every dependent operand is Rows and the op's
/// `RowSumOpInterface::hasRowTerms` holds.
RowKind inferRowSumRowKind(Operation *op, ArrayRef<RowKind> operands);
/// Rows when every dependent operand is Rows and the op's
/// `DistributionOpInterface::hasIndependentRows` holds.
RowKind inferSampleRowKind(Operation *op, ArrayRef<RowKind> operands);
} // namespace sg::detail

namespace OpTrait {
/// Every operand and the result have exactly the same type.
template <typename ConcreteType>
class SGSameOperandsAndResultType
    : public TraitBase<ConcreteType, SGSameOperandsAndResultType> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return sg::detail::verifySameOperandsAndResultType(op);
  }
};

/// Every operand has exactly the same type.
template <typename ConcreteType>
class SGSameOperandsType : public TraitBase<ConcreteType, SGSameOperandsType> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    return sg::detail::verifySameOperandsType(op);
  }
};

// The batch-axis facts (BatchAxisOpInterface) shared by a family of ops.

/// An elementwise op: its operands and result share one shape and row i of
/// the result reads row i of every operand.
template <typename ConcreteType>
class SGElementwiseRows : public TraitBase<ConcreteType, SGElementwiseRows> {
public:
  void tieAxes(sg::AxisTie tie) {
    sg::detail::tieSameShapeAxes(this->getOperation(), tie);
  }
  sg::RowKind inferRowKind(ArrayRef<sg::RowKind> operands, int64_t) {
    return sg::detail::inferElementwiseRowKind(this->getOperation(), operands);
  }
};

/// A summed op (RowSumOpInterface) whose operands share one shape.
template <typename ConcreteType>
class SGRowSumRows : public TraitBase<ConcreteType, SGRowSumRows> {
public:
  void tieAxes(sg::AxisTie tie) {
    sg::detail::tieSameShapeAxes(this->getOperation(), tie);
  }
  sg::RowKind inferRowKind(ArrayRef<sg::RowKind> operands, int64_t) {
    return sg::detail::inferRowSumRowKind(this->getOperation(), operands);
  }
};

/// A sample (DistributionOpInterface) of its operands' shape.
template <typename ConcreteType>
class SGSampleRows : public TraitBase<ConcreteType, SGSampleRows> {
public:
  void tieAxes(sg::AxisTie tie) {
    sg::detail::tieSameShapeAxes(this->getOperation(), tie);
  }
  sg::RowKind inferRowKind(ArrayRef<sg::RowKind> operands, int64_t) {
    return sg::detail::inferSampleRowKind(this->getOperation(), operands);
  }
};
} // namespace OpTrait
} // namespace mlir

#endif // SG_SGTRAITS_H
