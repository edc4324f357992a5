//===- SetBatchSize.cpp - specialize the batch dimension ------------------===//
//
// The batch axis is never guessed from sizes alone. Axis 0 of the first
// {sg.input} argument is the batch axis; every op ties the axes that must keep
// one size (an elementwise op's operands and result, a matmul's rows, a
// broadcast's kept axes, ...) into one class. Exactly the axes in the class of
// the batch axis are resized. Any other axis of the old batch size is
// ambiguous — a per-example sample count that happens to equal the batch,
// a parameter — and is refused with an error at the value that carries it.
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"
#include "sg/SGTraits.h"
#include "sg/Transforms/Passes.h"

#include "llvm/ADT/IntEqClasses.h"
#include "llvm/ADT/TypeSwitch.h"

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
  static int64_t rank(Value v) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    return type ? type.getRank() : 0;
  }
  /// Ties every axis of each value of `values` to the same axis of the first.
  void tieAll(ArrayRef<Value> values) {
    for (Value v : values.drop_front())
      for (int64_t d = 0; d < std::min(rank(v), rank(values[0])); ++d)
        join(values[0], d, v, d);
  }

  void tie(Operation *op) {
    // Ops whose operands (and tensor result) share one type: elementwise
    // ops, the summed scalar functions and the samplers.
    if (op->hasTrait<OpTrait::SGSameOperandsAndResultType>() ||
        op->hasTrait<OpTrait::SGSameOperandsType>() ||
        isa<DistributionOpInterface>(op)) {
      SmallVector<Value> values(op->getOperands());
      for (Value r : op->getResults())
        if (rank(r) > 0)
          values.push_back(r);
      if (!values.empty())
        tieAll(values);
      return;
    }
    TypeSwitch<Operation *>(op)
        .Case<ReduceSumOp, MeanOp>([&](auto r) {
          unsigned kept = 0;
          for (int64_t d = 0; d < rank(r.getInput()); ++d)
            if (!llvm::is_contained(r.getAxes(), d))
              join(r.getInput(), d, r.getResult(), kept++);
        })
        .Case<ConcatOp>([&](ConcatOp c) {
          for (Value input : c.getInputs())
            for (int64_t d = 0; d < rank(input); ++d)
              if (d != c.getAxis())
                join(input, d, c.getResult(), d);
        })
        .Case<SliceOp>([&](SliceOp s) {
          // Only an axis the box spans whole keeps the operand's size.
          auto in = cast<RankedTensorType>(s.getInput().getType());
          auto out = cast<RankedTensorType>(s.getResult().getType());
          for (int64_t d = 0; d < in.getRank(); ++d)
            if (s.getOffsets()[d] == 0 && in.getDimSize(d) == out.getDimSize(d))
              join(s.getInput(), d, s.getResult(), d);
        })
        .Case<ReshapeOp>([&](ReshapeOp r) {
          // A reshape that keeps the leading axis regroups only the others,
          // for any size of it.
          auto in = cast<RankedTensorType>(r.getInput().getType());
          auto out = cast<RankedTensorType>(r.getResult().getType());
          if (in.getRank() > 0 && out.getRank() > 0 &&
              in.getDimSize(0) == out.getDimSize(0))
            join(r.getInput(), 0, r.getResult(), 0);
        })
        .Case<BroadcastOp>([&](BroadcastOp b) {
          for (auto [i, d] : llvm::enumerate(b.getDims()))
            join(b.getInput(), i, b.getResult(), d);
        })
        .Case<BiasAddOp>([&](BiasAddOp b) {
          int64_t lead = rank(b.getInput()) - rank(b.getBias());
          for (int64_t d = 0; d < rank(b.getInput()); ++d)
            join(b.getInput(), d, b.getResult(), d);
          for (int64_t d = 0; d < rank(b.getBias()); ++d)
            join(b.getBias(), d, b.getInput(), lead + d);
        })
        .Case<TransposeOp>([&](TransposeOp t) {
          for (auto [i, p] : llvm::enumerate(t.getPermutation()))
            join(t.getResult(), i, t.getInput(), p);
        })
        .Case<MatmulOp>([&](MatmulOp m) {
          // op(A) is (rows × inner), op(B) is (inner × cols).
          unsigned aRows = m.getTransposeLhs() ? 1 : 0;
          unsigned bCols = m.getTransposeRhs() ? 0 : 1;
          join(m.getLhs(), aRows, m.getResult(), 0);
          join(m.getRhs(), bCols, m.getResult(), 1);
          join(m.getLhs(), 1 - aRows, m.getRhs(), 1 - bCols);
        });
    // Any other op ties nothing: its axes can only be proven by their uses.
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
