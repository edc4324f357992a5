//===- TestBatchIndependence.cpp - print the batch-independence facts -----===//
//
// sg-test-batch-independence: for every sample s<k> (k in order of
// appearance) of every graph, tags each op downstream of it with what the
// analysis proved, in a string array attribute `sg.rows`:
//   "s<k>: rows"            row i depends on the sample's row i only
//   "s<k>: row-sum"         a 0-d sum of such per-row terms
//   "s<k>: mixed by <op>"   not proved; <op> (by name) mixed the rows first
// and each sample with "s<k>: sample, <n> rows" or "s<k>: no rows, <why>".
// A cost's tag is that of the value it marks. Lit tests FileCheck them.
//
//===----------------------------------------------------------------------===//

#include "sg/Analysis/BatchIndependence.h"
#include "sg/Analysis/Passes.h"
#include "sg/SGOps.h"

namespace mlir::sg {
#define GEN_PASS_DEF_TESTSGBATCHINDEPENDENCE
#include "sg/Analysis/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;
using namespace mlir::sg;

namespace {

struct TestBatchIndependencePass
    : public sg::impl::TestSGBatchIndependenceBase<TestBatchIndependencePass> {
  void runOnOperation() override {
    for (GraphOp graph : getOperation().getOps<GraphOp>())
      annotate(graph);
  }

  static void tag(Operation *op, const std::string &text) {
    Builder b(op->getContext());
    SGDialect::RowsAttrHelper rows(op->getContext());
    SmallVector<Attribute> tags;
    if (ArrayAttr old = rows.getAttr(op))
      llvm::append_range(tags, old.getValue());
    tags.push_back(b.getStringAttr(text));
    rows.setAttr(op, b.getArrayAttr(tags));
  }

  static std::string describe(RowFact fact) {
    switch (fact.kind) {
    case RowKind::Rows:
      return "rows";
    case RowKind::RowSum:
      return "row-sum";
    case RowKind::Mixed:
      return "mixed by " + fact.mixer->getName().getStringRef().str();
    case RowKind::Independent:
      break;
    }
    return "independent";
  }

  void annotate(GraphOp graph) {
    Block &body = graph.getBody().front();
    unsigned k = 0;
    for (Operation &sample : body) {
      if (!isa<DistributionOpInterface>(sample))
        continue;
      std::string name = "s" + std::to_string(k++) + ": ";
      std::string why = whyNoIndependentRows(&sample);
      if (!why.empty()) {
        tag(&sample, name + "no rows, " + why);
        continue;
      }
      Value z = sample.getResult(0);
      int64_t rows = cast<RankedTensorType>(z.getType()).getDimSize(0);
      tag(&sample, name + "sample, " + std::to_string(rows) + " rows");
      RowDependence deps(body, {z}, rows);
      for (Operation *op = sample.getNextNode(); op; op = op->getNextNode()) {
        Value v = op->getNumResults() == 1    ? op->getResult(0)
                  : isa<CostOp, OutputOp>(op) ? op->getOperand(0)
                                              : Value();
        if (v && deps.lookup(v).dependent())
          tag(op, name + describe(deps.lookup(v)));
      }
    }
  }
};

} // namespace
