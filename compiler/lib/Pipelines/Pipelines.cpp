//===- Pipelines.cpp - the lowering pipeline and pass registration --------===//

#include "sg/Pipelines/Pipelines.h"
#include "sg/Analysis/Passes.h"
#include "sg/Conversion/Passes.h"
#include "sg/NetworkVerification/Passes.h"
#include "sg/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/Arith/Transforms/BufferDeallocationOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Linalg/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Transforms/Passes.h"
#include "sg/SGDialect.h"

using namespace mlir;

void sg::buildGraphPipeline(OpPassManager &pm,
                            const GraphPipelineOptions &options) {
  if (options.precision) {
    SGSetPrecisionOptions precision;
    precision.precision = *options.precision;
    pm.addPass(createSGSetPrecision(precision));
  }
  if (options.batchSize) {
    SGSetBatchSizeOptions batch;
    batch.size = *options.batchSize;
    pm.addPass(createSGSetBatchSize(batch));
  }
  SGLintOptions lint;
  lint.werror = options.warningsAsErrors;
  pm.addPass(createSGLint(lint));
  pm.addPass(createSGNumberSamples());
  if (options.instrumentKinks)
    pm.addPass(createSGMarkKinks());
  if (options.integrateKL)
    pm.addPass(createSGIntegrateKL());
  if (options.reparameterize)
    pm.addPass(createSGReparameterize());
  if (options.enumerate) {
    SGEnumerateOptions enumerate;
    enumerate.maxSupport = options.enumerateMaxSupport;
    pm.addPass(createSGEnumerate(enumerate));
  }
  pm.addPass(createSGForward());
  if (options.grad) {
    SGGradOptions grad;
    grad.scoreCosts = options.scoreCosts;
    grad.scoreRows = options.scoreRows;
    grad.baseline = options.baseline;
    grad.baselineDecay = options.baselineDecay;
    pm.addPass(createSGGrad(grad));
  }
  if (options.instrumentKinks)
    pm.addPass(createSGCountKinks());
  if (options.checked)
    pm.addPass(createSGInsertChecks());
}

void sg::buildABIAndLoweringPipeline(OpPassManager &pm,
                                     const LoweringOptions &options) {
  pm.addPass(createSGModelInfo());
  pm.addPass(createSGABI());
  buildLowerToLLVMPipeline(pm, options);
}

