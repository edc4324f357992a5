//===- SGDialect.h - the sg dialect -----------------------------*- C++ -*-===//
#ifndef SG_SGDIALECT_H
#define SG_SGDIALECT_H

#include "mlir/IR/Dialect.h"

#include "sg/SGOpsDialect.h.inc"

namespace mlir::sg {
/// Attribute on generated functions: "forward" or "loss_grad".
constexpr llvm::StringLiteral kKindAttrName = "sg.kind";
/// Attribute on generated functions: the graph they come from.
constexpr llvm::StringLiteral kGraphAttrName = "sg.graph";
} // namespace mlir::sg

#endif // SG_SGDIALECT_H
