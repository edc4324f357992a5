//===- ParallelizeLoops.cpp - large row loops on the runtime's threads ----===//
//
// A linalg op on buffers with a parallel outermost loop and enough work is
// lowered to loops, and its outermost loop becomes a function
//   void f__parN(void *ctx, int64_t begin, int64_t end)
// run by the runtime's sg_parallel_range over blocks of rows. The values the
// loop reads travel in a stack struct: buffers as their aligned pointer
// (the static type gives back offset, sizes and strides), index values as
// i64, other scalars as they are; constants are cloned into the function.
// The runtime call is declared as
//   func.func private @sg_parallel_range((!llvm.ptr, i64, i64) -> (),
//                                        !llvm.ptr, i64, i64)
// and func-to-llvm turns the function value into a pointer.
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/Passes.h"

#include "mlir/Conversion/LLVMCommon/MemRefBuilder.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGPARALLELIZELOOPS
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kRuntimeFn = "sg_parallel_range";

/// A buffer whose descriptor can be rebuilt from its aligned pointer and
/// its type alone: static shape, strides and offset.
bool isStaticBuffer(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  if (!memref || !memref.hasStaticShape())
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(getStridesAndOffset(memref, strides, offset)) ||
      ShapedType::isDynamic(offset))
    return false;
  return llvm::none_of(strides, ShapedType::isDynamic);
}

/// How a captured value is passed in the context struct, or null if it
/// cannot be.
Type fieldType(Type type) {
  MLIRContext *ctx = type.getContext();
  if (isStaticBuffer(type))
    return LLVM::LLVMPointerType::get(ctx);
  if (type.isIndex())
    return IntegerType::get(ctx, 64);
  if (isa<IntegerType, FloatType>(type))
    return type;
  return nullptr;
}

bool isConstant(Value v) {
  Operation *def = v.getDefiningOp();
  return def && def->getNumResults() == 1 && matchPattern(v, m_Constant());
}

/// Whether different iterations of the outermost loop of `op` touch
/// different output elements and read no element another one writes.
bool rowsAreIndependent(linalg::LinalgOp op) {
  if (op.getNumLoops() == 0 ||
      op.getIteratorTypesArray().front() != utils::IteratorType::parallel)
    return false;
  AffineExpr d0 = getAffineDimExpr(0, op->getContext());
  for (OpOperand &init : op.getDpsInitsMutable()) {
    if (!llvm::is_contained(op.getMatchingIndexingMap(&init).getResults(), d0))
      return false;
    // An input that is this output buffer must be read where it is written.
    for (OpOperand *input : op.getDpsInputOperands())
      if (input->get() == init.get() &&
          op.getMatchingIndexingMap(input) != op.getMatchingIndexingMap(&init))
        return false;
  }
  return true;
}

/// The rows per block for `op`, or 0 if it stays on the calling thread.
int64_t grainFor(linalg::LinalgOp op, int64_t minWork, int64_t blockWork) {
  if (minWork <= 0 || !op.hasPureBufferSemantics() || !rowsAreIndependent(op))
    return 0;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t work = 1;
  for (int64_t r : ranges) {
    if (ShapedType::isDynamic(r) || r <= 0 ||
        work > std::numeric_limits<int64_t>::max() / r)
      return 0;
    work *= r;
  }
  int64_t rows = ranges.front(), perRow = work / rows;
  if (work < minWork)
    return 0;
  int64_t grain = std::clamp<int64_t>(
      (std::max<int64_t>(blockWork, 1) + perRow - 1) / perRow, 1, rows);
  if (grain >= rows) // one block: nothing to share
    return 0;
  // Every value the loops read must fit in the context struct.
  for (Value v : op->getOperands())
    if (!fieldType(v.getType()))
      return 0;
  llvm::SetVector<Value> above;
  getUsedValuesDefinedAbove(op->getRegions(), above);
  for (Value v : above)
    if (!isConstant(v) && !fieldType(v.getType()))
      return 0;
  return grain;
}

func::FuncOp getRuntimeDecl(ModuleOp module, FunctionType taskType) {
  if (auto f = module.lookupSymbol<func::FuncOp>(kRuntimeFn))
    return f;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  Type i64 = b.getI64Type(), ptr = LLVM::LLVMPointerType::get(b.getContext());
  auto f =
      b.create<func::FuncOp>(module.getLoc(), kRuntimeFn,
                             b.getFunctionType({taskType, ptr, i64, i64}, {}));
  f.setPrivate();
  return f;
}

