//===- Pullbacks.cpp - the pullback rule of every deterministic op --------===//
//
// Each rule builds gᵀ·∂result/∂operand out of sg ops, so the gradient of a
// graph is again an sg program that the same lowering compiles. Every rule
// is checked against central finite differences in f64
// (test/e2e/GradientTest.cpp).
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

/// Small helpers that build sg ops at one location.
struct Rules {
  OpBuilder &b;
  Location loc;

  Value splat(Type type, double value) {
    return b.create<ConstantOp>(loc, type, value);
  }
  Value add(Value x, Value y) { return b.create<AddOp>(loc, x, y); }
  Value sub(Value x, Value y) { return b.create<SubOp>(loc, x, y); }
  Value mul(Value x, Value y) { return b.create<MulOp>(loc, x, y); }
  Value div(Value x, Value y) { return b.create<DivOp>(loc, x, y); }
  Value neg(Value x) { return b.create<NegOp>(loc, x); }
  Value scale(Value x, double a) { return b.create<ScaleOp>(loc, x, a); }
  Value exp(Value x) { return b.create<ExpOp>(loc, x); }
  Value log(Value x) { return b.create<LogOp>(loc, x); }
  Value step(Value x) { return b.create<HeavisideOp>(loc, x); }

  /// A 0-d cotangent replicated to `type`'s shape.
  Value fill(Value scalar, Type type) {
    return b.create<BroadcastOp>(loc, type, scalar, b.getDenseI64ArrayAttr({}));
  }
  /// Sums `x` over `axes` (no-op for none).
  Value reduce(Value x, ArrayRef<int64_t> axes) {
    if (axes.empty())
      return x;
    return b.create<ReduceSumOp>(loc, x, b.getDenseI64ArrayAttr(axes));
  }
  /// Sums over the last axis and broadcasts back (the row sums of softmax).
  Value rowSumBroadcast(Value x) {
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    Value rows = reduce(x, {rank - 1});
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d + 1 < rank; ++d)
      dims.push_back(d);
    return b.create<BroadcastOp>(loc, type, rows, b.getDenseI64ArrayAttr(dims));
  }
  Value matmul(Value x, Value y, bool tx, bool ty) {
    return b.create<MatmulOp>(loc, x, y, tx, ty);
  }
  /// 1/σ² · (z − μ) and (z − μ)²/σ³ − 1/σ: the Gaussian log-density's
  /// derivatives with respect to μ and σ, shared by three ops.
  std::pair<Value, Value> gaussianScores(Value z, Value mu, Value sigma) {
    Value d = sub(z, mu);
    Value s2 = mul(sigma, sigma);
    Value dMu = div(d, s2);
    Value inv = div(splat(sigma.getType(), 1.0), sigma);
    Value dSigma = sub(div(mul(d, d), mul(s2, sigma)), inv);
    return {dMu, dSigma};
  }
};

} // namespace

#define SG_RULES Rules r{builder, getLoc()};

// Elementwise, one operand.
SmallVector<Value> NegOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.neg(g)};
}
SmallVector<Value> ExpOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.mul(g, getResult())};
}
SmallVector<Value> LogOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.div(g, getInput())};
}
SmallVector<Value> SqrtOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.scale(r.div(g, getResult()), 0.5)};
}
SmallVector<Value> SigmoidOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES Value y = getResult();
  return {r.mul(r.mul(g, y), r.sub(r.splat(y.getType(), 1.0), y))};
}
SmallVector<Value> SoftplusOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.mul(g, builder.create<SigmoidOp>(getLoc(), getInput()))};
}
SmallVector<Value> TanhOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES Value y = getResult();
  return {r.mul(g, r.sub(r.splat(y.getType(), 1.0), r.mul(y, y)))};
}
SmallVector<Value> ReluOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.mul(g, r.step(getInput()))};
}
SmallVector<Value> HeavisideOp::buildPullback(OpBuilder &, Value) {
  return {Value()}; // zero wherever the derivative exists
}

