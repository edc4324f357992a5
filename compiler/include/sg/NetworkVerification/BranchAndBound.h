//===- BranchAndBound.h - Verification by input splitting -------*- C++ -*-===//
//
// Decides VNN-LIB properties of a Network by input splitting: bound the
// unsafe conditions over a box (Bounds.h); where that does not refute them,
// look for a counterexample (gradient descent on the violation) and
// otherwise split the box in two along the input that the bound depends on
// most. Complete for piecewise-linear networks up to the time limit: every
// box is either refuted, holds a counterexample, or is split further.
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
const char *verdictName(Verdict v);

/// What branch and bound reports while it runs.
struct Progress {
  double seconds = 0;
  uint64_t boxes = 0;        ///< boxes bounded so far
  uint64_t pending = 0;      ///< boxes waiting
  double provenFraction = 0; ///< of the input volume, all cases together
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
