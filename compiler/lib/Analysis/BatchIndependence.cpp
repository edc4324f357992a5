//===- BatchIndependence.cpp - which rows of a value a sample reaches -----===//
//
// One forward pass over a block per sample. Every rule below is a fact about
// the op's indexing: a result is Rows only when its row i is computed from
// row i of every sample-dependent operand (elementwise ops, bias_add of a
// sample-independent bias, broadcasts that keep the leading axis, reductions
// and means and softmaxes along other axes, slices and concatenations along
// other axes, reshapes that keep the leading axis, a matmul whose left
// operand carries the rows and whose right operand does not depend on the
// sample, independent-row distributions), and a 0-d value is RowSum only
// through ops that are linear in the row terms (summed or averaged ops of
// Rows operands, +, −, negation, scaling,
// products and quotients by sample-independent scalars). Any other use of a
// dependent value is Mixed: unknown ops never get row facts by default.
//
//===----------------------------------------------------------------------===//

#include "sg/Analysis/BatchIndependence.h"
#include "sg/SGOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::sg;

RowDependence::RowDependence(Block &block, ArrayRef<Value> seeds, int64_t rows)
    : rows(rows) {
  for (Value seed : seeds)
    facts[seed] = {RowFact::Rows, nullptr};
  for (Operation &op : block) {
    if (op.getNumResults() != 1 || facts.count(op.getResult(0)))
      continue;
    RowFact fact = transfer(&op);
    if (fact.dependent())
      facts[op.getResult(0)] = fact;
  }
}

bool RowDependence::hasRows(Value value) const {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  return type && type.getRank() >= 1 && type.getDimSize(0) == rows;
}

RowFact RowDependence::mixed(Operation *op, ArrayRef<Value> operands) const {
  // Keep the first mixer: it is the op a user has to change.
  for (Value v : operands) {
    RowFact f = lookup(v);
    if (f.kind == RowFact::Mixed)
      return f;
  }
  return {RowFact::Mixed, op};
}

