//===- Positivity.h - the domain of every value ----------------*- C++ -*-===//
//
// Which values are positive, or probabilities, by construction.
//
//===----------------------------------------------------------------------===//
#ifndef SG_ANALYSIS_POSITIVITY_H
#define SG_ANALYSIS_POSITIVITY_H

#include "sg/SGInterfaces.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"

namespace mlir::sg {

/// The domain (sg::Domain) of every value defined under an operation, from
/// the domains its defining op states for its result given its operands'
/// (DomainOpInterface::inferResultDomain): exp is positive, a sum of
/// positive values is positive, a sigmoid is a probability, and so on.
/// Arguments and values of ops without the interface are Real (nothing is
/// known). One forward walk over the ops, each visited once, so the cost is
/// linear in the number of ops and independent of tensor sizes (a splat
/// constant is read once). Mathematical domains: a float can still round to 0
/// or 1 (checked mode catches that at run time).
///
/// An MLIR analysis: passes get it with getAnalysis<Positivity>() and keep it
/// cached while they preserve it.
class Positivity {
public:
  explicit Positivity(Operation *root);

  /// The domain of `value`; Real for values the analysis has not seen (for
  /// example ones created after it ran).
  Domain getDomain(Value value) const { return domains.lookup(value); }
  bool isPositive(Value value) const {
    return isWithin(getDomain(value), Domain::Positive);
  }
  bool isProbability(Value value) const {
    return getDomain(value) == Domain::Probability;
  }

private:
  /// Only values known to be more than Real are stored.
  llvm::DenseMap<Value, Domain> domains;
};

} // namespace mlir::sg

#endif // SG_ANALYSIS_POSITIVITY_H
