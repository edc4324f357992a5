//===- Enumerate.cpp - exact expectation over a small discrete sample -----===//
//
// Sums a discrete sample out of the costs that depend on it; see the pass
// description in Passes.td for the rewrite and its preconditions.
//
//===----------------------------------------------------------------------===//

#include "sg/Analysis/BatchIndependence.h"
#include "sg/SGOps.h"
#include "sg/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGENUMERATE
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

/// The values of a discrete sample of `type`, in a fixed order: every
/// assignment of one value per event of the distribution
/// (DistributionOpInterface::getNumOutcomes; event 0 varying slowest), e.g.
/// one class per row of a categorical, every 0/1 pattern of a Bernoulli.
/// Empty when there are more than `limit`; `count` is the support size, or 0
/// when it exceeds 2^62.
SmallVector<SmallVector<double>> supportValues(DistributionOpInterface dist,
                                               RankedTensorType type,
                                               int64_t limit, uint64_t &count) {
  int64_t n = type.getNumElements();
  int64_t classes = *dist.getNumOutcomes(type);
  int64_t eventSize = dist.getEventSize(type);
  int64_t slots = eventSize ? n / eventSize : 0;
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
      dist.writeOutcome(digit,
                        MutableArrayRef(v).slice(slot * eventSize, eventSize));
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
  /// Why the rows of `sample` cannot be enumerated one by one, or an empty
  /// string; fills the values of one row and the row analysis.
  std::string whyNotPerRow(Operation *sample, MutableArrayRef<CostOp> costs,
                           SmallVector<SmallVector<double>> &rowValues,
                           std::optional<RowDependence> &deps,
                           Operation *&mixer);
  void enumerateWhole(Operation *sample, ArrayRef<SmallVector<double>> values,
                      ArrayRef<Operation *> dependent,
                      MutableArrayRef<CostOp> costs);
  LogicalResult enumerateRows(Operation *sample,
                              ArrayRef<SmallVector<double>> rowValues,
                              const RowDependence &deps,
                              ArrayRef<Operation *> dependent,
                              MutableArrayRef<CostOp> costs);
};

/// Replaces every cost by its expectation and erases the sample and the
/// ops that depended on it.
void replaceCosts(Operation *sample, ArrayRef<Operation *> dependent,
                  MutableArrayRef<CostOp> costs, ArrayRef<Value> expectations) {
  OpBuilder b = OpBuilder::atBlockEnd(sample->getBlock());
  for (auto [cost, sum] : llvm::zip_equal(costs, expectations)) {
    b.create<CostOp>(cost.getLoc(), sum);
    cost.erase();
  }
  for (Operation *op : llvm::reverse(dependent))
    op->erase();
  sample->erase();
}

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

  // Everything that depends on the sample, in block order.
  SmallVector<Operation *> dependent;
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
    dependent.push_back(op);
    for (Value r : op->getResults())
      reached.insert(r);
  }
  if (costs.empty())
    return refuse(sample, "no cost depends on it");
  auto dist = cast<DistributionOpInterface>(sample);
  if (!dist.getNumOutcomes(
          cast<RankedTensorType>(sample->getResult(0).getType())))
    return refuse(sample, "its distribution has no finite support");

  auto type = cast<RankedTensorType>(sample->getResult(0).getType());
  uint64_t count = 0;
  SmallVector<SmallVector<double>> values =
      supportValues(dist, type, maxSupport, count);
  SmallVector<SmallVector<double>> rowValues;
  std::optional<RowDependence> deps;
  Operation *mixer = nullptr;
  std::string rowWhy = whyNotPerRow(sample, costs, rowValues, deps, mixer);
  // Rows one by one need K clones where the whole tensor needs K^rows.
  if (rowWhy.empty() && (deps->getRows() > 1 || values.empty()))
    return enumerateRows(sample, rowValues, *deps, dependent, costs);
  if (!values.empty()) {
    enumerateWhole(sample, values, dependent, costs);
    return success();
  }
  std::string size = count ? std::to_string(count) : "more than 2^62";
  std::string why =
      "its support has " + size +
      " values, above max-support = " + std::to_string(maxSupport) +
      ", and its rows cannot be "
      "enumerated one by one: " +
      rowWhy;
  if (SGDialect::EnumerateAttrHelper(ctx).isAttrPresent(sample)) {
    InFlightDiagnostic d = sample->emitError("cannot enumerate this sample: ")
                           << why;
    if (mixer)
      d.attachNote(mixer->getLoc())
          << "rows are mixed here by '" << mixer->getName() << "'";
    return failure();
  }
  InFlightDiagnostic d = sample->emitRemark("not enumerated: ") << why;
  if (mixer)
    d.attachNote(mixer->getLoc())
        << "rows are mixed here by '" << mixer->getName() << "'";
  return success();
}

std::string
EnumeratePass::whyNotPerRow(Operation *sample, MutableArrayRef<CostOp> costs,
                            SmallVector<SmallVector<double>> &rowValues,
                            std::optional<RowDependence> &deps,
                            Operation *&mixer) {
  std::string why = whyNoIndependentRows(sample);
  if (!why.empty())
    return why;
  auto type = cast<RankedTensorType>(sample->getResult(0).getType());
  auto rowType = RankedTensorType::get(type.getShape().drop_front(),
                                       type.getElementType());
  uint64_t count = 0;
  rowValues = supportValues(cast<DistributionOpInterface>(sample), rowType,
                            maxSupport, count);
  if (rowValues.empty())
    return "each row has " +
           (count ? std::to_string(count) : std::string("more than 2^62")) +
           " values, above max-support = " + std::to_string(maxSupport);
  deps.emplace(*sample->getBlock(), ArrayRef<Value>{sample->getResult(0)},
               type.getDimSize(0));
  for (CostOp cost : costs) {
    RowFact fact = deps->lookup(cost.getValue());
    if (fact.kind != RowKind::RowSum) {
      mixer = fact.mixer;
      return "a cost that depends on it is not a sum of per-row terms";
    }
  }
  return "";
}

