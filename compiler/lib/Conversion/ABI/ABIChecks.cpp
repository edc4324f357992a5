//===- ABIChecks.cpp - generated functions check their arguments ----------===//
//
// Every generated function gets an int result and, before its body, checks
// what the caller passed: no pointer argument may be null (the function
// would write through it) and the step must be below 2^32 (beyond, two
// (seed, step) pairs would silently share random streams). A failed check
// records a message naming the function and the argument through
// sg_set_error and returns its code without touching any buffer; a call
// that succeeds clears the message. Checked
// mode's status also becomes the result: kABIErrorCheck when a check failed.
// A few compares per call; nothing per element.
//
//===----------------------------------------------------------------------===//

#include "ABIErrors.h"

#include "sg/Conversion/ABI.h"
#include "sg/Conversion/Passes.h"
#include "sg/SGDialect.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGABICHECKS
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

LLVM::LLVMFuncOp sg::getOrDeclare(OpBuilder &b, ModuleOp module,
                                  StringRef name, LLVM::LLVMFunctionType type) {
  if (auto f = module.lookupSymbol<LLVM::LLVMFuncOp>(name))
    return f;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(module.getBody());
  return b.create<LLVM::LLVMFuncOp>(module.getLoc(), name, type);
}

Value sg::getStringPtr(OpBuilder &b, ModuleOp module, Location loc,
                       StringRef text) {
  std::string name = "__sg_str_" + llvm::utohexstr(llvm::xxh3_64bits(text));
  auto global = module.lookupSymbol<LLVM::GlobalOp>(name);
  if (!global) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    auto type = LLVM::LLVMArrayType::get(b.getI8Type(), text.size() + 1);
    global = b.create<LLVM::GlobalOp>(loc, type, /*isConstant=*/true,
                                      LLVM::Linkage::Private, name,
                                      b.getStringAttr(text.str() + '\0'));
  }
  return b.create<LLVM::AddressOfOp>(loc, global);
}

void sg::callSetError(OpBuilder &b, ModuleOp module, Location loc,
                      StringRef fmt, ValueRange args) {
  MLIRContext *ctx = b.getContext();
  auto type = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                          {LLVM::LLVMPointerType::get(ctx)},
                                          /*isVarArg=*/true);
  LLVM::LLVMFuncOp decl = getOrDeclare(b, module, "sg_set_error", type);
  SmallVector<Value> operands{getStringPtr(b, module, loc, fmt)};
  operands.append(args.begin(), args.end());
  auto call = b.create<LLVM::CallOp>(loc, decl, operands);
  call.setVarCalleeType(type);
}

/// sg_set_error(NULL): clears the message, so that `<graph>_last_error()`
/// after a successful call never shows an earlier call's failure.
static void callClearError(OpBuilder &b, ModuleOp module, Location loc) {
  MLIRContext *ctx = b.getContext();
  auto ptr = LLVM::LLVMPointerType::get(ctx);
  auto type = LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx), {ptr},
                                          /*isVarArg=*/true);
  LLVM::LLVMFuncOp decl = getOrDeclare(b, module, "sg_set_error", type);
  Value null = b.create<LLVM::ZeroOp>(loc, ptr);
  auto call = b.create<LLVM::CallOp>(loc, decl, ValueRange{null});
  call.setVarCalleeType(type);
}

static void createReturn(OpBuilder &b, Location loc, int32_t code) {
  Value c = b.create<LLVM::ConstantOp>(loc, b.getI32Type(),
                                       b.getI32IntegerAttr(code));
  b.create<LLVM::ReturnOp>(loc, c);
}

Block *sg::createNullArgumentBlock(OpBuilder &b, LLVM::LLVMFuncOp func) {
  OpBuilder::InsertionGuard guard(b);
  Location loc = func.getLoc();
  Type ptr = LLVM::LLVMPointerType::get(b.getContext());
  Block *block =
      b.createBlock(&func.getBody(), func.getBody().end(), {ptr}, {loc});
  auto module = func->getParentOfType<ModuleOp>();
  Value name = getStringPtr(b, module, loc, func.getSymName());
  callSetError(b, module, loc, "%s: argument '%s' is a null pointer",
               {name, block->getArgument(0)});
  createReturn(b, loc, kABIErrorNull);
  return block;
}

