//===- SetBatchSize.cpp - specialize the batch dimension ------------------===//
//
// The batch axis is never guessed from sizes alone. Axis 0 of the first
// {sg.input} argument is the batch axis; every op ties the axes that must keep
// one size (an elementwise op's operands and result, a matmul's rows, a
// broadcast's kept axes, ...: BatchAxisOpInterface::tieAxes) into one class.
// Exactly the axes in the class of the batch axis are resized. Any other axis
// of the old batch size is ambiguous — a per-example sample count that happens
// to equal the batch, a parameter — and is refused with an error at the value
// that carries it.
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"
#include "sg/Transforms/Passes.h"

#include "llvm/ADT/IntEqClasses.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGSETBATCHSIZE
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

/// The classes of axes that must have one size, over the values of a graph.
class AxisClasses {
public:
  explicit AxisClasses(Block &body) {
    for (Operation &op : body)
      tie(&op);
  }

  /// Whether axis `axis` of `a` and axis 0 of `seed` are in one class.
  bool sameClass(Value a, unsigned axis, Value seed) {
    return classes.findLeader(id(a, axis)) == classes.findLeader(id(seed, 0));
  }

private:
  unsigned id(Value v, unsigned axis) {
    auto [it, inserted] = ids.try_emplace({v, axis}, ids.size());
    if (inserted)
      classes.grow(ids.size());
    return it->second;
  }
  void join(Value a, unsigned i, Value b, unsigned j) {
    classes.join(id(a, i), id(b, j));
  }
  // The op states its ties (BatchAxisOpInterface::tieAxes); an op without
  // the interface ties nothing: its axes can only be proven by their uses.
  void tie(Operation *op) {
    if (auto axes = dyn_cast<BatchAxisOpInterface>(op))
      axes.tieAxes(
          [&](Value a, unsigned i, Value b, unsigned j) { join(a, i, b, j); });
  }

  DenseMap<std::pair<Value, unsigned>, unsigned> ids;
  llvm::IntEqClasses classes;
};

/// `type` with the axes for which `isBatch(axis)` holds resized to `to`.
Type resize(Type type, int64_t to, function_ref<bool(unsigned)> isBatch) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return type;
  SmallVector<int64_t> shape(tensor.getShape());
  for (auto [axis, d] : llvm::enumerate(shape))
    if (isBatch(axis))
      d = to;
  return RankedTensorType::get(shape, tensor.getElementType());
}

/// The axes of `v` of size `size`.
SmallVector<unsigned> axesOfSize(Value v, int64_t size) {
  SmallVector<unsigned> axes;
  if (auto tensor = dyn_cast<RankedTensorType>(v.getType()))
    for (auto [axis, d] : llvm::enumerate(tensor.getShape()))
      if (d == size)
        axes.push_back(axis);
  return axes;
}

LogicalResult specialize(GraphOp graph, int64_t to) {
  Block &body = graph.getBody().front();
  int64_t from = -1;
  unsigned seedIndex = 0;
  for (unsigned i = 0; i < graph.getNumArguments() && from < 0; ++i) {
    auto type = cast<RankedTensorType>(body.getArgument(i).getType());
    if (graph.isInput(i) && type.getRank() > 0) {
      from = type.getDimSize(0);
      seedIndex = i;
    }
  }
  if (from < 0)
    return graph.emitError("has no {sg.input} argument with a leading "
                           "(batch) dimension to specialize");
  if (from == to)
    return success();
  Value seed = body.getArgument(seedIndex);
  std::string batchAxis = "(axis 0 of %" + graph.getArgName(seedIndex) + ")";
  AxisClasses classes(body);
  auto isBatch = [&](Value v, unsigned axis) {
    return classes.sameClass(v, axis, seed);
  };

  for (unsigned i = 0; i < graph.getNumArguments(); ++i)
    if (graph.isParam(i) && !axesOfSize(body.getArgument(i), from).empty())
      return graph.emitError()
             << "cannot change the batch size " << from << ": parameter %"
             << graph.getArgName(i) << " also has an axis of size " << from
             << ", so batch axes cannot be told apart";
  for (unsigned i = 0; i < graph.getNumArguments(); ++i) {
    for (unsigned axis : axesOfSize(body.getArgument(i), from)) {
      // Only a leading input axis can hold examples.
      if (axis != 0 || !isBatch(body.getArgument(i), axis))
        return graph.emitError()
               << "cannot change the batch size " << from << ": axis " << axis
               << " of %" << graph.getArgName(i) << " has that size but is "
               << "not provably the batch axis " << batchAxis;
    }
  }
  for (Operation &op : body) {
    for (Value result : op.getResults())
      for (unsigned axis : axesOfSize(result, from))
        if (!isBatch(result, axis))
          return op.emitError()
                 << "cannot change the batch size " << from << ": axis " << axis
                 << " of this value has that size but is not "
                 << "provably the batch axis " << batchAxis
                 << "; nothing ties it to the batch axis";
    if (auto constant = dyn_cast<ConstantOp>(op)) {
      auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
      if (!axesOfSize(constant, from).empty() && !dense.isSplat())
        return op.emitError() << "cannot change the batch size " << from
                              << ": this constant has an axis of that size "
                                 "and is not a splat";
    }
  }

  // Every axis of size `from` is now known to be a batch axis.
  auto resizeValue = [&](Value v) {
    v.setType(resize(v.getType(), to, [&](unsigned axis) {
      return cast<RankedTensorType>(v.getType()).getDimSize(axis) == from;
    }));
  };
  SmallVector<Type> argTypes;
  for (BlockArgument arg : body.getArguments()) {
    resizeValue(arg);
    argTypes.push_back(arg.getType());
  }
  graph.setFunctionTypeAttr(
      TypeAttr::get(FunctionType::get(graph.getContext(), argTypes, {})));
  for (Operation &op : body) {
    if (auto constant = dyn_cast<ConstantOp>(op)) {
      auto dense = cast<DenseElementsAttr>(constant.getValue());
      constant.setValueAttr(dense.resizeSplat(
          cast<ShapedType>(resize(dense.getType(), to, [&](unsigned axis) {
            return dense.getType().getDimSize(axis) == from;
          }))));
    }
    for (OpResult result : op.getResults())
      resizeValue(result);
  }
  return success();
}

struct SetBatchSizePass
    : public sg::impl::SGSetBatchSizeBase<SetBatchSizePass> {
  using SGSetBatchSizeBase::SGSetBatchSizeBase;
  void runOnOperation() override {
    if (size <= 0) {
      getOperation().emitError("sg-set-batch-size: size must be positive");
      return signalPassFailure();
    }
    for (GraphOp graph : getOperation().getOps<GraphOp>())
      if (failed(specialize(graph, size)))
        return signalPassFailure();
  }
};
} // namespace
