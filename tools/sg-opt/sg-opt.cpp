//===- sg-opt.cpp - the sg optimizer driver -------------------------------===//
//
// An mlir-opt for the sg dialect: runs any sg pass in isolation (lit tests
// use it). Registers only what sgc uses, which keeps this file quick to build.
//
//===----------------------------------------------------------------------===//

#include "sg/Pipelines/Pipelines.h"
#include "mlir/IR/BuiltinOps.h"
#include "sg/SGDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::sg::registerAllPasses();

  mlir::DialectRegistry registry;
  mlir::sg::registerCompilerDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "sg optimizer driver: runs sg passes on .mlir files\n",
      registry));
}
