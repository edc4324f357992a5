//===- Lint.cpp - static checks of stochastic computation graphs ----------===//

#include "sg/Transforms/Passes.h"
#include "sg/Analysis/Positivity.h"
#include "sg/SGOps.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGLINT
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

/// Whether every element of `v` is in (0, 1) by construction.
bool isProvablyProbability(Value v) {
  Operation *op = v.getDefiningOp();
  if (isa_and_nonnull<SigmoidOp>(op))
    return true;
  if (auto softmax = dyn_cast_or_null<SoftmaxOp>(op))
    return cast<RankedTensorType>(softmax.getType()).getShape().back() > 1;
  return false;
}

class Linter {
public:
  Linter(GraphOp graph, bool werror) : graph(graph), werror(werror) {}

  bool run() {
    checkDomains();
    checkGraph();
    return !failed;
  }

private:
  GraphOp graph;
  bool werror;
  bool failed = false;

  InFlightDiagnostic report(Location loc) {
    if (werror) {
      failed = true;
      return emitError(loc);
    }
    return emitWarning(loc);
  }

  void needPositive(Operation *op, Value v, StringRef what) {
    if (!isProvablyPositive(v))
      report(op->getLoc()) << what
                           << " is not positive by construction: the result "
                              "is undefined (NaN or infinite) where it is not";
  }

  void checkDomains() {
    for (Operation &op : graph.getBody().front()) {
      TypeSwitch<Operation *>(&op)
          .Case<LogOp>([&](LogOp o) {
            needPositive(o, o.getInput(), "the argument of log");
          })
          .Case<SqrtOp>([&](SqrtOp o) {
            needPositive(o, o.getInput(), "the argument of sqrt");
          })
          .Case<DivOp>(
              [&](DivOp o) { needPositive(o, o.getRhs(), "the divisor"); })
          .Case<NormalOp>([&](NormalOp o) {
            needPositive(o, o.getStddev(), "the standard deviation σ");
          })
          .Case<NormalLogPdfOp>([&](NormalLogPdfOp o) {
            needPositive(o, o.getStddev(), "the standard deviation σ");
          })
          .Case<MvnKLOp, MvnEmpiricalKLOp>([&](Operation *o) {
            needPositive(o, o->getOperand(1), "the standard deviation σ");
          })
          .Case<BernoulliOp, BernoulliNegLogPdfOp>([&](Operation *o) {
            if (!isProvablyProbability(o->getOperand(0)))
              report(o->getLoc())
                  << "the Bernoulli probability is not in (0, 1) by "
                     "construction (make it a sigmoid); "
                  << (isa<BernoulliOp>(o) ? "sg.bernoulli_logits"
                                          : "sg.bernoulli_logits_neglogpdf")
                  << " on the logits has no such precondition";
          })
          .Case<CategoricalOp>([&](CategoricalOp o) {
            if (o.getLogits().getType().getShape().back() == 1)
              report(o->getLoc()) << "categorical over a single class: the "
                                     "sample is always that class";
          })
          .Case<SoftmaxCrossEntropyOp>([&](SoftmaxCrossEntropyOp o) {
            if (o.getLogits().getType().getShape().back() == 1)
              report(o->getLoc()) << "softmax over a single class: this "
                                     "cross-entropy is always 0";
          });
    }
  }

  void checkGraph() {
    Block &body = graph.getBody().front();
    // Forward: what depends on a parameter.
    llvm::DenseSet<Value> dependsOnParam;
    for (unsigned i = 0; i < graph.getNumArguments(); ++i)
      if (graph.isParam(i))
        dependsOnParam.insert(body.getArgument(i));
    for (Operation &op : body)
      if (op.getNumResults() && llvm::any_of(op.getOperands(), [&](Value v) {
            return dependsOnParam.contains(v);
          }))
        dependsOnParam.insert(op.getResult(0));

    // Backward: what reaches a cost at all, and what a gradient reaches
    // (not through the step function, nor through a sample's value — but a
    // sample's parameters get a score term when a cost is downstream).
    llvm::DenseSet<Value> reachesCost, getsGradient;
    for (Operation &op : llvm::reverse(body)) {
      if (auto cost = dyn_cast<CostOp>(op)) {
        reachesCost.insert(cost.getValue());
        getsGradient.insert(cost.getValue());
        if (isa_and_nonnull<ConstantOp>(cost.getValue().getDefiningOp()))
          report(cost.getLoc()) << "this cost is a constant";
        else if (!dependsOnParam.contains(cost.getValue()))
          report(cost.getLoc())
              << "this cost depends on no parameter: it adds to the loss "
                 "but never to the gradient";
        continue;
      }
      if (!op.getNumResults())
        continue;
      Value result = op.getResult(0);
      bool reaches = reachesCost.contains(result);
      if (isa<DistributionOpInterface>(op) && !reaches)
        report(op.getLoc()) << "this sample reaches no cost: it does not "
                               "affect the loss";
      if (!reaches)
        continue;
      for (Value v : op.getOperands())
        reachesCost.insert(v);
      bool gradient = getsGradient.contains(result) ||
                      isa<DistributionOpInterface>(op); // score term
      if (gradient && !isa<HeavisideOp>(op))
        for (Value v : op.getOperands())
          getsGradient.insert(v);
    }
    for (unsigned i = 0; i < graph.getNumArguments(); ++i) {
      if (!graph.isParam(i))
        continue;
      Value arg = body.getArgument(i);
      if (!reachesCost.contains(arg))
        report(graph.getLoc())
            << "parameter %" << graph.getArgName(i)
            << " reaches no cost: its gradient is identically zero";
      else if (!getsGradient.contains(arg))
        report(graph.getLoc())
            << "parameter %" << graph.getArgName(i)
            << " reaches the costs only through operations that pass no "
               "gradient (sg.heaviside): no gradient updates it";
    }
  }
};

struct LintPass : public sg::impl::SGLintBase<LintPass> {
  using SGLintBase::SGLintBase;
  void runOnOperation() override {
    bool ok = true;
    for (GraphOp graph : getOperation().getOps<GraphOp>())
      ok &= Linter(graph, werror).run();
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
