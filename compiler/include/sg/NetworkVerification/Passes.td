//===- Passes.td - network bound passes --------------------*- tablegen -*-===//
//
// Passes of the network-verification library: sound bounds of feed-forward
// network graphs over input boxes.
//===----------------------------------------------------------------------===//

#ifndef SG_NETWORKVERIFICATION_PASSES_TD
#define SG_NETWORKVERIFICATION_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Bounds
//===----------------------------------------------------------------------===//

def SGBounds : Pass<"sg-bounds", "::mlir::ModuleOp"> {
  let summary = "bound every value of a network graph over a box of inputs";
  let description = [{
    Reads each graph as a feed-forward network (one `1 x n` input, constant
    weights; see `extractNetwork`) and annotates the op ending each layer
    with sound bounds of its value for inputs in the box
    `lower <= x <= upper`: `sg.lower` and `sg.upper` (dense f64 arrays), and
    on relus `sg.unstable`, the number of units whose input may change sign
    (0: no kink inside the box). `method=ibp` propagates intervals;
    `method=crown` back-substitutes linear relaxations (never looser). The
    bounds hold in exact arithmetic on the graph's weights; rounding is
    covered by outward margins (docs/verify.md).
  }];
  let options = [
    Option<"method", "method", "::mlir::sg::verify::BoundMethod",
           "::mlir::sg::verify::BoundMethod::Crown", "ibp or crown",
           [{::llvm::cl::values(
             clEnumValN(::mlir::sg::verify::BoundMethod::Interval, "ibp",
                        "interval bound propagation"),
             clEnumValN(::mlir::sg::verify::BoundMethod::Crown, "crown",
                        "back-substituted linear relaxations"))}]>,
    ListOption<"lower", "lower", "double", "Lower ends of the input box">,
    ListOption<"upper", "upper", "double", "Upper ends of the input box">,
  ];
}

#endif // SG_NETWORKVERIFICATION_PASSES_TD
