//===- SGInterfaces.h - interfaces of sg operations -------------*- C++ -*-===//
#ifndef SG_SGINTERFACES_H
#define SG_SGINTERFACES_H

#include "mlir/IR/Builders.h"
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

} // namespace mlir::sg

#include "sg/SGInterfaces.h.inc"

#endif // SG_SGINTERFACES_H
