//===- ObjectCode.h - from the LLVM dialect to object code------*- C++ -*-===//
#ifndef SG_TARGET_OBJECTCODE_H
#define SG_TARGET_OBJECTCODE_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace mlir::sg {

struct CodegenOptions {
  /// LLVM optimization level, 0-3.
  unsigned optLevel = 3;
  /// Target CPU; empty or "native" means the host CPU with its features.
  std::string cpu;
};

/// A TargetMachine for the host triple producing position-independent code,
/// or null with `error` set.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const CodegenOptions &options, std::string &error);

/// Translates a module in the LLVM dialect to LLVM IR and runs LLVM's
/// optimization pipeline at `options.optLevel` for `machine`.
std::unique_ptr<llvm::Module>
translateAndOptimize(ModuleOp module, llvm::LLVMContext &context,
                     llvm::TargetMachine &machine,
                     const CodegenOptions &options);

/// Emits an ELF object file for `module` into `out`. Returns false and sets
/// `error` on failure.
bool emitObjectFile(llvm::Module &module, llvm::TargetMachine &machine,
                    llvm::SmallVectorImpl<char> &out, std::string &error);


} // namespace mlir::sg

#endif // SG_TARGET_OBJECTCODE_H
