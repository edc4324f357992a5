//===- Passes.h - graph passes ----------------------------------*- C++ -*-===//
//
// The graph passes (Transforms/Passes.td): from sg.graph ops to generated
// functions, still in the sg dialect.
//
//===----------------------------------------------------------------------===//
#ifndef SG_TRANSFORMS_PASSES_H
#define SG_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "sg/Transforms/PassOptions.h"

namespace mlir::sg {

#define GEN_PASS_DECL
#include "sg/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "sg/Transforms/Passes.h.inc"

} // namespace mlir::sg

#endif // SG_TRANSFORMS_PASSES_H
