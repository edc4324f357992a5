//===- sg-opt.cpp - the sg optimizer driver -------------------------------===//
//
// An mlir-opt for the sg dialect: runs any sg pass in isolation (lit tests
// use it). Registers only what sgc uses, which keeps this file quick to build.
//
// Unlike mlir-opt, sg-opt never loses a file: it refuses an output that is
// its input, and it writes the output into a temporary file next to it that
// replaces the output only when the run succeeds (mlir-opt truncates the
// output first and deletes it on failure, input or not).
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/BuiltinOps.h"
#include "sg/Pipelines/Pipelines.h"
#include "sg/SGDialect.h"
#include "sg/Target/OutputFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::sg::registerAllPasses();

  mlir::DialectRegistry registry;
  mlir::sg::registerCompilerDialects(registry);
  auto [input, output] = mlir::registerAndParseCLIOptions(
      argc, argv, "sg optimizer driver: runs sg passes on .mlir files\n",
      registry);
  std::string error;
  if (mlir::failed(mlir::sg::checkOutputIsNotInput(input, output, error))) {
    llvm::errs() << "sg-opt: error: " << error << "\n";
    return 1;
  }
  if (!mlir::sg::isReplacedAtomically(output))
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, input, output, registry));
  llvm::SmallString<256> temp;
  if (llvm::sys::fs::createUniqueFile(output + ".tmp-%%%%%%", temp)) {
    llvm::errs() << "sg-opt: error: cannot create a file next to '" << output
                 << "'\n";
    return 1;
  }
  llvm::FileRemover remover(temp);
  llvm::sys::RemoveFileOnSignal(temp);
  if (mlir::failed(mlir::MlirOptMain(argc, argv, input, temp, registry)))
    return 1;
  if (std::error_code ec = llvm::sys::fs::rename(temp, output)) {
    llvm::errs() << "sg-opt: error: cannot write '" << output
                 << "': " << ec.message() << "\n";
    return 1;
  }
  remover.releaseFile();
  llvm::sys::DontRemoveFileOnSignal(temp);
  return 0;
}
