//===- SetPrecision.cpp - change the element type of graphs ---------------===//

#include "sg/Transforms/Passes.h"
#include "sg/SGOps.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGSETPRECISION
#include "sg/Transforms/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {
Type retype(Type type, FloatType elem) {
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    return RankedTensorType::get(tensor.getShape(), elem);
  return type;
}

struct SetPrecisionPass
    : public sg::impl::SGSetPrecisionBase<SetPrecisionPass> {
  using SGSetPrecisionBase::SGSetPrecisionBase;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    FloatType elem;
    if (precision == "f32")
      elem = Float32Type::get(ctx);
    else if (precision == "f64")
      elem = Float64Type::get(ctx);
    else {
      getOperation().emitError("sg-set-precision: precision must be f32 or "
                               "f64, not '")
          << precision << "'";
      return signalPassFailure();
    }
    for (GraphOp graph : getOperation().getOps<GraphOp>()) {
      Block &body = graph.getBody().front();
      SmallVector<Type> argTypes;
      for (BlockArgument arg : body.getArguments()) {
        arg.setType(retype(arg.getType(), elem));
        argTypes.push_back(arg.getType());
      }
      graph.setFunctionTypeAttr(
          TypeAttr::get(FunctionType::get(ctx, argTypes, {})));
      for (Operation &op : body) {
        if (auto constant = dyn_cast<ConstantOp>(op)) {
          auto dense = cast<DenseFPElementsAttr>(constant.getValue());
          auto type = cast<ShapedType>(retype(dense.getType(), elem));
          SmallVector<APFloat> values;
          for (APFloat v : dense.getValues<APFloat>()) {
            bool lost;
            v.convert(elem.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                      &lost);
            values.push_back(v);
          }
          constant.setValueAttr(DenseElementsAttr::get(type, values));
        }
        for (OpResult result : op.getResults())
          result.setType(retype(result.getType(), elem));
      }
    }
  }
};
} // namespace