struct SGParallelizeLoopsPass
    : sg::impl::SGParallelizeLoopsBase<SGParallelizeLoopsPass> {
  using SGParallelizeLoopsBase::SGParallelizeLoopsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<std::pair<linalg::LinalgOp, int64_t>> work;
    module.walk([&](linalg::LinalgOp op) {
      if (int64_t grain = grainFor(op, minWork, blockWork))
        work.push_back({op, grain});
    });
    if (work.empty())
      return;
    SymbolTable symbols(module);
    LLVMTypeConverter converter(&getContext());
    for (auto [op, grain] : work)
      if (failed(parallelize(op, grain, symbols, converter)))
        return signalPassFailure();
  }

  LogicalResult parallelize(linalg::LinalgOp op, int64_t grain,
                            SymbolTable &symbols,
                            const LLVMTypeConverter &converter) {
    MLIRContext *ctx = &getContext();
    Location loc = op.getLoc();
    auto parent = op->getParentOfType<func::FuncOp>();
    IRRewriter rewriter(ctx);
    rewriter.setInsertionPoint(op);
    FailureOr<linalg::LinalgLoops> loops =
        linalg::linalgOpToLoops(rewriter, op);
    if (failed(loops) || loops->empty())
      return op.emitError("could not lower to loops");
    rewriter.eraseOp(op);
    auto outer = cast<scf::ForOp>(loops->front());
    std::optional<int64_t> rows = getConstantIntValue(outer.getUpperBound());
    if (!rows)
      return outer.emitError("outermost loop bound is not constant");

    // What the loop reads from outside: constants are cloned, the rest
    // travels in the context struct.
    llvm::SetVector<Value> above;
    getUsedValuesDefinedAbove(outer.getRegion(), above);
    SmallVector<Value> constants, fields;
    SmallVector<Type> fieldTypes;
    for (Value v : above) {
      if (isConstant(v)) {
        constants.push_back(v);
        continue;
      }
      fields.push_back(v);
      fieldTypes.push_back(fieldType(v.getType()));
    }
    Type i64 = rewriter.getI64Type(), ptr = LLVM::LLVMPointerType::get(ctx);
    auto structType = LLVM::LLVMStructType::getLiteral(ctx, fieldTypes);
    auto taskType = FunctionType::get(ctx, {ptr, i64, i64}, {});

    // The task: unpack the context, run rows [begin, end).
    OpBuilder mb(ctx);
    mb.setInsertionPointAfter(parent);
    std::string name;
    for (unsigned k = 0;; ++k) {
      name = (parent.getSymName() + "__par" + Twine(k)).str();
      if (!symbols.lookup(name))
        break;
    }
    auto task = mb.create<func::FuncOp>(loc, name, taskType);
    symbols.insert(task);
    task.setPrivate();
    task->setAttr("llvm.linkage",
                  LLVM::LinkageAttr::get(ctx, LLVM::Linkage::Internal));
    Block *entry = task.addEntryBlock();
    OpBuilder tb = OpBuilder::atBlockBegin(entry);
    IRMapping map;
    Value loaded =
        tb.create<LLVM::LoadOp>(loc, structType, entry->getArgument(0));
    for (auto [i, v] : llvm::enumerate(fields)) {
      Value field = tb.create<LLVM::ExtractValueOp>(loc, loaded, i);
      Type type = v.getType();
      if (auto memref = dyn_cast<MemRefType>(type)) {
        Value desc = MemRefDescriptor::fromStaticShape(tb, loc, converter,
                                                       memref, field, field);
        field =
            tb.create<UnrealizedConversionCastOp>(loc, type, desc).getResult(0);
      } else if (type.isIndex()) {
        field = tb.create<arith::IndexCastOp>(loc, type, field);
      }
      map.map(v, field);
    }
    for (Value c : constants)
      map.map(c, tb.clone(*c.getDefiningOp())->getResult(0));
    Type index = tb.getIndexType();
    Value begin =
        tb.create<arith::IndexCastOp>(loc, index, entry->getArgument(1));
    Value end =
        tb.create<arith::IndexCastOp>(loc, index, entry->getArgument(2));
    Value one = tb.create<arith::ConstantIndexOp>(loc, 1);
    auto rowLoop = tb.create<scf::ForOp>(loc, begin, end, one);
    map.map(outer.getInductionVar(), rowLoop.getInductionVar());
    OpBuilder bb = OpBuilder::atBlockBegin(rowLoop.getBody());
    for (Operation &inner : outer.getBody()->without_terminator())
      bb.clone(inner, map);
    tb.create<func::ReturnOp>(loc);

    // The caller: fill the context (on the stack, allocated once on entry
    // to the function) and hand the rows to the runtime.
    OpBuilder eb = OpBuilder::atBlockBegin(&parent.front());
    Value c1 = eb.create<LLVM::ConstantOp>(loc, i64, eb.getI64IntegerAttr(1));
    Value slot = eb.create<LLVM::AllocaOp>(loc, ptr, structType, c1);
    rewriter.setInsertionPoint(outer);
    Value packed = rewriter.create<LLVM::UndefOp>(loc, structType);
    for (auto [i, v] : llvm::enumerate(fields)) {
      Value field = v;
      if (isa<MemRefType>(v.getType())) {
        Value address =
            rewriter.create<memref::ExtractAlignedPointerAsIndexOp>(loc, v);
        field = rewriter.create<LLVM::IntToPtrOp>(
            loc, ptr, rewriter.create<arith::IndexCastOp>(loc, i64, address));
      } else if (v.getType().isIndex()) {
        field = rewriter.create<arith::IndexCastOp>(loc, i64, v);
      }
      packed = rewriter.create<LLVM::InsertValueOp>(loc, packed, field, i);
    }
    rewriter.create<LLVM::StoreOp>(loc, packed, slot);
    Value fn = rewriter.create<func::ConstantOp>(loc, taskType,
                                                 SymbolRefAttr::get(task));
    Value n = rewriter.create<arith::ConstantOp>(
        loc, rewriter.getI64IntegerAttr(*rows));
    Value g = rewriter.create<arith::ConstantOp>(
        loc, rewriter.getI64IntegerAttr(grain));
    rewriter.create<func::CallOp>(
        loc, getRuntimeDecl(parent->getParentOfType<ModuleOp>(), taskType),
        ValueRange{fn, slot, n, g});
    rewriter.eraseOp(outer);
    return success();
  }
};

} // namespace
