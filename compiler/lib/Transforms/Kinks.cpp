//===- Kinks.cpp - counting evaluations at kinks --------------------------===//

#include "sg/Transforms/FunctionBuilder.h"
#include "sg/Transforms/Passes.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGMARKKINKS
#define GEN_PASS_DEF_SGCOUNTKINKS
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

/// The number of elements at which the elementwise `op` is evaluated at its
/// kink (PullbackOpInterface::buildKinkCondition), or failure when the op
/// states no condition or is not elementwise.
static FailureOr<Value> countAtKink(OpBuilder &b, PullbackOpInterface op) {
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(op->getOperand(0).getType());
  if (llvm::any_of(op->getOperandTypes(), [&](Type t) { return t != type; }))
    return failure();
  unsigned rank = type.getRank();
  IntegerType i64 = b.getI64Type();
  auto countType = RankedTensorType::get({}, i64);
  Value init = zeroCounter(b, loc, i64);
  SmallVector<AffineMap> maps(op->getNumOperands(),
                              b.getMultiDimIdentityMap(rank));
  maps.push_back(AffineMap::get(rank, 0, {}, b.getContext()));
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::reduction);
  bool stated = true;
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{countType}, op->getOperands(), init, maps, its,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value atKink = op.buildKinkCondition(nb, nl, args.drop_back());
        if (!atKink) {
          stated = false;
          nb.create<linalg::YieldOp>(nl, args.back());
          return;
        }
        Value inc = nb.create<arith::ExtUIOp>(nl, nb.getI64Type(), atKink);
        nb.create<linalg::YieldOp>(
            nl, ValueRange{nb.create<arith::AddIOp>(nl, args.back(), inc)});
      });
  if (!stated) {
    generic.erase();
    return failure();
  }
  return b.create<tensor::ExtractOp>(loc, generic.getResult(0), ValueRange{})
      .getResult();
}

namespace {
struct MarkKinksPass : public sg::impl::SGMarkKinksBase<MarkKinksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Builder b(module.getContext());
    SGDialect::KinkAttrHelper kink(module.getContext());
    SmallVector<Attribute> kinks;
    for (GraphOp graph : module.getOps<GraphOp>())
      for (Operation &op : graph.getBody().front()) {
        auto rule = dyn_cast<PullbackOpInterface>(op);
        if (!rule || rule.getKink().empty())
          continue;
        kink.setAttr(&op, b.getI32IntegerAttr(kinks.size()));
        kinks.push_back(
            describeSite(&op, op.getName().getStringRef(), rule.getKink()));
      }
    SGDialect::KinksAttrHelper(module.getContext())
        .setAttr(module, b.getArrayAttr(kinks));
    // Numbering ops changes no value's dataflow.
    markAllAnalysesPreserved();
  }
};

struct CountKinksPass : public sg::impl::SGCountKinksBase<CountKinksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = module.getContext();
    auto kinks = SGDialect::KinksAttrHelper(ctx).getAttr(module);
    SGDialect::KinkAttrHelper kink(ctx);
    SGDialect::KindAttrHelper kind(ctx);
    if (!kinks) {
      module.emitError("sg-count-kinks needs sg-mark-kinks first");
      return signalPassFailure();
    }
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!kind.isAttrPresent(func) || kinks.empty())
        continue;
      Block &body = func.getBody().front();
      auto ret = cast<func::ReturnOp>(body.getTerminator());
      OpBuilder b(ret);
      Location loc = func.getLoc();
      Value zero = b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(0));
      SmallVector<Value> counts(kinks.size(), zero);
      for (Operation &op : body.without_terminator()) {
        IntegerAttr id = kink.getAttr(&op);
        if (!id)
          continue;
        auto rule = dyn_cast<PullbackOpInterface>(op);
        FailureOr<Value> count =
            rule ? countAtKink(b, rule) : FailureOr<Value>(failure());
        if (failed(count)) {
          op.emitError("sg-count-kinks cannot count the kink of this op: it "
                       "states no elementwise kink condition");
          return signalPassFailure();
        }
        counts[id.getInt()] = *count;
      }
      auto type = RankedTensorType::get({static_cast<int64_t>(counts.size())},
                                        b.getI64Type());
      Value tensor = b.create<tensor::FromElementsOp>(loc, type, counts);
      appendResult(func, tensor);
      SGDialect::KinkCountsAttrHelper(ctx).setAttr(func, UnitAttr::get(ctx));
    }
  }
};
} // namespace
