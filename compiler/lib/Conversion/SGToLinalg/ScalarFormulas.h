//===- ScalarFormulas.h - scalar formulas of elementwise sg ops -*- C++ -*-===//
//
// The one map from an elementwise sg op to the scalar formula of one of its
// elements. The pointwise patterns are built from it; other lowerings that
// need an op's formula on scalars (inside a fused body) look it up here
// instead of writing it again.
//
//===----------------------------------------------------------------------===//
#ifndef SG_LIB_CONVERSION_SGTOLINALG_SCALARFORMULAS_H
#define SG_LIB_CONVERSION_SGTOLINALG_SCALARFORMULAS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"

namespace mlir::sg {

/// Builds one result element from the operands' elements (in operand order);
/// `op` is the sg op, for its attributes (scale's α).
using ScalarFormula = Value (*)(OpBuilder &b, Location loc, Operation *op,
                                ValueRange operands);

struct ScalarFormulaEntry {
  StringRef opName;
  ScalarFormula formula;
};

/// Every elementwise sg op with its formula.
ArrayRef<ScalarFormulaEntry> scalarFormulas();

/// The formula of `op`, or null if it is not an elementwise op.
ScalarFormula lookupScalarFormula(Operation *op);

/// The formula of the op named `opName` (for formulas that read no
/// attribute, so `op` may be null when calling them), or null.
ScalarFormula lookupScalarFormula(StringRef opName);

} // namespace mlir::sg

#endif // SG_LIB_CONVERSION_SGTOLINALG_SCALARFORMULAS_H
