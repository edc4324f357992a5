//===- NumberSamples.cpp - stable node ids for samples --------------------===//

#include "sg/Transforms/Passes.h"
#include "sg/SGOps.h"

#include "llvm/ADT/DenseSet.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGNUMBERSAMPLES
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {
struct NumberSamplesPass
    : public sg::impl::SGNumberSamplesBase<NumberSamplesPass> {
  void runOnOperation() override {
    for (auto graph : getOperation().getOps<GraphOp>())
      if (failed(number(graph)))
        return signalPassFailure();
    // Node ids change no value's dataflow.
    markAllAnalysesPreserved();
  }

  static LogicalResult number(GraphOp graph) {
    llvm::DenseSet<int32_t> used;
    SmallVector<Operation *> unnumbered;
    for (Operation &op : graph.getBody().front()) {
      if (!isa<DistributionOpInterface>(op))
        continue;
      auto node = op.getAttrOfType<IntegerAttr>("node");
      if (!node) {
        unnumbered.push_back(&op);
        continue;
      }
      if (!used.insert(node.getInt()).second)
        return op.emitError() << "sample node id " << node.getInt()
                              << " is used twice in @" << graph.getSymName()
                              << "; two samples would draw the same numbers";
    }
    int32_t next = 0;
    Builder builder(graph.getContext());
    for (Operation *op : unnumbered) {
      while (used.contains(next))
        ++next;
      op->setAttr("node", builder.getI32IntegerAttr(next));
      used.insert(next);
    }
    return success();
  }
};
} // namespace
