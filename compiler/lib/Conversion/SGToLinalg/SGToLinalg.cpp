//===- SGToLinalg.cpp - lower sg operations to linalg on tensors ----------===//
//
// Every sg operation in a func.func becomes tensor-level linalg (plus arith,
// math, tensor). Elementwise ops and reductions are linalg.generic ops, which
// linalg's elementwise fusion then merges; matrix products are linalg.matmul
// variants that sg-gemm-to-blas turns into OpenBLAS calls after
// bufferization; samples compute Philox4x32-10 inline.
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/Passes.h"
#include "sg/SGOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

namespace mlir::sg {
#define GEN_PASS_DEF_CONVERTSGTOLINALG
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

using BodyFn =
    llvm::function_ref<Value(OpBuilder &, Location, ValueRange /*args*/)>;

/// Builds linalg ops for one sg op at the builder's insertion point.
class Lowering {
public:
  Lowering(OpBuilder &b, Location loc, Value seed, Value step, Value firstRow,
           int64_t batch)
      : b(b), loc(loc), seed(seed), step(step), firstRow(firstRow),
        batch(batch) {}

  LogicalResult lower(Operation *op, Value &result);

private:
  OpBuilder &b;
  Location loc;
  Value seed, step;
  /// The global index of the call's first batch row (may be null), and the
  /// batch size (0 if unknown): see lowerSample.
  Value firstRow;
  int64_t batch;

  MLIRContext *ctx() { return b.getContext(); }

  /// (d0, ..., d{rank-1}) -> (d0, ..., d{rank-2}): the row of an element
  /// when reducing along the last axis.
  AffineMap rowsOf(unsigned rank) {
    SmallVector<AffineExpr> exprs;
    for (unsigned i = 0; i + 1 < rank; ++i)
      exprs.push_back(b.getAffineDimExpr(i));
    return AffineMap::get(rank, 0, exprs, ctx());
  }

  Value constF(Type type, double value) {
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
  }
  static Value constF(OpBuilder &b, Location loc, Type type, double value) {
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
  }

  Value empty(RankedTensorType type) {
    return b.create<tensor::EmptyOp>(loc, type.getShape(),
                                     type.getElementType());
  }
  Value filled(RankedTensorType type, double value) {
    Value init = empty(type);
    Value v = constF(type.getElementType(), value);
    return b.create<linalg::FillOp>(loc, v, init).getResult(0);
  }

  /// A linalg.generic with one output.
  Value generic(RankedTensorType resultType, Value init, ValueRange inputs,
                ArrayRef<AffineMap> maps,
                ArrayRef<utils::IteratorType> iterators, BodyFn body) {
    auto op = b.create<linalg::GenericOp>(
        loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iterators,
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          nb.create<linalg::YieldOp>(nloc, body(nb, nloc, args));
        });
    return op.getResult(0);
  }

  /// Elementwise map over same-shaped inputs (may be none); `body` sees the
  /// input elements only.
  Value map(RankedTensorType type, ValueRange inputs, BodyFn body) {
    unsigned rank = type.getRank();
    SmallVector<AffineMap> maps(inputs.size() + 1,
                                b.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
    return generic(type, empty(type), inputs, maps, its,
                   [&](OpBuilder &nb, Location nloc, ValueRange args) {
                     return body(nb, nloc, args.drop_back());
                   });
  }

  /// Σ over all elements of body(inputs...), inputs of one shape.
  Value sumAll(RankedTensorType inputType, ValueRange inputs, BodyFn body) {
    unsigned rank = inputType.getRank();
    Type elem = inputType.getElementType();
    auto scalar = RankedTensorType::get({}, elem);
    SmallVector<AffineMap> maps(inputs.size(), b.getMultiDimIdentityMap(rank));
    maps.push_back(AffineMap::get(rank, 0, {}, ctx()));
    SmallVector<utils::IteratorType> its(rank, utils::IteratorType::reduction);
    return generic(
        scalar, filled(scalar, 0.0), inputs, maps, its,
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value term = body(nb, nloc, args.drop_back());
          return nb.create<arith::AddFOp>(nloc, args.back(), term).getResult();
        });
  }

