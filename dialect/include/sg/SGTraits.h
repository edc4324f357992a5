//===- SGTraits.h - native traits of sg operations --------------*- C++ -*-===//
//
// Type-agreement traits with diagnostics that name the disagreeing operand
// and point at the explicit broadcasting operations.
//
//===----------------------------------------------------------------------===//
#ifndef SG_SGTRAITS_H
#define SG_SGTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace mlir {
namespace sg::detail {
LogicalResult verifySameOperandsAndResultType(Operation *op);
LogicalResult verifySameOperandsType(Operation *op);
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
} // namespace OpTrait
} // namespace mlir

#endif // SG_SGTRAITS_H
