//===- PackedABI.cpp - one-array entry points for generic callers ---------===//

#include "ABIErrors.h"

#include "sg/Conversion/ABI.h"
#include "sg/Conversion/Passes.h"
#include "sg/SGDialect.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGPACKEDABI
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {
struct PackedABIPass : public sg::impl::SGPackedABIBase<PackedABIPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();
    for (auto func : llvm::to_vector(module.getOps<LLVM::LLVMFuncOp>())) {
      if (!sg::SGDialect::KindAttrHelper(ctx).isAttrPresent(func) ||
          func.isExternal())
        continue;
      OpBuilder b(ctx);
      b.setInsertionPointAfter(func);
      Location loc = func.getLoc();
      Type ptr = LLVM::LLVMPointerType::get(ctx), i64 = b.getI64Type();
      Type result = func.getFunctionType().getReturnType();
      // (buffers, seed, step), and first_row for the _rows entry points.
      bool rows = false;
      for (unsigned i = 0; i < func.getNumArguments(); ++i)
        rows |= bool(func.getArgAttr(i, sg::SGDialect::kFirstRowAttrName));
      SmallVector<Type> params{ptr, i64, i64};
      if (rows)
        params.push_back(i64);
      auto type = LLVM::LLVMFunctionType::get(result, params);
      auto packed = b.create<LLVM::LLVMFuncOp>(
          loc, (func.getSymName() + "_packed").str(), type);
      Block *entry = packed.addEntryBlock(b);
      Value buffers = entry->getArgument(0);
      // The callee checks the buffers themselves; the array is ours.
      Block *nullBlock = sg::createNullArgumentBlock(b, packed);
      b.setInsertionPointToStart(
          sg::checkNotNull(b, entry, buffers, "buffers", nullBlock));
      SmallVector<Value> args;
      int64_t next = 0;
      for (unsigned i = 0; i < func.getNumArguments(); ++i) {
        Type t = func.getArgumentTypes()[i];
        if (isa<LLVM::LLVMPointerType>(t)) {
          Value slot = b.create<LLVM::GEPOp>(loc, ptr, ptr, buffers,
                                             ArrayRef<LLVM::GEPArg>{next++});
          args.push_back(b.create<LLVM::LoadOp>(loc, ptr, slot));
        } else if (func.getArgAttr(i, sg::SGDialect::kSeedAttrName)) {
          args.push_back(entry->getArgument(1));
        } else if (func.getArgAttr(i, sg::SGDialect::kStepAttrName)) {
          args.push_back(entry->getArgument(2));
        } else if (func.getArgAttr(i, sg::SGDialect::kFirstRowAttrName)) {
          args.push_back(entry->getArgument(3));
        } else {
          func.emitError("sg-packed-abi: unexpected argument type ") << t;
          return signalPassFailure();
        }
      }
      // This library's own function, even where another loaded library
      // exports the same name (no interposition through the PLT).
      func.setDsoLocal(true);
      auto call = b.create<LLVM::CallOp>(loc, func, args);
      b.create<LLVM::ReturnOp>(loc, call.getResults());
    }
  }
};
} // namespace
