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
    verify::BoundMethod m;
    if (method == "ibp")
      m = verify::BoundMethod::Interval;
    else if (method == "crown")
      m = verify::BoundMethod::Crown;
    else {
      getOperation().emitError("sg-bounds: unknown method '")
          << method << "' (ibp or crown)";
      return signalPassFailure();
    }
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
      Builder b(graph.getContext());
      for (size_t li = 0; li < producers.size(); ++li) {
        Operation *op = producers[li];
        const verify::Box &v = nb.values[li + 1];
        op->setAttr("sg.lower", b.getDenseF64ArrayAttr(v.lower));
        op->setAttr("sg.upper", b.getDenseF64ArrayAttr(v.upper));
        if (net->layers[li].kind == verify::LayerKind::Relu)
          op->setAttr("sg.unstable", b.getI64IntegerAttr(nb.signChanges(li)));
      }
    }
  }
};
} // namespace
