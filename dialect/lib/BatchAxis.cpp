//===- BatchAxis.cpp - how each op treats the leading (batch) axis --------===//
//
// The BatchAxisOpInterface facts of the ops that belong to no family trait
// (SGTraits.h), and the family rules themselves. Every rule is a fact about
// the op's indexing: `tieAxes` lists the axes the verifier makes equal, and
// `inferRowKind` says whether row i of the result reads row i of the
// sample-dependent operands alone (Rows), is a row sum linear in theirs
// (RowSum), or neither (Mixed). Both passes that read them
// (sg-set-batch-size, the batch-independence analysis) keep no op list.
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"

using namespace mlir;
using namespace mlir::sg;

namespace {

/// Whether every operand that depends on the sample is of kind `kind`.
bool allAre(ArrayRef<RowKind> operands, RowKind kind) {
  return llvm::all_of(operands, [&](RowKind k) {
    return k == RowKind::Independent || k == kind;
  });
}

/// The number of operands that depend on the sample.
int64_t numDependent(ArrayRef<RowKind> operands) {
  return llvm::count_if(operands,
                        [](RowKind k) { return k != RowKind::Independent; });
}

RowKind rowsIf(bool holds) { return holds ? RowKind::Rows : RowKind::Mixed; }

int64_t rankOf(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type ? type.getRank() : 0;
}

bool isScalar(Operation *op) { return rankOf(op->getResult(0)) == 0; }

/// Whether `v`'s leading axis has `rows` elements.
bool hasRows(Value v, int64_t rows) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.getRank() >= 1 && type.getDimSize(0) == rows;
}

/// An elementwise op that is linear in its operands' row sums when every
/// dependent operand is a RowSum (+, −, negation, scaling).
RowKind inferLinearRowKind(Operation *op, ArrayRef<RowKind> operands) {
  if (isScalar(op))
    return allAre(operands, RowKind::RowSum) ? RowKind::RowSum : RowKind::Mixed;
  return sg::detail::inferElementwiseRowKind(op, operands);
}

/// A reduction (reduce_sum, mean) of `axes`: rows stay apart along other
/// axes; over every axis it is a row sum (a partial sum over rows stays a
/// tensor whose elements mix rows).
RowKind inferReductionRowKind(Operation *op, ArrayRef<RowKind> operands,
                              ArrayRef<int64_t> axes) {
  if (!allAre(operands, RowKind::Rows))
    return RowKind::Mixed;
  if (!llvm::is_contained(axes, 0))
    return RowKind::Rows;
  return isScalar(op) ? RowKind::RowSum : RowKind::Mixed;
}

/// Ties each kept axis of a reduction's operand to the result's.
void tieReduction(Value input, Value result, ArrayRef<int64_t> axes,
                  AxisTie tie) {
  unsigned kept = 0;
  for (int64_t d = 0; d < rankOf(input); ++d)
    if (!llvm::is_contained(axes, d))
      tie(input, d, result, kept++);
}

/// Σ over every axis but the leading one of the operand of a full reduction.
Value sumAllButRows(OpBuilder &b, Location loc, Value input) {
  SmallVector<int64_t> axes;
  for (int64_t d = 1; d < rankOf(input); ++d)
    axes.push_back(d);
  if (axes.empty())
    return input;
  return b.create<ReduceSumOp>(loc, input, b.getDenseI64ArrayAttr(axes));
}

} // namespace

//===----------------------------------------------------------------------===//
// The family rules (SGTraits.h)
//===----------------------------------------------------------------------===//

void sg::detail::tieSameShapeAxes(Operation *op, AxisTie tie) {
  SmallVector<Value> values(op->getOperands());
  for (Value r : op->getResults())
    if (rankOf(r) > 0)
      values.push_back(r);
  if (values.empty())
    return;
  for (Value v : ArrayRef(values).drop_front())
    for (int64_t d = 0; d < std::min(rankOf(v), rankOf(values[0])); ++d)
      tie(values[0], d, v, d);
}

RowKind sg::detail::inferElementwiseRowKind(Operation *op,
                                            ArrayRef<RowKind> operands) {
  // On 0-d values only ops linear in the row terms keep a row sum, and
  // they say so themselves.
  if (isScalar(op))
    return RowKind::Mixed;
  return rowsIf(allAre(operands, RowKind::Rows));
}

RowKind sg::detail::inferRowSumRowKind(Operation *op,
                                       ArrayRef<RowKind> operands) {
  return allAre(operands, RowKind::Rows) &&
                 cast<RowSumOpInterface>(op).hasRowTerms()
             ? RowKind::RowSum
             : RowKind::Mixed;
}

