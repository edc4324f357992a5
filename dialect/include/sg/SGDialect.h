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
/// Attribute on generated functions (sg-abi): the batch size, i.e. the
/// leading dimension of the graph's first input. Samples whose leading axis
/// has this size are offset by the `sg.first_row` argument.
constexpr llvm::StringLiteral kBatchSizeAttrName = "sg.batch_size";
} // namespace mlir::sg

#endif // SG_SGDIALECT_H
