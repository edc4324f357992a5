//===- Passes.h - test passes of the analyses -------------------*- C++ -*-===//
#ifndef SG_ANALYSIS_PASSES_H
#define SG_ANALYSIS_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::sg {

#define GEN_PASS_DECL
#include "sg/Analysis/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "sg/Analysis/Passes.h.inc"

} // namespace mlir::sg

#endif // SG_ANALYSIS_PASSES_H
