//===- IntegrateKL.cpp - Certigrad's analytic KL rewrite ------------------===//

#include "sg/Analysis/Positivity.h"
#include "sg/SGOps.h"
#include "sg/Transforms/Passes.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGINTEGRATEKL
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

/// Why the rewrite does not apply to `ekl`, or "" if it does.
static std::string failedPrecondition(MvnEmpiricalKLOp ekl,
                                      const Positivity &positivity) {
  auto normal = ekl.getSample().getDefiningOp<NormalOp>();
  if (!normal)
    return "the sample operand z is not defined by sg.normal";
  if (normal.getMean() != ekl.getMean() ||
      normal.getStddev() != ekl.getStddev())
    return "z is a sample of a Gaussian with other μ or σ values than the "
           "KL's";
  for (Operation *user : ekl->getUsers())
    if (!isa<CostOp>(user))
      return "the empirical KL is used by '" +
             user->getName().getStringRef().str() +
             "', not only by sg.cost (only the expectation of a cost may "
             "be substituted)";
  if (!positivity.isPositive(ekl.getStddev()))
    return "σ > 0 is not guaranteed by construction (build σ from exp, "
           "sqrt, softplus or sigmoid)";
  return "";
}

namespace {
struct IntegrateKLPass : public sg::impl::SGIntegrateKLBase<IntegrateKLPass> {
  void runOnOperation() override {
    SmallVector<MvnEmpiricalKLOp> candidates;
    getOperation().walk([&](MvnEmpiricalKLOp op) {
      if (isa<GraphOp>(op->getParentOp()))
        candidates.push_back(op);
    });
    // Cached from sg-lint when it ran before. The rewrite changes no
    // domain of a remaining value (a KL is not positive by construction).
    const auto &positivity = getAnalysis<Positivity>();
    for (MvnEmpiricalKLOp ekl : candidates) {
      std::string why = failedPrecondition(ekl, positivity);
      if (!why.empty()) {
        ekl.emitRemark("empirical KL left unchanged: ") << why;
        continue;
      }
      OpBuilder builder(ekl);
      Value kl =
          builder.create<MvnKLOp>(ekl.getLoc(), ekl.getMean(), ekl.getStddev());
      ekl.emitRemark("replaced the empirical KL by the analytic "
                     "KL(N(μ, σ) ‖ N(0, I))");
      ekl.getResult().replaceAllUsesWith(kl);
      ekl.erase();
    }
  }
};
} // namespace
