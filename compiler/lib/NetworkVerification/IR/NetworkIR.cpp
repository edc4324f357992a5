//===- NetworkIR.cpp - Networks as sg graphs and back ---------------------===//

#include "sg/NetworkVerification/NetworkIR.h"

#include "sg/Transforms/FunctionBuilder.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::sg;
using verify::LayerKind;

/// A dense constant of `shape` from doubles, in the graph's element type.
static Value constant(OpBuilder &b, Location loc, Type elementType,
                      ArrayRef<int64_t> shape, ArrayRef<double> values) {
  auto type = RankedTensorType::get(shape, elementType);
  DenseElementsAttr attr;
  if (elementType.isF32()) {
    SmallVector<float> f(values.begin(), values.end());
    attr = DenseElementsAttr::get(type, ArrayRef<float>(f));
  } else {
    attr = DenseElementsAttr::get(type, values);
  }
  return b.create<ConstantOp>(loc, attr);
}

GraphOp sg::buildNetworkGraph(OpBuilder &builder, Location loc, StringRef name,
                              const verify::Network &network, Type elementType,
                              ArrayRef<Location> layerLocations) {
  auto inputType = RankedTensorType::get(
      {1, static_cast<int64_t>(network.inputSize)}, elementType);
  auto graph = builder.create<GraphOp>(loc, name,
                                       builder.getFunctionType({inputType}, {}),
                                       ArrayRef<StringRef>{"x"});
  graph.setArgAttr(0, SGDialect::kInputAttrName, builder.getUnitAttr());
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&graph.getBody().front());
  Value v = graph.getBody().getArgument(0);
  for (size_t i = 0; i < network.layers.size(); ++i) {
    const verify::Layer &layer = network.layers[i];
    Location l = i < layerLocations.size() ? layerLocations[i] : loc;
    switch (layer.kind) {
    case LayerKind::Affine: {
      // sg.matmul multiplies a row by `in x out` weights: the transpose of
      // the layer's `out x in`.
      std::vector<double> wt(layer.in * layer.out);
      for (size_t r = 0; r < layer.out; ++r)
        for (size_t c = 0; c < layer.in; ++c)
          wt[c * layer.out + r] = layer.weight(r, c);
      Value w = constant(builder, l, elementType,
                         {int64_t(layer.in), int64_t(layer.out)}, wt);
      v = builder.create<MatmulOp>(l, v, w);
      Value b =
          constant(builder, l, elementType, {int64_t(layer.out)}, layer.bias);
      v = builder.create<BiasAddOp>(l, v, b);
      break;
    }
    case LayerKind::Relu:
      v = builder.create<ReluOp>(l, v);
      break;
    case LayerKind::Tanh:
      v = builder.create<TanhOp>(l, v);
      break;
    case LayerKind::Sigmoid:
      v = builder.create<SigmoidOp>(l, v);
      break;
    case LayerKind::Softplus:
      v = builder.create<SoftplusOp>(l, v);
      break;
    }
  }
  builder.create<OutputOp>(loc, v);
  return graph;
}

namespace {

/// Reads the chain of a graph into a Network, op by op.
class Extractor {
public:
  explicit Extractor(std::vector<Operation *> *producers)
      : producers(producers) {}

  FailureOr<verify::Network> run(GraphOp graph);

private:
  LogicalResult visit(Operation &op);
  /// The values of a constant operand as doubles, or failure.
  FailureOr<std::vector<double>> constantValues(Operation &user, Value v);
  void addAffine(Operation &op, std::vector<double> w, std::vector<double> b,
                 size_t in, size_t out);
  /// Adds `shift` to the output of the chain: into the bias of the last
  /// layer when it is affine (exact), else as an identity affine layer.
  void addShift(Operation &op, std::vector<double> shift);
  void addDiagonal(Operation &op, double scale);

  verify::Network net;
  std::vector<Operation *> *producers;
  Value chain; ///< the value the network has computed so far
  OutputOp output;
};

} // namespace

static std::string where(Operation &op) {
  return describeLocation(op.getLoc());
}

FailureOr<std::vector<double>> Extractor::constantValues(Operation &user,
                                                         Value v) {
  auto c = v.getDefiningOp<ConstantOp>();
  if (!c) {
    user.emitError("bound analysis needs operand to be an sg.constant "
                   "(parameters and computed values have no known value)");
    return failure();
  }
  auto dense = dyn_cast<DenseElementsAttr>(c.getValue());
  if (!dense) {
    user.emitError("bound analysis needs a dense constant operand");
    return failure();
  }
  std::vector<double> values;
  values.reserve(dense.getNumElements());
  for (APFloat f : dense.getValues<APFloat>())
    values.push_back(f.convertToDouble());
  return values;
}

void Extractor::addAffine(Operation &op, std::vector<double> w,
                          std::vector<double> b, size_t in, size_t out) {
  net.addAffine(std::move(w), std::move(b), in, out, where(op));
  if (producers)
    producers->push_back(&op);
}

void Extractor::addShift(Operation &op, std::vector<double> shift) {
  size_t n = net.outputSize();
  if (!net.layers.empty() && net.layers.back().kind == LayerKind::Affine) {
    verify::Layer &last = net.layers.back();
    bool zero = true;
    for (double b : last.bias)
      zero &= b == 0;
    if (zero) { // 0 + shift is exact: fold it into the layer
      last.bias = std::move(shift);
      if (producers)
        producers->back() = &op;
      return;
    }
  }
  std::vector<double> identity(n * n, 0.0);
  for (size_t i = 0; i < n; ++i)
    identity[i * n + i] = 1;
  addAffine(op, std::move(identity), std::move(shift), n, n);
}