RowKind sg::detail::inferSampleRowKind(Operation *op,
                                       ArrayRef<RowKind> operands) {
  return rowsIf(allAre(operands, RowKind::Rows) &&
                cast<DistributionOpInterface>(op).hasIndependentRows());
}

//===----------------------------------------------------------------------===//
// Linear elementwise ops: row sums survive +, −, negation, scaling, and
// products and quotients by sample-independent scalars.
//===----------------------------------------------------------------------===//

RowKind NegOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  return inferLinearRowKind(*this, operands);
}
Value NegOp::buildRowSumTerms(OpBuilder &b, function_ref<Value(Value)> terms,
                              function_ref<Value(Value)>) {
  return b.create<NegOp>(getLoc(), terms(getInput()));
}

RowKind ScaleOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  return inferLinearRowKind(*this, operands);
}
Value ScaleOp::buildRowSumTerms(OpBuilder &b, function_ref<Value(Value)> terms,
                                function_ref<Value(Value)>) {
  return b.create<ScaleOp>(getLoc(), terms(getInput()),
                           getAlpha().convertToDouble());
}

RowKind AddOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  return inferLinearRowKind(*this, operands);
}
Value AddOp::buildRowSumTerms(OpBuilder &b, function_ref<Value(Value)> terms,
                              function_ref<Value(Value)>) {
  Value x = terms(getLhs()), y = terms(getRhs());
  if (x && y)
    return b.create<AddOp>(getLoc(), x, y);
  return x ? x : y;
}

RowKind SubOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  return inferLinearRowKind(*this, operands);
}
Value SubOp::buildRowSumTerms(OpBuilder &b, function_ref<Value(Value)> terms,
                              function_ref<Value(Value)>) {
  Value x = terms(getLhs()), y = terms(getRhs());
  if (x && y)
    return b.create<SubOp>(getLoc(), x, y);
  return x ? x : Value(b.create<NegOp>(getLoc(), y));
}

RowKind MulOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  // (Σ r_i)·c = Σ r_i·c for c independent of the sample.
  if (isScalar(*this))
    return numDependent(operands) == 1 && allAre(operands, RowKind::RowSum)
               ? RowKind::RowSum
               : RowKind::Mixed;
  return sg::detail::inferElementwiseRowKind(*this, operands);
}
Value MulOp::buildRowSumTerms(OpBuilder &b, function_ref<Value(Value)> terms,
                              function_ref<Value(Value)> spread) {
  if (Value x = terms(getLhs()))
    return b.create<MulOp>(getLoc(), x, spread(getRhs()));
  return b.create<MulOp>(getLoc(), spread(getLhs()), terms(getRhs()));
}

RowKind DivOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  // (Σ r_i)/c = Σ r_i/c for c independent of the sample.
  if (isScalar(*this))
    return operands[0] == RowKind::RowSum && operands[1] == RowKind::Independent
               ? RowKind::RowSum
               : RowKind::Mixed;
  return sg::detail::inferElementwiseRowKind(*this, operands);
}
Value DivOp::buildRowSumTerms(OpBuilder &b, function_ref<Value(Value)> terms,
                              function_ref<Value(Value)> spread) {
  return b.create<DivOp>(getLoc(), terms(getLhs()), spread(getRhs()));
}

//===----------------------------------------------------------------------===//
// Along the last axis
//===----------------------------------------------------------------------===//

RowKind SoftmaxOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  return rowsIf(getType().getRank() >= 2 && allAre(operands, RowKind::Rows));
}

RowKind LogSoftmaxOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  return rowsIf(getType().getRank() >= 2 && allAre(operands, RowKind::Rows));
}

//===----------------------------------------------------------------------===//
// Ops of their own
//===----------------------------------------------------------------------===//

// A constant depends on no sample and has no operand to tie to.
void ConstantOp::tieAxes(AxisTie) {}
RowKind ConstantOp::inferRowKind(ArrayRef<RowKind>, int64_t) {
  return RowKind::Independent;
}

void ReduceSumOp::tieAxes(AxisTie tie) {
  tieReduction(getInput(), getResult(), getAxes(), tie);
}
RowKind ReduceSumOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  return inferReductionRowKind(*this, operands, getAxes());
}
bool ReduceSumOp::hasRowTerms() {
  return getType().getRank() == 0 && getInput().getType().getRank() >= 1;
}
Value ReduceSumOp::buildRowTerms(OpBuilder &b) {
  return sumAllButRows(b, getLoc(), getInput());
}

