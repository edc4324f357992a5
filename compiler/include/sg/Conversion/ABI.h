//===- ABI.h - the public C interface of generated functions ----*- C++ -*-===//
//
// Facts about the C functions sgc generates, shared by the ABI passes
// (Conversion/ABI), the header emitter (Target) and the tools.
//
//===----------------------------------------------------------------------===//
#ifndef SG_CONVERSION_ABI_H
#define SG_CONVERSION_ABI_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <cstdint>
#include <string>

namespace mlir::sg {

class GraphOp;

/// The codes generated functions return (sg-abi-checks, sg-packed-abi) and
/// the header declares as SGC_ERR_*: the runtime's SG_ERR_* values for the
/// same causes (sg_runtime.h).
enum ABIErrorCode : int32_t {
  kABIErrorNull = 1,  // a pointer argument is null
  kABIErrorKey = 3,   // step >= 2^32 (kABIStepLimit)
  kABIErrorCheck = 6, // a run-time check of --checked failed
};
/// The first step generated functions reject: below it, (seed, step) ->
/// Philox stream is injective across seeds (sg_runtime.h, SG_STEP_LIMIT).
constexpr uint64_t kABIStepLimit = uint64_t(1) << 32;

/// One argument of a generated function's C signature.
struct ABIArgument {
  std::string name; // a C identifier
  std::string decl; // the declaration, e.g. "const float *x"
};

/// The C arguments of `func`, a function generated from `graph` (after
/// sg-forward / sg-grad, before sg-abi), in the order sg-abi gives them:
/// inputs and baselines, results after the loss (outputs or gradients, new
/// baselines, kinks, status), seed, step, [first_row,] loss. `first_row` is
/// an argument of the `<f>_rows` entry point only (see sg-rows-abi). The
/// header and sg-abi both use it, so declarations and error messages name
/// arguments alike.
SmallVector<ABIArgument> getABIArguments(func::FuncOp func, GraphOp graph,
                                         bool withFirstRow = false);

/// The suffix of the entry point that takes `first_row` (sg-rows-abi).
constexpr llvm::StringLiteral kRowsSuffix = "_rows";

} // namespace mlir::sg

#endif // SG_CONVERSION_ABI_H
