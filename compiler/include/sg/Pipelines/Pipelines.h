//===- Pipelines.h - sgc's pass pipelines -----------------------*- C++ -*-===//
//
// The stages of sgc as pass pipelines: the graph passes (Transforms), then
// the ABI and the lowering to the LLVM dialect (Conversion). Target/ takes
// it from there (LLVM IR, object code, the shared library, the header).
//
//===----------------------------------------------------------------------===//
#ifndef SG_PIPELINES_PIPELINES_H
#define SG_PIPELINES_PIPELINES_H

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "sg/Transforms/PassOptions.h"

#include <optional>
#include <string>

namespace mlir::sg {

/// Options of the graph-level passes: sgc's first stage, from sg.graph ops
/// to the generated functions (still in the sg dialect).
struct GraphPipelineOptions {
  /// Element type every graph is compiled at; unset keeps the graphs' own.
  std::optional<Precision> precision;
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
  /// Sum small discrete samples out of the costs (sg-enumerate).
  bool enumerate = true;
  /// sg-enumerate's max-support.
  int64_t enumerateMaxSupport = 16;
  /// Generate the loss-and-gradient functions, not only the forward ones.
  bool grad = true;
  /// sg-grad's options (see Transforms/Passes.td).
  ScoreCosts scoreCosts = ScoreCosts::Downstream;
  ScoreRows scoreRows = ScoreRows::PerRow;
  Baseline baseline = Baseline::None;
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
  /// sg-outline's max-ops: bodies longer than this (in operations on
  /// tensors, before fusion) are split into functions of about this size;
  /// 0 never.
  unsigned outlineMaxOps = 500;
  /// sg-parallelize-loops' min-work: linalg ops with at least this many
  /// iterations and independent rows run on the runtime's threads; 0 never.
  int64_t parallelMinWork = 65536;
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

#endif // SG_PIPELINES_PIPELINES_H