void MeanOp::tieAxes(AxisTie tie) {
  tieReduction(getInput(), getResult(), getAxes(), tie);
}
RowKind MeanOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  // reduce_sum scaled by a constant: the same facts.
  return inferReductionRowKind(*this, operands, getAxes());
}
bool MeanOp::hasRowTerms() {
  return getType().getRank() == 0 && getInput().getType().getRank() >= 1;
}
Value MeanOp::buildRowTerms(OpBuilder &b) {
  // mean = Σ_i (Σ_j x_ij) / n over all n elements of the operand.
  return b.create<ScaleOp>(getLoc(), sumAllButRows(b, getLoc(), getInput()),
                           1.0 / double(getInput().getType().getNumElements()));
}

void BroadcastOp::tieAxes(AxisTie tie) {
  for (auto [i, d] : llvm::enumerate(getDims()))
    tie(getInput(), i, getResult(), d);
}
RowKind BroadcastOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  ArrayRef<int64_t> dims = getDims();
  return rowsIf(allAre(operands, RowKind::Rows) && !dims.empty() &&
                dims[0] == 0);
}

void BiasAddOp::tieAxes(AxisTie tie) {
  int64_t lead = rankOf(getInput()) - rankOf(getBias());
  for (int64_t d = 0; d < rankOf(getInput()); ++d)
    tie(getInput(), d, getResult(), d);
  for (int64_t d = 0; d < rankOf(getBias()); ++d)
    tie(getBias(), d, getInput(), lead + d);
}
RowKind BiasAddOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  // A bias spanning fewer axes is replicated over the rows.
  bool biasOk =
      operands[1] != RowKind::Rows || rankOf(getBias()) == rankOf(getInput());
  return rowsIf(allAre(operands, RowKind::Rows) && biasOk);
}

void TransposeOp::tieAxes(AxisTie tie) {
  for (auto [i, p] : llvm::enumerate(getPermutation()))
    tie(getResult(), i, getInput(), p);
}
RowKind TransposeOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  ArrayRef<int64_t> perm = getPermutation();
  return rowsIf(allAre(operands, RowKind::Rows) && !perm.empty() &&
                perm[0] == 0);
}

void ReshapeOp::tieAxes(AxisTie tie) {
  // A reshape that keeps the leading axis regroups only the others, for any
  // size of it.
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getResult().getType());
  if (in.getRank() > 0 && out.getRank() > 0 &&
      in.getDimSize(0) == out.getDimSize(0))
    tie(getInput(), 0, getResult(), 0);
}
RowKind ReshapeOp::inferRowKind(ArrayRef<RowKind> operands, int64_t rows) {
  // Row-major with the leading axis kept: row i of the result holds exactly
  // the elements of row i of the operand.
  return rowsIf(allAre(operands, RowKind::Rows) && hasRows(getInput(), rows));
}

void SliceOp::tieAxes(AxisTie tie) {
  // Only an axis the box spans whole keeps the operand's size.
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getResult().getType());
  for (int64_t d = 0; d < in.getRank(); ++d)
    if (getOffsets()[d] == 0 && in.getDimSize(d) == out.getDimSize(d))
      tie(getInput(), d, getResult(), d);
}
RowKind SliceOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  // A box spanning every row keeps row i at row i; a box of some rows
  // renumbers them (and drops others), which the facts cannot say.
  return rowsIf(allAre(operands, RowKind::Rows) && getOffsets()[0] == 0);
}

void ConcatOp::tieAxes(AxisTie tie) {
  for (Value input : getInputs())
    for (int64_t d = 0; d < rankOf(input); ++d)
      if (d != int64_t(getAxis()))
        tie(input, d, getResult(), d);
}
RowKind ConcatOp::inferRowKind(ArrayRef<RowKind> operands, int64_t rows) {
  // Along another axis, row i of the result joins row i of every operand;
  // along the rows it stacks batches.
  return rowsIf(
      allAre(operands, RowKind::Rows) && getAxis() != 0 &&
      llvm::all_of(getInputs(), [&](Value v) { return hasRows(v, rows); }));
}

void MatmulOp::tieAxes(AxisTie tie) {
  // op(A) is (rows × inner), op(B) is (inner × cols).
  unsigned aRows = getTransposeLhs() ? 1 : 0;
  unsigned bCols = getTransposeRhs() ? 0 : 1;
  tie(getLhs(), aRows, getResult(), 0);
  tie(getRhs(), bCols, getResult(), 1);
  tie(getLhs(), 1 - aRows, getRhs(), 1 - bCols);
}
RowKind MatmulOp::inferRowKind(ArrayRef<RowKind> operands, int64_t) {
  // Row i of A·B is row i of A times B: B must not depend on the sample.
  return rowsIf(operands[0] == RowKind::Rows &&
                operands[1] == RowKind::Independent && !getTransposeLhs());
}
