//===- Passes.h - network bound passes --------------------------*- C++ -*-===//
#ifndef SG_NETWORKVERIFICATION_PASSES_H
#define SG_NETWORKVERIFICATION_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "sg/NetworkVerification/Bounds.h"

namespace mlir::sg {

#define GEN_PASS_DECL
#include "sg/NetworkVerification/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "sg/NetworkVerification/Passes.h.inc"

} // namespace mlir::sg

#endif // SG_NETWORKVERIFICATION_PASSES_H
