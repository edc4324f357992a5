//===- Forward.cpp - the forward function of a graph ----------------------===//

#include "sg/Transforms/FunctionBuilder.h"
#include "sg/Transforms/Passes.h"
#include "sg/SGOps.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGFORWARD
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {
struct ForwardPass : public sg::impl::SGForwardBase<ForwardPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (GraphOp graph : llvm::to_vector(module.getOps<GraphOp>())) {
      GeneratedFunction gen(graph, "forward");
      SmallVector<Value> costs, outputs;
      gen.cloneBody(costs, outputs);
      SmallVector<Value> results{gen.sumCosts(costs)};
      llvm::append_range(results, outputs);
      gen.finish(results);
    }
  }
};
} // namespace
