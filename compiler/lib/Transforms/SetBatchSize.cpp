//===- SetBatchSize.cpp - specialize the batch dimension ------------------===//

#include "sg/Transforms/Passes.h"
#include "sg/SGOps.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGSETBATCHSIZE
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

/// `type` with every axis of size `from` resized to `to`.
Type resize(Type type, int64_t from, int64_t to) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return type;
  SmallVector<int64_t> shape(tensor.getShape());
  for (int64_t &d : shape)
    if (d == from)
      d = to;
  return RankedTensorType::get(shape, tensor.getElementType());
}

bool hasAxis(Type type, int64_t size) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && llvm::is_contained(tensor.getShape(), size);
}

LogicalResult specialize(GraphOp graph, int64_t to) {
  Block &body = graph.getBody().front();
  int64_t from = -1;
  for (unsigned i = 0; i < graph.getNumArguments() && from < 0; ++i) {
    auto type = cast<RankedTensorType>(body.getArgument(i).getType());
    if (graph.isInput(i) && type.getRank() > 0)
      from = type.getDimSize(0);
  }
  if (from < 0)
    return graph.emitError("has no {sg.input} argument with a leading "
                           "(batch) dimension to specialize");
  if (from == to)
    return success();
  for (unsigned i = 0; i < graph.getNumArguments(); ++i)
    if (graph.isParam(i) && hasAxis(body.getArgument(i).getType(), from))
      return graph.emitError()
             << "cannot change the batch size " << from << ": parameter %"
             << graph.getArgName(i) << " also has an axis of size " << from
             << ", so batch axes cannot be told apart";

  SmallVector<Type> argTypes;
  for (BlockArgument arg : body.getArguments()) {
    arg.setType(resize(arg.getType(), from, to));
    argTypes.push_back(arg.getType());
  }
  graph.setFunctionTypeAttr(
      TypeAttr::get(FunctionType::get(graph.getContext(), argTypes, {})));
  for (Operation &op : body) {
    if (auto constant = dyn_cast<ConstantOp>(op)) {
      auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
      if (!hasAxis(dense.getType(), from))
        continue;
      if (!dense.isSplat())
        return op.emitError() << "cannot change the batch size " << from
                              << ": this constant has an axis of that size "
                                 "and is not a splat";
      constant.setValueAttr(dense.resizeSplat(
          cast<ShapedType>(resize(dense.getType(), from, to))));
    }
    for (OpResult result : op.getResults())
      result.setType(resize(result.getType(), from, to));
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
