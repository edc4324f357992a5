//===- Philox.cpp - inline Philox4x32-10 and uniform/normal maps ----------===//
//
// Mirrors runtime/lib/philox.c and samplers.c operation for operation: any
// change here must be made there too (test/e2e/SamplingTest.cpp compares the
// two bit for bit).
//
//===----------------------------------------------------------------------===//

#include "Philox.h"

#include "sg/SGDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;
using namespace mlir::sg;

PhiloxBlock mlir::sg::philox(OpBuilder &b, Location loc, Value element,
                             Value node, Value seed, Value step) {
  Type i32 = b.getI32Type();
  auto c32 = [&](uint32_t v) {
    return b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(v)).getResult();
  };
  auto c64 = [&](uint64_t v) {
    return b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(v)).getResult();
  };
  auto lo = [&](Value v64) {
    return b.create<arith::TruncIOp>(loc, i32, v64).getResult();
  };
  auto hi = [&](Value v64) {
    return lo(b.create<arith::ShRUIOp>(loc, v64, c64(32)));
  };
  // ctr = {element lo, element hi, node, step lo};
  // key = {seed lo, seed hi ^ step hi}.
  Value x0 = lo(element), x1 = hi(element), x2 = node, x3 = lo(step);
  Value k0 = lo(seed);
  Value k1 = b.create<arith::XOrIOp>(loc, hi(seed), hi(step));
  Value m0 = c32(0xD2511F53), m1 = c32(0xCD9E8D57);
  Value w0 = c32(0x9E3779B9), w1 = c32(0xBB67AE85);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 = b.create<arith::AddIOp>(loc, k0, w0);
      k1 = b.create<arith::AddIOp>(loc, k1, w1);
    }
    auto p0 = b.create<arith::MulUIExtendedOp>(loc, m0, x0);
    auto p1 = b.create<arith::MulUIExtendedOp>(loc, m1, x2);
    Value y0 = b.create<arith::XOrIOp>(
        loc, b.create<arith::XOrIOp>(loc, p1.getHigh(), x1), k0);
    Value y2 = b.create<arith::XOrIOp>(
        loc, b.create<arith::XOrIOp>(loc, p0.getHigh(), x3), k1);
    x0 = y0;
    x1 = p1.getLow();
    x2 = y2;
    x3 = p0.getLow();
  }
  return {{x0, x1, x2, x3}};
}

Value mlir::sg::u01F32(OpBuilder &b, Location loc, Value w) {
  Value j = b.create<arith::ShRUIOp>(
      loc, w, b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(9)));
  Value two = b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(2));
  Value one = b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(1));
  Value odd =
      b.create<arith::AddIOp>(loc, b.create<arith::MulIOp>(loc, j, two), one);
  Value f = b.create<arith::UIToFPOp>(loc, b.getF32Type(), odd);
  Value scale = b.create<arith::ConstantOp>(
      loc, b.getF32FloatAttr(std::ldexp(1.0f, -24)));
  return b.create<arith::MulFOp>(loc, f, scale);
}

Value mlir::sg::u01F64(OpBuilder &b, Location loc, Value lo, Value hi) {
  Type i64 = b.getI64Type();
  auto c = [&](int64_t v) {
    return b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(v)).getResult();
  };
  Value wide = b.create<arith::OrIOp>(
      loc,
      b.create<arith::ShLIOp>(loc, b.create<arith::ExtUIOp>(loc, i64, hi),
                              c(32)),
      b.create<arith::ExtUIOp>(loc, i64, lo));
  Value j = b.create<arith::ShRUIOp>(loc, wide, c(12));
  Value odd =
      b.create<arith::AddIOp>(loc, b.create<arith::MulIOp>(loc, j, c(2)), c(1));
  Value f = b.create<arith::UIToFPOp>(loc, b.getF64Type(), odd);
  Value scale =
      b.create<arith::ConstantOp>(loc, b.getF64FloatAttr(std::ldexp(1.0, -53)));
  return b.create<arith::MulFOp>(loc, f, scale);
}

Value mlir::sg::boxMuller(OpBuilder &b, Location loc, Value u1, Value u2) {
  Type f64 = b.getF64Type();
  Value m2 = b.create<arith::ConstantOp>(loc, b.getFloatAttr(f64, -2.0));
  Value twoPi = b.create<arith::ConstantOp>(
      loc, b.getFloatAttr(f64, 6.283185307179586476925286766559));
  Value r = b.create<math::SqrtOp>(
      loc, b.create<arith::MulFOp>(loc, m2, b.create<math::LogOp>(loc, u1)));
  Value c = b.create<math::CosOp>(loc, b.create<arith::MulFOp>(loc, twoPi, u2));
  return b.create<arith::MulFOp>(loc, r, c);
}

Value mlir::sg::standardNormal(OpBuilder &b, Location loc, Type elem,
                               const PhiloxBlock &w) {
  if (elem.isF64())
    return boxMuller(b, loc, u01F64(b, loc, w.w[0], w.w[1]),
                     u01F64(b, loc, w.w[2], w.w[3]));
  Type f64 = b.getF64Type();
  Value u1 = b.create<arith::ExtFOp>(loc, f64, u01F32(b, loc, w.w[0]));
  Value u2 = b.create<arith::ExtFOp>(loc, f64, u01F32(b, loc, w.w[1]));
  return b.create<arith::TruncFOp>(loc, elem, boxMuller(b, loc, u1, u2));
}

Value mlir::sg::uniform(OpBuilder &b, Location loc, Type elem,
                        const PhiloxBlock &w) {
  return elem.isF64() ? u01F64(b, loc, w.w[0], w.w[1]) : u01F32(b, loc, w.w[0]);
}

Value mlir::sg::linearIndex(OpBuilder &b, Location loc,
                            ArrayRef<int64_t> shape) {
  Value linear;
  for (unsigned d = 0; d < shape.size(); ++d) {
    Value i = b.create<linalg::IndexOp>(loc, d);
    if (!linear) {
      linear = i;
      continue;
    }
    Value size = b.create<arith::ConstantIndexOp>(loc, shape[d]);
    linear = b.create<arith::AddIOp>(
        loc, b.create<arith::MulIOp>(loc, linear, size), i);
  }
  if (!linear)
    return b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(0));
  return b.create<arith::IndexCastUIOp>(loc, b.getI64Type(), linear);
}

std::pair<Value, Value> mlir::sg::sampleKey(Operation *op) {
  auto func = op->getParentOfType<func::FuncOp>();
  Value seed, step;
  if (!func)
    return {seed, step};
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    if (func.getArgAttr(i, SGDialect::kSeedAttrName))
      seed = func.getArgument(i);
    if (func.getArgAttr(i, SGDialect::kStepAttrName))
      step = func.getArgument(i);
  }
  return {seed, step};
}

Value mlir::sg::sampleRowOffset(OpBuilder &b, Location loc, Operation *op,
                                RankedTensorType type) {
  auto func = op->getParentOfType<func::FuncOp>();
  IntegerAttr batch =
      func ? SGDialect::BatchSizeAttrHelper(func.getContext()).getAttr(func)
           : nullptr;
  if (!batch || type.getRank() == 0 || type.getDimSize(0) != batch.getInt())
    return Value();
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    if (!func.getArgAttr(i, SGDialect::kFirstRowAttrName))
      continue;
    int64_t rowSize = type.getNumElements() / batch.getInt();
    Value size = b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(rowSize));
    return b.create<arith::MulIOp>(loc, func.getArgument(i), size);
  }
  return Value();
}
