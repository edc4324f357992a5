//===- SGInterfaces.h - interfaces of sg operations -------------*- C++ -*-===//
#ifndef SG_SGINTERFACES_H
#define SG_SGINTERFACES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::sg {

/// Where the elements of a value lie, by construction: Probability, the open
/// interval (0, 1), is contained in Positive, which is contained in Real.
/// Finite (no infinity or NaN) is a requirement only: no op infers it (a sum
/// of finite values can overflow), so it is checked at run time and never
/// proved.
enum class Domain { Real, Positive, Probability, Finite };

/// Whether every element of a value in domain `have` is also in `want`.
inline bool isWithin(Domain have, Domain want) {
  return want == Domain::Real || have == want ||
         (want == Domain::Positive && have == Domain::Probability);
}

/// Whether every domain in `domains` is within `want`.
inline bool allWithin(llvm::ArrayRef<Domain> domains, Domain want) {
  return llvm::all_of(domains, [&](Domain d) { return isWithin(d, want); });
}

/// An operand that must lie in a domain for its op to be defined.
struct DomainRequirement {
  unsigned operand;
  Domain domain;
  /// The operand as sg-lint names it, e.g. "the standard deviation σ".
  llvm::StringRef noun;
  /// The operand as checked mode's messages name it, e.g. "standard
  /// deviation" (in "standard deviation not positive").
  llvm::StringRef shortNoun;
  /// What sg-lint adds after its warning, e.g. an op without the
  /// requirement (empty: nothing).
  llvm::StringRef hint = {};
};

/// How a value depends on the rows (slices along the leading axis) of one
/// sample z, as the batch-independence analysis tracks it through
/// `BatchAxisOpInterface::inferRowKind`.
enum class RowKind {
  /// Does not depend on z.
  Independent,
  /// Its leading axis has z's row count, and row i depends on z through row
  /// i of z only.
  Rows,
  /// A 0-d value Σ_i r_i + k with r_i depending on z through row i only and
  /// k not at all.
  RowSum,
  /// Depends on z in a way not proved row-separable.
  Mixed,
};

/// Called by `BatchAxisOpInterface::tieAxes` with axis `i` of `a` and axis
/// `j` of `b` whenever the two must have one size.
using AxisTie =
    llvm::function_ref<void(Value a, unsigned i, Value b, unsigned j)>;

} // namespace mlir::sg

#include "sg/SGInterfaces.h.inc"

#endif // SG_SGINTERFACES_H