  /// Per-row (all but the last axis) reduction of x with `combine`.
  Value reduceLastAxis(Value x, double init, BodyFn combine) {
    auto type = cast<RankedTensorType>(x.getType());
    unsigned rank = type.getRank();
    auto rowType = RankedTensorType::get(type.getShape().drop_back(),
                                         type.getElementType());
    AffineMap rowMap = rowsOf(rank);
    SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
    its.back() = utils::IteratorType::reduction;
    return generic(rowType, filled(rowType, init), ValueRange{x},
                   {b.getMultiDimIdentityMap(rank), rowMap}, its, combine);
  }

  /// Row maximum and Σ exp(x − max) along the last axis.
  std::pair<Value, Value> rowMaxAndSumExp(Value x) {
    Value max = reduceLastAxis(
        x, -INFINITY, [](OpBuilder &nb, Location nloc, ValueRange args) {
          return nb.create<arith::MaximumFOp>(nloc, args[0], args[1])
              .getResult();
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

  Value lowerSoftmax(Value x, bool log);
  Value lowerSoftmaxCrossEntropy(Value logits, Value targets);
  Value lowerMatmul(MatmulOp op);
  Value lowerSample(Operation *op, RankedTensorType type, ValueRange params);
};

//===----------------------------------------------------------------------===//
// Scalar formulas of elementwise ops
//===----------------------------------------------------------------------===//

Value scalarUnary(OpBuilder &b, Location loc, Operation *op, Value x) {
  Type t = x.getType();
  auto c = [&](double v) {
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(t, v)).getResult();
  };
  return TypeSwitch<Operation *, Value>(op)
      .Case<NegOp>([&](auto) { return b.create<arith::NegFOp>(loc, x); })
      .Case<ExpOp>([&](auto) { return b.create<math::ExpOp>(loc, x); })
      .Case<LogOp>([&](auto) { return b.create<math::LogOp>(loc, x); })
      .Case<SqrtOp>([&](auto) { return b.create<math::SqrtOp>(loc, x); })
      .Case<TanhOp>([&](auto) { return b.create<math::TanhOp>(loc, x); })
      .Case<SigmoidOp>([&](auto) {
        // 1 / (1 + exp(−x)): exp overflows to +inf for very negative x and
        // the quotient is then exactly 0, the correctly rounded value.
        Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
        Value d = b.create<arith::AddFOp>(loc, c(1.0), e);
        return b.create<arith::DivFOp>(loc, c(1.0), d);
      })
      .Case<SoftplusOp>([&](auto) {
        // max(x, 0) + log1p(exp(−|x|)): no overflow for large |x|.
        Value ax = b.create<math::AbsFOp>(loc, x);
        Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, ax));
        Value l = b.create<math::Log1pOp>(loc, e);
        Value pos =
            b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, c(0.0));
        Value m = b.create<arith::SelectOp>(loc, pos, x, c(0.0));
        return b.create<arith::AddFOp>(loc, m, l);
      })
      .Case<ReluOp>([&](auto) {
        Value pos =
            b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, c(0.0));
        return b.create<arith::SelectOp>(loc, pos, x, c(0.0));
      })
      .Case<HeavisideOp>([&](auto) {
        Value pos =
            b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, c(0.0));
        return b.create<arith::SelectOp>(loc, pos, c(1.0), c(0.0));
      })
      .Case<ScaleOp>([&](ScaleOp s) {
        return b.create<arith::MulFOp>(loc, x,
                                       c(s.getAlpha().convertToDouble()));
      })
      .Default([](Operation *) { return Value(); });
}

Value scalarBinary(OpBuilder &b, Location loc, Operation *op, Value x,
                   Value y) {
  return TypeSwitch<Operation *, Value>(op)
      .Case<AddOp>([&](auto) { return b.create<arith::AddFOp>(loc, x, y); })
      .Case<SubOp>([&](auto) { return b.create<arith::SubFOp>(loc, x, y); })
      .Case<MulOp>([&](auto) { return b.create<arith::MulFOp>(loc, x, y); })
      .Case<DivOp>([&](auto) { return b.create<arith::DivFOp>(loc, x, y); })
      .Case<MaximumOp>([&](auto) {
        // x where x > y, else y: the side the pullback sends the cotangent.
        Value gt =
            b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, y);
        return b.create<arith::SelectOp>(loc, gt, x, y);
      })
      .Default([](Operation *) { return Value(); });
}

