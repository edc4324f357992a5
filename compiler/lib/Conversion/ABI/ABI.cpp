//===- ABI.cpp - the public calling convention of generated functions -----===//
//
// (tensors..., seed, step) -> (loss, results...)   becomes
// (inputs..., results..., seed, step, first_row, loss) -> ()   on memrefs,
// which the bare-pointer convention turns into plain C pointers (sg-rows-abi
// later adds the entry point without first_row).
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/ABI.h"
#include "sg/Conversion/Passes.h"
#include "sg/SGDialect.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGABI
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

std::string sg::cIdentifier(StringRef name) {
  std::string id;
  for (char c : name)
    id += llvm::isAlnum(c) || c == '_' ? c : '_';
  if (id.empty() || llvm::isDigit(id[0]))
    id = "_" + id;
  return id;
}

static const char *cElementType(Type elem) {
  if (elem.isF64())
    return "double";
  if (elem.isInteger(64))
    return "int64_t";
  if (elem.isInteger(32))
    return "int32_t";
  return "float";
}

SmallVector<ABIArgument> sg::getABIArguments(func::FuncOp func, GraphOp graph,
                                             bool withFirstRow) {
  FunctionType type = func.getFunctionType();
  auto elemOf = [](Type t) {
    return cElementType(cast<ShapedType>(t).getElementType());
  };
  SmallVector<ABIArgument> args;
  auto add = [&](std::string name, std::string decl, ABIRole role, Type t) {
    args.push_back({name, decl + name, role, t});
  };
  // Inputs: the graph's arguments, then baselines.
  unsigned numInputs = type.getNumInputs() - 2; // seed, step
  for (unsigned i = 0; i < numInputs; ++i) {
    bool isArg = i < graph.getNumArguments();
    std::string name =
        isArg ? cIdentifier(graph.getArgName(i))
              : "baseline" + std::to_string(i - graph.getNumArguments());
    ABIRole role = !isArg             ? ABIRole::Baseline
                   : graph.isParam(i) ? ABIRole::Param
                                      : ABIRole::Input;
    add(name, std::string("const ") + elemOf(type.getInput(i)) + " *", role,
        type.getInput(i));
  }
  // Results after the loss: outputs or gradients and new baselines, then
  // the instrumented kinks and checked mode's status (the order in which
  // sg-mark-kinks and sg-insert-checks append them).
  MLIRContext *ctx = func.getContext();
  bool isForward =
      SGDialect::KindAttrHelper(ctx).getAttr(func).getValue() == "forward";
  SmallVector<std::pair<std::string, ABIRole>> results;
  if (!isForward)
    for (unsigned i = 0; i < graph.getNumArguments(); ++i)
      if (graph.isParam(i))
        results.push_back(
            {"d_" + cIdentifier(graph.getArgName(i)), ABIRole::Grad});
  SmallVector<std::pair<std::string, ABIRole>> tail;
  if (SGDialect::KinkCountsAttrHelper(ctx).isAttrPresent(func))
    tail.push_back({"kinks", ABIRole::Kinks});
  if (SGDialect::CheckedAttrHelper(ctx).isAttrPresent(func))
    tail.push_back({"status", ABIRole::Status});
  unsigned numResults = type.getNumResults() - 1;
  for (unsigned k = 0; results.size() + tail.size() < numResults; ++k)
    results.push_back({(isForward ? "out" : "new_baseline") + std::to_string(k),
                       isForward ? ABIRole::Output : ABIRole::NewBaseline});
  results.append(tail);
  for (unsigned i = 0; i < numResults; ++i)
    add(results[i].first, std::string(elemOf(type.getResult(i + 1))) + " *",
        results[i].second, type.getResult(i + 1));
  Type i64 = IntegerType::get(func.getContext(), 64);
  add("seed", "uint64_t ", ABIRole::Seed, i64);
  add("step", "uint64_t ", ABIRole::Step, i64);
  if (withFirstRow)
    add("first_row", "uint64_t ", ABIRole::FirstRow, i64);
  add("loss", std::string(elemOf(type.getResult(0))) + " *", ABIRole::Loss,
      type.getResult(0));
  return args;
}

