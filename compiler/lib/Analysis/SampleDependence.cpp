//===- SampleDependence.cpp - which samples a value depends on ------------===//

#include "sg/Analysis/SampleDependence.h"

using namespace mlir;
using namespace mlir::sg;

SampleDependence::SampleDependence(Operation *root) {
  root->walk([&](GraphOp graph) {
    auto &info = graphs.emplace_back(std::make_unique<GraphSamples>());
    Block &body = graph.getBody().front();
    for (Operation &op : body) {
      if (isa<DistributionOpInterface>(op)) {
        info->index[&op] = info->samples.size();
        info->samples.push_back(&op);
        graphOfSample[&op] = info.get();
      }
      if (auto cost = dyn_cast<CostOp>(op))
        info->costs.push_back(cost);
    }
    unsigned n = info->samples.size();
    for (Operation &op : body) {
      if (op.getNumResults() == 0)
        continue;
      llvm::BitVector bits(n);
      for (Value v : op.getOperands()) {
        auto it = deps.find(v);
        if (it != deps.end())
          bits |= it->second.second;
      }
      auto self = info->index.find(&op);
      if (self != info->index.end())
        bits.set(self->second);
      if (bits.any())
        deps.try_emplace(op.getResult(0), info.get(), std::move(bits));
    }
  });
}

SmallVector<Operation *> SampleDependence::getSamples(Value value) const {
  SmallVector<Operation *> samples;
  auto it = deps.find(value);
  if (it == deps.end())
    return samples;
  for (unsigned i : it->second.second.set_bits())
    samples.push_back(it->second.first->samples[i]);
  return samples;
}

bool SampleDependence::dependsOn(Value value, Operation *sample) const {
  auto it = deps.find(value);
  if (it == deps.end())
    return false;
  auto index = it->second.first->index.find(sample);
  return index != it->second.first->index.end() &&
         it->second.second.test(index->second);
}

SmallVector<CostOp>
SampleDependence::getDownstreamCosts(Operation *sample) const {
  SmallVector<CostOp> costs;
  GraphSamples *info = graphOfSample.lookup(sample);
  if (!info)
    return costs;
  for (CostOp cost : info->costs)
    if (dependsOn(cost.getValue(), sample))
      costs.push_back(cost);
  return costs;
}
