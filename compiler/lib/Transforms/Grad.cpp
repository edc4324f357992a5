//===- Grad.cpp - the unbiased gradient estimator of a graph --------------===//
//
// Certigrad's backprop as code generation: the forward graph, then the score
// terms of the samples, then reverse mode through the pullback rules; see the
// pass description in Passes.td for the estimator.
//
//===----------------------------------------------------------------------===//

#include "sg/Analysis/ParameterDependence.h"
#include "sg/Analysis/SampleDependence.h"
#include "sg/SGOps.h"
#include "sg/Transforms/FunctionBuilder.h"
#include "sg/Transforms/Passes.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGGRAD
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

struct GradPass : public sg::impl::SGGradBase<GradPass> {
  using SGGradBase::SGGradBase;

  void runOnOperation() override {
    for (GraphOp graph : llvm::to_vector(getOperation().getOps<GraphOp>()))
      if (failed(generate(graph)))
        return signalPassFailure();
  }

  LogicalResult generate(GraphOp graph);
};

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

  // Score terms: seed ∇ log p(z) with (Σ costs − baseline).
  struct Score {
    Value logDensity, coefficient;
  };
  SmallVector<Score> scores;
  SmallVector<Value> newBaselines;
  bool movingAverage = baseline == Baseline::MovingAverage;
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
    SmallVector<Value> mapped;
    for (CostOp c : terms)
      mapped.push_back(map.lookup(c.getValue()));
    Value sum = gen.sumCosts(mapped);
    Value coefficient = sum;
    if (movingAverage) {
      // The previous baseline enters as a new function argument.
      func::FuncOp func = gen.function();
      unsigned index = func.getNumArguments() - 2; // before seed, step
      func.insertArgument(index, scalarType, {}, loc);
      Value previous = func.getArgument(index);
      coefficient = b.create<SubOp>(loc, sum, previous);
      Value decayed = b.create<ScaleOp>(loc, previous, baselineDecay);
      Value fresh = b.create<ScaleOp>(loc, sum, 1.0 - baselineDecay);
      newBaselines.push_back(b.create<AddOp>(loc, decayed, fresh));
    }
    auto cloned = cast<DistributionOpInterface>(
        map.lookup(op.getResult(0)).getDefiningOp());
    Value logp = cloned.buildLogDensity(b, cloned->getResult(0));
    scores.push_back({logp, coefficient});
  }

  // Reverse mode.
  llvm::DenseMap<Value, Value> adjoint;
  auto accumulate = [&](Value v, Value g) {
    if (!g)
      return;
    auto it = adjoint.find(v);
    if (it == adjoint.end())
      adjoint[v] = g;
    else
      it->second = b.create<AddOp>(loc, it->second, g);
  };
  SmallVector<Operation *> forward;
  for (Operation &op : gen.function().getBody().front())
    forward.push_back(&op);
  Value one = b.create<ConstantOp>(loc, scalarType, 1.0);
  for (Value c : costValues)
    accumulate(c, one);
  for (Score &s : scores)
    accumulate(s.logDensity, s.coefficient);
  for (Operation *op : llvm::reverse(forward)) {
    if (isa<DistributionOpInterface>(op) || op->getNumResults() == 0)
      continue; // samples cut the pathwise gradient
    auto it = adjoint.find(op->getResult(0));
    if (it == adjoint.end())
      continue;
    auto rule = dyn_cast<PullbackOpInterface>(op);
    if (!rule)
      return op->emitError("has no pullback rule");
    b.setInsertionPointToEnd(&gen.function().getBody().front());
    SmallVector<Value> cotangents = rule.buildPullback(b, it->second);
    for (auto [operand, cotangent] :
         llvm::zip_equal(op->getOperands(), cotangents))
      accumulate(operand, cotangent);
  }

  SmallVector<Value> results{loss};
  Block &entry = gen.function().getBody().front();
  for (unsigned i : params) {
    Value g = adjoint.lookup(entry.getArgument(i));
    results.push_back(
        g ? g : b.create<ConstantOp>(loc, graph.getArgumentTypes()[i], 0.0));
  }
  llvm::append_range(results, newBaselines);
  gen.finish(results);
  SGDialect::NumBaselinesAttrHelper(b.getContext())
      .setAttr(gen.function(), b.getI64IntegerAttr(newBaselines.size()));
  return success();
}

} // namespace
