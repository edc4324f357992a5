//===- Outline.cpp - long function bodies into bounded-size functions -----===//
//
// sg-outline (Conversion/Passes.td): a graph of N ops lowers to one function
// of O(N) loops, and several later passes are superlinear in the size of one
// function (LLVM's loop passes, SCF to CF, deallocation simplification).
// Cutting the straight-line body into consecutive chunks of bounded size,
// each moved into its own function, keeps every later stage linear in N.
//
// sgc runs it on tensors, before fusion: one-shot bufferization's analysis
// (and eliminate-empty-tensors, which runs it) collects, for every use of a
// tensor, every use of its aliases, so a parameter read by every third layer
// made it quadratic in the graph. A tensor that crosses a cut is written by
// its chunk into a buffer the caller allocates and read back by later chunks
// through `bufferization.to_tensor`, so each function is one in the shape
// sg-abi gives the public ones and bufferizes alone without copies.
//
// On buffers (after bufferization, before deallocation) the same cuts apply
// to memrefs. Outlined functions never return a buffer: a static allocation
// whose buffer outlives its chunk moves to the caller, so each function owns
// only its temporaries.
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/Passes.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGOUTLINE
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {

/// Scalars cross a call as they are; memrefs as bare pointers, which needs a
/// static shape, strides and offset (the lowering uses the bare-pointer
/// calling convention).
bool isPassable(Type type) {
  if (type.isIntOrIndexOrFloat())
    return true;
  auto memref = dyn_cast<MemRefType>(type);
  return memref && LLVMTypeConverter::canConvertToBarePtr(memref);
}

/// Ops that are cheaper to repeat in each function that uses them than to
/// pass: constants, views and other pure ops without operands.
bool isCheapToClone(Operation *op) {
  return op->getNumRegions() == 0 && isPure(op) &&
         (op->hasTrait<OpTrait::ConstantLike>() ||
          isa<ViewLikeOpInterface>(op) || op->getNumOperands() == 0);
}

/// Reads of a buffer that later chunks may repeat instead of receiving the
/// tensor: `restrict` promises that nothing else writes the buffer while the
/// tensor lives, so every copy of the op reads the same elements. A fill of
/// a constant into an empty tensor is repeated rather than passed so that
/// the op that fills it in place (a product's accumulator, a reduction's
/// initial value) gets a fresh buffer, not a read-only one it must copy.
bool isReadOfBuffer(Operation *op) {
  if (auto toTensor = dyn_cast<bufferization::ToTensorOp>(op))
    return toTensor.getRestrict() && !toTensor.getWritable();
  if (auto fill = dyn_cast<linalg::FillOp>(op))
    return fill.hasPureTensorSemantics() &&
           llvm::all_of(fill->getOperands(), [](Value v) {
             Operation *def = v.getDefiningOp();
             return def && isCheapToClone(def);
           });
  return false;
}

/// What a chunk repeats rather than passes or returns.
bool isClonable(Operation *op) {
  return isCheapToClone(op) || isReadOfBuffer(op);
}

/// A tensor a chunk can write into a buffer of the caller's: a static shape
/// of scalars, so the buffer passes as a bare pointer.
bool isBufferizableTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape() && !tensor.getEncoding() &&
         tensor.getElementType().isIntOrIndexOrFloat();
}

/// A buffer the caller can allocate before the call instead.
bool isHoistableAlloc(Operation *op) {
  auto alloc = dyn_cast<memref::AllocOp>(op);
  return alloc && alloc->getNumOperands() == 0;
}

/// One chunk of a function body and what crosses its boundary.
struct Chunk {
  llvm::SmallPtrSet<Operation *, 32> ops; // top-level ops of the chunk
  SmallVector<Operation *> order;         // the same, in program order
  llvm::SetVector<Value> args;            // passed in
  llvm::SetVector<Operation *> clones;    // caller ops cloned into the callee
  llvm::SetVector<Operation *> hoisted;   // allocations moved to the caller
  llvm::SetVector<Value> results;         // scalars returned
  llvm::SetVector<Value> tensors;         // tensors written into caller buffers
  llvm::SetVector<Operation *> replicas;  // chunk ops cloned into the caller
};

