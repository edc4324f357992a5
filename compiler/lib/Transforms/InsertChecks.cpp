//===- InsertChecks.cpp - checked mode ------------------------------------===//

#include "sg/Analysis/Positivity.h"
#include "sg/SGOps.h"
#include "sg/Transforms/FunctionBuilder.h"
#include "sg/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

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
    MLIRContext *ctx = module.getContext();
    const auto &positivity = getAnalysis<Positivity>();
    SGDialect::ReparameterizedAttrHelper reparameterized(ctx);
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!SGDialect::KindAttrHelper(ctx).isAttrPresent(func))
        continue;
      Block &body = func.getBody().front();
      auto ret = cast<func::ReturnOp>(body.getTerminator());
      OpBuilder b(ret);
      Location loc = func.getLoc();
      // (check number, violation count) in program order.
      SmallVector<std::pair<int32_t, Value>> counts;
      auto add = [&](Operation *op, Value v, Check check,
                     const std::string &what) {
        std::string name = op->getName().getStringRef().str();
        if (reparameterized.isAttrPresent(op))
          name = "sg.normal (reparameterized)";
        messages.push_back(describeSite(op, name, what));
        counts.push_back({static_cast<int32_t>(messages.size()),
                          countViolations(b, op->getLoc(), v, check)});
      };
      for (Operation &op : body.without_terminator()) {
        if (!isa<SGDialect>(op.getDialect()))
          continue;
        // The domains the op requires (DomainOpInterface). A positive
        // operand that the analysis proves positive needs no check; a
        // probability is always checked (a sigmoid rounds to 0 or 1), and
        // finiteness too (nothing proves it).
        if (auto domains = dyn_cast<DomainOpInterface>(op))
          for (const DomainRequirement &r : domains.getDomainRequirements()) {
            Value v = op.getOperand(r.operand);
            if (r.domain == Domain::Probability)
              add(&op, v, Check::Probability,
                  (r.shortNoun + " not in (0, 1)").str());
            else if (r.domain == Domain::Finite)
              add(&op, v, Check::Finite, (r.shortNoun + " not finite").str());
            else if (!positivity.isPositive(v))
              add(&op, v, Check::Positive,
                  (r.shortNoun + " not positive").str());
          }
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
      SGDialect::CheckedAttrHelper(ctx).setAttr(func, UnitAttr::get(ctx));
    }
    SGDialect::ChecksAttrHelper(ctx).setAttr(module,
                                             ArrayAttr::get(ctx, messages));
  }
};
} // namespace
