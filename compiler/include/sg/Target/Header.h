//===- Header.h - the C header of a compiled model --------------*- C++ -*-===//
#ifndef SG_TARGET_HEADER_H
#define SG_TARGET_HEADER_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::sg {

/// Writes the C header for the functions generated from every sg.graph in
/// `module` (after sg-forward / sg-grad, before sg-abi): prototypes, shape
/// constants and a descriptor table.
LogicalResult emitHeader(ModuleOp module, llvm::StringRef source,
                         llvm::raw_ostream &os);

} // namespace mlir::sg

#endif // SG_TARGET_HEADER_H
