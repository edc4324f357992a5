//===- Passes.td - sg passes -------------------------------*- tablegen -*-===//

#ifndef SG_PASSES_TD
#define SG_PASSES_TD

include "mlir/Pass/PassBase.td"

def SGNumberSamples : Pass<"sg-number-samples", "::mlir::ModuleOp"> {
  let summary = "give every sample a stable node id in the random stream";
  let description = [{
    Assigns a `node` attribute to every `sg.normal`, `sg.std_normal` and
    `sg.bernoulli` that has none, counting in graph order and skipping ids
    already in use. Element i of node k at (seed, step) is then the same
    random number in every function generated from the graph and after every
    rewrite (the reparameterization keeps the id), so the forward and the
    gradient functions see the same samples. Duplicate ids within a graph
    are an error.
  }];
}

def SGForward : Pass<"sg-forward", "::mlir::ModuleOp"> {
  let summary = "generate the forward function of every graph";
  let description = [{
    For every `sg.graph @g`, creates `func.func @g_forward` taking the graph's
    arguments and the RNG key (`%seed: i64 {sg.seed}`, `%step: i64
    {sg.step}`) and returning the loss (the sum of the costs; 0 for a graph
    without costs) followed by the values marked with `sg.output`. The graph
    itself is kept for later passes.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def SGABI : Pass<"sg-abi", "::mlir::ModuleOp"> {
  let summary = "give generated functions the public C calling convention";
  let description = [{
    Rewrites every generated function (`sg.kind` set) from
    `(tensors..., seed, step) -> (loss, results...)` into destination-passing
    form on memrefs: `(inputs..., results..., seed, step, loss) -> ()`. With
    the bare-pointer calling convention each memref becomes one plain
    pointer, which is the C ABI the generated header declares. Inputs enter
    through `bufferization.to_tensor restrict` and results leave through
    `bufferization.materialize_in_destination`, so bufferization can write
    them straight into the caller's buffers. Erases the `sg.graph` ops, whose
    functions now exist.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect"];
}

def ConvertSGToLinalg : Pass<"convert-sg-to-linalg", "::mlir::ModuleOp"> {
  let summary = "lower sg operations in functions to linalg, arith and math";
  let description = [{
    Lowers every sg operation inside `func.func` to tensor-level `linalg`
    (elementwise ops and reductions as `linalg.generic`, matrix products as
    `linalg.matmul` variants that later become BLAS calls), `arith`, `math`
    and `tensor`. Samples become `linalg.generic` ops that compute Philox4x32-10
    inline from (seed, step, node, element) exactly as the runtime's samplers
    do, so compiled samples equal `sg_normal_f32_at` and friends bit for bit.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::tensor::TensorDialect"];
}

def SGGemmToBlas : Pass<"sg-gemm-to-blas", "::mlir::ModuleOp"> {
  let summary = "replace buffer-level matrix products with runtime GEMM calls";
  let description = [{
    Replaces `linalg.matmul`, `linalg.matmul_transpose_a` and
    `linalg.matmul_transpose_b` on memrefs with calls to the runtime's
    `sg_gemm_f32` / `sg_gemm_f64` (OpenBLAS). A `linalg.fill` of zero into
    the output right before the product becomes beta = 0 and is removed.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // SG_PASSES_TD