// Kinks, where the rules above pick a Clarke subderivative: x = 0 for relu
// and the step, x = y for the maximum. `operands` are elements (scalars).
static Value isZero(OpBuilder &builder, Location loc, Value x) {
  Value zero = builder.create<arith::ConstantOp>(
      loc, builder.getFloatAttr(x.getType(), 0.0));
  return builder.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, x, zero);
}
Value ReluOp::buildKinkCondition(OpBuilder &builder, Location loc,
                                 ValueRange operands) {
  return isZero(builder, loc, operands[0]);
}
Value HeavisideOp::buildKinkCondition(OpBuilder &builder, Location loc,
                                      ValueRange operands) {
  return isZero(builder, loc, operands[0]);
}
Value MaximumOp::buildKinkCondition(OpBuilder &builder, Location loc,
                                    ValueRange operands) {
  return builder.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ,
                                       operands[0], operands[1]);
}
SmallVector<Value> SoftmaxOp::buildPullback(OpBuilder &builder, Value g) {
  // y ⊙ (g − Σ_row g ⊙ y)
  SG_RULES Value y = getResult();
  return {r.mul(y, r.sub(g, r.rowSumBroadcast(r.mul(g, y))))};
}
SmallVector<Value> LogSoftmaxOp::buildPullback(OpBuilder &builder, Value g) {
  // g − softmax(x) ⊙ Σ_row g
  SG_RULES return {r.sub(g, r.mul(r.exp(getResult()), r.rowSumBroadcast(g)))};
}
SmallVector<Value> ScaleOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.scale(g, getAlpha().convertToDouble())};
}

// Elementwise, several operands.
SmallVector<Value> AddOp::buildPullback(OpBuilder &, Value g) { return {g, g}; }
SmallVector<Value> SubOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {g, r.neg(g)};
}
SmallVector<Value> MulOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.mul(g, getRhs()), r.mul(g, getLhs())};
}
SmallVector<Value> DivOp::buildPullback(OpBuilder &builder, Value g) {
  // z = x/y: ∂x = g/y, ∂y = −g·z/y
  SG_RULES Value gy = r.div(g, getRhs());
  return {gy, r.neg(r.mul(gy, getResult()))};
}
SmallVector<Value> MaximumOp::buildPullback(OpBuilder &builder, Value g) {
  // The cotangent goes to x where x > y and to y elsewhere.
  SG_RULES Value toX = r.step(r.sub(getLhs(), getRhs()));
  Value gx = r.mul(g, toX);
  return {gx, r.sub(g, gx)};
}
SmallVector<Value> MulAddOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.mul(g, getB()), r.mul(g, getA()), g};
}
SmallVector<Value> ConstantOp::buildPullback(OpBuilder &, Value) { return {}; }

