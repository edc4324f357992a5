//===- AlphaCrown.h - Optimized relu relaxations (alpha-CROWN) --*- C++ -*-===//
//
// CROWN fixes the lower line of every unstable relu (y >= 0 or y >= z); any
// y >= a z with 0 <= a <= 1 is as sound, and the best slopes depend on the
// linear form being bounded. Following alpha-CROWN (Xu et al., "Fast and
// Complete", ICLR 2021), the slopes of each bounded row are optimized by
// projected gradient ascent on the bound itself; the gradient comes from
// differentiating the backward pass (Bounds.h, lowerBoundWithSlopes).
//
// Soundness does not depend on the optimization: every step's bound is
// computed by the same rigorous backward pass as CROWN's, with its
// floating-point margins, for slopes that are clamped into [0, 1], so each
// is a sound bound; the result is the best of them per row. The first step
// uses CROWN's own slopes, so the result is never looser than CROWN.
//
//===----------------------------------------------------------------------===//
#ifndef SG_VERIFY_ALPHACROWN_H
#define SG_VERIFY_ALPHACROWN_H

#include "sg/NetworkVerification/Bounds.h"

namespace mlir::sg::verify {

struct SlopeOptimization {
  /// Bounds computed (the first with CROWN's slopes), each followed by an
  /// ascent step on the slopes except the last.
  int steps = 20;
  /// Adam step size in slope units, decaying by `decay` per step.
  double rate = 0.1, decay = 0.95;
  /// Adam step size of the split multipliers (beta-CROWN), decaying alike.
  double betaRate = 0.5;
};

/// The best sound lower bound of `rows[r] . v_k` over the box (as
/// lowerBoundWithSlopes) found by optimizing the relu slopes of each row;
/// `inputCoefficients` (if given) receives the linear part of the best
/// bound of each row.
///
/// With relu `splits` (the bounds computed under them, computeBounds), the
/// bound holds on the splits' domain and each row also gets one Lagrangian
/// multiplier beta_j >= 0 per split (beta-CROWN, Wang et al., NeurIPS
/// 2021), optimized jointly with the slopes by the same projected ascent
/// (projected onto beta >= 0) from beta = 0: the first step is the bound
/// without multipliers, so the result is never looser than it.
std::vector<double> optimizedLowerBounds(
    const Network &network, const NetworkBounds &bounds, size_t k,
    const std::vector<std::vector<double>> &rows,
    const SlopeOptimization &options,
    std::vector<std::vector<double>> *inputCoefficients = nullptr,
    const ReluSplits *splits = nullptr);

/// Tightens the bounds of the unstable inputs of every relu (after the
/// first layer) by optimized slopes, layer by layer from the input: each
/// new bound is sound and intersected with the old one. `splits` as for
/// optimizedLowerBounds (the splits of earlier layers get multipliers).
void optimizeIntermediateBounds(const Network &network, NetworkBounds &bounds,
                                const SlopeOptimization &options,
                                const ReluSplits *splits = nullptr);

} // namespace mlir::sg::verify

#endif // SG_VERIFY_ALPHACROWN_H