SmallVector<ABIArgument>
sg::getTrainStepArguments(ArrayRef<ABIArgument> lossGrad, bool adam) {
  SmallVector<ABIArgument> args, params;
  std::optional<ABIArgument> seed, step, loss;
  for (const ABIArgument &a : lossGrad) {
    if (a.role == ABIRole::Input) {
      args.push_back(a);
    } else if (a.role == ABIRole::Param) {
      // Updated in place: no longer const.
      ABIArgument writable = a;
      writable.decl = std::string(cElementType(cast<ShapedType>(a.type)
                                                   .getElementType())) +
                      " *" + a.name;
      args.push_back(writable);
      params.push_back(writable);
    } else if (a.role == ABIRole::Seed) {
      seed = a;
    } else if (a.role == ABIRole::Step) {
      step = a;
    } else if (a.role == ABIRole::Loss) {
      loss = a;
    }
  }
  if (adam)
    for (const char *prefix : {"m_", "v_"})
      for (const ABIArgument &p : params) {
        std::string name = prefix + p.name;
        args.push_back(
            {name,
             std::string(cElementType(
                 cast<ShapedType>(p.type).getElementType())) +
                 " *" + name,
             ABIRole::Param, p.type});
      }
  if (seed)
    args.push_back(*seed);
  if (step)
    args.push_back(*step);
  if (adam && step)
    args.push_back({"t", "uint64_t t", ABIRole::Step, step->type});
  if (loss)
    args.push_back(*loss);
  return args;
}

static MemRefType toMemRef(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return MemRefType::get(tensor.getShape(), tensor.getElementType());
}