Block *sg::checkNotNull(OpBuilder &b, Block *current, Value ptr, StringRef name,
                        Block *nullBlock) {
  Location loc = ptr.getLoc();
  Block *next =
      b.createBlock(current->getParent(), std::next(current->getIterator()));
  b.setInsertionPointToEnd(current);
  Value null = b.create<LLVM::ZeroOp>(loc, ptr.getType());
  Value isNull =
      b.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::eq, ptr, null);
  Value nameStr = getStringPtr(
      b, current->getParentOp()->getParentOfType<ModuleOp>(), loc, name);
  b.create<LLVM::CondBrOp>(loc, isNull, nullBlock, ValueRange{nameStr}, next,
                           ValueRange{});
  return next;
}

/// Gives `func` the checks described at the top and an i32 result.
static LogicalResult addChecks(LLVM::LLVMFuncOp func) {
  MLIRContext *ctx = func.getContext();
  auto module = func->getParentOfType<ModuleOp>();
  OpBuilder b(ctx);
  Location loc = func.getLoc();
  Type i32 = b.getI32Type(), i64 = b.getI64Type();
  LLVM::LLVMFunctionType oldType = func.getFunctionType();
  if (!isa<LLVM::LLVMVoidType>(oldType.getReturnType()))
    return func.emitError("sg-abi-checks: function already returns a value");
  func.setFunctionTypeAttr(
      TypeAttr::get(LLVM::LLVMFunctionType::get(i32, oldType.getParams())));

  // The names and roles of the arguments (set by sg-abi).
  Block *body = &func.getBody().front();
  std::optional<unsigned> step, status;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    if (func.getArgAttr(i, SGDialect::kStepAttrName))
      step = i;
    auto name =
        func.getArgAttrOfType<StringAttr>(i, SGDialect::kArgNameAttrName);
    if (name && name.getValue() == "status" &&
        SGDialect::CheckedAttrHelper(func.getContext()).isAttrPresent(func))
      status = i;
  }
  if (!step)
    return func.emitError("sg-abi-checks: no argument marked ")
           << SGDialect::kStepAttrName;

  // Every return: 0, or in checked mode the failed check's code.
  SmallVector<LLVM::ReturnOp> returns;
  func.walk([&](LLVM::ReturnOp ret) { returns.push_back(ret); });
  for (LLVM::ReturnOp ret : returns) {
    b.setInsertionPoint(ret);
    if (!status) {
      callClearError(b, module, ret.getLoc());
      createReturn(b, ret.getLoc(), 0);
      ret.erase();
      continue;
    }
    Value failed =
        b.create<LLVM::LoadOp>(ret.getLoc(), i32, body->getArgument(*status));
    Value zero =
        b.create<LLVM::ConstantOp>(ret.getLoc(), i32, b.getI32IntegerAttr(0));
    Value isFailed = b.create<LLVM::ICmpOp>(
        ret.getLoc(), LLVM::ICmpPredicate::ne, failed, zero);
    Block *from = ret->getBlock();
    Block *ok =
        b.createBlock(from->getParent(), std::next(from->getIterator()));
    callClearError(b, module, ret.getLoc());
    createReturn(b, ret.getLoc(), 0);
    Block *bad = b.createBlock(ok->getParent(), std::next(ok->getIterator()));
    callSetError(
        b, module, ret.getLoc(), "%s: run-time check %d failed",
        {getStringPtr(b, module, ret.getLoc(), func.getSymName()), failed});
    createReturn(b, ret.getLoc(), kABIErrorCheck);
    b.setInsertionPoint(ret);
    b.create<LLVM::CondBrOp>(ret.getLoc(), isFailed, bad, ok);
    ret.erase();
  }

  // A new entry block takes the arguments and checks them; the old one
  // becomes its last successor.
  Block *entry = b.createBlock(
      &func.getBody(), func.getBody().begin(), oldType.getParams(),
      SmallVector<Location>(func.getNumArguments(), loc));
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    body->getArgument(i).replaceAllUsesWith(entry->getArgument(i));
  body->eraseArguments(0, body->getNumArguments());

  Block *nullBlock = createNullArgumentBlock(b, func);
  Block *current = entry;
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    if (!isa<LLVM::LLVMPointerType>(entry->getArgument(i).getType()))
      continue;
    auto name =
        func.getArgAttrOfType<StringAttr>(i, SGDialect::kArgNameAttrName);
    current = checkNotNull(b, current, entry->getArgument(i),
                           name ? name.getValue() : "#" + std::to_string(i),
                           nullBlock);
  }
  b.setInsertionPointToEnd(current);
  Value limit = b.create<LLVM::ConstantOp>(
      loc, i64, b.getI64IntegerAttr(int64_t(kABIStepLimit)));
  Value tooLarge = b.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::uge,
                                          entry->getArgument(*step), limit);
  Block *bad = b.createBlock(&func.getBody(), func.getBody().end());
  callSetError(b, module, loc,
               "%s: step %llu is not below 2^32 (SGC_STEP_LIMIT): such a "
               "step would reuse the random streams of another seed",
               {getStringPtr(b, module, loc, func.getSymName()),
                entry->getArgument(*step)});
  createReturn(b, loc, kABIErrorKey);
  b.setInsertionPointToEnd(current);
  b.create<LLVM::CondBrOp>(loc, tooLarge, bad, body);
  return success();
}

