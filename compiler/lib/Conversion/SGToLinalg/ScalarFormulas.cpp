//===- ScalarFormulas.cpp - scalar formulas of elementwise sg ops ---------===//
//
// One entry per elementwise op. The formulas are written for floating-point
// robustness (no overflow in sigmoid/softplus, max picking the side its
// pullback picks); a new elementwise op only needs a line here.
//
//===----------------------------------------------------------------------===//

#include "ScalarFormulas.h"

#include "sg/SGOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

Value constant(OpBuilder &b, Location loc, Type type, double v) {
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, v));
}

/// x > 0.
Value isPositive(OpBuilder &b, Location loc, Value x) {
  return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x,
                                 constant(b, loc, x.getType(), 0.0));
}

template <typename OpTy> ScalarFormulaEntry entry(ScalarFormula formula) {
  return {OpTy::getOperationName(), formula};
}

const ScalarFormulaEntry kFormulas[] = {
    entry<NegOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<arith::NegFOp>(loc, a[0]).getResult();
    }),
    entry<ExpOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<math::ExpOp>(loc, a[0]).getResult();
    }),
    entry<LogOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<math::LogOp>(loc, a[0]).getResult();
    }),
    entry<SqrtOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<math::SqrtOp>(loc, a[0]).getResult();
    }),
    entry<TanhOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<math::TanhOp>(loc, a[0]).getResult();
    }),
    entry<SigmoidOp>([](OpBuilder &b, Location loc, Operation *,
                        ValueRange a) -> Value {
      // 1 / (1 + exp(−x)): exp overflows to +inf for very negative x and
      // the quotient is then exactly 0, the correctly rounded value.
      Type t = a[0].getType();
      Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, a[0]));
      Value d = b.create<arith::AddFOp>(loc, constant(b, loc, t, 1.0), e);
      return b.create<arith::DivFOp>(loc, constant(b, loc, t, 1.0), d);
    }),
    entry<SoftplusOp>([](OpBuilder &b, Location loc, Operation *,
                         ValueRange a) -> Value {
      // max(x, 0) + log1p(exp(−|x|)): no overflow for large |x|.
      Value x = a[0];
      Value ax = b.create<math::AbsFOp>(loc, x);
      Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, ax));
      Value l = b.create<math::Log1pOp>(loc, e);
      Value pos = isPositive(b, loc, x);
      Value m = b.create<arith::SelectOp>(loc, pos, x,
                                          constant(b, loc, x.getType(), 0.0));
      return b.create<arith::AddFOp>(loc, m, l);
    }),
    entry<ReluOp>([](OpBuilder &b, Location loc, Operation *,
                     ValueRange a) -> Value {
      Value pos = isPositive(b, loc, a[0]);
      return b.create<arith::SelectOp>(loc, pos, a[0],
                                       constant(b, loc, a[0].getType(), 0.0));
    }),
    entry<HeavisideOp>(
        [](OpBuilder &b, Location loc, Operation *, ValueRange a) {
          Type t = a[0].getType();
          Value pos = isPositive(b, loc, a[0]);
          return b
              .create<arith::SelectOp>(loc, pos, constant(b, loc, t, 1.0),
                                       constant(b, loc, t, 0.0))
              .getResult();
        }),
    entry<ScaleOp>([](OpBuilder &b, Location loc, Operation *op,
                      ValueRange a) -> Value {
      double alpha = cast<ScaleOp>(op).getAlpha().convertToDouble();
      return b.create<arith::MulFOp>(loc, a[0],
                                     constant(b, loc, a[0].getType(), alpha));
    }),
    entry<AddOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<arith::AddFOp>(loc, a[0], a[1]).getResult();
    }),
    entry<SubOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<arith::SubFOp>(loc, a[0], a[1]).getResult();
    }),
    entry<MulOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<arith::MulFOp>(loc, a[0], a[1]).getResult();
    }),
    entry<DivOp>([](OpBuilder &b, Location loc, Operation *, ValueRange a) {
      return b.create<arith::DivFOp>(loc, a[0], a[1]).getResult();
    }),
    entry<MaximumOp>([](OpBuilder &b, Location loc, Operation *,
                        ValueRange a) -> Value {
      // x where x > y, else y: the side the pullback sends the
      // cotangent.
      Value gt =
          b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, a[0], a[1]);
      return b.create<arith::SelectOp>(loc, gt, a[0], a[1]);
    }),
    entry<MulAddOp>(
        [](OpBuilder &b, Location loc, Operation *, ValueRange a) -> Value {
          Value m = b.create<arith::MulFOp>(loc, a[0], a[1]);
          return b.create<arith::AddFOp>(loc, m, a[2]);
        }),
};

} // namespace

ArrayRef<ScalarFormulaEntry> mlir::sg::scalarFormulas() { return kFormulas; }

ScalarFormula mlir::sg::lookupScalarFormula(StringRef opName) {
  for (const ScalarFormulaEntry &e : kFormulas)
    if (e.opName == opName)
      return e.formula;
  return nullptr;
}

ScalarFormula mlir::sg::lookupScalarFormula(Operation *op) {
  return lookupScalarFormula(op->getName().getStringRef());
}
