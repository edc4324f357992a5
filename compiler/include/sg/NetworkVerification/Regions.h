//===- Regions.h - Largest certified input regions --------------*- C++ -*-===//
//
// Certified regions around a point x0: boxes of inputs on which a VNN-LIB
// property provably holds.
//  - the greedy box: grown around x0 by binary search, each candidate
//    certified by branch and bound ("Finding input characterizations for
//    output properties in ReLU neural networks");
//  - the activation-pattern box (Dingliwal et al.): inside the polytope
//    where every relu keeps its sign at x0 the network is affine, so the
//    property's output constraints are linear in the input too; the box
//    of largest log-volume on which all of them hold is the optimum of a
//    concave program with linear constraints, solved by a log-barrier
//    interior-point (Newton) method and then certified by the sound bounds;
//  - the region: grown from the pattern box beyond the polytope, every
//    candidate certified by branch and bound as for the greedy box.
//
//===----------------------------------------------------------------------===//
#ifndef SG_VERIFY_REGIONS_H
#define SG_VERIFY_REGIONS_H

#include "sg/NetworkVerification/Bounds.h"
#include "sg/NetworkVerification/Readers.h"

#include <string>
#include <vector>

namespace mlir::sg::verify {

/// A linear constraint a . x <= b on the inputs that must hold at every
/// point of a box [l, u]. It does iff sum_i max(a_i l_i, a_i u_i) <= b, i.e.
/// sum_i (a+_i u_i - a-_i l_i) <= b with a = a+ - a-: linear in (l, u).
struct BoxConstraint {
  std::vector<double> a;
  double b = 0;
};

/// Maximize sum_i log(u_i - l_i) over boxes [l, u] with
/// limit.lower <= l <= center <= u <= limit.upper and every constraint
/// holding on the whole box. Inputs whose limit is a point stay fixed and
/// do not count in the objective.
struct LargestBoxProblem {
  Box limit;
  std::vector<double> center;
  std::vector<BoxConstraint> constraints;
};

struct BoxOptimizerOptions {
  /// Stop when the barrier's bound of the duality gap (constraints / t)
  /// is below this (in units of log-volume).
  double gapTolerance = 1e-7;
  double barrierGrowth = 20; ///< t's factor between centering steps
  int maxNewtonSteps = 500;  ///< over all centering steps
};

struct LargestBoxSolution {
  bool found = false;
  std::string error; ///< no strictly feasible box around the center
  Box box;
  double logVolume = 0;
  /// Dual estimates 1 / (t * slack) of each constraint, and of the limits
  /// l_i >= limit.lower_i, u_i <= limit.upper_i, l_i <= center_i,
  /// u_i >= center_i (0 where the variable is fixed): the KKT multipliers
  /// up to the final duality gap.
  std::vector<double> multipliers, lowerLimit, upperLimit, lowerCenter,
      upperCenter;
  double dualityGap = 0; ///< constraints / t at the end
  int newtonSteps = 0;
};

/// The interior-point method of Boyd & Vandenberghe (Convex Optimization,
/// 11.3): minimize -t * logVolume - sum log(slacks) by damped Newton steps
/// for t = 1, 20, 400, ... Fails when the center does not satisfy every
/// constraint strictly (no box of positive width exists there).
LargestBoxSolution largestBox(const LargestBoxProblem &problem,
                              const BoxOptimizerOptions &options = {});

/// The affine pieces of a relu network at x0: the sign constraint of every
/// relu's input under x0's activation pattern (z >= 0 for a unit active at
/// x0, z <= 0 otherwise), as constraints on x, and the output y = A x + d
/// on that pattern's polytope. Fails for networks with other activations.
struct ActivationPattern {
  bool found = false;
  std::string error;
  std::vector<BoxConstraint> signs;
  std::vector<std::vector<double>> outputA; ///< outputs x inputs
  std::vector<double> outputD;
  size_t relus = 0;
};
ActivationPattern activationPattern(const Network &network,
                                    const std::vector<double> &x0);

struct RegionOptions {
  BoundMethod method = BoundMethod::Crown;
  /// Binary-search steps for the uniform growth and for each side of each
  /// coordinate afterwards.
  int steps = 20;
  int rounds = 3; ///< passes of coordinate-wise growth
  /// Boxes branch and bound may split each candidate region into while
  /// proving it (1: bounds alone, no splitting).
  uint64_t boxesPerCheck = 32;
  /// The pattern box tries this many choices of which output constraint
  /// refutes each unsafe disjunct (the best ones at x0 first).
  size_t patternChoices = 16;
  /// Rounds of the log-volume program beyond the pattern box, on CROWN's
  /// linear bounds over a growing outer box (0: none).
  int optimizeSteps = 12;
  /// Also grow today's greedy box around x0 (for comparison).
  bool greedy = true;
  BoxOptimizerOptions optimizer;
};

struct RegionResult {
  bool found = false;
  std::string error; ///< why not (x0 outside the region, or unsafe)
  /// The region: from the pattern box (or from x0 when there is none),
  /// optimized on CROWN's linear bounds and then grown side by side, each
  /// step certified. Inputs fixed by the property do not count in
  /// logVolume.
  Box box;
  double logVolume = 0; ///< sum of log widths over non-degenerate inputs
  size_t caseIndex = 0;
  /// Relus that may change sign inside the box (0: the activation pattern
  /// is constant, the network is affine there and has no kink).
  size_t unstableRelus = 0, totalRelus = 0;
  /// The log-volume after the optimization beyond the pattern (before the
  /// side-by-side growth) and how many of its rounds were accepted.
  double optimizedLogVolume = 0;
  int optimizedSteps = 0;
  /// Today's greedy box grown from x0 itself (RegionOptions::greedy).
  bool greedyFound = false;
  Box greedyBox;
  double greedyLogVolume = 0;
  /// The largest box in x0's activation-pattern polytope on which the
  /// property holds, certified (every relu keeps its sign on it and the
  /// property holds by the bounds).
  bool patternFound = false;
  std::string patternError;
  Box patternBox;
  double patternLogVolume = 0;
  /// Before certification: the optimizer's log-volume, its Newton steps,
  /// and the factor by which the box had to shrink towards x0 (1: none).
  double patternOptimum = 0, patternShrink = 1;
  int patternNewtonSteps = 0;
  /// Whether ends within 1e-7 of the limit were moved onto it.
  bool patternSnapped = false;
};

/// Sum of log widths over the inputs with positive width.
double logVolume(const Box &box);

/// The regions around `x0`, within the property's case containing x0.
RegionResult findRegion(const Network &network, const Property &property,
                        const std::vector<double> &x0,
                        const RegionOptions &options);

} // namespace mlir::sg::verify

#endif // SG_VERIFY_REGIONS_H
