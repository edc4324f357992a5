//===- ABI.cpp - the public calling convention of generated functions -----===//
//
// (tensors..., seed, step) -> (loss, results...)   becomes
// (inputs..., results..., seed, step, loss) -> ()   on memrefs,
// which the bare-pointer convention turns into plain C pointers.
//
//===----------------------------------------------------------------------===//

#include "sg/Passes.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGABI
#include "sg/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

static MemRefType toMemRef(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return MemRefType::get(tensor.getShape(), tensor.getElementType());
}

static LogicalResult convert(func::FuncOp old) {
  FunctionType type = old.getFunctionType();
  unsigned numInputs = type.getNumInputs() - 2; // seed, step
  if (type.getNumResults() < 1)
    return old.emitError("generated function has no loss result");
  for (Type t : type.getInputs().take_front(numInputs))
    if (!isa<RankedTensorType>(t))
      return old.emitError("generated function takes a non-tensor input");

  MLIRContext *ctx = old.getContext();
  OpBuilder builder(old);
  // Inputs, results after the loss, seed, step, loss.
  SmallVector<Type> argTypes;
  for (Type t : type.getInputs().take_front(numInputs))
    argTypes.push_back(toMemRef(t));
  for (Type t : type.getResults().drop_front())
    argTypes.push_back(toMemRef(t));
  argTypes.append({builder.getI64Type(), builder.getI64Type()});
  argTypes.push_back(toMemRef(type.getResult(0)));

  auto func = builder.create<func::FuncOp>(
      old.getLoc(), old.getSymName(), builder.getFunctionType(argTypes, {}));
  for (NamedAttribute attr : old->getDiscardableAttrs())
    func->setAttr(attr.getName(), attr.getValue());
  unsigned numResults = type.getNumResults() - 1;
  unsigned seedIndex = numInputs + numResults;
  func.setArgAttr(seedIndex, SGDialect::kSeedAttrName, UnitAttr::get(ctx));
  func.setArgAttr(seedIndex + 1, SGDialect::kStepAttrName, UnitAttr::get(ctx));
  // The header documents that buffers must not overlap; telling LLVM lets it
  // vectorize without runtime alias checks.
  for (unsigned i = 0; i < argTypes.size(); ++i)
    if (isa<MemRefType>(argTypes[i]))
      func.setArgAttr(i, "llvm.noalias", UnitAttr::get(ctx));

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
  store(ret.getOperand(0), entry->getArgument(seedIndex + 2));
  builder.create<func::ReturnOp>(ret.getLoc());
  old.erase();
  return success();
}

namespace {
struct ABIPass : public sg::impl::SGABIBase<ABIPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>()))
      if (func->hasAttr(kKindAttrName) && failed(convert(func)))
        return signalPassFailure();
    for (auto graph : llvm::to_vector(module.getOps<GraphOp>()))
      graph.erase();
  }
};
} // namespace
