//===- BatchIndependence.cpp - which rows of a value a sample reaches -----===//
//
// One forward pass over a block per sample. The rules are the ops' own
// (BatchAxisOpInterface::inferRowKind, dialect/lib/BatchAxis.cpp): a result
// is Rows only when its row i is computed from row i of every
// sample-dependent operand, and a 0-d value is RowSum only through ops that
// are linear in the row terms. This pass only propagates: a value whose row
// kind the op reports as Rows must also have the sample's row count, an
// operand already Mixed makes the result Mixed with the same mixer, and an op
// without the interface mixes rows.
//
//===----------------------------------------------------------------------===//

#include "sg/Analysis/BatchIndependence.h"
#include "sg/SGOps.h"

using namespace mlir;
using namespace mlir::sg;

RowDependence::RowDependence(Block &block, ArrayRef<Value> seeds, int64_t rows)
    : rows(rows) {
  for (Value seed : seeds)
    facts[seed] = {RowKind::Rows, nullptr};
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
    if (f.kind == RowKind::Mixed)
      return f;
  }
  return {RowKind::Mixed, op};
}

RowFact RowDependence::transfer(Operation *op) {
  SmallVector<Value> dependent;
  SmallVector<RowKind> kinds;
  for (Value v : op->getOperands()) {
    kinds.push_back(lookup(v).kind);
    if (lookup(v).dependent())
      dependent.push_back(v);
  }
  if (dependent.empty())
    return {};
  RowFact mix = mixed(op, dependent);
  if (mix.mixer != op)
    return mix; // an operand is already mixed
  Value result = op->getResult(0);
  auto rule = dyn_cast<BatchAxisOpInterface>(op);
  if (!rule || !isa<RankedTensorType>(result.getType()))
    return mix;
  switch (rule.inferRowKind(kinds, rows)) {
  case RowKind::Rows:
    return hasRows(result) ? RowFact{RowKind::Rows, nullptr} : mix;
  case RowKind::RowSum:
    return {RowKind::RowSum, nullptr};
  default:
    return mix;
  }
}

Value RowDependence::buildRowTerms(OpBuilder &b, Value rowSum,
                                   function_ref<Value(Value)> map) const {
  Operation *op = rowSum.getDefiningOp();
  // A row sum of Rows operands: the op's own terms, on the mapped operands.
  if (isa<RowSumOpInterface>(op))
    return cast<RowSumOpInterface>(map(rowSum).getDefiningOp())
        .buildRowTerms(b);
  // A row sum linear in row sums.
  Location loc = op->getLoc();
  Type elem = cast<RankedTensorType>(rowSum.getType()).getElementType();
  auto rowType = RankedTensorType::get({rows}, elem);
  auto terms = [&](Value v) {
    return lookup(v).kind == RowKind::RowSum ? buildRowTerms(b, v, map)
                                             : Value();
  };
  auto spread = [&](Value scalar) -> Value {
    return b.create<BroadcastOp>(loc, rowType, map(scalar),
                                 b.getDenseI64ArrayAttr({}));
  };
  Value built =
      cast<BatchAxisOpInterface>(op).buildRowSumTerms(b, terms, spread);
  assert(built && "not a row sum");
  return built;
}

std::string sg::whyNoIndependentRows(Operation *sample) {
  auto type = cast<RankedTensorType>(sample->getResult(0).getType());
  if (type.getRank() == 0)
    return "its value has no leading (row) axis";
  if (!cast<DistributionOpInterface>(sample).hasIndependentRows())
    return "its distribution does not declare independent rows";
  return "";
}