void Extractor::addDiagonal(Operation &op, double scale) {
  size_t n = net.outputSize();
  std::vector<double> d(n * n, 0.0);
  for (size_t i = 0; i < n; ++i)
    d[i * n + i] = scale;
  addAffine(op, std::move(d), std::vector<double>(n, 0.0), n, n);
}

LogicalResult Extractor::visit(Operation &op) {
  if (isa<ConstantOp>(op))
    return success();
  if (auto out = dyn_cast<OutputOp>(op)) {
    if (output)
      return op.emitError("bound analysis needs exactly one sg.output");
    output = out;
    if (out.getValue() != chain)
      return op.emitError("bound analysis: the output is not the end of the "
                          "chain of layers from the input");
    return success();
  }
  if (isa<CostOp>(op) || isa<DistributionOpInterface>(op))
    return op.emitError("bound analysis covers deterministic graphs: '")
           << op.getName() << "' is not allowed";
  // Every other op must continue the chain.
  if (op.getNumResults() != 1 || llvm::count(op.getOperands(), chain) != 1)
    return op.emitError("bound analysis needs a single chain of layers from "
                        "the input; '")
           << op.getName() << "' does not continue it";
  if (!chain.hasOneUse())
    return op.emitError("bound analysis needs a single chain: the value this "
                        "op reads has other uses");
  auto valuesOf = [&](Value v) { return constantValues(op, v); };

  if (auto mm = dyn_cast<MatmulOp>(op)) {
    if (mm.getLhs() != chain || mm.getTransposeLhs())
      return op.emitError("bound analysis needs sg.matmul of the chain (as "
                          "the untransposed left operand) by constant weights");
    auto w = valuesOf(mm.getRhs());
    if (failed(w))
      return failure();
    auto type = cast<RankedTensorType>(mm.getRhs().getType());
    bool t = mm.getTransposeRhs();
    size_t in = type.getDimSize(t ? 1 : 0), out = type.getDimSize(t ? 0 : 1);
    std::vector<double> weights(in * out);
    // Our layers store `out x in`; the operand is `in x out` unless
    // transposed.
    for (size_t r = 0; r < out; ++r)
      for (size_t c = 0; c < in; ++c)
        weights[r * in + c] = t ? (*w)[r * in + c] : (*w)[c * out + r];
    addAffine(op, std::move(weights), std::vector<double>(out, 0.0), in, out);
  } else if (auto ba = dyn_cast<BiasAddOp>(op)) {
    if (ba.getInput() != chain)
      return op.emitError("bound analysis: the bias must be a constant");
    auto b = valuesOf(ba.getBias());
    if (failed(b))
      return failure();
    addShift(op, std::move(*b));
  } else if (isa<AddOp, SubOp>(op)) {
    bool chainFirst = op.getOperand(0) == chain;
    auto c = valuesOf(op.getOperand(chainFirst ? 1 : 0));
    if (failed(c))
      return failure();
    if (isa<SubOp>(op)) {
      if (chainFirst) {
        for (double &x : *c)
          x = -x;
      } else {
        addDiagonal(op, -1); // c - x = -x + c
      }
    }
    addShift(op, std::move(*c));
  } else if (isa<NegOp>(op)) {
    addDiagonal(op, -1);
  } else if (auto s = dyn_cast<ScaleOp>(op)) {
    addDiagonal(op, s.getAlpha().convertToDouble());
  } else if (isa<ReluOp, TanhOp, SigmoidOp, SoftplusOp>(op)) {
    LayerKind kind = isa<ReluOp>(op)      ? LayerKind::Relu
                     : isa<TanhOp>(op)    ? LayerKind::Tanh
                     : isa<SigmoidOp>(op) ? LayerKind::Sigmoid
                                          : LayerKind::Softplus;
    net.addActivation(kind, where(op));
    if (producers)
      producers->push_back(&op);
  } else {
    return op.emitError("bound analysis does not support '")
           << op.getName()
           << "' (supported: sg.matmul and sg.bias_add/add/sub by constants, "
              "sg.neg, sg.scale, sg.relu, sg.tanh, sg.sigmoid, sg.softplus)";
  }
  chain = op.getResult(0);
  return success();
}

FailureOr<verify::Network> Extractor::run(GraphOp graph) {
  unsigned inputs = 0;
  for (unsigned i = 0; i < graph.getNumArguments(); ++i) {
    if (graph.isParam(i))
      return graph.emitError("bound analysis needs the weights as constants, "
                             "but argument %")
             << graph.getArgName(i) << " is a parameter";
    ++inputs;
  }
  if (inputs != 1)
    return graph.emitError("bound analysis needs exactly one input argument");
  auto type = cast<RankedTensorType>(graph.getArgumentTypes()[0]);
  if (type.getRank() != 2 || type.getDimSize(0) != 1)
    return graph.emitError("bound analysis needs a 1 x n input (one example), "
                           "not ")
           << type;
  net.inputSize = type.getDimSize(1);
  chain = graph.getBody().getArgument(0);
  for (Operation &op : graph.getBody().front())
    if (failed(visit(op)))
      return failure();
  if (!output)
    return graph.emitError("bound analysis needs an sg.output");
  return net;
}

FailureOr<verify::Network>
sg::extractNetwork(GraphOp graph, std::vector<Operation *> *producers) {
  if (producers)
    producers->clear();
  return Extractor(producers).run(graph);
}