RowFact RowDependence::transfer(Operation *op) {
  SmallVector<Value> dependent;
  for (Value v : op->getOperands())
    if (lookup(v).dependent())
      dependent.push_back(v);
  if (dependent.empty())
    return {};
  RowFact mix = mixed(op, dependent);
  if (mix.mixer != op)
    return mix; // an operand is already mixed
  auto is = [&](Value v, RowFact::Kind kind) { return lookup(v).kind == kind; };
  auto allAre = [&](RowFact::Kind kind) {
    return llvm::all_of(dependent, [&](Value v) { return is(v, kind); });
  };
  Value result = op->getResult(0);
  RowFact rowsFact{RowFact::Rows, nullptr}, rowSum{RowFact::RowSum, nullptr};
  auto rowsIf = [&](bool holds) {
    return holds && hasRows(result) ? rowsFact : mix;
  };
  auto resultType = dyn_cast<RankedTensorType>(result.getType());
  if (!resultType)
    return mix;
  bool scalar = resultType.getRank() == 0;

  return TypeSwitch<Operation *, RowFact>(op)
      // Elementwise: row i of the result reads row i of every operand. On
      // 0-d values only the ops linear in the row terms keep a row sum.
      .Case<NegOp, ScaleOp>([&](Operation *) {
        if (scalar)
          return allAre(RowFact::RowSum) ? rowSum : mix;
        return rowsIf(allAre(RowFact::Rows));
      })
      .Case<AddOp, SubOp>([&](Operation *) {
        if (scalar)
          return allAre(RowFact::RowSum) ? rowSum : mix;
        return rowsIf(allAre(RowFact::Rows));
      })
      .Case<MulOp>([&](MulOp) {
        if (scalar) // (Σ r_i)·c = Σ r_i·c for c independent of the sample
          return dependent.size() == 1 && allAre(RowFact::RowSum) ? rowSum
                                                                  : mix;
        return rowsIf(allAre(RowFact::Rows));
      })
      .Case<DivOp>([&](DivOp div) {
        if (scalar)
          return dependent.size() == 1 && dependent[0] == div.getLhs() &&
                         allAre(RowFact::RowSum)
                     ? rowSum
                     : mix;
        return rowsIf(allAre(RowFact::Rows));
      })
      .Case<ExpOp, LogOp, SqrtOp, SigmoidOp, SoftplusOp, TanhOp, ReluOp,
            HeavisideOp, MaximumOp, MulAddOp>([&](Operation *) {
        return scalar ? mix : rowsIf(allAre(RowFact::Rows));
      })
      // Along the last axis: rows stay apart when that is not the leading one.
      .Case<SoftmaxOp, LogSoftmaxOp>([&](Operation *) {
        return rowsIf(resultType.getRank() >= 2 && allAre(RowFact::Rows));
      })
      .Case<BroadcastOp>([&](BroadcastOp b) {
        ArrayRef<int64_t> dims = b.getDims();
        return rowsIf(allAre(RowFact::Rows) && !dims.empty() && dims[0] == 0);
      })
      .Case<BiasAddOp>([&](BiasAddOp b) {
        // A bias spanning fewer axes is replicated over the rows.
        bool biasOk =
            !is(b.getBias(), RowFact::Rows) ||
            b.getBias().getType().getRank() == b.getInput().getType().getRank();
        return rowsIf(allAre(RowFact::Rows) && biasOk);
      })
      .Case<ReduceSumOp>([&](ReduceSumOp r) {
        if (!allAre(RowFact::Rows))
          return mix;
        if (!llvm::is_contained(r.getAxes(), 0))
          return rowsIf(true);
        return scalar ? rowSum : mix; // a partial sum over rows stays a tensor
      })
      .Case<MeanOp>([&](MeanOp m) {
        // reduce_sum scaled by a constant: the same facts.
        if (!allAre(RowFact::Rows))
          return mix;
        if (!llvm::is_contained(m.getAxes(), 0))
          return rowsIf(true);
        return scalar ? rowSum : mix;
      })
      .Case<SliceOp>([&](SliceOp s) {
        // A box spanning every row keeps row i at row i; a box of some rows
        // renumbers them (and drops others), which the facts cannot say.
        return rowsIf(allAre(RowFact::Rows) && s.getOffsets()[0] == 0);
      })
      .Case<ConcatOp>([&](ConcatOp c) {
        // Along another axis, row i of the result joins row i of every
        // operand; along the rows it stacks batches.
        return rowsIf(allAre(RowFact::Rows) && c.getAxis() != 0 &&
                      llvm::all_of(c.getInputs(),
                                   [&](Value v) { return hasRows(v); }));
      })
      .Case<ReshapeOp>([&](ReshapeOp r) {
        // Row-major with the leading axis kept: row i of the result holds
        // exactly the elements of row i of the operand.
        return rowsIf(allAre(RowFact::Rows) && hasRows(r.getInput()));
      })
      .Case<TransposeOp>([&](TransposeOp t) {
        ArrayRef<int64_t> perm = t.getPermutation();
        return rowsIf(allAre(RowFact::Rows) && !perm.empty() && perm[0] == 0);
      })
      .Case<MatmulOp>([&](MatmulOp m) {
        // Row i of A·B is row i of A times B: B must not depend on the sample.
        return rowsIf(dependent.size() == 1 && dependent[0] == m.getLhs() &&
                      !m.getTransposeLhs() && is(m.getLhs(), RowFact::Rows));
      })
      .Case<RowSumOpInterface>([&](RowSumOpInterface s) {
        return allAre(RowFact::Rows) && s.hasRowTerms() ? rowSum : mix;
      })
      .Case<DistributionOpInterface>([&](DistributionOpInterface d) {
        return rowsIf(allAre(RowFact::Rows) && d.hasIndependentRows());
      })
      .Default([&](Operation *) { return mix; });
}