/// `<graph>_last_error()`: the message of this library's runtime copy,
/// which a program cannot reach otherwise (its symbols are hidden).
static void addLastError(ModuleOp module, StringRef graph) {
  MLIRContext *ctx = module.getContext();
  OpBuilder b(ctx);
  Type ptr = LLVM::LLVMPointerType::get(ctx);
  auto type = LLVM::LLVMFunctionType::get(ptr, {});
  LLVM::LLVMFuncOp runtime = getOrDeclare(b, module, "sg_last_error", type);
  b.setInsertionPointToEnd(module.getBody());
  auto func = b.create<LLVM::LLVMFuncOp>(module.getLoc(),
                                         (graph + "_last_error").str(), type);
  b.setInsertionPointToStart(func.addEntryBlock(b));
  Value message = b.create<LLVM::CallOp>(module.getLoc(), runtime, ValueRange{})
                      .getResult();
  b.create<LLVM::ReturnOp>(module.getLoc(), message);
}

namespace {
struct ABIChecksPass : public sg::impl::SGABIChecksBase<ABIChecksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();
    llvm::SetVector<StringRef> graphs;
    for (auto func : llvm::to_vector(module.getOps<LLVM::LLVMFuncOp>())) {
      if (!SGDialect::KindAttrHelper(ctx).isAttrPresent(func) ||
          func.isExternal())
        continue;
      if (failed(addChecks(func)))
        return signalPassFailure();
      if (auto graph = SGDialect::GraphAttrHelper(ctx).getAttr(func))
        graphs.insert(graph.getValue());
    }
    for (StringRef graph : graphs)
      if (!module.lookupSymbol((graph + "_last_error").str()))
        addLastError(module, graph);
    // sg-rows-abi's entry points call their _rows function, which returns a
    // code now too. They checked the same arguments before the call, so the
    // code is 0 or, in checked mode, the one they derive from *status
    // themselves: the call's result goes unused.
    module.walk([&](LLVM::CallOp call) {
      auto callee =
          call.getCallee()
              ? module.lookupSymbol<LLVM::LLVMFuncOp>(*call.getCallee())
              : LLVM::LLVMFuncOp();
      if (!callee ||
          !SGDialect::KindAttrHelper(callee.getContext())
               .isAttrPresent(callee) ||
          call.getNumResults())
        return;
      OpBuilder b(call);
      b.create<LLVM::CallOp>(call.getLoc(), callee, call.getArgOperands());
      call.erase();
    });
  }
};
} // namespace
