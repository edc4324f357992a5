//===- Enumerate.cpp - exact expectation over a small discrete sample -----===//
//
// Sums a discrete sample out of the costs that depend on it; see the pass
// description in Passes.td for the rewrite and its preconditions.
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"
#include "sg/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGENUMERATE
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

/// The values of a discrete sample of `type`, in a fixed order: for a
/// categorical, every assignment of one class per row (row 0 varying
/// slowest); for a Bernoulli, every 0/1 pattern (element 0 slowest). Empty
/// when there are more than `limit`; `count` is the support size, or 0 when
/// it exceeds 2^62.
SmallVector<SmallVector<double>> supportValues(Operation *sample,
                                               RankedTensorType type,
                                               int64_t limit,
                                               uint64_t &count) {
  int64_t n = type.getNumElements();
  int64_t classes = isa<CategoricalOp>(sample) ? type.getShape().back() : 2;
  int64_t slots = isa<CategoricalOp>(sample) ? (classes ? n / classes : 0) : n;
  count = 1;
  for (int64_t i = 0; i < slots; ++i) {
    if (count > (uint64_t(1) << 62) / uint64_t(std::max<int64_t>(classes, 1))) {
      count = 0;
      return {};
    }
    count *= classes;
  }
  if (count > uint64_t(limit))
    return {};
  SmallVector<SmallVector<double>> values;
  for (uint64_t k = 0; k < count; ++k) {
    SmallVector<double> v(n, 0.0);
    uint64_t rest = k;
    for (int64_t slot = slots - 1; slot >= 0; --slot) {
      int64_t digit = rest % classes;
      rest /= classes;
      if (isa<CategoricalOp>(sample))
        v[slot * classes + digit] = 1.0;
      else
        v[slot] = digit;
    }
    values.push_back(std::move(v));
  }
  return values;
}

struct EnumeratePass : public sg::impl::SGEnumerateBase<EnumeratePass> {
  using SGEnumerateBase::SGEnumerateBase;

  void runOnOperation() override {
    SmallVector<Operation *> samples;
    getOperation().walk([&](DistributionOpInterface dist) {
      if (dist.isDiscrete() && isa<GraphOp>(dist->getParentOp()))
        samples.push_back(dist);
    });
    bool ok = true;
    for (Operation *sample : samples)
      ok &= succeeded(enumerate(sample));
    if (!ok)
      signalPassFailure();
  }

  /// A remark, or an error if the sample requested enumeration.
  LogicalResult refuse(Operation *sample, const Twine &why) {
    // {sg.enumerate} requests enumeration: a failed precondition is an
    // error.
    if (SGDialect::EnumerateAttrHelper(sample->getContext())
            .isAttrPresent(sample)) {
      sample->emitError("cannot enumerate this sample: ") << why;
      return failure();
    }
    sample->emitRemark("not enumerated: ") << why;
    return success();
  }

  LogicalResult enumerate(Operation *sample);
};

LogicalResult EnumeratePass::enumerate(Operation *sample) {
  MLIRContext *ctx = sample->getContext();
  if (SGDialect::ScoreFunctionAttrHelper(ctx).isAttrPresent(sample)) {
    if (SGDialect::EnumerateAttrHelper(ctx).isAttrPresent(sample))
      return sample->emitError("marked both sg.enumerate and "
                               "sg.score_function");
    sample->emitRemark("not enumerated: marked sg.score_function, it keeps "
                       "the score-function estimator");
    return success();
  }
  auto type = cast<RankedTensorType>(sample->getResult(0).getType());
  uint64_t count = 0;
  SmallVector<SmallVector<double>> values =
      supportValues(sample, type, maxSupport, count);
  if (values.empty()) {
    std::string size = count ? std::to_string(count) : "more than 2^62";
    return refuse(sample, "its support has " + size +
                              " values, above max-support = " +
                              std::to_string(maxSupport));
  }

  // Everything that depends on the sample, in block order.
  llvm::SetVector<Operation *> dependent;
  llvm::DenseSet<Value> reached{sample->getResult(0)};
  SmallVector<CostOp> costs;
  for (Operation *op = sample->getNextNode(); op; op = op->getNextNode()) {
    if (!llvm::any_of(op->getOperands(),
                      [&](Value v) { return reached.contains(v); }))
      continue;
    if (isa<DistributionOpInterface>(op))
      return refuse(sample, "another sample depends on it");
    if (isa<OutputOp>(op))
      return refuse(sample, "an sg.output depends on it");
    if (auto cost = dyn_cast<CostOp>(op)) {
      costs.push_back(cost);
      continue;
    }
    dependent.insert(op);
    for (Value r : op->getResults())
      reached.insert(r);
  }
  if (costs.empty())
    return refuse(sample, "no cost depends on it");

  // Σ_k exp(log p(k)) · c(k), built after the last op of the graph (a graph
  // has no terminator), where every value it uses is defined.
  Block *body = sample->getBlock();
  OpBuilder b = OpBuilder::atBlockEnd(body);
  Location loc = sample->getLoc();
  auto dist = cast<DistributionOpInterface>(sample);
  SmallVector<Value> expectations(costs.size());
  Type elem = type.getElementType();
  for (ArrayRef<double> value : values) {
    SmallVector<Attribute> elements;
    for (double v : value)
      elements.push_back(b.getFloatAttr(elem, v));
    Value constant =
        b.create<ConstantOp>(loc, DenseElementsAttr::get(type, elements));
    IRMapping map;
    map.map(sample->getResult(0), constant);
    for (Operation *op : dependent)
      b.clone(*op, map);
    // q(k), from the distribution's own log-density of the value k.
    Value weight = b.create<ExpOp>(loc, dist.buildLogDensity(b, constant));
    for (auto [cost, sum] : llvm::zip_equal(costs, expectations)) {
      Value term = b.create<MulOp>(loc, weight, map.lookup(cost.getValue()));
      sum = sum ? b.create<AddOp>(loc, sum, term).getResult() : term;
    }
  }
  for (auto [cost, sum] : llvm::zip_equal(costs, expectations)) {
    b.create<CostOp>(cost.getLoc(), sum);
    cost.erase();
  }
  for (Operation *op : llvm::reverse(dependent))
    op->erase();
  sample->emitRemark("enumerated: the costs that depend on this sample are "
                     "replaced by their exact expectation over its ")
      << values.size() << " values";
  sample->erase();
  return success();
}

} // namespace
