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

static constexpr llvm::StringLiteral kKinkAttr = "sg.kink";

/// The number of elements where `a` equals `b` (or 0 when `b` is null).
static Value countEqual(OpBuilder &b, Location loc, Value a, Value other) {
  auto type = cast<RankedTensorType>(a.getType());
  unsigned rank = type.getRank();
  IntegerType i64 = b.getI64Type();
  auto countType = RankedTensorType::get({}, i64);
  Value init = zeroCounter(b, loc, i64);
  SmallVector<Value> inputs{a};
  if (other)
    inputs.push_back(other);
  SmallVector<AffineMap> maps(inputs.size(), b.getMultiDimIdentityMap(rank));
  maps.push_back(AffineMap::get(rank, 0, {}, b.getContext()));
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::reduction);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{countType}, inputs, init, maps, its,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value rhs = other ? args[1]
                          : nb.create<arith::ConstantOp>(
                                nl, nb.getFloatAttr(args[0].getType(), 0.0));
        Value eq = nb.create<arith::CmpFOp>(nl, arith::CmpFPredicate::OEQ,
                                            args[0], rhs);
        Value inc = nb.create<arith::ExtUIOp>(nl, nb.getI64Type(), eq);
        nb.create<linalg::YieldOp>(
            nl, ValueRange{nb.create<arith::AddIOp>(nl, args.back(), inc)});
      });
  return b.create<tensor::ExtractOp>(loc, generic.getResult(0), ValueRange{});
}

namespace {
struct MarkKinksPass : public sg::impl::SGMarkKinksBase<MarkKinksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Builder b(module.getContext());
    SmallVector<Attribute> kinks;
    for (GraphOp graph : module.getOps<GraphOp>())
      for (Operation &op : graph.getBody().front()) {
        auto rule = dyn_cast<PullbackOpInterface>(op);
        if (!rule || rule.getKink().empty())
          continue;
        if (!isa<ReluOp, HeavisideOp, MaximumOp>(op)) {
          op.emitError("sg-mark-kinks cannot count the kink of this op");
          return signalPassFailure();
        }
        op.setAttr(kKinkAttr, b.getI32IntegerAttr(kinks.size()));
        kinks.push_back(
            describeSite(&op, op.getName().getStringRef(), rule.getKink()));
      }
    module->setAttr("sg.kinks", b.getArrayAttr(kinks));
  }
};

struct CountKinksPass : public sg::impl::SGCountKinksBase<CountKinksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto kinks = module->getAttrOfType<ArrayAttr>("sg.kinks");
    if (!kinks) {
      module.emitError("sg-count-kinks needs sg-mark-kinks first");
      return signalPassFailure();
    }
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!func->hasAttr(kKindAttrName) || kinks.empty())
        continue;
      Block &body = func.getBody().front();
      auto ret = cast<func::ReturnOp>(body.getTerminator());
      OpBuilder b(ret);
      Location loc = func.getLoc();
      Value zero = b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(0));
      SmallVector<Value> counts(kinks.size(), zero);
      for (Operation &op : body.without_terminator()) {
        auto id = op.getAttrOfType<IntegerAttr>(kKinkAttr);
        if (!id)
          continue;
        Value other = isa<MaximumOp>(op) ? op.getOperand(1) : Value();
        counts[id.getInt()] =
            countEqual(b, op.getLoc(), op.getOperand(0), other);
      }
      auto type = RankedTensorType::get({static_cast<int64_t>(counts.size())},
                                        b.getI64Type());
      Value tensor = b.create<tensor::FromElementsOp>(loc, type, counts);
      appendResult(func, tensor);
      func->setAttr("sg.kink_counts", UnitAttr::get(func.getContext()));
    }
  }
};
} // namespace
