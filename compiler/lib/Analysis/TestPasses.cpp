//===- TestPasses.cpp - print what the analyses compute -------------------===//

#include "sg/Analysis/CostReachability.h"
#include "sg/Analysis/ParameterDependence.h"
#include "sg/Analysis/Passes.h"
#include "sg/Analysis/Positivity.h"
#include "sg/Analysis/SampleDependence.h"
#include "sg/SGOps.h"

#include "llvm/ADT/StringExtras.h"

namespace mlir::sg {
#define GEN_PASS_DEF_TESTSGPOSITIVITY
#define GEN_PASS_DEF_TESTSGPARAMETERDEPENDENCE
#define GEN_PASS_DEF_TESTSGCOSTREACHABILITY
#define GEN_PASS_DEF_TESTSGSAMPLEDEPENDENCE
#include "sg/Analysis/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

/// Calls `f` on every op with a result in the graphs under `root`.
template <typename F> void forEachGraphValue(ModuleOp root, F f) {
  for (GraphOp graph : root.getOps<GraphOp>())
    for (Operation &op : graph.getBody().front())
      if (op.getNumResults() == 1)
        f(&op, op.getResult(0));
}

/// The source line of `op`, to name it in remarks.
std::string lineOf(Operation *op) {
  if (auto file = dyn_cast<FileLineColLoc>(op->getLoc()))
    return std::to_string(file.getLine());
  return "?";
}

struct TestPositivityPass
    : public sg::impl::TestSGPositivityBase<TestPositivityPass> {
  void runOnOperation() override {
    const auto &positivity = getAnalysis<Positivity>();
    getOperation().walk([&](Operation *op) {
      if (op->getNumResults() != 1 ||
          !isa_and_nonnull<SGDialect>(op->getDialect()))
        return;
      switch (positivity.getDomain(op->getResult(0))) {
      case Domain::Probability:
        op->emitRemark("probability");
        break;
      case Domain::Positive:
        op->emitRemark("positive");
        break;
      case Domain::Finite: // a requirement only: never inferred
      case Domain::Real:
        op->emitRemark("real");
        break;
      }
    });
    markAllAnalysesPreserved();
  }
};

struct TestParameterDependencePass
    : public sg::impl::TestSGParameterDependenceBase<
          TestParameterDependencePass> {
  void runOnOperation() override {
    const auto &deps = getAnalysis<ParameterDependence>();
    forEachGraphValue(getOperation(), [&](Operation *op, Value v) {
      if (deps.dependsOnParamDeterministically(v))
        op->emitRemark("deterministic");
      else if (deps.dependsOnParam(v))
        op->emitRemark("through a sample");
      else
        op->emitRemark("independent");
    });
    markAllAnalysesPreserved();
  }
};

struct TestCostReachabilityPass
    : public sg::impl::TestSGCostReachabilityBase<TestCostReachabilityPass> {
  void runOnOperation() override {
    const auto &reach = getAnalysis<CostReachability>();
    auto describe = [&](Value v) -> StringRef {
      if (reach.getsGradient(v))
        return "gradient";
      return reach.reachesCost(v) ? "cost, no gradient" : "no cost";
    };
    for (GraphOp graph : getOperation().getOps<GraphOp>())
      for (unsigned i = 0; i < graph.getNumArguments(); ++i)
        graph.emitRemark() << "%" << graph.getArgName(i) << ": "
                           << describe(graph.getArgument(i));
    forEachGraphValue(getOperation(), [&](Operation *op, Value v) {
      op->emitRemark(describe(v));
    });
    markAllAnalysesPreserved();
  }
};

struct TestSampleDependencePass
    : public sg::impl::TestSGSampleDependenceBase<TestSampleDependencePass> {
  void runOnOperation() override {
    const auto &deps = getAnalysis<SampleDependence>();
    forEachGraphValue(getOperation(), [&](Operation *op, Value v) {
      SmallVector<std::string> lines;
      for (Operation *sample : deps.getSamples(v))
        lines.push_back(lineOf(sample));
      InFlightDiagnostic remark = op->emitRemark("samples: ");
      remark << (lines.empty() ? "none" : llvm::join(lines, ", "));
      if (!isa<DistributionOpInterface>(op))
        return;
      SmallVector<std::string> costs;
      for (CostOp cost : deps.getDownstreamCosts(op))
        costs.push_back(lineOf(cost));
      remark << "; costs: "
             << (costs.empty() ? "none" : llvm::join(costs, ", "));
    });
    markAllAnalysesPreserved();
  }
};

} // namespace
