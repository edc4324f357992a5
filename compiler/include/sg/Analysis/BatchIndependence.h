//===- BatchIndependence.h - which rows of a value a sample reaches -*- C++
//-*-===//
//
// Batched models carry examples along the leading axis. For one sample z
// whose rows z_i are drawn independently, this analysis finds, for every
// value downstream of z, whether its row i depends on z through z_i alone,
// and for every cost whether it is a sum over rows of terms r_i that each
// depend on z through z_i alone. The score term of z_i then needs only
// r_i (the other rows' terms do not depend on z_i: Rao-Blackwellization
// per row). Where a value mixes rows, the op that did it is recorded.
//
//===----------------------------------------------------------------------===//
#ifndef SG_ANALYSIS_BATCHINDEPENDENCE_H
#define SG_ANALYSIS_BATCHINDEPENDENCE_H

#include "sg/SGInterfaces.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir::sg {

/// How a value depends on the rows of one sample (`RowKind`, the ops' own
/// facts through `BatchAxisOpInterface`), and where it mixed them.
struct RowFact {
  RowKind kind = RowKind::Independent;
  /// For Mixed: the first op whose result mixed rows.
  Operation *mixer = nullptr;

  bool dependent() const { return kind != RowKind::Independent; }
};

/// Forward propagation of row facts through one block from seed values,
/// each of which has `rows` rows aligned with the sample's (the sample
/// itself, and for a log-density also the distribution's operands).
class RowDependence {
public:
  RowDependence(Block &block, llvm::ArrayRef<Value> seeds, int64_t rows);

  RowFact lookup(Value value) const { return facts.lookup(value); }
  int64_t getRows() const { return rows; }

  /// Builds the per-row terms r (a 1-d tensor of `getRows()` elements) of a
  /// RowSum value at the builder's insertion point. `map` gives, for a value
  /// of the analysed block, the value to build from (the identity when the
  /// terms are built in the same block).
  Value buildRowTerms(OpBuilder &builder, Value rowSum,
                      llvm::function_ref<Value(Value)> map) const;

private:
  RowFact transfer(Operation *op);
  RowFact mixed(Operation *op, llvm::ArrayRef<Value> operands) const;
  bool hasRows(Value value) const;

  llvm::DenseMap<Value, RowFact> facts;
  int64_t rows;
};

/// Why a sample cannot get per-row score terms, or an empty string: its
/// result has no leading axis or its distribution does not declare
/// independent rows.
std::string whyNoIndependentRows(Operation *sample);

} // namespace mlir::sg

#endif // SG_ANALYSIS_BATCHINDEPENDENCE_H
