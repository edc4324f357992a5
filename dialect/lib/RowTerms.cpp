//===- RowTerms.cpp - per-row terms of summed operations ------------------===//
//
// Each summed op's result is Σ over rows of one term per row. These builders
// write the per-row terms out of elementwise sg ops with the same formula as
// the op's lowering (including the Bernoulli log clamp at −100), then sum
// every axis but the leading one. The terms scale score-function terms;
// nothing differentiates them.
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

struct Terms {
  OpBuilder &b;
  Location loc;
  Type type;

  Value splat(double value) {
    auto t = cast<RankedTensorType>(type);
    return b.create<ConstantOp>(
        loc,
        DenseElementsAttr::get(t, b.getFloatAttr(t.getElementType(), value)));
  }
  Value add(Value x, Value y) { return b.create<AddOp>(loc, x, y); }
  Value sub(Value x, Value y) { return b.create<SubOp>(loc, x, y); }
  Value mul(Value x, Value y) { return b.create<MulOp>(loc, x, y); }
  Value div(Value x, Value y) { return b.create<DivOp>(loc, x, y); }
  Value scale(Value x, double a) { return b.create<ScaleOp>(loc, x, a); }
  Value log(Value x) { return b.create<LogOp>(loc, x); }

  /// Σ over every axis but the leading one.
  Value rows(Value elementwise) {
    int64_t rank = cast<RankedTensorType>(elementwise.getType()).getRank();
    SmallVector<int64_t> axes;
    for (int64_t d = 1; d < rank; ++d)
      axes.push_back(d);
    if (axes.empty())
      return elementwise;
    return b.create<ReduceSumOp>(loc, elementwise,
                                 b.getDenseI64ArrayAttr(axes));
  }
  /// −½ ((z − μ)/σ)² − log σ, the Gaussian log-density without its constant.
  Value gaussian(Value z, Value mu, Value sigma) {
    Value q = div(sub(z, mu), sigma);
    return sub(scale(mul(q, q), -0.5), log(sigma));
  }
};

bool hasLeadingAxis(Value v, int64_t minRank = 1) {
  return cast<RankedTensorType>(v.getType()).getRank() >= minRank;
}

} // namespace

#define SG_TERMS(VALUE) Terms t{builder, getLoc(), (VALUE).getType()};

bool SumOp::hasRowTerms() { return hasLeadingAxis(getInput()); }
Value SumOp::buildRowTerms(OpBuilder &builder) {
  SG_TERMS(getInput()) return t.rows(getInput());
}

bool MvnKLOp::hasRowTerms() { return hasLeadingAxis(getMean()); }
Value MvnKLOp::buildRowTerms(OpBuilder &builder) {
  // −½ (1 + log σ² − μ² − σ²)
  SG_TERMS(getMean()) Value mu = getMean(), sigma = getStddev();
  Value s2 = t.mul(sigma, sigma);
  Value inner = t.sub(t.sub(t.add(t.splat(1.0), t.log(s2)), t.mul(mu, mu)), s2);
  return t.rows(t.scale(inner, -0.5));
}

bool MvnEmpiricalKLOp::hasRowTerms() { return hasLeadingAxis(getMean()); }
Value MvnEmpiricalKLOp::buildRowTerms(OpBuilder &builder) {
  // log N(z; μ, σ) − log N(z; 0, 1) = −½((z−μ)/σ)² − log σ + ½ z²
  SG_TERMS(getMean()) Value z = getSample();
  Value g = t.gaussian(z, getMean(), getStddev());
  return t.rows(t.add(g, t.scale(t.mul(z, z), 0.5)));
}

bool NormalLogPdfOp::hasRowTerms() { return hasLeadingAxis(getMean()); }
Value NormalLogPdfOp::buildRowTerms(OpBuilder &builder) {
  SG_TERMS(getMean())
  Value g = t.gaussian(getSample(), getMean(), getStddev());
  return t.rows(t.sub(g, t.splat(0.91893853320467274178032973640562)));
}

bool BernoulliNegLogPdfOp::hasRowTerms() { return hasLeadingAxis(getProb()); }
Value BernoulliNegLogPdfOp::buildRowTerms(OpBuilder &builder) {
  // −[x max(log p, −100) + (1−x) max(log(1−p), −100)], as the lowering.
  SG_TERMS(getProb()) Value p = getProb(), x = getValue();
  Value one = t.splat(1.0), floor = t.splat(-100.0);
  Value lp = builder.create<MaximumOp>(getLoc(), t.log(p), floor);
  Value lq = builder.create<MaximumOp>(getLoc(), t.log(t.sub(one, p)), floor);
  Value ll = t.add(t.mul(x, lp), t.mul(t.sub(one, x), lq));
  return t.rows(t.scale(ll, -1.0));
}

bool BernoulliLogitsNegLogPdfOp::hasRowTerms() {
  return hasLeadingAxis(getLogits());
}
Value BernoulliLogitsNegLogPdfOp::buildRowTerms(OpBuilder &builder) {
  // softplus(l) − x l
  SG_TERMS(getLogits()) Value l = getLogits();
  Value sp = builder.create<SoftplusOp>(getLoc(), l);
  return t.rows(t.sub(sp, t.mul(getValue(), l)));
}

// The softmax couples the last axis, so a rank-1 cross-entropy is one row.
bool SoftmaxCrossEntropyOp::hasRowTerms() {
  return hasLeadingAxis(getLogits(), 2);
}
Value SoftmaxCrossEntropyOp::buildRowTerms(OpBuilder &builder) {
  // −Σ_row t ⊙ log_softmax(l)
  SG_TERMS(getLogits())
  Value ls = builder.create<LogSoftmaxOp>(getLoc(), getLogits());
  return t.rows(t.scale(t.mul(getTargets(), ls), -1.0));
}

#undef SG_TERMS
