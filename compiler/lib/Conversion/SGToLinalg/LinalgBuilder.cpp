//===- LinalgBuilder.cpp - tensor-level linalg building blocks ------------===//

#include "LinalgBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::sg;

Value LinalgBuilder::constF(OpBuilder &b, Location loc, Type type,
                            double value) {
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
}

Value LinalgBuilder::empty(RankedTensorType type) {
  return b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
}

Value LinalgBuilder::filled(RankedTensorType type, double value) {
  Value init = empty(type);
  Value v = constF(type.getElementType(), value);
  return b.create<linalg::FillOp>(loc, v, init).getResult(0);
}

AffineMap LinalgBuilder::rowsOf(unsigned rank) {
  SmallVector<AffineExpr> exprs;
  for (unsigned i = 0; i + 1 < rank; ++i)
    exprs.push_back(b.getAffineDimExpr(i));
  return AffineMap::get(rank, 0, exprs, b.getContext());
}

Value LinalgBuilder::generic(RankedTensorType resultType, Value init,
                             ValueRange inputs, ArrayRef<AffineMap> maps,
                             ArrayRef<utils::IteratorType> iterators,
                             BodyFn body) {
  auto op = b.create<linalg::GenericOp>(
      loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        nb.create<linalg::YieldOp>(nloc, body(nb, nloc, args));
      });
  return op.getResult(0);
}

Value LinalgBuilder::map(RankedTensorType type, ValueRange inputs,
                         BodyFn body) {
  unsigned rank = type.getRank();
  SmallVector<AffineMap> maps(inputs.size() + 1,
                              b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
  return generic(type, empty(type), inputs, maps, its,
                 [&](OpBuilder &nb, Location nloc, ValueRange args) {
                   return body(nb, nloc, args.drop_back());
                 });
}

Value LinalgBuilder::sumAll(RankedTensorType inputType, ValueRange inputs,
                            BodyFn body) {
  unsigned rank = inputType.getRank();
  Type elem = inputType.getElementType();
  auto scalar = RankedTensorType::get({}, elem);
  SmallVector<AffineMap> maps(inputs.size(), b.getMultiDimIdentityMap(rank));
  maps.push_back(AffineMap::get(rank, 0, {}, b.getContext()));
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::reduction);
  return generic(
      scalar, filled(scalar, 0.0), inputs, maps, its,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value term = body(nb, nloc, args.drop_back());
        return nb.create<arith::AddFOp>(nloc, args.back(), term).getResult();
      });
}

Value LinalgBuilder::reduceLastAxis(Value x, double init, BodyFn combine) {
  auto type = cast<RankedTensorType>(x.getType());
  unsigned rank = type.getRank();
  auto rowType =
      RankedTensorType::get(type.getShape().drop_back(), type.getElementType());
  AffineMap rowMap = rowsOf(rank);
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
  its.back() = utils::IteratorType::reduction;
  return generic(rowType, filled(rowType, init), ValueRange{x},
                 {b.getMultiDimIdentityMap(rank), rowMap}, its, combine);
}

std::pair<Value, Value> LinalgBuilder::rowMaxAndSumExp(Value x) {
  Value max = reduceLastAxis(
      x, -INFINITY, [](OpBuilder &nb, Location nloc, ValueRange args) {
        return nb.create<arith::MaximumFOp>(nloc, args[0], args[1]).getResult();
      });
  auto type = cast<RankedTensorType>(x.getType());
  unsigned rank = type.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap rowMap = rowsOf(rank);
  auto rowType = cast<RankedTensorType>(max.getType());
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
  its.back() = utils::IteratorType::reduction;
  Value sum = generic(
      rowType, filled(rowType, 0.0), ValueRange{x, max}, {id, rowMap, rowMap},
      its, [](OpBuilder &nb, Location nloc, ValueRange args) {
        Value d = nb.create<arith::SubFOp>(nloc, args[0], args[1]);
        Value e = nb.create<math::ExpOp>(nloc, d);
        return nb.create<arith::AddFOp>(nloc, args[2], e).getResult();
      });
  return {max, sum};
}
