//===- Passes.h - sg passes and pipelines -----------------------*- C++ -*-===//
#ifndef SG_PASSES_H
#define SG_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

#include <optional>
#include <string>

namespace mlir::sg {

class GraphOp;

#define GEN_PASS_DECL
#include "sg/Passes.h.inc"

/// Attribute on generated functions: "forward" or "loss_grad".
constexpr llvm::StringLiteral kKindAttrName = "sg.kind";
/// Attribute on generated functions: the graph they come from.
constexpr llvm::StringLiteral kGraphAttrName = "sg.graph";

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
/// baselines, kinks, status), seed, step, loss. The header and sg-abi both
/// use it, so declarations and error messages name arguments alike.
SmallVector<ABIArgument> getABIArguments(func::FuncOp func, GraphOp graph);

/// Options of the graph-level passes: sgc's first stage, from sg.graph ops
/// to the generated functions (still in the sg dialect).
struct GraphPipelineOptions {
  /// Element type every graph is compiled at ("f32", "f64"); empty keeps
  /// the graphs' own.
  std::string precision;
  /// Batch size every graph is specialized to; unset keeps the graphs' own.
  std::optional<int64_t> batchSize;
  /// Lint warnings are errors.
  bool warningsAsErrors = false;
  /// Count evaluations on the kinks of kinked ops (an extra output).
  bool instrumentKinks = false;
  /// Rewrite empirical KL costs into their analytic form.
  bool integrateKL = true;
  /// Reparameterize Gaussian samples.
  bool reparameterize = true;
  /// Generate the loss-and-gradient functions, not only the forward ones.
  bool grad = true;
  /// sg-grad's options (see Passes.td).
  std::string scoreCosts = "downstream";
  std::string baseline = "none";
  double baselineDecay = 0.9;
  /// Run-time checks of domains and finiteness (--checked).
  bool checked = false;
};

/// Adds the graph-level passes in sgc's order: precision and batch size,
/// lint, sample numbering, the certified rewrites, forward and gradient
/// generation, kink counting and run-time checks.
void buildGraphPipeline(OpPassManager &pm,
                        const GraphPipelineOptions &options = {});

/// Options of the lowering from functions of sg ops to the LLVM dialect.
struct LoweringOptions {
  /// Fuse chains of elementwise linalg ops before bufferization.
  bool fuseElementwise = true;
  /// Polynomial approximations of f32 exp/log/tanh/... (vectorizable).
  bool approximateMath = true;
};

/// Adds the passes that lower functions of sg ops (after sg-abi) to the LLVM
/// dialect: sg → linalg, fusion, bufferization and deallocation, GEMM → BLAS,
/// loops, and the conversions to LLVM with bare-pointer memref arguments.
void buildLowerToLLVMPipeline(OpPassManager &pm,
                              const LoweringOptions &options = {});

/// Adds sgc's second stage: the public ABI (sg-abi), then the lowering to
/// the LLVM dialect (buildLowerToLLVMPipeline).
void buildABIAndLoweringPipeline(OpPassManager &pm,
                                 const LoweringOptions &options = {});

/// Registers the sg passes and the `sg-lower-to-llvm` pipeline.
void registerAllPasses();

/// Adds every dialect the sg pipelines create or consume, and the external
/// interface models (bufferization, deallocation, LLVM translation) they
/// need, to `registry`.
void registerCompilerDialects(DialectRegistry &registry);

} // namespace mlir::sg

#endif // SG_PASSES_H
