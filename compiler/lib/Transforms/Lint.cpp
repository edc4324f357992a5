//===- Lint.cpp - static checks of stochastic computation graphs ----------===//

#include "sg/Analysis/CostReachability.h"
#include "sg/Analysis/ParameterDependence.h"
#include "sg/Analysis/Positivity.h"
#include "sg/SGOps.h"
#include "sg/Transforms/Passes.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGLINT
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

class Linter {
public:
  Linter(GraphOp graph, bool werror, const Positivity &positivity,
         const ParameterDependence &params, const CostReachability &reach)
      : graph(graph), werror(werror), positivity(positivity), params(params),
        reach(reach) {}

  bool run() {
    checkDomains();
    checkGraph();
    return !failed;
  }

private:
  GraphOp graph;
  bool werror;
  const Positivity &positivity;
  const ParameterDependence &params;
  const CostReachability &reach;
  bool failed = false;

  InFlightDiagnostic report(Location loc) {
    if (werror) {
      failed = true;
      return emitError(loc);
    }
    return emitWarning(loc);
  }

  /// The domain requirements each op states (DomainOpInterface) that the
  /// positivity analysis cannot prove, and results that are one value
  /// whatever the operands.
  void checkDomains() {
    for (Operation &op : graph.getBody().front()) {
      if (auto domains = dyn_cast<DomainOpInterface>(op))
        for (const DomainRequirement &r : domains.getDomainRequirements()) {
          Value v = op.getOperand(r.operand);
          // Finiteness is never proved: checked mode checks it at run time.
          if (r.domain == Domain::Finite ||
              isWithin(positivity.getDomain(v), r.domain))
            continue;
          InFlightDiagnostic d = report(op.getLoc());
          if (r.domain == Domain::Probability)
            d << r.noun
              << " is not in (0, 1) by construction (make it a sigmoid)";
          else
            d << r.noun
              << " is not positive by construction: the result is undefined "
                 "(NaN or infinite) where it is not";
          if (!r.hint.empty())
            d << "; " << r.hint;
        }
      if (auto domains = dyn_cast<DomainOpInterface>(op))
        if (StringRef why = domains.getConstantResultReason(); !why.empty())
          report(op.getLoc()) << why;
    }
  }

  void checkGraph() {
    Block &body = graph.getBody().front();
    for (Operation &op : llvm::reverse(body)) {
      if (auto cost = dyn_cast<CostOp>(op)) {
        if (isa_and_nonnull<ConstantOp>(cost.getValue().getDefiningOp()))
          report(cost.getLoc()) << "this cost is a constant";
        else if (!params.dependsOnParam(cost.getValue()))
          report(cost.getLoc())
              << "this cost depends on no parameter: it adds to the loss "
                 "but never to the gradient";
      } else if (isa<DistributionOpInterface>(op) &&
                 !reach.reachesCost(op.getResult(0))) {
        report(op.getLoc()) << "this sample reaches no cost: it does not "
                               "affect the loss";
      }
    }
    for (unsigned i = 0; i < graph.getNumArguments(); ++i) {
      if (!graph.isParam(i))
        continue;
      // Reported at the argument (its %name in the source), not at the
      // graph: that is what the user has to change.
      Value arg = body.getArgument(i);
      if (!reach.reachesCost(arg))
        report(arg.getLoc())
            << "parameter %" << graph.getArgName(i)
            << " reaches no cost: its gradient is identically zero";
      else if (!reach.getsGradient(arg))
        report(arg.getLoc())
            << "parameter %" << graph.getArgName(i)
            << " reaches the costs only through operations that pass no "
               "gradient (sg.heaviside): no gradient updates it";
    }
  }
};

struct LintPass : public sg::impl::SGLintBase<LintPass> {
  using SGLintBase::SGLintBase;
  void runOnOperation() override {
    const auto &positivity = getAnalysis<Positivity>();
    const auto &params = getAnalysis<ParameterDependence>();
    const auto &reach = getAnalysis<CostReachability>();
    bool ok = true;
    for (GraphOp graph : getOperation().getOps<GraphOp>())
      ok &= Linter(graph, werror, positivity, params, reach).run();
    if (!ok)
      return signalPassFailure();
    // Lint only reads: the passes after it reuse the analyses.
    markAllAnalysesPreserved();
  }
};

} // namespace
