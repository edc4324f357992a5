//===- InsertChecks.cpp - checked mode ------------------------------------===//

#include "sg/Transforms/FunctionBuilder.h"
#include "sg/Transforms/Passes.h"
#include "sg/Analysis/Positivity.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGINSERTCHECKS
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

enum class Check { Positive, Probability, Finite };

/// The number of elements of `value` that violate `check`, as an i32.
Value countViolations(OpBuilder &b, Location loc, Value value, Check check) {
  auto type = cast<RankedTensorType>(value.getType());
  unsigned rank = type.getRank();
  IntegerType i32 = b.getI32Type();
  auto countType = RankedTensorType::get({}, i32);
  Value init = zeroCounter(b, loc, i32);
  SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(rank),
                              AffineMap::get(rank, 0, {}, b.getContext())};
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::reduction);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{countType}, value, init, maps, its,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value x = args[0];
        Type t = x.getType();
        auto c = [&](double v) {
          return nb.create<arith::ConstantOp>(nl, nb.getFloatAttr(t, v));
        };
        Value ok;
        switch (check) {
        case Check::Positive: // false for NaN too
          ok = nb.create<arith::CmpFOp>(nl, arith::CmpFPredicate::OGT, x,
                                        c(0.0));
          break;
        case Check::Probability: {
          Value above = nb.create<arith::CmpFOp>(nl, arith::CmpFPredicate::OGT,
                                                 x, c(0.0));
          Value below = nb.create<arith::CmpFOp>(nl, arith::CmpFPredicate::OLT,
                                                 x, c(1.0));
          ok = nb.create<arith::AndIOp>(nl, above, below);
          break;
        }
        case Check::Finite: {
          Value ax = nb.create<math::AbsFOp>(nl, x);
          ok = nb.create<arith::CmpFOp>(nl, arith::CmpFPredicate::OLT, ax,
                                        c(INFINITY));
          break;
        }
        }
        Value bad = nb.create<arith::XOrIOp>(
            nl, ok, nb.create<arith::ConstantOp>(nl, nb.getBoolAttr(true)));
        Value inc = nb.create<arith::ExtUIOp>(nl, nb.getI32Type(), bad);
        nb.create<linalg::YieldOp>(
            nl, ValueRange{nb.create<arith::AddIOp>(nl, args[1], inc)});
      });
  return b.create<tensor::ExtractOp>(loc, generic.getResult(0), ValueRange{});
}

struct InsertChecksPass
    : public sg::impl::SGInsertChecksBase<InsertChecksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // One numbering for the whole module, so the header's table serves
    // every function.
    SmallVector<Attribute> messages;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!func->hasAttr(kKindAttrName))
        continue;
      Block &body = func.getBody().front();
      auto ret = cast<func::ReturnOp>(body.getTerminator());
      OpBuilder b(ret);
      Location loc = func.getLoc();
      // (check number, violation count) in program order.
      SmallVector<std::pair<int32_t, Value>> counts;
      auto add = [&](Operation *op, Value v, Check check, StringRef what) {
        std::string name = op->getName().getStringRef().str();
        if (op->hasAttr("sg.reparameterized"))
          name = "sg.normal (reparameterized)";
        messages.push_back(describeSite(op, name, what));
        counts.push_back({static_cast<int32_t>(messages.size()),
                          countViolations(b, op->getLoc(), v, check)});
      };
      for (Operation &op : body.without_terminator()) {
        if (!isa<SGDialect>(op.getDialect()))
          continue;
        TypeSwitch<Operation *>(&op)
            .Case<LogOp, SqrtOp>([&](Operation *o) {
              if (!isProvablyPositive(o->getOperand(0)))
                add(o, o->getOperand(0), Check::Positive,
                    "argument not positive");
            })
            .Case<DivOp>([&](DivOp o) {
              if (!isProvablyPositive(o.getRhs()))
                add(o, o.getRhs(), Check::Positive, "divisor not positive");
            })
            .Case<NormalOp, NormalLogPdfOp>([&](Operation *o) {
              Value sigma =
                  isa<NormalOp>(o) ? o->getOperand(1) : o->getOperand(2);
              if (!isProvablyPositive(sigma))
                add(o, sigma, Check::Positive,
                    "standard deviation not positive");
            })
            .Case<MulAddOp>([&](MulAddOp o) {
              if (o->hasAttr("sg.reparameterized") &&
                  !isProvablyPositive(o.getA()))
                add(o, o.getA(), Check::Positive,
                    "standard deviation not positive");
            })
            .Case<MvnKLOp, MvnEmpiricalKLOp>([&](Operation *o) {
              if (!isProvablyPositive(o->getOperand(1)))
                add(o, o->getOperand(1), Check::Positive,
                    "standard deviation not positive");
            })
            .Case<BernoulliOp, BernoulliNegLogPdfOp>([&](Operation *o) {
              add(o, o->getOperand(0), Check::Probability,
                  "probability not in (0, 1)");
            })
            .Case<BernoulliLogitsOp, CategoricalOp>([&](Operation *o) {
              // Logits that are inputs are checked nowhere else; an infinite
              // logit makes the log-density inf − inf or 0 · inf.
              add(o, o->getOperand(0), Check::Finite, "logits not finite");
            });
        for (Value result : op.getResults())
          if (isa<RankedTensorType>(result.getType()) && !isa<ConstantOp>(op))
            add(&op, result, Check::Finite, "produced NaN or infinity");
      }
      // status = the number of the first failing check, else 0.
      Value status = b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(0));
      Value zero = status;
      for (auto &[number, count] : llvm::reverse(counts)) {
        Value failed =
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, count, zero);
        Value id =
            b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(number));
        status = b.create<arith::SelectOp>(loc, failed, id, status);
      }
      Value statusTensor = b.create<tensor::FromElementsOp>(
          loc, RankedTensorType::get({}, b.getI32Type()), ValueRange{status});
      appendResult(func, statusTensor);
      func->setAttr("sg.checked", UnitAttr::get(func.getContext()));
    }
    module->setAttr("sg.checks", ArrayAttr::get(module.getContext(), messages));
  }
};
} // namespace