void EnumeratePass::enumerateWhole(Operation *sample,
                                   ArrayRef<SmallVector<double>> values,
                                   ArrayRef<Operation *> dependent,
                                   MutableArrayRef<CostOp> costs) {
  // Σ_k exp(log p(k)) · c(k), built after the last op of the graph (a graph
  // has no terminator), where every value it uses is defined.
  auto type = cast<RankedTensorType>(sample->getResult(0).getType());
  OpBuilder b = OpBuilder::atBlockEnd(sample->getBlock());
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
  sample->emitRemark("enumerated: the costs that depend on this sample are "
                     "replaced by their exact expectation over its ")
      << values.size() << " values";
  replaceCosts(sample, dependent, costs, expectations);
}

LogicalResult EnumeratePass::enumerateRows(
    Operation *sample, ArrayRef<SmallVector<double>> rowValues,
    const RowDependence &deps, ArrayRef<Operation *> dependent,
    MutableArrayRef<CostOp> costs) {
  auto type = cast<RankedTensorType>(sample->getResult(0).getType());
  int64_t rows = deps.getRows();
  Block *body = sample->getBlock();
  OpBuilder b = OpBuilder::atBlockEnd(body);
  Location loc = sample->getLoc();
  auto dist = cast<DistributionOpInterface>(sample);
  Type elem = type.getElementType();
  Operation *before = &body->back();

  // z(k): every row set to its k-th value.
  SmallVector<Value> constants;
  for (ArrayRef<double> value : rowValues) {
    SmallVector<Attribute> elements;
    for (int64_t i = 0; i < rows; ++i)
      for (double v : value)
        elements.push_back(b.getFloatAttr(elem, v));
    constants.push_back(
        b.create<ConstantOp>(loc, DenseElementsAttr::get(type, elements)));
  }

  // q_i(k) = exp(log p(z_i = k)): the row terms of the distribution's own
  // log-density of z(k). Only k ≥ 1 is needed below.
  SmallVector<Value> logps(constants.size());
  for (size_t k = 1; k < constants.size(); ++k)
    logps[k] = dist.buildLogDensity(b, constants[k]);
  SmallVector<Value> seeds(constants.begin(), constants.end());
  llvm::append_range(seeds, sample->getOperands());
  SmallVector<Value> weights(constants.size());
  {
    RowDependence logpRows(*body, seeds, rows);
    for (size_t k = 1; k < constants.size(); ++k) {
      if (logpRows.lookup(logps[k]).kind != RowKind::RowSum) {
        // Undo: everything after `before` was built here.
        while (&body->back() != before)
          body->back().erase();
        return refuse(sample, "its log-density does not split by rows");
      }
      weights[k] = b.create<ExpOp>(
          loc, logpRows.buildRowTerms(b, logps[k], [](Value v) { return v; }));
    }
  }
  // The whole log-densities were only needed for their row terms.
  for (size_t k = constants.size(); k-- > 1;) {
    SmallVector<Operation *> dead{logps[k].getDefiningOp()};
    while (!dead.empty()) {
      Operation *op = dead.pop_back_val();
      if (!op || !op->use_empty() || op->getBlock() != body ||
          !before->isBeforeInBlock(op) || isa<ConstantOp>(op))
        continue;
      SmallVector<Value> operands(op->getOperands());
      op->erase();
      for (Value v : operands)
        dead.push_back(v.getDefiningOp());
    }
  }

  // Each cost c is Σ_i r_i(z_i) + a part not depending on z, so with
  // Σ_k q_i(k) = 1:  E[c] = c(z(0)) + Σ_i Σ_{k≥1} q_i(k) (r_i(k) − r_i(0)).
  // c(z(0)) carries the part without z; both factors keep their gradients.
  SmallVector<Value> expectations(costs.size());
  SmallVector<SmallVector<Value>> terms(costs.size());
  for (auto [k, constant] : llvm::enumerate(constants)) {
    IRMapping map;
    map.map(sample->getResult(0), constant);
    for (Operation *op : dependent)
      b.clone(*op, map);
    for (auto [c, cost] : llvm::enumerate(costs)) {
      terms[c].push_back(deps.buildRowTerms(
          b, cost.getValue(), [&](Value v) { return map.lookupOrDefault(v); }));
      if (k == 0) {
        expectations[c] = map.lookup(cost.getValue());
        continue;
      }
      Value diff = b.create<SubOp>(loc, terms[c][k], terms[c][0]);
      Value weighted = b.create<MulOp>(loc, weights[k], diff);
      Value sum = b.create<SumOp>(loc, weighted);
      expectations[c] = b.create<AddOp>(loc, expectations[c], sum);
    }
  }
  sample->emitRemark("enumerated per row: the costs that depend on this "
                     "sample are replaced by their exact expectation over the ")
      << rowValues.size() << " values of each of its " << rows << " rows";
  replaceCosts(sample, dependent, costs, expectations);
  return success();
}

} // namespace
