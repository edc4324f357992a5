//===- OpFactsTest.cpp - every sg op states its facts ---------------------===//
//
// The passes keep no lists of ops: they read each op's facts through the
// dialect's interfaces. These tests make sure a new op cannot fall through
// them silently: every op with a result states how it treats the batch axis
// and is either deterministic (a pullback rule) or a distribution.
//
//===----------------------------------------------------------------------===//

#include "sg/SGDialect.h"
#include "sg/SGOps.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

/// The registered sg ops that have results (the graph, `sg.cost` and
/// `sg.output` have none).
SmallVector<RegisteredOperationName> opsWithResults(MLIRContext &context) {
  context.loadDialect<sg::SGDialect>();
  SmallVector<RegisteredOperationName> ops;
  for (RegisteredOperationName name : context.getRegisteredOperations())
    if (name.getDialectNamespace() == "sg" &&
        !name.hasTrait<OpTrait::ZeroResults>())
      ops.push_back(name);
  return ops;
}

TEST(OpFacts, EveryOpWithAResultStatesItsBatchAxisFacts) {
  MLIRContext context;
  auto ops = opsWithResults(context);
  // sg has dozens of ops with results: a filter that matched none would
  // pass vacuously.
  ASSERT_GT(ops.size(), 30u);
  for (RegisteredOperationName name : ops)
    EXPECT_TRUE(name.hasInterface<sg::BatchAxisOpInterface>())
        << name.getStringRef().str()
        << " does not implement BatchAxisOpInterface";
}

TEST(OpFacts, EveryOpWithAResultIsDeterministicOrADistribution) {
  MLIRContext context;
  for (RegisteredOperationName name : opsWithResults(context))
    EXPECT_NE(name.hasInterface<sg::PullbackOpInterface>(),
              name.hasInterface<sg::DistributionOpInterface>())
        << name.getStringRef().str();
}

} // namespace
