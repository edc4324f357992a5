//===- BranchAndBound.h - Complete verification by splitting ----*- C++ -*-===//
//
// Decides VNN-LIB properties of a Network by branch and bound: bound the
// unsafe conditions over a sub-problem (an input box and a set of relu
// splits, Bounds.h); where that does not refute them, look for a
// counterexample (gradient descent on the violation) and otherwise split
// the box in two along an input, or an unstable relu into its two signs.
// Complete for piecewise-linear networks up to the time limit: every
// sub-problem is either refuted, holds a counterexample, or is split
// further.
//
// Certified regions around a point are in Regions.h; they use certifyBox.
//
//===----------------------------------------------------------------------===//
#ifndef SG_VERIFY_BRANCHANDBOUND_H
#define SG_VERIFY_BRANCHANDBOUND_H

#include "sg/NetworkVerification/Bounds.h"
#include "sg/NetworkVerification/Readers.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mlir::sg::verify {

enum class Verdict { Unsat, Sat, Unknown };

/// What branch and bound splits: input boxes in halves, relus into their
/// two signs (beta-CROWN), or per box whichever helps the bound more.
enum class Splitting { Input, Relu, Auto };
const char *splittingName(Splitting s);
const char *verdictName(Verdict v);

/// What branch and bound reports while it runs.
struct Progress {
  double seconds = 0;
  uint64_t boxes = 0;        ///< boxes bounded so far
  uint64_t pending = 0;      ///< boxes waiting
  double provenFraction = 0; ///< of the input volume, all cases together
  uint64_t inputSplits = 0;  ///< sub-problems split along an input
  uint64_t reluSplits = 0;   ///< sub-problems split at a relu's sign
};

struct VerifyOptions {
  BoundMethod method = BoundMethod::Crown;
  double timeoutSeconds = 116;
  uint64_t seed = 1; ///< the random starts of the counterexample search
  /// Search for counterexamples (gradient descent from random starts and
  /// box centers); without it, the answer is unsat or unknown.
  bool searchCounterexamples = true;
  /// Give up (unknown) after bounding this many boxes (0: no limit).
  uint64_t maxBoxes = 0;
  /// Worker threads sharing the boxes (each bounds its own).
  unsigned threads = 1;
  /// Choose each split by bounding both halves along every input and keeping
  /// the best (2 x inputs bounds per split); otherwise by the input the
  /// bound depends on most (no extra bounds).
  bool strongBranching = false;
  /// With Crown bounds: where CROWN does not refute a disjunct, this many
  /// bounds with relu slopes optimized by gradient ascent (alpha-CROWN,
  /// AlphaCrown.h); 0 keeps CROWN's.
  int slopeSteps = 0;
  /// With slopeSteps: boxes up to this many splits deep also get the bounds
  /// of their relus' inputs optimized (AlphaCrown.h) before they are
  /// split; the boxes inside them inherit those bounds.
  int slopeDepth = -1;
  /// With slopeSteps: first decide with CROWN alone for this many seconds
  /// (0: no such phase), and only if that fails start over with optimized
  /// slopes for the rest of the time. Easy properties keep CROWN's speed.
  double slopesAfterSeconds = 0;
  /// Input splitting only, relu splits (each box's relus into their two
  /// signs: the sub-problems carry the splits into their bounds, by
  /// clamped intermediate bounds and, with slopeSteps, by optimized
  /// Lagrangian multipliers), or both (Auto: with strongBranching, the
  /// best input split and the best `reluCandidates` relu splits by their
  /// intercept score are all bounded and the one whose worse child leaves
  /// the least margin missing is kept). Without an unstable relu left, a
  /// box is split by input.
  Splitting splitting = Splitting::Input;
  int reluCandidates = 3;
  /// Called about once per `progressInterval` seconds (if set).
  std::function<void(const Progress &)> progress;
  double progressInterval = 1;
};

struct VerifyResult {
  Verdict verdict = Verdict::Unknown;
  /// Sat: an input inside the property's region whose output (evaluated in
  /// double) satisfies an unsafe disjunct.
  std::vector<double> counterexample, output;
  Progress stats;
};

VerifyResult verifyProperty(const Network &network, const Property &property,
                            const VerifyOptions &options);

/// Whether bounds over `box`, split into at most `maxBoxes` boxes, refute
/// every disjunct of `c` (the property holds on the box). Incomplete: false
/// means "not shown".
bool certifyBox(const Network &network, const PropertyCase &c, const Box &box,
                BoundMethod method, uint64_t maxBoxes = 1);

} // namespace mlir::sg::verify

#endif // SG_VERIFY_BRANCHANDBOUND_H