enum class PlanResult { Ok, CutElsewhere, Stop };

class FunctionOutliner {
public:
  FunctionOutliner(func::FuncOp func, SymbolTable &symbols, unsigned maxOps)
      : func(func), symbols(symbols), maxOps(maxOps) {}

  void run();

private:
  PlanResult plan(ArrayRef<Operation *> ops, Chunk &chunk);
  PlanResult addLiveOut(Value value, Chunk &chunk);
  PlanResult addLiveIn(Value value, Chunk &chunk);
  void commit(Chunk &chunk);
  bool inChunk(Operation *op, const Chunk &chunk) {
    return chunk.ops.contains(body().findAncestorOpInBlock(*op));
  }
  Block &body() { return func.getBody().front(); }

  func::FuncOp func;
  SymbolTable &symbols;
  unsigned maxOps;
  unsigned numParts = 0;
};

PlanResult FunctionOutliner::addLiveOut(Value value, Chunk &chunk) {
  Operation *def = value.getDefiningOp();
  if (isHoistableAlloc(def)) {
    chunk.hoisted.insert(def);
    return PlanResult::Ok;
  }
  // A constant, view or read of a buffer the chunk made: the caller makes it
  // again from what the chunk passes out, and later chunks clone it from
  // there.
  if (isClonable(def)) {
    if (chunk.replicas.contains(def))
      return PlanResult::Ok;
    for (Value operand : def->getOperands()) {
      Operation *from = operand.getDefiningOp();
      if (from && chunk.ops.contains(from))
        if (PlanResult r = addLiveOut(operand, chunk); r != PlanResult::Ok)
          return r;
    }
    chunk.replicas.insert(def);
    return PlanResult::Ok;
  }
  if (value.getType().isIntOrIndexOrFloat()) {
    chunk.results.insert(value);
    return PlanResult::Ok;
  }
  if (isBufferizableTensor(value.getType())) {
    chunk.tensors.insert(value);
    return PlanResult::Ok;
  }
  // Returning a buffer would make the callee transfer its ownership; cut
  // where no such value crosses.
  return PlanResult::CutElsewhere;
}

PlanResult FunctionOutliner::addLiveIn(Value value, Chunk &chunk) {
  if (chunk.args.contains(value))
    return PlanResult::Ok;
  Operation *def = value.getDefiningOp();
  if (def && chunk.hoisted.contains(def)) {
    chunk.args.insert(value);
    return PlanResult::Ok;
  }
  if (def && isClonable(def)) {
    if (chunk.clones.contains(def))
      return PlanResult::Ok;
    for (Value operand : def->getOperands())
      if (PlanResult r = addLiveIn(operand, chunk); r != PlanResult::Ok)
        return r;
    chunk.clones.insert(def); // after its operands: clones stay in order
    return PlanResult::Ok;
  }
  if (!isPassable(value.getType()))
    return PlanResult::Stop; // no later cut passes it either
  chunk.args.insert(value);
  return PlanResult::Ok;
}

