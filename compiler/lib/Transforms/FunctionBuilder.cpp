//===- FunctionBuilder.cpp - functions generated from graphs --------------===//

#include "sg/Transforms/FunctionBuilder.h"
#include "sg/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::sg;

GeneratedFunction::GeneratedFunction(GraphOp graph, StringRef kind)
    : graph_(graph), builder_(graph.getContext()) {
  MLIRContext *ctx = graph.getContext();
  SmallVector<Type> argTypes(graph.getArgumentTypes());
  Type i64 = builder_.getI64Type();
  argTypes.append({i64, i64});
  builder_.setInsertionPointAfter(graph);
  std::string name = (graph.getSymName() + "_" + kind).str();
  func_ = builder_.create<func::FuncOp>(graph.getLoc(), name,
                                        builder_.getFunctionType(argTypes, {}));
  SGDialect::KindAttrHelper(ctx).setAttr(func_, builder_.getStringAttr(kind));
  SGDialect::GraphAttrHelper(ctx).setAttr(
      func_, FlatSymbolRefAttr::get(ctx, graph.getSymName()));
  unsigned n = graph.getNumArguments();
  func_.setArgAttr(n, SGDialect::kSeedAttrName, UnitAttr::get(ctx));
  func_.setArgAttr(n + 1, SGDialect::kStepAttrName, UnitAttr::get(ctx));

  Block *entry = func_.addEntryBlock();
  for (unsigned i = 0; i < n; ++i)
    mapping_.map(graph.getArgument(i), entry->getArgument(i));
  builder_.setInsertionPointToStart(entry);
}

void GeneratedFunction::cloneBody(SmallVectorImpl<Value> &costs,
                                  SmallVectorImpl<Value> &outputs) {
  for (Operation &op : graph_.getBody().front()) {
    if (auto cost = dyn_cast<CostOp>(op)) {
      costs.push_back(mapping_.lookup(cost.getValue()));
      continue;
    }
    if (auto output = dyn_cast<OutputOp>(op)) {
      outputs.push_back(mapping_.lookup(output.getValue()));
      continue;
    }
    builder_.clone(op, mapping_);
  }
}

Value GeneratedFunction::sumCosts(ArrayRef<Value> costs) {
  if (costs.empty()) {
    auto scalar = RankedTensorType::get({}, graph_.getElementType());
    return builder_.create<ConstantOp>(
        loc(), DenseElementsAttr::get(
                   scalar, builder_.getFloatAttr(scalar.getElementType(), 0)));
  }
  Value sum = costs.front();
  for (Value cost : costs.drop_front())
    sum = builder_.create<AddOp>(loc(), sum, cost);
  return sum;
}

void GeneratedFunction::finish(ArrayRef<Value> results) {
  builder_.create<func::ReturnOp>(loc(), results);
  SmallVector<Type> resultTypes;
  for (Value v : results)
    resultTypes.push_back(v.getType());
  func_.setFunctionType(builder_.getFunctionType(
      func_.getFunctionType().getInputs(), resultTypes));
}

std::string sg::describeLocation(Location loc) {
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return (file.getFilename().str() + ":" + std::to_string(file.getLine()) +
            ":" + std::to_string(file.getColumn()));
  return "?";
}

DictionaryAttr sg::describeSite(Operation *op, StringRef name, StringRef what) {
  Builder b(op->getContext());
  auto file = op->getLoc()->findInstanceOf<FileLineColLoc>();
  return b.getDictionaryAttr(
      {b.getNamedAttr("op", b.getStringAttr(name)),
       b.getNamedAttr("file",
                      b.getStringAttr(file ? file.getFilename() : StringRef())),
       b.getNamedAttr("line", b.getI64IntegerAttr(file ? file.getLine() : 0)),
       b.getNamedAttr("column",
                      b.getI64IntegerAttr(file ? file.getColumn() : 0)),
       b.getNamedAttr("what", b.getStringAttr(what))});
}

void sg::appendResult(func::FuncOp func, Value value) {
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  results.push_back(value);
  OpBuilder b(ret);
  b.create<func::ReturnOp>(ret.getLoc(), results);
  ret.erase();
  SmallVector<Type> types(func.getFunctionType().getResults());
  types.push_back(value.getType());
  func.setFunctionType(FunctionType::get(
      func.getContext(), func.getFunctionType().getInputs(), types));
}

Value sg::zeroCounter(OpBuilder &b, Location loc, IntegerType intType) {
  Value init = b.create<tensor::EmptyOp>(loc, ArrayRef<int64_t>{}, intType);
  Value zero = b.create<arith::ConstantOp>(loc, b.getIntegerAttr(intType, 0));
  return b.create<linalg::FillOp>(loc, zero, init).getResult(0);
}
