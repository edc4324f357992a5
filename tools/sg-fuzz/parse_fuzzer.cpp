//===- parse_fuzzer.cpp - libFuzzer harness: parse and verify sg IR -------===//
//
// Feeds arbitrary bytes to the MLIR parser with the sg dialect registered,
// which also runs every verifier. Any input must end in a diagnostic or a
// valid module: a crash, a sanitizer report or a hang is a bug.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/BuiltinOps.h"
#include "sg/Pipelines/Parse.h"
#include "sg/Pipelines/Pipelines.h"
#include "sg/SGDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // One context for the whole run: creating one per input would spend most
  // of the time registering dialects.
  static mlir::MLIRContext *context = [] {
    mlir::DialectRegistry registry;
    mlir::sg::registerCompilerDialects(registry);
    auto *ctx = new mlir::MLIRContext(registry);
    ctx->loadAllAvailableDialects();
    ctx->printOpOnDiagnostic(false);
    return ctx;
  }();
  mlir::ScopedDiagnosticHandler quiet(
      context, [](mlir::Diagnostic &) { return mlir::success(); });
  llvm::SourceMgr sources;
  sources.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz"),
      llvm::SMLoc());
  (void)mlir::sg::parseModule(sources, context);
  return 0;
}
