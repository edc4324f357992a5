//===- BoundsPass.cpp - sg-bounds: annotate a network with bounds ---------===//

#include "sg/NetworkVerification/NetworkIR.h"
#include "sg/NetworkVerification/Passes.h"
#include "sg/NetworkVerification/Bounds.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGBOUNDS
#include "sg/NetworkVerification/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {
struct BoundsPass : public mlir::sg::impl::SGBoundsBase<BoundsPass> {
  using SGBoundsBase::SGBoundsBase;

  void runOnOperation() override {
    verify::BoundMethod m = method;
    for (GraphOp graph : getOperation().getOps<GraphOp>()) {
      std::vector<Operation *> producers;
      FailureOr<verify::Network> net = extractNetwork(graph, &producers);
      if (failed(net))
        return signalPassFailure();
      verify::Box box{std::vector<double>(lower.begin(), lower.end()),
                      std::vector<double>(upper.begin(), upper.end())};
      if (box.lower.size() != net->inputSize ||
          box.upper.size() != net->inputSize) {
        graph.emitError("sg-bounds: the box has ")
            << box.lower.size() << " lower and " << box.upper.size()
            << " upper ends for " << net->inputSize << " inputs";
        return signalPassFailure();
      }
      for (size_t i = 0; i < box.size(); ++i)
        if (!(box.lower[i] <= box.upper[i])) {
          graph.emitError("sg-bounds: empty box: lower end ")
              << i << " is above the upper end";
          return signalPassFailure();
        }
      verify::NetworkBounds nb = verify::computeBounds(*net, box, m);
      MLIRContext *ctx = graph.getContext();
      Builder b(ctx);
      for (size_t li = 0; li < producers.size(); ++li) {
        Operation *op = producers[li];
        const verify::Box &v = nb.values[li + 1];
        SGDialect::LowerAttrHelper(ctx).setAttr(
            op, b.getDenseF64ArrayAttr(v.lower));
        SGDialect::UpperAttrHelper(ctx).setAttr(
            op, b.getDenseF64ArrayAttr(v.upper));
        if (net->layers[li].kind == verify::LayerKind::Relu)
          SGDialect::UnstableAttrHelper(ctx).setAttr(
              op, b.getI64IntegerAttr(nb.signChanges(li)));
      }
    }
  }
};
} // namespace