static LogicalResult convert(func::FuncOp old, GraphOp graph) {
  FunctionType type = old.getFunctionType();
  unsigned numInputs = type.getNumInputs() - 2; // seed, step
  if (type.getNumResults() < 1)
    return old.emitError("generated function has no loss result");
  for (Type t : type.getInputs().take_front(numInputs))
    if (!isa<RankedTensorType>(t))
      return old.emitError("generated function takes a non-tensor input");

  MLIRContext *ctx = old.getContext();
  SmallVector<ABIArgument> names =
      getABIArguments(old, graph, /*withFirstRow=*/true);
  OpBuilder builder(old);
  // Inputs, results after the loss, seed, step, first_row, loss.
  SmallVector<Type> argTypes;
  for (Type t : type.getInputs().take_front(numInputs))
    argTypes.push_back(toMemRef(t));
  for (Type t : type.getResults().drop_front())
    argTypes.push_back(toMemRef(t));
  Type i64 = builder.getI64Type();
  argTypes.append({i64, i64, i64});
  argTypes.push_back(toMemRef(type.getResult(0)));

  auto func = builder.create<func::FuncOp>(
      old.getLoc(), old.getSymName(), builder.getFunctionType(argTypes, {}));
  for (NamedAttribute attr : old->getDiscardableAttrs())
    func->setAttr(attr.getName(), attr.getValue());
  unsigned numResults = type.getNumResults() - 1;
  unsigned seedIndex = numInputs + numResults;
  func.setArgAttr(seedIndex, SGDialect::kSeedAttrName, UnitAttr::get(ctx));
  func.setArgAttr(seedIndex + 1, SGDialect::kStepAttrName, UnitAttr::get(ctx));
  func.setArgAttr(seedIndex + 2, SGDialect::kFirstRowAttrName,
                  UnitAttr::get(ctx));
  // The rows that first_row offsets: the leading axis of the first input,
  // the axis sg-set-batch-size calls the batch.
  for (unsigned i = 0; i < graph.getNumArguments(); ++i) {
    auto t = cast<RankedTensorType>(graph.getArgumentTypes()[i]);
    if (graph.isInput(i) && t.getRank() > 0) {
      SGDialect::BatchSizeAttrHelper(ctx).setAttr(
          func, builder.getI64IntegerAttr(t.getDimSize(0)));
      break;
    }
  }
  // The header documents that buffers must not overlap; telling LLVM lets it
  // vectorize without runtime alias checks. The names let sg-abi-checks
  // report a null argument as the header calls it.
  assert(names.size() == argTypes.size() && "ABI names out of sync");
  bool lossGrad =
      SGDialect::KindAttrHelper(ctx).getAttr(old).getValue() == "loss_grad";
  SmallVector<unsigned> params;
  for (unsigned i = 0; i < graph.getNumArguments(); ++i)
    if (graph.isParam(i))
      params.push_back(i);
  for (unsigned i = 0; i < argTypes.size(); ++i) {
    if (auto memref = dyn_cast<MemRefType>(argTypes[i])) {
      func.setArgAttr(i, "llvm.noalias", UnitAttr::get(ctx));
      // What the passes on the LLVM dialect (sg-train-step) need to know
      // of a pointer.
      func.setArgAttr(i, SGDialect::kNumElementsAttrName,
                      builder.getI64IntegerAttr(memref.getNumElements()));
      func.setArgAttr(i, SGDialect::kElementTypeAttrName,
                      TypeAttr::get(memref.getElementType()));
    }
    // loss_grad's first results are the gradients, in parameter order.
    unsigned result = i - numInputs;
    if (lossGrad && i >= numInputs && result < params.size() && i < seedIndex)
      func.setArgAttr(i, SGDialect::kGradOfAttrName,
                      builder.getI64IntegerAttr(params[result]));
    func.setArgAttr(i, SGDialect::kArgNameAttrName,
                    builder.getStringAttr(names[i].name));
  }

  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  IRMapping mapping;
  Block &oldEntry = old.getBody().front();
  for (unsigned i = 0; i < numInputs; ++i) {
    auto toTensor = builder.create<bufferization::ToTensorOp>(
        old.getLoc(), entry->getArgument(i), /*restrict=*/true,
        /*writable=*/false);
    mapping.map(oldEntry.getArgument(i), toTensor.getResult());
  }
  mapping.map(oldEntry.getArgument(numInputs), entry->getArgument(seedIndex));
  mapping.map(oldEntry.getArgument(numInputs + 1),
              entry->getArgument(seedIndex + 1));

  for (Operation &op : oldEntry.without_terminator())
    builder.clone(op, mapping);
  auto ret = cast<func::ReturnOp>(oldEntry.getTerminator());
  auto store = [&](Value result, Value dest) {
    auto op = builder.create<bufferization::MaterializeInDestinationOp>(
        ret.getLoc(), TypeRange{}, mapping.lookup(result), dest);
    op.setRestrict(true);
    op.setWritable(true);
  };
  for (unsigned i = 0; i < numResults; ++i)
    store(ret.getOperand(i + 1), entry->getArgument(numInputs + i));
  store(ret.getOperand(0), entry->getArgument(seedIndex + 3));
  builder.create<func::ReturnOp>(ret.getLoc());
  old.erase();
  return success();
}

namespace {
struct ABIPass : public sg::impl::SGABIBase<ABIPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (!SGDialect::KindAttrHelper(ctx).isAttrPresent(func))
        continue;
      auto from = SGDialect::GraphAttrHelper(ctx).getAttr(func);
      auto graph =
          from ? module.lookupSymbol<GraphOp>(from.getAttr()) : GraphOp();
      if (!graph) {
        func.emitError("generated function without its sg.graph");
        return signalPassFailure();
      }
      if (failed(convert(func, graph)))
        return signalPassFailure();
    }
    for (auto graph : llvm::to_vector(module.getOps<GraphOp>()))
      graph.erase();
  }
};
} // namespace
