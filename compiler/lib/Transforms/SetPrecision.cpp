//===- SetPrecision.cpp - change the element type of graphs ---------------===//

#include "sg/Transforms/Passes.h"
#include "sg/SGOps.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"

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

APFloat convert(APFloat v, FloatType elem) {
  bool lost;
  v.convert(elem.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
  return v;
}

/// The blob of a dense_resource constant, converted from `From` to `To`
/// elements into a new resource.
template <typename From, typename To>
FailureOr<ElementsAttr>
convertResource(mlir::detail::DenseResourceElementsAttrBase<From> from,
                ShapedType type) {
  std::optional<ArrayRef<From>> values = from.tryGetAsArrayRef();
  if (!values)
    return failure();
  SmallVector<To> converted(values->begin(), values->end());
  std::string name =
      (from.getRawHandle().getKey() + "_f" + Twine(sizeof(To) * 8)).str();
  return cast<ElementsAttr>(
      mlir::detail::DenseResourceElementsAttrBase<To>::get(
          type, name,
          HeapAsmResourceBlob::allocateAndCopyInferAlign(
              ArrayRef<To>(converted))));
}

/// `value` with elements of type `elem`. A splat stays a splat (a
/// 100000x100000 splat is one number, not 10^10), a dense_resource stays a
/// resource; fails for values that are not at hand (an elided resource).
FailureOr<ElementsAttr> convertElements(ElementsAttr value, FloatType elem) {
  auto type = cast<ShapedType>(retype(value.getShapedType(), elem));
  if (value.getElementType() == elem)
    return value;
  if (auto dense = dyn_cast<DenseFPElementsAttr>(value)) {
    if (dense.isSplat())
      return cast<ElementsAttr>(DenseElementsAttr::get(
          type, convert(dense.getSplatValue<APFloat>(), elem)));
    SmallVector<APFloat> values;
    for (const APFloat &v : dense.getValues<APFloat>())
      values.push_back(convert(v, elem));
    return cast<ElementsAttr>(DenseElementsAttr::get(type, values));
  }
  if (auto f32 = dyn_cast<DenseF32ResourceElementsAttr>(value))
    return convertResource<float, double>(f32, type);
  if (auto f64 = dyn_cast<DenseF64ResourceElementsAttr>(value))
    return convertResource<double, float>(f64, type);
  return failure();
}

struct SetPrecisionPass
    : public sg::impl::SGSetPrecisionBase<SetPrecisionPass> {
  using SGSetPrecisionBase::SGSetPrecisionBase;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    FloatType elem = precision == Precision::F32
                         ? FloatType(Float32Type::get(ctx))
                         : FloatType(Float64Type::get(ctx));
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
          FailureOr<ElementsAttr> value =
              convertElements(constant.getValue(), elem);
          if (failed(value)) {
            constant.emitError("sg-set-precision: cannot convert this "
                               "constant to ")
                << elem << ": its values are not available";
            return signalPassFailure();
          }
          constant.setValueAttr(*value);
        }
        for (OpResult result : op.getResults())
          result.setType(retype(result.getType(), elem));
      }
    }
  }
};
} // namespace