// Shapes.
SmallVector<Value> SumOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES return {r.fill(g, getInput().getType())};
}
SmallVector<Value> ReduceSumOp::buildPullback(OpBuilder &builder, Value g) {
  auto type = cast<RankedTensorType>(getInput().getType());
  SmallVector<int64_t> kept;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (!llvm::is_contained(getAxes(), d))
      kept.push_back(d);
  return {builder.create<BroadcastOp>(getLoc(), type, g,
                                      builder.getDenseI64ArrayAttr(kept))};
}
SmallVector<Value> BroadcastOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES auto type = cast<RankedTensorType>(getType());
  SmallVector<int64_t> added;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (!llvm::is_contained(getDims(), d))
      added.push_back(d);
  return {r.reduce(g, added)};
}
SmallVector<Value> BiasAddOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES int64_t leading =
      getInput().getType().getRank() - getBias().getType().getRank();
  SmallVector<int64_t> axes;
  for (int64_t d = 0; d < leading; ++d)
    axes.push_back(d);
  return {g, r.reduce(g, axes)};
}
SmallVector<Value> TransposeOp::buildPullback(OpBuilder &builder, Value g) {
  ArrayRef<int64_t> perm = getPermutation();
  SmallVector<int64_t> inverse(perm.size());
  for (auto [i, p] : llvm::enumerate(perm))
    inverse[p] = i;
  return {builder.create<TransposeOp>(getLoc(), g,
                                      builder.getDenseI64ArrayAttr(inverse))};
}
SmallVector<Value> MeanOp::buildPullback(OpBuilder &builder, Value g) {
  // Every summed element receives g / n.
  SG_RULES auto type = cast<RankedTensorType>(getInput().getType());
  SmallVector<int64_t> kept;
  int64_t n = 1;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (llvm::is_contained(getAxes(), d))
      n *= type.getDimSize(d);
    else
      kept.push_back(d);
  }
  Value spread = builder.create<BroadcastOp>(
      getLoc(), type, g, builder.getDenseI64ArrayAttr(kept));
  return {r.scale(spread, 1.0 / static_cast<double>(n))};
}
SmallVector<Value> ReshapeOp::buildPullback(OpBuilder &builder, Value g) {
  return {builder.create<ReshapeOp>(getLoc(), getInput().getType(), g)};
}
SmallVector<Value> SliceOp::buildPullback(OpBuilder &builder, Value g) {
  // g inside the box, zero outside: g padded with zero blocks before and
  // after the box along each axis.
  SG_RULES auto type = cast<RankedTensorType>(getInput().getType());
  ArrayRef<int64_t> offsets = getOffsets();
  Value padded = g;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    auto current = cast<RankedTensorType>(padded.getType());
    auto zeros = [&](int64_t size) {
      SmallVector<int64_t> shape(current.getShape());
      shape[d] = size;
      return r.splat(RankedTensorType::get(shape, current.getElementType()),
                     0.0);
    };
    int64_t before = offsets[d];
    int64_t after = type.getDimSize(d) - before - current.getDimSize(d);
    SmallVector<Value> parts;
    if (before > 0)
      parts.push_back(zeros(before));
    parts.push_back(padded);
    if (after > 0)
      parts.push_back(zeros(after));
    if (parts.size() > 1)
      padded = builder.create<ConcatOp>(getLoc(), parts, d);
  }
  return {padded};
}
SmallVector<Value> ConcatOp::buildPullback(OpBuilder &builder, Value g) {
  // Operand i receives its own block of g along the axis.
  int64_t axis = static_cast<int64_t>(getAxis()), start = 0;
  SmallVector<Value> grads;
  for (Value input : getInputs()) {
    auto type = cast<RankedTensorType>(input.getType());
    SmallVector<int64_t> offsets(type.getRank(), 0);
    offsets[axis] = start;
    grads.push_back(builder.create<SliceOp>(
        getLoc(), type, g, builder.getDenseI64ArrayAttr(offsets)));
    start += type.getDimSize(axis);
  }
  return grads;
}
SmallVector<Value> MatmulOp::buildPullback(OpBuilder &builder, Value g) {
  // C = op(A)·op(B). Each case is the adjoint written with the flags that
  // avoid materializing a transpose.
  SG_RULES Value a = getLhs(), bm = getRhs();
  bool ta = getTransposeLhs(), tb = getTransposeRhs();
  if (!ta && !tb) // dA = g·Bᵀ, dB = Aᵀ·g
    return {r.matmul(g, bm, false, true), r.matmul(a, g, true, false)};
  if (ta && !tb) // C = AᵀB: dA = B·gᵀ, dB = A·g
    return {r.matmul(bm, g, false, true), r.matmul(a, g, false, false)};
  if (!ta && tb) // C = ABᵀ: dA = g·B, dB = gᵀ·A
    return {r.matmul(g, bm, false, false), r.matmul(g, a, true, false)};
  // C = AᵀBᵀ: dA = Bᵀ·gᵀ, dB = gᵀ·Aᵀ
  return {r.matmul(bm, g, true, true), r.matmul(g, a, true, true)};
}

