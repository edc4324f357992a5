//===- TrainStep.cpp - a training step: gradient, then the optimizer ------===//
//
// `<graph>_train_step` computes the gradient with `<graph>_loss_grad` into
// buffers of the runtime's per-thread cache and updates every parameter (and
// Adam's moments) in place with the runtime's own sg_adam_step_* or
// sg_sgd_step_*: the same arithmetic, by construction bit for bit, as a
// caller doing the two calls itself. The gradient is written once (by the
// GEMM that computes it) and read once (by the update); the caller keeps no
// gradient buffers. Built on the LLVM dialect after sg-abi-checks, so the
// callee already returns its error code.
//
//===----------------------------------------------------------------------===//

#include "ABIErrors.h"

#include "sg/Conversion/ABI.h"
#include "sg/Conversion/Passes.h"
#include "sg/SGDialect.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGTRAINSTEP
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

/// The hyper-parameters of the module's sg.optimizer attribute.
struct Optimizer {
  bool adam = true;
  // alpha, beta1, beta2, eps, grad_scale: sg_adam_config's field order.
  double adamConfig[5] = {0, 0, 0, 0, 0};
  double lr = 0;
};

FailureOr<Optimizer> parseOptimizer(ModuleOp module, DictionaryAttr dict) {
  Optimizer o;
  auto kind = dict.getAs<StringAttr>("kind");
  auto number = [&](StringRef name, double &out) {
    auto attr = dict.getAs<FloatAttr>(name);
    if (!attr)
      return false;
    out = attr.getValueAsDouble();
    return true;
  };
  if (kind && kind.getValue() == "adam") {
    const char *names[] = {"alpha", "beta1", "beta2", "eps", "grad_scale"};
    for (int i = 0; i < 5; ++i)
      if (!number(names[i], o.adamConfig[i]))
        return module.emitError("sg.optimizer: adam needs an f64 '")
               << names[i] << "'";
    for (double beta : {o.adamConfig[1], o.adamConfig[2]})
      if (!(beta >= 0 && beta < 1))
        return module.emitError("sg.optimizer: beta1 and beta2 must lie in "
                                "[0, 1), got ")
               << beta;
    return o;
  }
  if (kind && kind.getValue() == "sgd") {
    o.adam = false;
    if (!number("lr", o.lr))
      return module.emitError("sg.optimizer: sgd needs an f64 'lr'");
    return o;
  }
  return module.emitError("sg.optimizer: 'kind' must be \"adam\" or \"sgd\"");
}

/// One parameter: its loss_grad argument, gradient argument, element count
/// and element type.
struct Param {
  unsigned arg, grad;
  int64_t size;
  Type elem;
  std::string name;
};

