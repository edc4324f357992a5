//===- Distributions.cpp - the distribution interface of samples ----------===//
//
// Log-densities are built from deterministic sg operations, so the score
// function ∇ log p(z) follows from their pullback rules.
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::sg;

Value NormalOp::buildLogDensity(OpBuilder &builder, Value sample) {
  return builder.create<NormalLogPdfOp>(getLoc(), sample, getMean(),
                                        getStddev());
}
bool NormalOp::isReparameterizable() { return true; }
bool NormalOp::isDiscrete() { return false; }
Value NormalOp::buildReparameterization(OpBuilder &builder) {
  auto eps = builder.create<StdNormalOp>(getLoc(), getType(), getNodeAttr());
  auto z = builder.create<MulAddOp>(getLoc(), getStddev(), eps, getMean());
  // Checked mode still checks σ > 0 of the sample this came from.
  SGDialect::ReparameterizedAttrHelper(getContext())
      .setAttr(z, builder.getUnitAttr());
  return z;
}

Value StdNormalOp::buildLogDensity(OpBuilder &builder, Value sample) {
  Type type = sample.getType();
  Value zero = builder.create<ConstantOp>(getLoc(), type, 0.0);
  Value one = builder.create<ConstantOp>(getLoc(), type, 1.0);
  return builder.create<NormalLogPdfOp>(getLoc(), sample, zero, one);
}
bool StdNormalOp::isReparameterizable() { return true; }
bool StdNormalOp::isDiscrete() { return false; }

Value BernoulliOp::buildLogDensity(OpBuilder &builder, Value sample) {
  Value nll = builder.create<BernoulliNegLogPdfOp>(getLoc(), getProb(), sample);
  return builder.create<NegOp>(getLoc(), nll);
}
bool BernoulliOp::isReparameterizable() { return false; }
bool BernoulliOp::isDiscrete() { return true; }

// The elementwise distributions draw every element independently from the
// operands' element at the same index, so any leading axis is a row axis.
static bool hasLeadingAxis(Value v) {
  return cast<RankedTensorType>(v.getType()).getRank() >= 1;
}
bool NormalOp::hasIndependentRows() { return hasLeadingAxis(getResult()); }
bool StdNormalOp::hasIndependentRows() { return hasLeadingAxis(getResult()); }
bool BernoulliOp::hasIndependentRows() { return hasLeadingAxis(getResult()); }

Value BernoulliLogitsOp::buildLogDensity(OpBuilder &builder, Value sample) {
  // Σ [b l − softplus(l)], finite for every finite logit.
  Value nll = builder.create<BernoulliLogitsNegLogPdfOp>(getLoc(), getLogits(),
                                                         sample);
  return builder.create<NegOp>(getLoc(), nll);
}
bool BernoulliLogitsOp::isReparameterizable() { return false; }
bool BernoulliLogitsOp::isDiscrete() { return true; }

Value CategoricalOp::buildLogDensity(OpBuilder &builder, Value sample) {
  // Σ onehot ⊙ log_softmax(l): the cross-entropy of the one-hot sample.
  Value ce =
      builder.create<SoftmaxCrossEntropyOp>(getLoc(), getLogits(), sample);
  return builder.create<NegOp>(getLoc(), ce);
}
bool CategoricalOp::isReparameterizable() { return false; }
bool CategoricalOp::isDiscrete() { return true; }

// A Bernoulli of logits is elementwise too; a categorical draws one one-hot
// event per row from that row's logits, so it has rows when it has an axis
// besides the class axis.
bool BernoulliLogitsOp::hasIndependentRows() {
  return hasLeadingAxis(getResult());
}
bool CategoricalOp::hasIndependentRows() {
  return cast<RankedTensorType>(getType()).getRank() >= 2;
}

// The finite supports sg-enumerate sums over. Each element of a Bernoulli is
// an event with the values 0 and 1; each row of a categorical along the
// class axis is an event whose K values are the one-hot vectors.
std::optional<int64_t> BernoulliOp::getNumOutcomes(RankedTensorType) {
  return 2;
}
void BernoulliOp::writeOutcome(int64_t outcome, MutableArrayRef<double> event) {
  event[0] = double(outcome);
}
std::optional<int64_t> BernoulliLogitsOp::getNumOutcomes(RankedTensorType) {
  return 2;
}
void BernoulliLogitsOp::writeOutcome(int64_t outcome,
                                     MutableArrayRef<double> event) {
  event[0] = double(outcome);
}
std::optional<int64_t> CategoricalOp::getNumOutcomes(RankedTensorType type) {
  return type.getShape().back();
}
int64_t CategoricalOp::getEventSize(RankedTensorType type) {
  return type.getShape().back();
}
void CategoricalOp::writeOutcome(int64_t outcome,
                                 MutableArrayRef<double> event) {
  event[outcome] = 1.0;
}
