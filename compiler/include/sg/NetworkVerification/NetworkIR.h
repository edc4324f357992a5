//===- NetworkIR.h - Networks as sg graphs and back -------------*- C++ -*-===//
//
// The bridge between the sg dialect and the bound analyses of sg/Verify:
// importing a feed-forward network (e.g. from a .nnet file) as an sg.graph
// of constants, matmul, bias_add and activations, and reading the
// deterministic chain of a graph back into a verify::Network.
//
//===----------------------------------------------------------------------===//
#ifndef SG_NETWORKIR_H
#define SG_NETWORKIR_H

#include "sg/SGOps.h"
#include "sg/NetworkVerification/Network.h"

#include "mlir/IR/Builders.h"

#include <string>
#include <vector>

namespace mlir::sg {

/// Builds `sg.graph @name(%x: tensor<1 x inputSize x elementType> {sg.input})`
/// computing `network` with its weights as sg.constant ops, and one
/// sg.output. `layerLocations[i]` (if given) becomes the location of the
/// ops of layer i.
GraphOp buildNetworkGraph(OpBuilder &builder, Location loc, StringRef name,
                          const verify::Network &network, Type elementType,
                          ArrayRef<Location> layerLocations = {});

/// The network a graph computes, for bound analysis: one `1 x n` input, no
/// parameters, costs or samples, and a chain of sg.matmul by a constant,
/// sg.bias_add / sg.add / sg.sub of constants, sg.neg, sg.scale, sg.relu,
/// sg.tanh, sg.sigmoid and sg.softplus ending in one sg.output. Emits an
/// error at the offending op and fails otherwise. `producers[i]` receives
/// the op whose result is the output of layer i.
FailureOr<verify::Network>
extractNetwork(GraphOp graph, std::vector<Operation *> *producers = nullptr);

} // namespace mlir::sg

#endif // SG_NETWORKIR_H
