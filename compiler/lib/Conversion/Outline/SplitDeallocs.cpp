//===- SplitDeallocs.cpp - free distinct owned allocations one by one -----===//
//
// sg-split-deallocs (Conversion/Passes.td): buffer-deallocation-simplification
// compares every pair of a bufferization.dealloc's memrefs to find the ones
// that alias nothing else, quadratic in their number; the caller sg-outline
// leaves frees every buffer that crosses a cut in one such op. When each
// memref is a distinct memref.alloc freed unconditionally, no pair can alias
// and the answer is known without asking: free each one.
//
//===----------------------------------------------------------------------===//

#include "sg/Conversion/Passes.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::sg {
#define GEN_PASS_DEF_SGSPLITDEALLOCS
#include "sg/Conversion/Passes.h.inc"
} // namespace mlir::sg

using namespace mlir;

namespace {

/// Whether `op` frees distinct fresh allocations unconditionally and keeps
/// nothing alive.
bool freesDistinctAllocations(bufferization::DeallocOp op) {
  if (!op.getRetained().empty())
    return false;
  llvm::SmallPtrSet<Operation *, 16> allocs;
  for (auto [memref, condition] :
       llvm::zip(op.getMemrefs(), op.getConditions())) {
    auto alloc = memref.getDefiningOp<memref::AllocOp>();
    if (!alloc || !allocs.insert(alloc).second ||
        !matchPattern(condition, m_One()))
      return false;
  }
  return true;
}

struct SplitDeallocsPass
    : public sg::impl::SGSplitDeallocsBase<SplitDeallocsPass> {
  void runOnOperation() override {
    SmallVector<bufferization::DeallocOp> deallocs;
    getOperation()->walk([&](bufferization::DeallocOp op) {
      if (freesDistinctAllocations(op))
        deallocs.push_back(op);
    });
    for (bufferization::DeallocOp op : deallocs) {
      OpBuilder b(op);
      for (Value memref : op.getMemrefs())
        b.create<memref::DeallocOp>(op.getLoc(), memref);
      op.erase(); // no retained values: no results
    }
  }
};

} // namespace
