//===- RowsABI.cpp - entry points with and without first_row --------------===//
//
// sg-abi gives every generated function a `first_row` argument (the global
// index of the call's first batch row, which keys the samples). Most callers
// evaluate whole batches and pass 0, so the function keeps its public name
// and signature without it, and the version taking it gets the suffix
// "_rows". Runs before sg-abi-checks, so that both entry points check their
// arguments and report errors under their own names.
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/ABI.h"
#include "sg/Conversion/Passes.h"
#include "sg/SGDialect.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGROWSABI
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

/// Renames `func` to `<f>_rows` and adds `<f>`, which calls it with
/// first_row = 0.
static LogicalResult addWholeBatchEntry(LLVM::LLVMFuncOp func) {
  std::optional<unsigned> firstRow;
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    if (func.getArgAttr(i, SGDialect::kFirstRowAttrName))
      firstRow = i;
  if (!firstRow)
    return func.emitError("sg-rows-abi: no argument marked sg.first_row");
  LLVM::LLVMFunctionType rowsType = func.getFunctionType();
  if (!isa<LLVM::LLVMVoidType>(rowsType.getReturnType()))
    return func.emitError("sg-rows-abi: expected a function without result "
                          "(run before sg-abi-checks)");

  std::string name = func.getSymName().str();
  func.setSymName(name + kRowsSuffix.str());
  // The call below must reach this library's own function even when the
  // process has loaded another library with the same names (e.g. a model
  // compiled for another batch size): no interposition through the PLT.
  func.setDsoLocal(true);
  OpBuilder b(func);
  Location loc = func.getLoc();
  SmallVector<Type> params(rowsType.getParams());
  params.erase(params.begin() + *firstRow);
  auto type = LLVM::LLVMFunctionType::get(rowsType.getReturnType(), params);
  auto whole = b.create<LLVM::LLVMFuncOp>(loc, name, type);
  // Same kind, graph, kinks and checked mode; same argument names and
  // noalias, minus first_row.
  for (NamedAttribute attr : func->getDiscardableAttrs())
    whole->setAttr(attr.getName(), attr.getValue());
  for (unsigned i = 0, j = 0; i < func.getNumArguments(); ++i)
    if (i != *firstRow)
      whole.setArgAttrs(j++, func.getArgAttrDict(i));

  Block *entry = whole.addEntryBlock(b);
  b.setInsertionPointToStart(entry);
  SmallVector<Value> args(entry->getArguments());
  Value zero =
      b.create<LLVM::ConstantOp>(loc, b.getI64Type(), b.getI64IntegerAttr(0));
  args.insert(args.begin() + *firstRow, zero);
  b.create<LLVM::CallOp>(loc, func, args);
  b.create<LLVM::ReturnOp>(loc, ValueRange{});
  return success();
}

namespace {
struct RowsABIPass : public sg::impl::SGRowsABIBase<RowsABIPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : llvm::to_vector(module.getOps<LLVM::LLVMFuncOp>())) {
      if (!SGDialect::KindAttrHelper(func.getContext()).isAttrPresent(func) ||
          func.isExternal())
        continue;
      if (failed(addWholeBatchEntry(func)))
        return signalPassFailure();
    }
  }
};
} // namespace
