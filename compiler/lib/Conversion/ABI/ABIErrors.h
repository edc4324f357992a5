//===- ABIErrors.h - error returns of generated functions -------*- C++ -*-===//
//
// Helpers shared by sg-abi-checks, sg-packed-abi and sg-train-step, which
// build, in the LLVM dialect, calls into the runtime and the early returns
// that report a bad argument through the runtime's sg_set_error.
//
//===----------------------------------------------------------------------===//

#ifndef SG_LIB_ABIERRORS_H
#define SG_LIB_ABIERRORS_H

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::sg {

/// The declaration of the external function `name` in `module`, added at
/// the module's start on first use.
LLVM::LLVMFuncOp getOrDeclare(OpBuilder &b, ModuleOp module, StringRef name,
                              LLVM::LLVMFunctionType type);

/// A pointer to a private constant global holding `text` (NUL-terminated),
/// shared by every use of the same text in `module`.
Value getStringPtr(OpBuilder &b, ModuleOp module, Location loc, StringRef text);

/// Calls the runtime's variadic sg_set_error(fmt, args...), declaring it in
/// `module` on first use.
void callSetError(OpBuilder &b, ModuleOp module, Location loc, StringRef fmt,
                  ValueRange args);

/// Returns a new block of `func` that takes the C name of an argument (a
/// pointer to a string), records "<func>: argument '<name>' is a null
/// pointer" and returns kABIErrorNull.
Block *createNullArgumentBlock(OpBuilder &b, LLVM::LLVMFuncOp func);

/// Ends `current` with a branch to `nullBlock` (passing `name`) if `ptr` is
/// null; returns the new block where execution continues otherwise.
Block *checkNotNull(OpBuilder &b, Block *current, Value ptr, StringRef name,
                    Block *nullBlock);

} // namespace mlir::sg

#endif // SG_LIB_ABIERRORS_H
