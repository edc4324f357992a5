//===- SampleDependence.h - which samples a value depends on ---*- C++ -*-===//
#ifndef SG_ANALYSIS_SAMPLEDEPENDENCE_H
#define SG_ANALYSIS_SAMPLEDEPENDENCE_H

#include "sg/SGOps.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>

namespace mlir::sg {

/// For every value of every sg.graph under the root, the samples
/// (DistributionOpInterface ops) whose value it depends on, through any ops;
/// and from it, for every sample, the costs downstream of it: the costs whose
/// sum sg-grad's score term of that sample multiplies (score-costs =
/// downstream). One forward pass over each graph, a bit set per value.
class SampleDependence {
public:
  explicit SampleDependence(Operation *root);

  /// The samples `value` depends on, in program order (a sample depends on
  /// itself).
  SmallVector<Operation *> getSamples(Value value) const;
  /// Whether `value` depends on `sample`.
  bool dependsOn(Value value, Operation *sample) const;
  /// The costs of the sample's graph that depend on it, in program order.
  SmallVector<CostOp> getDownstreamCosts(Operation *sample) const;

private:
  /// Per graph: its samples in program order, every sample's index, and its
  /// costs.
  struct GraphSamples {
    SmallVector<Operation *> samples;
    llvm::DenseMap<Operation *, unsigned> index;
    SmallVector<CostOp> costs;
  };
  SmallVector<std::unique_ptr<GraphSamples>> graphs;
  /// Values that depend on at least one sample: their graph and the bits of
  /// the samples.
  llvm::DenseMap<Value, std::pair<GraphSamples *, llvm::BitVector>> deps;
  llvm::DenseMap<Operation *, GraphSamples *> graphOfSample;
};

} // namespace mlir::sg

#endif // SG_ANALYSIS_SAMPLEDEPENDENCE_H