//===----------------------------------------------------------------------===//
// Philox4x32-10, as in runtime/lib/philox.c and samplers.c
//===----------------------------------------------------------------------===//

struct PhiloxBlock {
  Value w[4];
};

PhiloxBlock philox(OpBuilder &b, Location loc, Value element, Value node,
                   Value seed, Value step) {
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

/// (2j+1)·2⁻²⁴ with j the top 23 bits of w: strictly inside (0, 1).
Value u01F32(OpBuilder &b, Location loc, Value w) {
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

/// (2j+1)·2⁻⁵³ with j the top 52 bits of (hi:lo).
Value u01F64(OpBuilder &b, Location loc, Value lo, Value hi) {
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

/// √(−2 log u1) · cos(2π u2), in f64.
Value boxMuller(OpBuilder &b, Location loc, Value u1, Value u2) {
  Type f64 = b.getF64Type();
  Value m2 = b.create<arith::ConstantOp>(loc, b.getFloatAttr(f64, -2.0));
  Value twoPi = b.create<arith::ConstantOp>(
      loc, b.getFloatAttr(f64, 6.283185307179586476925286766559));
  Value r = b.create<math::SqrtOp>(
      loc, b.create<arith::MulFOp>(loc, m2, b.create<math::LogOp>(loc, u1)));
  Value c = b.create<math::CosOp>(loc, b.create<arith::MulFOp>(loc, twoPi, u2));
  return b.create<arith::MulFOp>(loc, r, c);
}

//===----------------------------------------------------------------------===//
// Ops that are more than a map
//===----------------------------------------------------------------------===//

Value Lowering::lowerSoftmax(Value x, bool log) {
  auto type = cast<RankedTensorType>(x.getType());
  auto [max, sum] = rowMaxAndSumExp(x);
  unsigned rank = type.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap rowMap = rowsOf(rank);
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::parallel);
  return generic(
      type, empty(type), ValueRange{x, max, sum}, {id, rowMap, rowMap, id}, its,
      [&](OpBuilder &nb, Location nloc, ValueRange a) -> Value {
        Value d = nb.create<arith::SubFOp>(nloc, a[0], a[1]);
        if (log)
          return nb.create<arith::SubFOp>(nloc, d,
                                          nb.create<math::LogOp>(nloc, a[2]));
        return nb.create<arith::DivFOp>(nloc, nb.create<math::ExpOp>(nloc, d),
                                        a[2]);
      });
}

Value Lowering::lowerSoftmaxCrossEntropy(Value logits, Value targets) {
  auto type = cast<RankedTensorType>(logits.getType());
  auto [max, sum] = rowMaxAndSumExp(logits);
  unsigned rank = type.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap rowMap = rowsOf(rank);
  auto scalar = RankedTensorType::get({}, type.getElementType());
  SmallVector<utils::IteratorType> its(rank, utils::IteratorType::reduction);
  // Σ t · (logsumexp(row) − l)
  return generic(scalar, filled(scalar, 0.0),
                 ValueRange{logits, targets, max, sum},
                 {id, id, rowMap, rowMap, AffineMap::get(rank, 0, {}, ctx())},
                 its, [](OpBuilder &nb, Location nloc, ValueRange a) {
                   Value lse = nb.create<arith::AddFOp>(
                       nloc, a[2], nb.create<math::LogOp>(nloc, a[3]));
                   Value d = nb.create<arith::SubFOp>(nloc, lse, a[0]);
                   Value t = nb.create<arith::MulFOp>(nloc, a[1], d);
                   return nb.create<arith::AddFOp>(nloc, a[4], t).getResult();
                 });
}

Value Lowering::lowerMatmul(MatmulOp op) {
  auto type = cast<RankedTensorType>(op.getType());
  Value init = filled(type, 0.0);
  Value lhs = op.getLhs(), rhs = op.getRhs();
  bool tl = op.getTransposeLhs(), tr = op.getTransposeRhs();
  if (tl && tr) {
    // Aᵀ·Bᵀ: materialize Aᵀ, then use the transposed-B product.
    auto lt = cast<RankedTensorType>(lhs.getType());
    auto tt = RankedTensorType::get({lt.getDimSize(1), lt.getDimSize(0)},
                                    lt.getElementType());
    lhs = b.create<linalg::TransposeOp>(loc, lhs, empty(tt),
                                        ArrayRef<int64_t>{1, 0})
              .getResult()[0];
    tl = false;
  }
  if (tl)
    return b
        .create<linalg::MatmulTransposeAOp>(
            loc, TypeRange{type}, ValueRange{lhs, rhs}, ValueRange{init})
        .getResult(0);
  if (tr)
    return b
        .create<linalg::MatmulTransposeBOp>(
            loc, TypeRange{type}, ValueRange{lhs, rhs}, ValueRange{init})
        .getResult(0);
  return b
      .create<linalg::MatmulOp>(loc, TypeRange{type}, ValueRange{lhs, rhs},
                                ValueRange{init})
      .getResult(0);
}

Value Lowering::lowerSample(Operation *op, RankedTensorType type,
                            ValueRange params) {
  int32_t node = op->getAttrOfType<IntegerAttr>("node").getInt();
  bool isF64 = type.getElementType().isF64();
  ArrayRef<int64_t> shape = type.getShape();
  Value seedV = seed, stepV = step;
  // A sample whose leading axis is the batch is keyed as rows first_row +
  // i of the whole batch, so that callers splitting a batch across
  // processes draw what one call on the whole batch draws. Other samples
  // (no batch axis) are shared by all rows and keep their indices.
  Value offset;
  if (firstRow && batch > 0 && !shape.empty() && shape[0] == batch) {
    int64_t rowSize = type.getNumElements() / batch;
    offset = b.create<arith::MulIOp>(
        loc, firstRow,
        b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(rowSize)));
  }
  return map(type, params, [&](OpBuilder &nb, Location nloc, ValueRange a) {
    // Row-major linear index of this element.
    Value linear;
    for (unsigned d = 0; d < shape.size(); ++d) {
      Value i = nb.create<linalg::IndexOp>(nloc, d);
      if (!linear) {
        linear = i;
        continue;
      }
      Value size = nb.create<arith::ConstantIndexOp>(nloc, shape[d]);
      linear = nb.create<arith::AddIOp>(
          nloc, nb.create<arith::MulIOp>(nloc, linear, size), i);
    }
    Value element =
        linear ? nb.create<arith::IndexCastUIOp>(nloc, nb.getI64Type(), linear)
                     .getResult()
               : nb.create<arith::ConstantOp>(nloc, nb.getI64IntegerAttr(0))
                     .getResult();
    if (offset)
      element = nb.create<arith::AddIOp>(nloc, element, offset);
    Value nodeV =
        nb.create<arith::ConstantOp>(nloc, nb.getI32IntegerAttr(node));
    PhiloxBlock w = philox(nb, nloc, element, nodeV, seedV, stepV);
    Type elem = type.getElementType();
    if (isa<BernoulliOp>(op)) {
      Value u =
          isF64 ? u01F64(nb, nloc, w.w[0], w.w[1]) : u01F32(nb, nloc, w.w[0]);
      Value lt =
          nb.create<arith::CmpFOp>(nloc, arith::CmpFPredicate::OLT, u, a[0]);
      return nb
          .create<arith::SelectOp>(nloc, lt, constF(nb, nloc, elem, 1.0),
                                   constF(nb, nloc, elem, 0.0))
          .getResult();
    }
    Value n;
    if (isF64) {
      n = boxMuller(nb, nloc, u01F64(nb, nloc, w.w[0], w.w[1]),
                    u01F64(nb, nloc, w.w[2], w.w[3]));
    } else {
      Type f64 = nb.getF64Type();
      Value u1 = nb.create<arith::ExtFOp>(nloc, f64, u01F32(nb, nloc, w.w[0]));
      Value u2 = nb.create<arith::ExtFOp>(nloc, f64, u01F32(nb, nloc, w.w[1]));
      n = nb.create<arith::TruncFOp>(nloc, elem, boxMuller(nb, nloc, u1, u2));
    }
    if (isa<NormalOp>(op)) // μ + σ·ε
      n = nb.create<arith::AddFOp>(nloc, a[0],
                                   nb.create<arith::MulFOp>(nloc, a[1], n));
    return n;
  });
}

//===----------------------------------------------------------------------===//
// Dispatch
//===----------------------------------------------------------------------===//

LogicalResult Lowering::lower(Operation *op, Value &result) {
  auto resultType = op->getNumResults()
                        ? cast<RankedTensorType>(op->getResult(0).getType())
                        : RankedTensorType();
  // Elementwise.
  if (op->hasTrait<OpTrait::SGSameOperandsAndResultType>()) {
    if (isa<SoftmaxOp, LogSoftmaxOp>(op)) {
      result = lowerSoftmax(op->getOperand(0), isa<LogSoftmaxOp>(op));
      return success();
    }
    result = map(resultType, op->getOperands(),
                 [&](OpBuilder &nb, Location nloc, ValueRange a) -> Value {
                   if (a.size() == 1)
                     return scalarUnary(nb, nloc, op, a[0]);
                   if (a.size() == 2)
                     return scalarBinary(nb, nloc, op, a[0], a[1]);
                   // mul_add
                   Value m = nb.create<arith::MulFOp>(nloc, a[0], a[1]);
                   return nb.create<arith::AddFOp>(nloc, m, a[2]);
                 });
    return success();
  }

  Type elem = resultType ? resultType.getElementType() : Type();
  auto cst = [&](OpBuilder &nb, Location nloc, double v) {
    return constF(nb, nloc, elem, v);
  };
  return TypeSwitch<Operation *, LogicalResult>(op)
      .Case<ConstantOp>([&](ConstantOp c) {
        result = b.create<arith::ConstantOp>(loc, c.getValue().getType(),
                                             cast<TypedAttr>(c.getValue()));
        return success();
      })
      .Case<SumOp>([&](SumOp s) {
        result =
            sumAll(cast<RankedTensorType>(s.getInput().getType()), s.getInput(),
                   [](OpBuilder &, Location, ValueRange a) { return a[0]; });
        return success();
      })
      .Case<ReduceSumOp>([&](ReduceSumOp r) {
        auto in = cast<RankedTensorType>(r.getInput().getType());
        unsigned rank = in.getRank();
        SmallVector<AffineExpr> outExprs;
        SmallVector<utils::IteratorType> its;
        for (unsigned d = 0; d < rank; ++d) {
          bool reduced = llvm::is_contained(r.getAxes(), (int64_t)d);
          its.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
          if (!reduced)
            outExprs.push_back(b.getAffineDimExpr(d));
        }
        result = generic(
            resultType, filled(resultType, 0.0), r.getInput(),
            {b.getMultiDimIdentityMap(rank),
             AffineMap::get(rank, 0, outExprs, ctx())},
            its, [](OpBuilder &nb, Location nloc, ValueRange a) {
              return nb.create<arith::AddFOp>(nloc, a[1], a[0]).getResult();
            });
        return success();
      })
      .Case<BroadcastOp>([&](BroadcastOp bc) {
        unsigned rank = resultType.getRank();
        SmallVector<AffineExpr> inExprs;
        for (int64_t d : bc.getDims())
          inExprs.push_back(b.getAffineDimExpr(d));
        SmallVector<utils::IteratorType> its(rank,
                                             utils::IteratorType::parallel);
        result = generic(
            resultType, empty(resultType), bc.getInput(),
            {AffineMap::get(rank, 0, inExprs, ctx()),
             b.getMultiDimIdentityMap(rank)},
            its, [](OpBuilder &, Location, ValueRange a) { return a[0]; });
        return success();
      })
      .Case<BiasAddOp>([&](BiasAddOp ba) {
        unsigned rank = resultType.getRank();
        unsigned brank = ba.getBias().getType().getRank();
        SmallVector<AffineExpr> biasExprs;
        for (unsigned d = rank - brank; d < rank; ++d)
          biasExprs.push_back(b.getAffineDimExpr(d));
        AffineMap id = b.getMultiDimIdentityMap(rank);
        SmallVector<utils::IteratorType> its(rank,
                                             utils::IteratorType::parallel);
        result = generic(
            resultType, empty(resultType),
            ValueRange{ba.getInput(), ba.getBias()},
            {id, AffineMap::get(rank, 0, biasExprs, ctx()), id}, its,
            [](OpBuilder &nb, Location nloc, ValueRange a) {
              return nb.create<arith::AddFOp>(nloc, a[0], a[1]).getResult();
            });
        return success();
      })
      .Case<TransposeOp>([&](TransposeOp t) {
        result = b.create<linalg::TransposeOp>(
                      loc, t.getInput(), empty(resultType), t.getPermutation())
                     .getResult()[0];
        return success();
      })
      .Case<MatmulOp>([&](MatmulOp m) {
        result = lowerMatmul(m);
        return success();
      })
      .Case<MvnKLOp>([&](MvnKLOp k) {
        // −½ Σ (1 + log σ² − μ² − σ²)
        result = sumAll(
            cast<RankedTensorType>(k.getMean().getType()),
            ValueRange{k.getMean(), k.getStddev()},
            [&](OpBuilder &nb, Location nloc, ValueRange a) {
              Value mu2 = nb.create<arith::MulFOp>(nloc, a[0], a[0]);
              Value s2 = nb.create<arith::MulFOp>(nloc, a[1], a[1]);
              Value t = nb.create<arith::AddFOp>(
                  nloc, cst(nb, nloc, 1.0), nb.create<math::LogOp>(nloc, s2));
              t = nb.create<arith::SubFOp>(nloc, t, mu2);
              t = nb.create<arith::SubFOp>(nloc, t, s2);
              return nb.create<arith::MulFOp>(nloc, cst(nb, nloc, -0.5), t)
                  .getResult();
            });
        return success();
      })
      .Case<MvnEmpiricalKLOp>([&](MvnEmpiricalKLOp k) {
        // Σ [−(z−μ)²/(2σ²) − log σ + z²/2]; the ½ log 2π terms cancel.
        result = sumAll(
            cast<RankedTensorType>(k.getMean().getType()),
            ValueRange{k.getMean(), k.getStddev(), k.getSample()},
            [&](OpBuilder &nb, Location nloc, ValueRange a) {
              Value d = nb.create<arith::SubFOp>(nloc, a[2], a[0]);
              Value q = nb.create<arith::DivFOp>(nloc, d, a[1]);
              Value t = nb.create<arith::MulFOp>(
                  nloc, cst(nb, nloc, -0.5),
                  nb.create<arith::MulFOp>(nloc, q, q));
              t = nb.create<arith::SubFOp>(nloc, t,
                                           nb.create<math::LogOp>(nloc, a[1]));
              Value z2 = nb.create<arith::MulFOp>(nloc, a[2], a[2]);
              return nb
                  .create<arith::AddFOp>(
                      nloc, t,
                      nb.create<arith::MulFOp>(nloc, cst(nb, nloc, 0.5), z2))
                  .getResult();
            });
        return success();
      })
      .Case<NormalLogPdfOp>([&](NormalLogPdfOp k) {
        // Σ [−(z−μ)²/(2σ²) − log σ − ½ log 2π]
        result =
            sumAll(cast<RankedTensorType>(k.getMean().getType()),
                   ValueRange{k.getSample(), k.getMean(), k.getStddev()},
                   [&](OpBuilder &nb, Location nloc, ValueRange a) {
                     Value d = nb.create<arith::SubFOp>(nloc, a[0], a[1]);
                     Value q = nb.create<arith::DivFOp>(nloc, d, a[2]);
                     Value t = nb.create<arith::MulFOp>(
                         nloc, cst(nb, nloc, -0.5),
                         nb.create<arith::MulFOp>(nloc, q, q));
                     t = nb.create<arith::SubFOp>(
                         nloc, t, nb.create<math::LogOp>(nloc, a[2]));
                     return nb
                         .create<arith::SubFOp>(
                             nloc, t,
                             cst(nb, nloc, 0.91893853320467274178032973640562))
                         .getResult();
                   });
        return success();
      })
      .Case<BernoulliNegLogPdfOp>([&](BernoulliNegLogPdfOp k) {
        // −Σ [x log p + (1−x) log(1−p)], each log clamped below at −100 as
        // PyTorch's BCELoss does, so that p rounding to exactly 0 or 1 in
        // floating point gives a large finite cost instead of inf or NaN.
        result = sumAll(
            cast<RankedTensorType>(k.getProb().getType()),
            ValueRange{k.getProb(), k.getValue()},
            [&](OpBuilder &nb, Location nloc, ValueRange a) {
              Value floor = cst(nb, nloc, -100.0);
              Value one = cst(nb, nloc, 1.0);
              Value lp = nb.create<arith::MaximumFOp>(
                  nloc, nb.create<math::LogOp>(nloc, a[0]), floor);
              Value lq = nb.create<arith::MaximumFOp>(
                  nloc,
                  nb.create<math::LogOp>(
                      nloc, nb.create<arith::SubFOp>(nloc, one, a[0])),
                  floor);
              Value t = nb.create<arith::AddFOp>(
                  nloc, nb.create<arith::MulFOp>(nloc, a[1], lp),
                  nb.create<arith::MulFOp>(
                      nloc, nb.create<arith::SubFOp>(nloc, one, a[1]), lq));
              return nb.create<arith::NegFOp>(nloc, t).getResult();
            });
        return success();
      })
      .Case<SoftmaxCrossEntropyOp>([&](SoftmaxCrossEntropyOp k) {
        result = lowerSoftmaxCrossEntropy(k.getLogits(), k.getTargets());
        return success();
      })
      .Case<NormalOp, StdNormalOp, BernoulliOp>(
          [&](Operation *s) -> LogicalResult {
            if (!s->getAttrOfType<IntegerAttr>("node"))
              return s->emitError("sample has no node id; run "
                                  "--sg-number-samples first");
            if (!seed || !step)
              return s->emitError(
                  "samples need the enclosing function to have "
                  "i64 arguments marked {sg.seed} and {sg.step}");
            result = lowerSample(s, resultType, s->getOperands());
            return success();
          })
      .Default([&](Operation *o) {
        return o->emitError("cannot be lowered inside a function");
      });
}

struct ConvertSGToLinalgPass
    : public sg::impl::ConvertSGToLinalgBase<ConvertSGToLinalgPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      Value seed, step, firstRow;
      for (unsigned i = 0; i < func.getNumArguments(); ++i) {
        if (func.getArgAttr(i, SGDialect::kSeedAttrName))
          seed = func.getArgument(i);
        if (func.getArgAttr(i, SGDialect::kStepAttrName))
          step = func.getArgument(i);
        if (func.getArgAttr(i, SGDialect::kFirstRowAttrName))
          firstRow = func.getArgument(i);
      }
      int64_t batch = 0;
      if (auto attr = func->getAttrOfType<IntegerAttr>(kBatchSizeAttrName))
        batch = attr.getInt();
      SmallVector<Operation *> ops;
      func.walk([&](Operation *op) {
        if (isa<SGDialect>(op->getDialect()))
          ops.push_back(op);
      });
      for (Operation *op : ops) {
        OpBuilder b(op);
        Lowering lowering(b, op->getLoc(), seed, step, firstRow, batch);
        Value result;
        if (failed(lowering.lower(op, result)))
          return signalPassFailure();
        if (op->getNumResults())
          op->getResult(0).replaceAllUsesWith(result);
        op->erase();
      }
    }
  }
};

} // namespace
