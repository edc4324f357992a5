//===- Grad.cpp - the unbiased gradient estimator of a graph --------------===//
//
// Certigrad's backprop as code generation: the forward graph, then the score
// terms of the samples, then reverse mode through the pullback rules; see the
// pass description in Passes.td for the estimator.
//
//===----------------------------------------------------------------------===//

#include "sg/Analysis/BatchIndependence.h"
#include "sg/Analysis/ParameterDependence.h"
#include "sg/Analysis/SampleDependence.h"
#include "sg/SGOps.h"
#include "sg/Transforms/FunctionBuilder.h"
#include "sg/Transforms/Passes.h"

#include "mlir/IR/OperationSupport.h"

#include "llvm/ADT/SetVector.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGGRAD
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

using Adjoints = llvm::DenseMap<Value, Value>;

/// Adds cotangent `g` to the adjoint of `v` (nothing for a null `g`).
void accumulate(OpBuilder &b, Location loc, Adjoints &adjoint, Value v,
                Value g) {
  if (!g)
    return;
  auto it = adjoint.find(v);
  if (it == adjoint.end())
    adjoint[v] = g;
  else
    it->second = b.create<AddOp>(loc, it->second, g);
}

/// Reverse mode over `ops` (in forward order) from the adjoints given.
LogicalResult reverse(OpBuilder &b, Location loc, ArrayRef<Operation *> ops,
                      Adjoints &adjoint) {
  for (Operation *op : llvm::reverse(ops)) {
    if (isa<DistributionOpInterface>(op) || op->getNumResults() == 0)
      continue; // samples cut the pathwise gradient
    auto it = adjoint.find(op->getResult(0));
    if (it == adjoint.end())
      continue;
    auto rule = dyn_cast<PullbackOpInterface>(op);
    if (!rule)
      return op->emitError("has no pullback rule");
    SmallVector<Value> cotangents = rule.buildPullback(b, it->second);
    for (auto [operand, cotangent] :
         llvm::zip_equal(op->getOperands(), cotangents))
      accumulate(b, loc, adjoint, operand, cotangent);
  }
  return success();
}

/// Whether two values compute the same number: the same SSA value, or pure
/// ops that are equivalent with equivalent operands (samples never are:
/// each has its own node). Decides which score coefficients share a
/// baseline.
class SameComputation {
public:
  bool operator()(Value a, Value b) {
    if (a == b)
      return true;
    auto [it, inserted] = known.try_emplace({a, b}, false);
    if (!inserted)
      return it->second;
    Operation *x = a.getDefiningOp(), *y = b.getDefiningOp();
    bool same =
        x && y && x->getNumResults() == 1 && y->getNumResults() == 1 &&
        isPure(x) && isPure(y) &&
        OperationEquivalence::isEquivalentTo(
            x, y, [&](Value l, Value r) { return success((*this)(l, r)); },
            /*markEquivalent=*/nullptr, OperationEquivalence::IgnoreLocations);
    known[{a, b}] = same;
    return same;
  }

private:
  llvm::DenseMap<std::pair<Value, Value>, bool> known;
};

struct GradPass : public sg::impl::SGGradBase<GradPass> {
  using SGGradBase::SGGradBase;

  void runOnOperation() override {
    for (GraphOp graph : llvm::to_vector(getOperation().getOps<GraphOp>()))
      if (failed(generate(graph)))
        return signalPassFailure();
  }

  LogicalResult generate(GraphOp graph);
};

/// The per-row score term of one sample, when it has one: the cotangents
/// that Σ_i coefficient_i · log p(z_i) sends to the distribution's operands.
struct RowScore {
  /// Why the sample keeps a scalar coefficient (empty: it has row terms).
  std::string why;
  Operation *mixer = nullptr;
};

/// Checks that the log-density `logp`, built by the ops after `before` in
/// the function's block, is a sum over rows of terms that each read row i
/// of the sample `z` and of the distribution's `operands` only, so that
/// d/dφ_i Σ_i c_i log p(z_i; φ_i) = c_i · d/dφ_i log p(z; φ).
RowScore checkRowLogDensity(Block &block, Operation *before, Value logp,
                            Value z, ValueRange operands, int64_t rows) {
  SmallVector<Value> seeds{z};
  llvm::append_range(seeds, operands);
  RowDependence deps(block, seeds, rows);
  RowFact fact = deps.lookup(logp);
  if (fact.kind == RowKind::Mixed)
    return {"its log-density does not split by rows", fact.mixer};
  if (fact.kind != RowKind::RowSum)
    return {"its log-density does not split by rows", nullptr};
  // Every value the log-density reads besides its own ops must be a seed or
  // a constant: anything else would receive a cotangent scaled per row.
  for (Operation *op = before->getNextNode(); op; op = op->getNextNode())
    for (Value v : op->getOperands()) {
      Operation *def = v.getDefiningOp();
      bool own =
          def && def->getBlock() == &block && before->isBeforeInBlock(def);
      if (!own && !llvm::is_contained(seeds, v) &&
          !(def && isa<ConstantOp>(def)))
        return {"its log-density reads a value besides its operands", def};
    }
  return {};
}

