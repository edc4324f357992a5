//===- Bounds.h - Sound bound propagation over a box ------------*- C++ -*-===//
//
// Interval bound propagation (IBP) and a linear relaxation method (CROWN:
// per-neuron linear lower/upper bounds of each activation, propagated
// backwards to the input box) for the networks of Network.h.
//
// Soundness in floating point. The bounds hold for the network evaluated in
// exact real arithmetic on its double weights (and hence for any
// evaluation close to it, with the margins below). All arithmetic runs in
// double with the default rounding to nearest, and every step that rounds
// carries an a-priori error bound that widens the result outward:
//  - a sum of n products is within gamma(n) * sum|a_i b_i| of the exact one
//    (Higham, "Accuracy and Stability of Numerical Algorithms", 3.1), with
//    gamma(n) = (n + 3) * 2^-52, twice the textbook n*u/(1 - n*u) so that the
//    rounding of the error term itself is covered too, plus n * 2^-1000 for
//    underflow;
//  - when the backward pass rounds a coefficient matrix (Lambda * W), the
//    difference to the exact product is bounded the same way and turned
//    into a constant using the bounds of the variables it multiplies;
//  - activation values from libm (tanh, exp, log1p) are within a few ulps;
//    relaxation lines and interval ends are moved outward by 1e-12 relative
//    (plus 1e-300 absolute), thousands of ulps more than needed.
// We chose margins over switching the rounding mode: fesetround does not
// survive compiler optimizations without -frounding-math, the backward
// pass would need different modes for the two signs of every coefficient,
// and the margins cost one extra multiply-add per product.
//
//===----------------------------------------------------------------------===//
#ifndef SG_VERIFY_BOUNDS_H
#define SG_VERIFY_BOUNDS_H

#include "sg/NetworkVerification/Network.h"

#include <vector>

namespace mlir::sg::verify {

enum class BoundMethod { Interval, Crown };

/// A relu split of branch and bound (beta-CROWN): the input z of unit
/// `unit` of the relu layer `layer` (an index into Network::layers) is
/// restricted to z >= 0 (`active`) or z <= 0. A sub-problem is its input
/// box together with a set of splits; its domain is the points of the box
/// that satisfy every split.
struct ReluSplit {
  size_t layer = 0, unit = 0;
  bool active = true;
};
using ReluSplits = std::vector<ReluSplit>;

/// Bounds of every value of the chain: values[0] is the input box and
/// values[i + 1] the output of layer i.
struct NetworkBounds {
  std::vector<Box> values;
  const Box &output() const { return values.back(); }
  /// Relus whose input may change sign inside the box (lower < 0 < upper):
  /// where they are zero, automatic differentiation is exact everywhere in
  /// the box.
  size_t unstableRelus(const Network &network) const;
  /// The inputs of layer `layer` that may change sign inside the box.
  size_t signChanges(size_t layer) const;
  size_t totalRelus(const Network &network) const;
  /// Whether some value's lower bound exceeds its upper bound: then no
  /// point of the box satisfies the relu splits the bounds were computed
  /// under (sound bounds of a non-empty set never cross), and the
  /// sub-problem is empty.
  bool empty() const;
};

/// Bounds of every value of `network` for inputs in `box`. Crown bounds are
/// intersected with the interval bounds at every layer, so they are never
/// looser. `prior`, if given, holds bounds over a box that contains `box`
/// (branch and bound passes the parent's): they are intersected in too.
/// `splits`, if given, restrict the domain: the bounds of each split relu's
/// input are clamped to [0, inf) or (-inf, 0] as soon as they are computed,
/// so every later value is bounded over the points that satisfy the splits
/// (and the split units are stable in every relaxation).
NetworkBounds computeBounds(const Network &network, const Box &box,
                            BoundMethod method,
                            const NetworkBounds *prior = nullptr,
                            const ReluSplits *splits = nullptr);

/// A sound lower bound of `c . f(x)` over the box for each row c of
/// `rows` (each of size network.outputSize()), given the bounds of the
/// intermediate values from computeBounds on the same box. For Crown the
/// rows are propagated backwards through the network directly (much tighter
/// than combining output bounds); for Interval they are applied to the
/// output interval. When `inputCoefficients` is not null it receives, per
/// row, the coefficients of the linear lower bound in terms of the input
/// (Crown; empty for Interval) — branch and bound uses them to choose where
/// to split.
std::vector<double>
lowerBoundLinear(const Network &network, const NetworkBounds &bounds,
                 const std::vector<std::vector<double>> &rows,
                 BoundMethod method,
                 std::vector<std::vector<double>> *inputCoefficients = nullptr);

/// Lower-bound slopes of relus for the backward pass (alpha-CROWN): one
/// vector per layer, with one slope per input of a relu layer (empty for
/// other layers, or to keep CROWN's choice there). A slope replaces
/// CROWN's lower line of an unstable unit only if it lies in [0, 1], where
/// relu(z) >= a z holds for every real z: any such slope gives a sound
/// bound, so optimizing them cannot break soundness.
using ReluSlopes = std::vector<std::vector<double>>;

/// Sound lower bounds of `rows[r] . v_k` over the box, where v_k is the
/// input of layer k (k == layers.size(): the output), by CROWN's backward
/// pass with the lower slopes `slopes[r]` for row r. When `gradients` is
/// not null it receives, per row, the derivative of the bound (computed in
/// plain double, without the rounding margins) with respect to each slope
/// of an unstable relu, shaped like the slopes (0 elsewhere).
///
/// With `splits` and `betas` (beta-CROWN; per row, one multiplier per
/// split), the bound is of the Lagrangian rows[r] . v_k - sum_j beta_j s_j
/// z_j, where s_j = +1 for an active split (z_j >= 0) and -1 otherwise: on
/// the domain of the splits every s_j z_j >= 0, so for beta_j >= 0 it is a
/// lower bound of rows[r] . v_k there. Multipliers that are negative or not
/// finite are ignored (taken as 0), so any values give a sound bound.
/// `betaGradients` (if given) receives the derivative of each row's bound
/// with respect to its multipliers (plain double, as `gradients`).
std::vector<double> lowerBoundWithSlopes(
    const Network &network, const NetworkBounds &bounds, size_t k,
    const std::vector<std::vector<double>> &rows,
    const std::vector<ReluSlopes> &slopes,
    std::vector<ReluSlopes> *gradients = nullptr,
    std::vector<std::vector<double>> *inputCoefficients = nullptr,
    const ReluSplits *splits = nullptr,
    const std::vector<std::vector<double>> *betas = nullptr,
    std::vector<std::vector<double>> *betaGradients = nullptr);

/// How much the relaxation of each unstable relu costs the CROWN bound of
/// `row . f(x)` (BaBSR-like intercept score, Bunel et al. 2020): per relu
/// layer, per unit, |lambda| u (-l) / (u - l) where lambda is the unit's
/// output coefficient in the backward pass (the triangle's intercept
/// when lambda < 0 takes the upper side; a fifth of it otherwise, where
/// the lower side's gap is not a constant); 0 for stable units and other
/// layers. Plain double: it only ranks the candidates of a relu split.
std::vector<std::vector<double>>
reluSplitScores(const Network &network, const NetworkBounds &bounds,
                const std::vector<double> &row);

} // namespace mlir::sg::verify

#endif // SG_VERIFY_BOUNDS_H
