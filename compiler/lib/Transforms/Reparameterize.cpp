//===- Reparameterize.cpp - Certigrad's reparameterization rewrite --------===//

#include "sg/SGOps.h"
#include "sg/Transforms/Passes.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGREPARAMETERIZE
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {
struct ReparameterizePass
    : public sg::impl::SGReparameterizeBase<ReparameterizePass> {
  void runOnOperation() override {
    SmallVector<DistributionOpInterface> samples;
    getOperation().walk([&](DistributionOpInterface op) {
      if (isa<GraphOp>(op->getParentOp()))
        samples.push_back(op);
    });
    SGDialect::ScoreFunctionAttrHelper scoreFunction(&getContext());
    for (DistributionOpInterface sample : samples) {
      // Parameter-free samples are noise already.
      if (sample->getNumOperands() == 0)
        continue;
      if (sample.isDiscrete()) {
        sample.emitRemark("sample left as is: discrete, only the "
                          "score-function estimator applies");
        continue;
      }
      if (!sample.isReparameterizable())
        continue;
      if (scoreFunction.isAttrPresent(sample)) {
        sample.emitRemark("sample left as is: marked sg.score_function, it "
                          "keeps the score-function estimator");
        continue;
      }
      OpBuilder builder(sample);
      Value z = sample.buildReparameterization(builder);
      if (!z)
        continue;
      sample.emitRemark("reparameterized: ") << sample.getReparameterization();
      sample->getResult(0).replaceAllUsesWith(z);
      sample->erase();
    }
  }
};
} // namespace
