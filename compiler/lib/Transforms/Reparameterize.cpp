//===- Reparameterize.cpp - Certigrad's reparameterization rewrite --------===//

#include "sg/Transforms/Passes.h"
#include "sg/SGOps.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGREPARAMETERIZE
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

/// Samples with this unit attribute keep the score-function estimator.
static constexpr llvm::StringLiteral kScoreFunctionAttr = "sg.score_function";

namespace {
struct ReparameterizePass
    : public sg::impl::SGReparameterizeBase<ReparameterizePass> {
  void runOnOperation() override {
    SmallVector<NormalOp> samples;
    getOperation().walk([&](NormalOp op) {
      if (isa<GraphOp>(op->getParentOp()))
        samples.push_back(op);
    });
    for (NormalOp normal : samples) {
      if (normal->hasAttr(kScoreFunctionAttr)) {
        normal.emitRemark("sample left as is: marked sg.score_function, it "
                          "keeps the score-function estimator");
        continue;
      }
      OpBuilder builder(normal);
      auto eps = builder.create<StdNormalOp>(normal.getLoc(), normal.getType(),
                                             normal.getNodeAttr());
      auto z = builder.create<MulAddOp>(normal.getLoc(), normal.getStddev(),
                                        eps, normal.getMean());
      // Checked mode still checks σ > 0 of the sample this came from.
      z->setAttr("sg.reparameterized", builder.getUnitAttr());
      normal.emitRemark("reparameterized: z = μ + σ ⊙ ε with ε ~ N(0, I)");
      normal.getResult().replaceAllUsesWith(z.getResult());
      normal.erase();
    }
  }
};
} // namespace
