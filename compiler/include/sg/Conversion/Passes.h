//===- Passes.h - lowering passes -------------------------------*- C++ -*-===//
//
// The conversions of generated functions to the LLVM dialect
// (Conversion/Passes.td).
//
//===----------------------------------------------------------------------===//
#ifndef SG_CONVERSION_PASSES_H
#define SG_CONVERSION_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::sg {

#define GEN_PASS_DECL
#include "sg/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "sg/Conversion/Passes.h.inc"

} // namespace mlir::sg

#endif // SG_CONVERSION_PASSES_H