PlanResult FunctionOutliner::plan(ArrayRef<Operation *> ops, Chunk &chunk) {
  chunk = Chunk();
  chunk.order.assign(ops.begin(), ops.end());
  chunk.ops.insert(ops.begin(), ops.end());
  // Live-outs first: they decide which allocations move to the caller, and
  // those are then arguments.
  for (Operation *op : ops)
    for (Value result : op->getResults())
      for (Operation *user : result.getUsers())
        if (!inChunk(user, chunk)) {
          if (PlanResult r = addLiveOut(result, chunk); r != PlanResult::Ok)
            return r;
          break;
        }
  PlanResult status = PlanResult::Ok;
  for (Operation *top : ops) {
    top->walk([&](Operation *op) {
      for (Value operand : op->getOperands()) {
        Operation *def = operand.getDefiningOp();
        // (A block argument other than the function's belongs to a region
        // of `top`.)
        bool inside = def ? inChunk(def, chunk) && !chunk.hoisted.contains(def)
                          : operand.getParentBlock() != &body();
        if (inside)
          continue;
        if ((status = addLiveIn(operand, chunk)) != PlanResult::Ok)
          return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (status != PlanResult::Ok)
      return status;
  }
  return PlanResult::Ok;
}

void FunctionOutliner::commit(Chunk &chunk) {
  MLIRContext *ctx = func.getContext();
  Location loc = chunk.order.front()->getLoc();
  Block &block = body();

  // Which buffer each memref argument is a view of: an argument may be
  // noalias when no other argument reaches the same buffer (the caller's
  // arguments are noalias already, allocations are distinct).
  auto root = [&](Value v) {
    while (Operation *def = v.getDefiningOp()) {
      auto view = dyn_cast<ViewLikeOpInterface>(def);
      if (!view)
        break;
      v = view.getViewSource();
    }
    return v;
  };
  auto isDistinct = [&](Value v) {
    if (auto arg = dyn_cast<BlockArgument>(v))
      return arg.getOwner() == &block &&
             func.getArgAttr(arg.getArgNumber(), "llvm.noalias");
    return isa_and_nonnull<memref::AllocOp>(v.getDefiningOp()) ||
           chunk.hoisted.contains(v.getDefiningOp());
  };
  llvm::DenseMap<Value, unsigned> rootUses;
  for (Value arg : chunk.args)
    if (isa<MemRefType>(arg.getType()))
      ++rootUses[root(arg)];

  // The callee, right after the function it comes from.
  SmallVector<Type> argTypes, resultTypes;
  for (Value arg : chunk.args)
    argTypes.push_back(arg.getType());
  auto bufferType = [](Value tensor) {
    auto type = cast<RankedTensorType>(tensor.getType());
    return MemRefType::get(type.getShape(), type.getElementType());
  };
  for (Value tensor : chunk.tensors)
    argTypes.push_back(bufferType(tensor));
  for (Value result : chunk.results)
    resultTypes.push_back(result.getType());
  OpBuilder b(ctx);
  b.setInsertionPointAfter(func);
  auto callee = b.create<func::FuncOp>(
      loc, (func.getName() + "__part" + Twine(numParts++)).str(),
      b.getFunctionType(argTypes, resultTypes));
  symbols.insert(callee, Block::iterator(callee)); // unique name
  callee.setPrivate();
  callee->setAttr("llvm.linkage",
                  LLVM::LinkageAttr::get(ctx, LLVM::Linkage::Internal));
  callee->setAttr("no_inline", b.getUnitAttr());
  for (auto [i, arg] : llvm::enumerate(chunk.args))
    if (isa<MemRefType>(arg.getType()) && isDistinct(root(arg)) &&
        rootUses[root(arg)] == 1)
      callee.setArgAttr(i, "llvm.noalias", b.getUnitAttr());
  for (unsigned i = 0; i < chunk.tensors.size(); ++i) // fresh allocations
    callee.setArgAttr(chunk.args.size() + i, "llvm.noalias", b.getUnitAttr());
  Block *entry = callee.addEntryBlock();

  IRMapping inside;
  for (auto [arg, param] : llvm::zip(chunk.args, entry->getArguments()))
    inside.map(arg, param);
  b.setInsertionPointToStart(entry);
  for (Operation *op : chunk.clones)
    b.clone(*op, inside);

  // The call, where the chunk was; allocations the caller now makes go
  // before it.
  b.setInsertionPoint(chunk.order.front());
  SmallVector<Value> operands(chunk.args.begin(), chunk.args.end());
  for (Value tensor : chunk.tensors)
    operands.push_back(b.create<memref::AllocOp>(loc, bufferType(tensor)));
  auto call = b.create<func::CallOp>(loc, callee, operands);
  for (Operation *alloc : chunk.hoisted)
    alloc->moveBefore(call);

  // What later ops of the caller read: the call's results and copies of the
  // chunk's views made from them (cloned before the chunk moves, while its
  // operands are still the caller's values).
  IRMapping outside;
  {
    for (auto [value, result] : llvm::zip(chunk.results, call.getResults()))
      outside.map(value, result);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointAfter(call);
    // A replica's operand the chunk did not make is a constant or empty
    // tensor of the caller (without operands), perhaps defined further down
    // where its first reader was: it moves up to the replica.
    for (Operation *op : chunk.replicas)
      for (Value operand : op->getOperands())
        if (Operation *def = operand.getDefiningOp();
            def && def->getBlock() == &block && !chunk.ops.contains(def) &&
            call->isBeforeInBlock(def))
          def->moveBefore(call);
    for (auto [i, tensor] : llvm::enumerate(chunk.tensors))
      outside.map(tensor, b.create<bufferization::ToTensorOp>(
                              loc, operands[chunk.args.size() + i],
                              /*restrict=*/true));
    for (Operation *op : chunk.replicas)
      b.clone(*op, outside);
  }

  // Move the chunk's ops (in order) and point their operands, nested ones
  // included, at the callee's arguments and clones.
  for (Operation *op : chunk.order) {
    if (chunk.hoisted.contains(op))
      continue;
    op->moveBefore(entry, entry->end());
    op->walk([&](Operation *nested) {
      for (OpOperand &operand : nested->getOpOperands())
        if (Value to = inside.lookupOrNull(operand.get()))
          operand.set(to);
    });
  }
  b.setInsertionPointToEnd(entry);
  for (auto [i, tensor] : llvm::enumerate(chunk.tensors))
    b.create<bufferization::MaterializeInDestinationOp>(
        loc, /*result=*/Type(), tensor,
        entry->getArgument(chunk.args.size() + i), /*restrict=*/true,
        /*writable=*/true);
  b.create<func::ReturnOp>(loc, chunk.results.getArrayRef());

  auto notInCallee = [&](OpOperand &use) {
    return !callee->isProperAncestor(use.getOwner());
  };
  for (Value value : chunk.results)
    value.replaceUsesWithIf(outside.lookup(value), notInCallee);
  for (Value value : chunk.tensors)
    value.replaceUsesWithIf(outside.lookup(value), notInCallee);
  for (Operation *op : chunk.replicas)
    for (Value value : op->getResults())
      value.replaceUsesWithIf(outside.lookup(value), notInCallee);
}

void FunctionOutliner::run() {
  if (func.isExternal() || !func.getBody().hasOneBlock())
    return;
  Block &block = body();
  SmallVector<Operation *> ops;
  SmallVector<unsigned> weight;
  unsigned total = 0;
  for (Operation &op : block.without_terminator()) {
    // Constants stay where they are: each chunk that reads one clones it.
    if (isCheapToClone(&op) && op.getNumOperands() == 0)
      continue;
    unsigned n = 0;
    op.walk([&](Operation *) { ++n; });
    ops.push_back(&op);
    weight.push_back(n);
    total += n;
  }
  if (total <= maxOps)
    return;

  size_t start = 0;
  while (start < ops.size()) {
    size_t end = start;
    for (unsigned size = 0;
         end < ops.size() && (end == start || size + weight[end] <= maxOps);
         ++end)
      size += weight[end];
    // Grow the chunk until no buffer it would have to return crosses the
    // cut; past a few chunks' worth the rest stays in the function.
    Chunk chunk;
    PlanResult status;
    while ((status = plan(ArrayRef(ops).slice(start, end - start), chunk)) ==
               PlanResult::CutElsewhere &&
           end < ops.size() && end - start < 4 * size_t(maxOps))
      ++end;
    if (status != PlanResult::Ok)
      return;
    commit(chunk);
    start = end;
  }
  // What the chunks cloned and nothing in the caller reads any more.
  SmallVector<Operation *> left;
  for (Operation &op : block.without_terminator())
    left.push_back(&op);
  for (Operation *op : llvm::reverse(left))
    if (op->use_empty() && isClonable(op))
      op->erase();
}

struct OutlinePass : public sg::impl::SGOutlineBase<OutlinePass> {
  using SGOutlineBase::SGOutlineBase;

  void runOnOperation() override {
    if (maxOps == 0)
      return;
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto func : llvm::to_vector(module.getOps<func::FuncOp>()))
      FunctionOutliner(func, symbols, maxOps).run();
  }
};

} // namespace