void sg::buildLowerToLLVMPipeline(OpPassManager &pm,
                                  const LoweringOptions &options) {
  pm.addPass(createConvertSGToLinalg());
  pm.addPass(createCanonicalizerPass());
  // Every later pass, and LLVM's, sees functions of bounded size: several
  // are superlinear in the size of one function (docs/compiler.md). On
  // tensors, so that bufferization's analysis is too.
  if (options.outlineMaxOps) {
    SGOutlineOptions outline;
    outline.maxOps = options.outlineMaxOps;
    pm.addPass(createSGOutline(outline));
  }
  if (options.fuseElementwise)
    pm.addPass(createSGFuseElementwise());
  // After fusion, which may merge producers into a reduction's body.
  pm.addPass(sg::createSGReassociateSums());

  // Results are written straight into the caller's buffers (see sg-abi).
  // This must precede CSE: CSE merges equal tensor.empty ops, and two results
  // sharing one would then be computed into the same caller buffer.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  // The remaining tensor.empty ops become bufferization.alloc_tensor ops,
  // which CSE leaves alone: merged into one, an empty that feeds many ops
  // makes one-shot-bufferize's conflict analysis compare every pair of its
  // uses, quadratic in the graph (1,000 ops took tens of seconds).
  pm.addPass(bufferization::createEmptyTensorToAllocTensorPass());
  pm.addPass(createCSEPass());
  bufferization::OneShotBufferizationOptions bufferize;
  // No alignment on memref.alloc: the runtime's allocator already returns
  // 64-byte aligned buffers (declared `align 64` on LLVM IR translation).
  // Realigning the pointer through ptrtoint/inttoptr would lose its noalias
  // provenance, and LLVM then refuses to vectorize short loops (runtime
  // alias checks are not allowed below 16 iterations).
  bufferize.bufferAlignment = 0;
  // Copies between contiguous buffers stay memref.copy (an llvm.memcpy);
  // copies from or into strided views (sg.slice, sg.concat) become
  // linalg.copy loops, since memref.copy would lower to a call to MLIR's
  // runner library, which generated libraries do not link.
  bufferize.memCpyFn = [](OpBuilder &b, Location loc, Value from,
                          Value to) -> LogicalResult {
    auto contiguous = [](Value v) {
      return memref::isStaticShapeAndContiguousRowMajor(
          cast<MemRefType>(v.getType()));
    };
    if (contiguous(from) && contiguous(to))
      b.create<memref::CopyOp>(loc, from, to);
    else
      b.create<linalg::CopyOp>(loc, from, to);
    return success();
  };
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Upstream's deallocation pipeline (buildBufferDeallocationPipeline), with
  // sg-split-deallocs before the simplification, which is quadratic in the
  // buffers one op frees (the outlined caller frees every buffer that
  // crosses a cut).
  pm.addPass(memref::createExpandReallocPass(/*emitDeallocs=*/false));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(bufferization::createOwnershipBasedBufferDeallocationPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(sg::createSGSplitDeallocs());
  pm.addPass(bufferization::createBufferDeallocationSimplificationPass());
  pm.addPass(bufferization::createLowerDeallocationsPass());
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCanonicalizerPass());

  pm.addPass(sg::createSGGemmToBlas());
  // Large loops with independent rows run on the runtime's threads (after
  // GEMM to BLAS, so that only elementwise ops and sums are left).
  if (options.parallelMinWork) {
    SGParallelizeLoopsOptions parallel;
    parallel.minWork = options.parallelMinWork;
    pm.addPass(createSGParallelizeLoops(parallel));
  }
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  if (options.approximateMath)
    pm.addPass(sg::createSGApproximateMath());
  // LLVM intrinsics for what has one (exp, log, sqrt, cos, fma, floor, ...:
  // LLVM knows and vectorizes them), libm for the rest (tanh, and log1p,
  // which the intrinsic route would compute inaccurately as log(1 + x)).
  ConvertMathToLLVMPassOptions mathToLLVM;
  mathToLLVM.approximateLog1p = false;
  pm.addPass(createConvertMathToLLVMPass(mathToLLVM));
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  // Allocations go through the runtime's per-thread buffer cache.
  FinalizeMemRefToLLVMConversionPassOptions memref;
  memref.useGenericFunctions = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memref));
  ConvertFuncToLLVMPassOptions func;
  func.useBarePtrCallConv = true; // memref arguments become plain pointers
  pm.addPass(createConvertFuncToLLVMPass(func));
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(sg::createSGRowsABI());
  pm.addPass(sg::createSGABIChecks());
  pm.addPass(sg::createSGPackedABI());
  pm.addPass(sg::createSGTrainStep()); // only with an sg.optimizer
}

void sg::registerCompilerDialects(DialectRegistry &registry) {
  registry
      .insert<SGDialect, func::FuncDialect, arith::ArithDialect,
              linalg::LinalgDialect, math::MathDialect, tensor::TensorDialect,
              bufferization::BufferizationDialect, memref::MemRefDialect,
              LLVM::LLVMDialect, vector::VectorDialect>();
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  arith::registerBufferDeallocationOpInterfaceExternalModels(registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerSubsetOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerSubsetOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

void sg::registerAllPasses() {
  registerSGAnalysisPasses();
  registerSGTransformsPasses();
  registerSGConversionPasses();
  registerSGNetworkVerificationPasses();
  // The upstream passes of the pipeline, so sg-opt can run each step alone.
  registerLinalgPasses();
  // (sg-approximate-math is registered with the sg passes.)
  bufferization::registerBufferizationPasses();
  memref::registerMemRefPasses();
  registerConvertMathToLibmPass();
  registerConvertMathToLLVMPass();
  registerArithToLLVMConversionPass();
  registerFinalizeMemRefToLLVMConversionPass();
  registerConvertFuncToLLVMPass();
  registerConvertControlFlowToLLVMPass();
  registerReconcileUnrealizedCastsPass();
  registerSCFToControlFlowPass();
  registerConvertAffineToStandardPass();
  PassPipelineRegistration<>(
      "sg-lower-to-llvm",
      "Lower functions of sg operations (after sg-abi) to the LLVM dialect",
      [](OpPassManager &pm) { buildLowerToLLVMPipeline(pm); });
}
