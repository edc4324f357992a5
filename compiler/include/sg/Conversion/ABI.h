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
  kABIErrorValue = 4, // another argument outside its domain (Adam's t = 0)
  kABIErrorCheck = 6, // a run-time check of --checked failed
};
/// The first step generated functions reject: below it, (seed, step) ->
/// Philox stream is injective across seeds (sg_runtime.h, SG_STEP_LIMIT).
constexpr uint64_t kABIStepLimit = uint64_t(1) << 32;

/// What an argument of a generated function holds. The values are the
/// `sgc_role` of the header and of the exported model info (ModelInfo.h).
enum class ABIRole : int32_t {
  Param = 0,       // a trainable parameter
  Input = 1,       // input data
  Output = 2,      // an sg.output value (forward)
  Grad = 3,        // the gradient estimate of a parameter (loss_grad)
  Baseline = 4,    // a score term's moving-average baseline, read
  NewBaseline = 5, // its update, written
  Kinks = 6,       // --instrument-kinks: evaluations at each kink (int64)
  Status = 7,      // --checked: 0 or the number of the first failed check
  Loss = 8,        // the loss for this draw
  Seed = 9,        // uint64_t, not a pointer
  Step = 10,       // uint64_t, not a pointer
  FirstRow = 11,   // uint64_t, not a pointer; only in the _rows entry points
};

/// One argument of a generated function's C signature.
struct ABIArgument {
  std::string name; // a C identifier
  std::string decl; // the declaration, e.g. "const float *x"
  ABIRole role;
  Type type; // the tensor type of a pointer argument, i64 for the others
};

/// `name` spelled as a C identifier (other characters become '_'): how the
/// header and the ABI name arguments.
std::string cIdentifier(llvm::StringRef name);

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

/// The C arguments of `<graph>_train_step`, from those of its loss_grad
/// function (getABIArguments): the graph's arguments (parameters writable,
/// updated in place), for Adam the first moments m_<param> and then the
/// second moments v_<param> of every parameter, seed, step, for Adam the
/// step count t (from 1), loss.
SmallVector<ABIArgument> getTrainStepArguments(ArrayRef<ABIArgument> lossGrad,
                                               bool adam);

} // namespace mlir::sg

#endif // SG_CONVERSION_ABI_H