// Scalar-valued losses: g is 0-d and is first replicated to the operands'
// shape.
SmallVector<Value> MvnKLOp::buildPullback(OpBuilder &builder, Value g) {
  // −½ Σ (1 + log σ² − μ² − σ²): ∂μ = μ, ∂σ = σ − 1/σ
  SG_RULES Value mu = getMean(), sigma = getStddev();
  Value gb = r.fill(g, mu.getType());
  Value inv = r.div(r.splat(sigma.getType(), 1.0), sigma);
  return {r.mul(gb, mu), r.mul(gb, r.sub(sigma, inv))};
}
SmallVector<Value> MvnEmpiricalKLOp::buildPullback(OpBuilder &builder,
                                                   Value g) {
  // log N(z; μ, σ) − log N(z; 0, 1): ∂z = −(z−μ)/σ² + z
  SG_RULES Value mu = getMean(), sigma = getStddev(), z = getSample();
  Value gb = r.fill(g, mu.getType());
  auto [dMu, dSigma] = r.gaussianScores(z, mu, sigma);
  return {r.mul(gb, dMu), r.mul(gb, dSigma), r.mul(gb, r.sub(z, dMu))};
}
SmallVector<Value> NormalLogPdfOp::buildPullback(OpBuilder &builder, Value g) {
  SG_RULES Value z = getSample(), mu = getMean(), sigma = getStddev();
  Value gb = r.fill(g, mu.getType());
  auto [dMu, dSigma] = r.gaussianScores(z, mu, sigma);
  return {r.neg(r.mul(gb, dMu)), r.mul(gb, dMu), r.mul(gb, dSigma)};
}
SmallVector<Value> BernoulliNegLogPdfOp::buildPullback(OpBuilder &builder,
                                                       Value g) {
  // −Σ [x log p + (1−x) log(1−p)]:
  //   ∂p = (p − x) / (p(1 − p)), with the denominator kept ≥ 1e-12 (as
  //        PyTorch's BCELoss) so that p rounding to 0 or 1 gives a large
  //        finite value, which a following sigmoid pullback turns into the
  //        correct (p − x) up to rounding instead of inf·0 = NaN;
  //   ∂x = log(1 − p) − log p.
  SG_RULES Value p = getProb(), x = getValue();
  Type type = p.getType();
  Value gb = r.fill(g, type);
  Value one = r.splat(type, 1.0);
  Value q = r.sub(one, p);
  Value denom =
      builder.create<MaximumOp>(getLoc(), r.mul(p, q), r.splat(type, 1e-12));
  return {r.mul(gb, r.div(r.sub(p, x), denom)),
          r.mul(gb, r.sub(r.log(q), r.log(p)))};
}
SmallVector<Value>
BernoulliLogitsNegLogPdfOp::buildPullback(OpBuilder &builder, Value g) {
  // Σ [softplus(l) − x l]: ∂l = σ(l) − x, ∂x = −l. No clamp is needed:
  // σ(l) is in [0, 1] for every l.
  SG_RULES Value l = getLogits(), x = getValue();
  Value gb = r.fill(g, l.getType());
  Value p = builder.create<SigmoidOp>(getLoc(), l);
  return {r.mul(gb, r.sub(p, x)), r.neg(r.mul(gb, l))};
}
SmallVector<Value> SoftmaxCrossEntropyOp::buildPullback(OpBuilder &builder,
                                                        Value g) {
  // Σ t ⊙ (lse − l): ∂l = softmax(l) ⊙ Σ_row t − t, ∂t = −log_softmax(l)
  SG_RULES Value l = getLogits(), t = getTargets();
  Value gb = r.fill(g, l.getType());
  Value sm = builder.create<SoftmaxOp>(getLoc(), l);
  Value dl = r.sub(r.mul(sm, r.rowSumBroadcast(t)), t);
  Value dt = r.neg(builder.create<LogSoftmaxOp>(getLoc(), l));
  return {r.mul(gb, dl), r.mul(gb, dt)};
}

#undef SG_RULES