LogicalResult GradPass::generate(GraphOp graph) {
  Block &body = graph.getBody().front();
  SmallVector<CostOp> costs(body.getOps<CostOp>());
  if (costs.empty())
    return success(); // a forward-only model: nothing to differentiate
  SmallVector<unsigned> params;
  for (unsigned i = 0; i < graph.getNumArguments(); ++i)
    if (graph.isParam(i))
      params.push_back(i);
  if (params.empty())
    return graph.emitError("has costs but no {sg.param} argument: there is "
                           "nothing to differentiate (compile with --no-grad "
                           "for the forward function only)");

  // What the gradient cannot see (costs without parameters, parameters
  // without costs) is reported by sg-lint, which sgc runs first.
  const auto &dependence = getAnalysis<ParameterDependence>();
  const auto &samples = getAnalysis<SampleDependence>();

  // Forward.
  GeneratedFunction gen(graph, "loss_grad");
  OpBuilder &b = gen.builder();
  Location loc = gen.loc();
  IRMapping &map = gen.mapping();
  SmallVector<Value> costValues, outputs;
  gen.cloneBody(costValues, outputs);
  Value loss = gen.sumCosts(costValues);
  auto scalarType = cast<RankedTensorType>(loss.getType());

  // Score terms: seed ∇ log p(z) with (Σ costs − baseline), per row where
  // the rows are proved independent.
  Block &entry = gen.function().getBody().front();
  auto lookup = [&](Value v) { return map.lookup(v); };
  Adjoints adjoint;
  struct BaselineBuffer {
    Value coefficient, previous, updated;
    std::string samples; // where the samples it serves are, for the header
  };
  SmallVector<BaselineBuffer> baselines;
  SameComputation sameComputation;
  // The baseline of `coefficient`: a new caller-owned buffer, or the one of
  // an earlier sample with the same coefficient.
  auto subtractBaseline = [&](Value coefficient, Operation *sample) -> Value {
    if (baseline != Baseline::MovingAverage)
      return coefficient;
    Value previous;
    for (BaselineBuffer &known : baselines)
      if (known.coefficient.getType() == coefficient.getType() &&
          sameComputation(known.coefficient, coefficient)) {
        previous = known.previous;
        known.samples += ", " + describeLocation(sample->getLoc());
        break;
      }
    if (!previous) {
      // The previous baseline enters as a new function argument.
      func::FuncOp func = gen.function();
      unsigned index = func.getNumArguments() - 2; // before seed, step
      func.insertArgument(index, coefficient.getType(), {}, loc);
      previous = func.getArgument(index);
      Value decayed = b.create<ScaleOp>(loc, previous, baselineDecay);
      Value fresh = b.create<ScaleOp>(loc, coefficient, 1.0 - baselineDecay);
      baselines.push_back({coefficient, previous,
                           b.create<AddOp>(loc, decayed, fresh),
                           describeLocation(sample->getLoc())});
    }
    return b.create<SubOp>(loc, coefficient, previous);
  };

  for (Operation &op : body) {
    auto dist = dyn_cast<DistributionOpInterface>(op);
    if (!dist || !llvm::any_of(op.getOperands(), [&](Value v) {
          return dependence.dependsOnParamDeterministically(v);
        }))
      continue;
    SmallVector<CostOp> terms =
        scoreCosts == ScoreCosts::All ? costs : samples.getDownstreamCosts(&op);
    if (terms.empty())
      continue; // no cost sees this sample: its score term is zero
    auto cloned = cast<DistributionOpInterface>(
        map.lookup(op.getResult(0)).getDefiningOp());
    Value z = cloned->getResult(0);
    Operation *before = &entry.back();
    Value logp = cloned.buildLogDensity(b, z);
    SmallVector<Operation *> logpOps;
    for (Operation *o = before->getNextNode(); o; o = o->getNextNode())
      logpOps.push_back(o);

    // Per-row terms: rows independent, a row-separable log-density, and at
    // least one downstream cost that is a sum over rows.
    // (score-costs=all weighs every row by every cost, as Certigrad.)
    bool tryRows =
        scoreRows == ScoreRows::PerRow && scoreCosts == ScoreCosts::Downstream;
    RowScore rowScore{"scalar requested"};
    SmallVector<CostOp> separable, coupled;
    std::optional<RowDependence> deps;
    if (tryRows) {
      rowScore = {whyNoIndependentRows(&op)};
      if (rowScore.why.empty()) {
        int64_t rows = cast<RankedTensorType>(z.getType()).getDimSize(0);
        rowScore = checkRowLogDensity(entry, before, logp, z,
                                      cloned->getOperands(), rows);
        deps.emplace(body, ArrayRef<Value>{op.getResult(0)}, rows);
      }
      if (rowScore.why.empty()) {
        for (CostOp c : terms)
          (deps->lookup(c.getValue()).kind == RowKind::RowSum ? separable
                                                              : coupled)
              .push_back(c);
        if (separable.empty()) {
          rowScore = {"no downstream cost is a sum over rows",
                      deps->lookup(coupled.front().getValue()).mixer};
        }
      }
    }

    if (!rowScore.why.empty()) {
      if (tryRows) {
        InFlightDiagnostic d = op.emitRemark("scalar score coefficient: ")
                               << rowScore.why;
        if (rowScore.mixer)
          d.attachNote(rowScore.mixer->getLoc())
              << "rows are mixed here by '" << rowScore.mixer->getName() << "'";
      }
      SmallVector<Value> mapped;
      for (CostOp c : terms)
        mapped.push_back(lookup(c.getValue()));
      Value coefficient = subtractBaseline(gen.sumCosts(mapped), &op);
      accumulate(b, loc, adjoint, logp, coefficient);
      continue;
    }

    // coefficient_i = Σ separable costs' row terms + Σ coupled costs.
    Value perRow;
    for (CostOp c : separable) {
      Value t = deps->buildRowTerms(b, c.getValue(), lookup);
      perRow = perRow ? b.create<AddOp>(loc, perRow, t) : t;
    }
    auto rowType = cast<RankedTensorType>(perRow.getType());
    if (!coupled.empty()) {
      SmallVector<Value> mapped;
      for (CostOp c : coupled)
        mapped.push_back(lookup(c.getValue()));
      Value whole = b.create<BroadcastOp>(loc, rowType, gen.sumCosts(mapped),
                                          b.getDenseI64ArrayAttr({}));
      perRow = b.create<AddOp>(loc, perRow, whole);
    }
    Value coefficient = subtractBaseline(perRow, &op);

    // c_i · d log p(z_i; φ_i)/dφ_i = c_i · (d log p(z; φ)/dφ)_i: reverse
    // mode through the log-density from 1, then each operand's cotangent
    // scaled by its row's coefficient.
    Adjoints local;
    local[logp] = b.create<ConstantOp>(loc, scalarType, 1.0);
    if (failed(reverse(b, loc, logpOps, local)))
      return failure();
    for (Value phi : llvm::SetVector<Value>(cloned->operand_begin(),
                                            cloned->operand_end())) {
      Value g = local.lookup(phi);
      if (!g)
        continue;
      Value c = b.create<BroadcastOp>(loc, g.getType(), coefficient,
                                      b.getDenseI64ArrayAttr({0}));
      accumulate(b, loc, adjoint, phi, b.create<MulOp>(loc, c, g));
    }
    int64_t rows = rowType.getDimSize(0);
    InFlightDiagnostic d = op.emitRemark("per-row score terms (")
                           << rows << (rows == 1 ? " row)" : " rows)");
    for (CostOp c : coupled) {
      d << "; the cost at " << describeLocation(c.getLoc())
        << " couples rows and enters every row whole";
      if (Operation *mixer = deps->lookup(c.getValue()).mixer)
        d.attachNote(mixer->getLoc())
            << "rows are mixed here by '" << mixer->getName() << "'";
    }
  }

  // Reverse mode.
  SmallVector<Operation *> forward;
  for (Operation &op : entry)
    forward.push_back(&op);
  Value one = b.create<ConstantOp>(loc, scalarType, 1.0);
  for (Value c : costValues)
    accumulate(b, loc, adjoint, c, one);
  if (failed(reverse(b, loc, forward, adjoint)))
    return failure();

  SmallVector<Value> results{loss};
  for (unsigned i : params) {
    Value g = adjoint.lookup(entry.getArgument(i));
    results.push_back(
        g ? g : b.create<ConstantOp>(loc, graph.getArgumentTypes()[i], 0.0));
  }
  SmallVector<Attribute> served;
  for (BaselineBuffer &known : baselines) {
    results.push_back(known.updated);
    served.push_back(b.getStringAttr(known.samples));
  }
  gen.finish(results);
  SGDialect::NumBaselinesAttrHelper(b.getContext())
      .setAttr(gen.function(), b.getI64IntegerAttr(baselines.size()));
  // The header says which samples each baseline serves.
  if (!served.empty())
    SGDialect::BaselineSamplesAttrHelper(b.getContext())
        .setAttr(gen.function(), b.getArrayAttr(served));
  return success();
}

} // namespace