Value RowDependence::buildRowTerms(OpBuilder &b, Value rowSum,
                                   function_ref<Value(Value)> map) const {
  Operation *op = rowSum.getDefiningOp();
  Location loc = op->getLoc();
  Type elem = cast<RankedTensorType>(rowSum.getType()).getElementType();
  auto rowType = RankedTensorType::get({rows}, elem);
  auto terms = [&](Value v) {
    return lookup(v).kind == RowFact::RowSum ? buildRowTerms(b, v, map)
                                             : Value();
  };
  auto spread = [&](Value scalar) -> Value {
    return b.create<BroadcastOp>(loc, rowType, map(scalar),
                                 b.getDenseI64ArrayAttr({}));
  };
  return TypeSwitch<Operation *, Value>(op)
      .Case<ReduceSumOp>([&](ReduceSumOp r) -> Value {
        Value input = map(r.getInput());
        int64_t rank = r.getInput().getType().getRank();
        SmallVector<int64_t> axes;
        for (int64_t d = 1; d < rank; ++d)
          axes.push_back(d);
        if (axes.empty())
          return input;
        return b.create<ReduceSumOp>(loc, input, b.getDenseI64ArrayAttr(axes));
      })
      .Case<MeanOp>([&](MeanOp m) -> Value {
        // mean = Σ_i (Σ_j x_ij) / n over all n elements of the operand.
        Value input = map(m.getInput());
        auto inputType = m.getInput().getType();
        SmallVector<int64_t> axes;
        for (int64_t d = 1; d < inputType.getRank(); ++d)
          axes.push_back(d);
        if (!axes.empty())
          input =
              b.create<ReduceSumOp>(loc, input, b.getDenseI64ArrayAttr(axes));
        return b.create<ScaleOp>(loc, input,
                                 1.0 / double(inputType.getNumElements()));
      })
      .Case<RowSumOpInterface>([&](RowSumOpInterface) {
        return cast<RowSumOpInterface>(map(rowSum).getDefiningOp())
            .buildRowTerms(b);
      })
      .Case<AddOp>([&](AddOp a) -> Value {
        Value x = terms(a.getLhs()), y = terms(a.getRhs());
        if (x && y)
          return b.create<AddOp>(loc, x, y);
        return x ? x : y;
      })
      .Case<SubOp>([&](SubOp s) -> Value {
        Value x = terms(s.getLhs()), y = terms(s.getRhs());
        if (x && y)
          return b.create<SubOp>(loc, x, y);
        return x ? x : Value(b.create<NegOp>(loc, y));
      })
      .Case<NegOp>([&](NegOp n) -> Value {
        return b.create<NegOp>(loc, terms(n.getInput()));
      })
      .Case<ScaleOp>([&](ScaleOp s) -> Value {
        return b.create<ScaleOp>(loc, terms(s.getInput()),
                                 s.getAlpha().convertToDouble());
      })
      .Case<MulOp>([&](MulOp m) -> Value {
        Value x = terms(m.getLhs());
        if (x)
          return b.create<MulOp>(loc, x, spread(m.getRhs()));
        return b.create<MulOp>(loc, spread(m.getLhs()), terms(m.getRhs()));
      })
      .Case<DivOp>([&](DivOp d) -> Value {
        return b.create<DivOp>(loc, terms(d.getLhs()), spread(d.getRhs()));
      })
      .Default([](Operation *) -> Value { llvm_unreachable("not a row sum"); });
}

std::string sg::whyNoIndependentRows(Operation *sample) {
  auto type = cast<RankedTensorType>(sample->getResult(0).getType());
  if (type.getRank() == 0)
    return "its value has no leading (row) axis";
  if (!cast<DistributionOpInterface>(sample).hasIndependentRows())
    return "its distribution does not declare independent rows";
  return "";
}
