//===- sg-opt.cpp - the sg optimizer driver -------------------------------===//
//
// An mlir-opt for the sg dialect: runs any sg pass in isolation (lit tests
// use it). Registers only what sgc uses, which keeps this file quick to build.
//
// Unlike mlir-opt, sg-opt never loses a file and never overflows its stack:
// it refuses an output that is its input, writes the output into a
// temporary file next to it that replaces the output only when the run
// succeeds (mlir-opt truncates the output first and deletes it on failure,
// input or not), and refuses input nested deeper than the parser can take.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/BuiltinOps.h"
#include "sg/Pipelines/Parse.h"
#include "sg/Pipelines/Pipelines.h"
#include "sg/SGDialect.h"
#include "sg/Support/OutOfMemory.h"
#include "sg/Target/OutputFile.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  sg::installOutOfMemoryHandler("sg-opt");
  registerCanonicalizerPass();
  registerCSEPass();
  sg::registerAllPasses();

  DialectRegistry registry;
  sg::registerCompilerDialects(registry);
  auto [input, output] = registerAndParseCLIOptions(
      argc, argv, "sg optimizer driver: runs sg passes on .mlir files\n",
      registry);
  MlirOptMainConfig config = MlirOptMainConfig::createFromCLOptions();
  if (config.shouldShowDialects()) // prints and returns before any file
    return asMainReturnCode(MlirOptMain(argc, argv, input, output, registry));

  std::string error;
  if (failed(sg::checkOutputIsNotInput(input, output, error))) {
    llvm::errs() << "sg-opt: error: " << error << "\n";
    return 1;
  }
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(input, &error);
  if (!file) {
    llvm::errs() << error << "\n";
    return 1;
  }
  {
    llvm::SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(
        llvm::MemoryBuffer::getMemBuffer(file->getMemBufferRef()),
        llvm::SMLoc());
    if (failed(sg::checkNestingDepth(sourceMgr)))
      return 1;
  }
  if (failed(sg::writeOutputFile(
          output,
          [&](llvm::raw_ostream &os) {
            return MlirOptMain(os, std::move(file), registry, config);
          },
          error))) {
    if (!error.empty())
      llvm::errs() << "sg-opt: error: " << error << "\n";
    return 1;
  }
  return 0;
}