LogicalResult buildTrainStep(LLVM::LLVMFuncOp lossGrad, const Optimizer &opt) {
  MLIRContext *ctx = lossGrad.getContext();
  auto module = lossGrad->getParentOfType<ModuleOp>();
  if (SGDialect::KinkCountsAttrHelper(ctx).isAttrPresent(lossGrad) ||
      SGDialect::CheckedAttrHelper(ctx).isAttrPresent(lossGrad))
    return lossGrad.emitError(
        "sg-train-step: no training step with --instrument-kinks or "
        "--checked (their extra results have no place in it)");

  // Sort loss_grad's arguments into inputs, gradients, seed, step, loss.
  SmallVector<unsigned> inputs;
  SmallVector<Param> params;
  std::optional<unsigned> seed, step;
  unsigned n = lossGrad.getNumArguments();
  for (unsigned i = 0; i < n; ++i) {
    if (lossGrad.getArgAttr(i, SGDialect::kSeedAttrName))
      seed = i;
    else if (lossGrad.getArgAttr(i, SGDialect::kStepAttrName))
      step = i;
    else if (auto of = lossGrad.getArgAttrOfType<IntegerAttr>(
                 i, SGDialect::kGradOfAttrName))
      params.push_back({unsigned(of.getInt()), i, 0, Type(), ""});
    else if (!seed)
      inputs.push_back(i);
  }
  if (!seed || !step || *step + 2 != n || params.empty())
    return lossGrad.emitError("sg-train-step: loss_grad does not have the "
                              "arguments sg-abi gives it");
  // Inputs are the graph's arguments, then (with baselines) more.
  for (Param &p : params) {
    auto size = lossGrad.getArgAttrOfType<IntegerAttr>(
        p.arg, SGDialect::kNumElementsAttrName);
    auto elem = lossGrad.getArgAttrOfType<TypeAttr>(
        p.arg, SGDialect::kElementTypeAttrName);
    auto name = lossGrad.getArgAttrOfType<StringAttr>(
        p.arg, SGDialect::kArgNameAttrName);
    if (!size || !elem || !name || p.arg >= inputs.size())
      return lossGrad.emitError("sg-train-step: parameter argument ")
             << p.arg << " lacks the attributes sg-abi gives it";
    if (!elem.getValue().isF32() && !elem.getValue().isF64())
      return lossGrad.emitError("sg-train-step: parameters must be f32 or f64");
    p.size = size.getInt();
    p.elem = elem.getValue();
    p.name = name.getValue().str();
  }
  if (params.back().grad + 1 != *seed)
    return lossGrad.emitError(
        "sg-train-step: no training step with --baseline=moving-average (the "
        "baselines would have to be passed through)");

  // The signature of getTrainStepArguments: inputs, [m..., v...], seed,
  // step, [t], loss.
  OpBuilder b(ctx);
  Location loc = lossGrad.getLoc();
  Type ptr = LLVM::LLVMPointerType::get(ctx), i64 = b.getI64Type(),
       i32 = b.getI32Type();
  SmallVector<Type> types(inputs.size(), ptr);
  SmallVector<std::string> names;
  for (unsigned i : inputs)
    names.push_back(
        lossGrad.getArgAttrOfType<StringAttr>(i, SGDialect::kArgNameAttrName)
            .getValue()
            .str());
  if (opt.adam) {
    for (const char *prefix : {"m_", "v_"})
      for (const Param &p : params) {
        types.push_back(ptr);
        names.push_back(prefix + p.name);
      }
  }
  unsigned seedArg = types.size();
  types.append({i64, i64});
  names.append({"seed", "step"});
  if (opt.adam) {
    types.push_back(i64);
    names.push_back("t");
  }
  unsigned lossArg = types.size();
  types.push_back(ptr);
  names.push_back("loss");

  StringRef base = lossGrad.getSymName();
  if (!base.consume_back("_loss_grad"))
    return lossGrad.emitError(
        "sg-train-step: expected a name <graph>_loss_grad");
  std::string fname = (base + "_train_step").str();
  if (module.lookupSymbol(fname))
    return lossGrad.emitError("sg-train-step: @") << fname << " exists";
  b.setInsertionPointAfter(lossGrad);
  auto func = b.create<LLVM::LLVMFuncOp>(
      loc, fname, LLVM::LLVMFunctionType::get(i32, types));
  for (unsigned i = 0; i < types.size(); ++i) {
    func.setArgAttr(i, SGDialect::kArgNameAttrName, b.getStringAttr(names[i]));
    if (isa<LLVM::LLVMPointerType>(types[i]))
      func.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                      UnitAttr::get(ctx));
  }
  Block *entry = func.addEntryBlock(b);
  auto arg = [&](unsigned i) { return entry->getArgument(i); };
  auto constant = [&](Type t, int64_t v) -> Value {
    return b.create<LLVM::ConstantOp>(loc, t, b.getIntegerAttr(t, v));
  };
  auto fnName = [&] { return getStringPtr(b, module, loc, fname); };

  // Every argument is checked before any buffer is touched: a null moment
  // found by the runtime after some parameters were updated would leave the
  // model half a step further.
  Block *nullBlock = createNullArgumentBlock(b, func);
  Block *current = entry;
  for (unsigned i = 0; i < types.size(); ++i)
    if (isa<LLVM::LLVMPointerType>(types[i]))
      current = checkNotNull(b, current, arg(i), names[i], nullBlock);
  auto failIf = [&](Value bad, StringRef fmt, ValueRange fmtArgs,
                    int32_t code) {
    Block *ok = b.createBlock(&func.getBody(), func.getBody().end());
    Block *error = b.createBlock(&func.getBody(), func.getBody().end());
    SmallVector<Value> all{fnName()};
    llvm::append_range(all, fmtArgs);
    callSetError(b, module, loc, fmt, all);
    b.create<LLVM::ReturnOp>(loc, constant(i32, code));
    b.setInsertionPointToEnd(current);
    b.create<LLVM::CondBrOp>(loc, bad, error, ok);
    current = ok;
    b.setInsertionPointToEnd(current);
  };
  b.setInsertionPointToEnd(current);
  failIf(b.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::uge, arg(seedArg + 1),
                                constant(i64, int64_t(kABIStepLimit))),
         "%s: step %llu is not below 2^32 (SGC_STEP_LIMIT): such a step "
         "would reuse the random streams of another seed",
         ValueRange{arg(seedArg + 1)}, kABIErrorKey);
  if (opt.adam)
    failIf(b.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::eq,
                                  arg(seedArg + 2), constant(i64, 0)),
           "%s: Adam's step t must start at 1 (t = 0 divides by 1 - "
           "beta1^0)",
           ValueRange{}, kABIErrorValue);

  // The gradients, in the buffer cache compiled code allocates from.
  auto alloc = getOrDeclare(b, module, "_mlir_memref_to_llvm_alloc",
                            LLVM::LLVMFunctionType::get(ptr, {i64}));
  auto release = getOrDeclare(
      b, module, "_mlir_memref_to_llvm_free",
      LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx), {ptr}));
  SmallVector<Value> grads;
  for (const Param &p : params) {
    int64_t bytes = p.size * (p.elem.isF64() ? 8 : 4);
    grads.push_back(
        b.create<LLVM::CallOp>(loc, alloc, ValueRange{constant(i64, bytes)})
            .getResult());
  }
  // On failure: free the gradients, return the code.
  Block *fail =
      b.createBlock(&func.getBody(), func.getBody().end(), {i32}, {loc});
  for (Value g : grads)
    b.create<LLVM::CallOp>(loc, release, ValueRange{g});
  b.create<LLVM::ReturnOp>(loc, fail->getArgument(0));
  auto continueIfOk = [&](Value rc) {
    Block *ok = b.createBlock(&func.getBody(), std::prev(func.getBody().end()));
    b.setInsertionPointToEnd(current);
    Value bad = b.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::ne, rc,
                                       constant(i32, 0));
    b.create<LLVM::CondBrOp>(loc, bad, fail, ValueRange{rc}, ok, ValueRange{});
    current = ok;
    b.setInsertionPointToEnd(current);
  };

  b.setInsertionPointToEnd(current);
  // The call must reach this library's loss_grad: a program that loads the
  // library for another batch size may have linked one of the same name,
  // which would otherwise interpose (a local alias, no PLT).
  lossGrad.setDsoLocal(true);
  SmallVector<Value> callArgs;
  for (unsigned i = 0; i < inputs.size(); ++i)
    callArgs.push_back(arg(i));
  callArgs.append(grads);
  callArgs.append({arg(seedArg), arg(seedArg + 1), arg(lossArg)});
  continueIfOk(b.create<LLVM::CallOp>(loc, lossGrad, callArgs).getResult());

  Value config;
  if (opt.adam) {
    // sg_adam_config as a private constant.
    auto type = LLVM::LLVMArrayType::get(b.getF64Type(), 5);
    auto global = module.lookupSymbol<LLVM::GlobalOp>("__sg_adam_config");
    if (!global) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      global = b.create<LLVM::GlobalOp>(
          loc, type, /*isConstant=*/true, LLVM::Linkage::Private,
          "__sg_adam_config",
          DenseElementsAttr::get(RankedTensorType::get({5}, b.getF64Type()),
                                 ArrayRef<double>(opt.adamConfig, 5)));
    }
    config = b.create<LLVM::AddressOfOp>(loc, global);
  }
  for (auto [k, p] : llvm::enumerate(params)) {
    bool f64 = p.elem.isF64();
    Value w = arg(p.arg), g = grads[k], size = constant(i64, p.size);
    Value rc;
    if (opt.adam) {
      auto adam =
          getOrDeclare(b, module, f64 ? "sg_adam_step_f64" : "sg_adam_step_f32",
                       LLVM::LLVMFunctionType::get(
                           i32, {ptr, ptr, ptr, ptr, i64, i64, ptr}));
      Value m = arg(inputs.size() + k),
            v = arg(inputs.size() + params.size() + k);
      rc = b.create<LLVM::CallOp>(
                loc, adam,
                ValueRange{w, g, m, v, size, arg(seedArg + 2), config})
               .getResult();
    } else {
      Type real = f64 ? Type(b.getF64Type()) : Type(b.getF32Type());
      auto sgd =
          getOrDeclare(b, module, f64 ? "sg_sgd_step_f64" : "sg_sgd_step_f32",
                       LLVM::LLVMFunctionType::get(i32, {ptr, ptr, i64, real}));
      Value lr =
          b.create<LLVM::ConstantOp>(loc, real, b.getFloatAttr(real, opt.lr));
      rc = b.create<LLVM::CallOp>(loc, sgd, ValueRange{w, g, size, lr})
               .getResult();
    }
    continueIfOk(rc);
  }
  for (Value g : grads)
    b.create<LLVM::CallOp>(loc, release, ValueRange{g});
  b.create<LLVM::ReturnOp>(loc, constant(i32, 0));
  return success();
}

struct TrainStepPass : public sg::impl::SGTrainStepBase<TrainStepPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    DictionaryAttr dict =
        SGDialect::OptimizerAttrHelper(&getContext()).getAttr(module);
    if (!dict)
      return;
    FailureOr<Optimizer> opt = parseOptimizer(module, dict);
    if (failed(opt))
      return signalPassFailure();
    for (auto func : llvm::to_vector(module.getOps<LLVM::LLVMFuncOp>())) {
      StringAttr kind = SGDialect::KindAttrHelper(&getContext()).getAttr(func);
      if (!kind || kind.getValue() != "loss_grad" || func.isExternal())
        continue;
      // The step serves one process: it wraps the whole-batch entry point,
      // not sg-rows-abi's <graph>_loss_grad_rows (data-parallel callers sum
      // the gradients across processes before the optimizer).
      bool rows = false;
      for (unsigned i = 0; i < func.getNumArguments(); ++i)
        rows |= bool(func.getArgAttr(i, SGDialect::kFirstRowAttrName));
      if (rows)
        continue;
      if (failed(buildTrainStep(func, *opt)))
        return signalPassFailure();
    }
  }
};

} // namespace
