//===- Passes.td - lowering passes -------------------------*- tablegen -*-===//
//
// The conversions from generated functions of sg ops to the LLVM dialect, in
// the order sgc runs them (sg::buildABIAndLoweringPipeline): the public ABI,
// sg to linalg, vectorizable sums, GEMM to BLAS after bufferization, math
// approximations, and the argument checks and packed entry points on the
// LLVM dialect.
//===----------------------------------------------------------------------===//

#ifndef SG_CONVERSION_PASSES_TD
#define SG_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// The public C ABI (on sg functions)
//===----------------------------------------------------------------------===//

def SGModelInfo : Pass<"sg-model-info", "::mlir::ModuleOp"> {
  let summary = "export the model's descriptor tables from the library";
  let description = [{
    Collects, for every `sg.graph` and its generated functions (before
    `sg-abi`, which erases the graphs), the tables the header prints —
    arguments with name, role, element type and shape, outputs, the number
    of baselines, every function's pointer arguments in C order, the
    checked-mode and kink tables with op and source location, and the sgc
    options recorded in the module's `sg.options` — and writes them as
    constant LLVM globals in the layout of `sgc_model_info` (version 1,
    docs/compiler.md), with an exported accessor:

    ```mlir
    llvm.func @g_info() -> !llvm.ptr {
      %0 = llvm.mlir.addressof @__sgc_info.7 : !llvm.ptr
      llvm.return %0 : !llvm.ptr
    }
    ```

    so any loader (the Python package, `sgc check`) drives any compiled
    model without its header. The header is written from the same tables.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
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

//===----------------------------------------------------------------------===//
// sg to linalg
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// Outlining (on tensors, before fusion and bufferization)
//===----------------------------------------------------------------------===//

def SGOutline : Pass<"sg-outline", "::mlir::ModuleOp"> {
  let summary = "split long function bodies into bounded-size functions";
  let description = [{
    Cuts the straight-line body of every function with more than `max-ops`
    operations (nested ones counted) into consecutive chunks of at most
    about `max-ops` operations, moves each chunk into a private function
    and calls it in place. Every later pass, and LLVM's `-O` pipeline, then
    works on many small functions instead of one that grows with the graph:
    several of them (loop passes, control-flow conversion, deallocation) are
    superlinear in the size of a function, so compile time stays linear in
    the graph.

    sgc runs it on tensors, right after `convert-sg-to-linalg`, so that
    fusion and one-shot bufferization see bounded functions too (the
    bufferization analysis collects, for every use of a tensor, every use
    of its aliases: quadratic in the readers of a parameter). It works on
    buffers as well (after bufferization, before deallocation).

    Values a chunk reads become arguments (constants, memref views and
    empty tensors are cloned into it instead); scalars it defines for later
    chunks become results. A buffer allocated in a chunk and used after it
    is allocated by the caller instead (a static `memref.alloc` moves before
    the call) and passed in, so an outlined function never returns a
    buffer: each owns only its temporaries, and deallocation needs no
    ownership across calls. A static tensor used after its chunk is written
    into a buffer the caller allocates
    (`bufferization.materialize_in_destination ... restrict writable`) and
    read back with `bufferization.to_tensor ... restrict`; a read of a buffer
    (`to_tensor ... restrict`) or a `linalg.fill` of a constant is repeated in
    each chunk that needs it instead. Every outlined function then has the
    shape sg-abi gives the public ones, and one-shot bufferization writes
    each result in place with no copy at the calls. A memref argument is
    `llvm.noalias` when no other argument is a view of the same buffer, so
    LLVM still vectorizes without alias checks. The functions get internal
    linkage and `no_inline`: LLVM would inline a function with one call site
    back into one large function.

    Outlining moves operations without reordering them, so each operation
    computes what it did; on tensors, fusion no longer merges loops across
    a cut, which changes no element of a result except that a sum marked
    reassociable (`sg-reassociate-sums`) may be split into vector lanes
    differently. A chunk ends only where every value crossing the cut can
    be passed (a scalar, a static memref or tensor, or a buffer the caller
    can allocate); a function whose body is not one block, or with a value
    that cannot cross a cut, keeps the rest whole.

    ```mlir
    // before (max-ops = 2)
    func.func @f(%x: memref<4xf32>, %y: memref<4xf32>) {
      %tx = bufferization.to_tensor %x restrict : memref<4xf32>
      %t = linalg.generic ... ins(%tx) outs(%e)   // 2 ops with its body
      %u = linalg.generic ... ins(%t) outs(%e)
      bufferization.materialize_in_destination %u in restrict writable %y
      return
    }
    // after
    func.func @f(%x: memref<4xf32>, %y: memref<4xf32>) {
      %b = memref.alloc() : memref<4xf32>
      call @f__part0(%x, %b) : (memref<4xf32>, memref<4xf32>) -> ()
      call @f__part1(%b, %y) : (memref<4xf32>, memref<4xf32>) -> ()
      return
    }
    func.func private @f__part0(%x: memref<4xf32> {llvm.noalias},
                                %b: memref<4xf32> {llvm.noalias})
        attributes {llvm.linkage = #llvm.linkage<internal>, no_inline} {
      %tx = bufferization.to_tensor %x restrict : memref<4xf32>
      %t = linalg.generic ... ins(%tx) outs(%e)
      bufferization.materialize_in_destination %t in restrict writable %b
      return
    }
    ```
  }];
  let options = [
    Option<"maxOps", "max-ops", "unsigned", "0",
           "Largest function body (operations, nested ones counted) left "
           "whole, and the size of each chunk; 0 outlines nothing">,
  ];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::memref::MemRefDialect"];
}

//===----------------------------------------------------------------------===//
// Elementwise fusion (on tensors)
//===----------------------------------------------------------------------===//

def SGFuseElementwise : Pass<"sg-fuse-elementwise"> {
  let summary = "fuse elementwise linalg.generic ops, up to a bounded size";
  let description = [{
    Fuses each elementwise `linalg.generic` on tensors into its consumer
    when it has no other use, as `linalg-fuse-elementwise-ops` does (the
    same patterns, foldings and top-down greedy driver), but only while the
    fused op stays small: at most `max-operands` operands and `max-body-ops`
    operations in its body. Without the bound, a long sum of elementwise
    terms (the gradient of a parameter used by every layer, a long chain of
    elementwise ops) grows one op by one term per fusion, and each fusion
    clones the whole body: quadratic in the graph (a 2,000-op chain made
    one op of 1,336 operands). Fusion moves no arithmetic between elements
    or reorders it within one, so each element's value is the same bit for
    bit (a sum that `sg-reassociate-sums` later marks reassociable may be
    split into vector lanes differently once a producer fuses into its
    loop); the bound only decides how many loops compute them.

    ```mlir
    // max-operands = 4: the first add absorbs the product (ins %a, %b, %c
    // and outs %e1: 4 operands); the second add would then need 5 and
    // stays a separate loop.
    %p = linalg.generic ins(%a, %b) outs(%e0) { mulf }
    %s = linalg.generic ins(%p, %c) outs(%e1) { addf }
    %t = linalg.generic ins(%s, %d) outs(%e2) { addf }
    ```
  }];
  let options = [
    Option<"maxOperands", "max-operands", "unsigned", /*default=*/"16",
           "The most operands (inputs and outputs) a fused op may have">,
    Option<"maxBodyOps", "max-body-ops", "unsigned", /*default=*/"256",
           "The most operations a fused op's body may have">
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect"];
}

//===----------------------------------------------------------------------===//
// Sums in vector lanes (linalg on tensors, after elementwise fusion)
//===----------------------------------------------------------------------===//

def SGReassociateSums : Pass<"sg-reassociate-sums", "::mlir::ModuleOp"> {
  let summary = "let LLVM vectorize the sums that linalg ops reduce";
  let description = [{
    Marks the accumulation of every sum a `linalg.generic` reduces (the one
    `arith.addf`, or `arith.subf` of the accumulator, that combines the
    output with the iteration's value) `fastmath<reassoc>`. Without it the
    sum is one loop-carried chain of scalar additions in iteration order,
    which LLVM must keep: the loop is not vectorized, however much other
    work it does (the VAE's Bernoulli log-likelihood computes two
    logarithms per pixel and sums them). With it the loop vectorizer keeps
    one partial sum per vector lane and adds the lanes after the loop.

    Only the accumulation is reassociated: everything the iteration computes
    keeps its IEEE semantics. The order of the additions is then the one the
    vectorizer chose when the library was compiled (vector width and
    interleaving for the target CPU): the same in every run and with any
    number of threads, but not the sequential order, so a sum can differ
    from the sequential one in its last bits. Running maxima and other
    reductions that are not one addition are left alone.

    ```mlir
    %s = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>,
                                          affine_map<(i) -> ()>],
                         iterator_types = ["reduction"]}
        ins(%x : tensor<784xf32>) outs(%zero : tensor<f32>) {
    ^bb0(%in: f32, %acc: f32):
      %l = math.log %in : f32
      %a = arith.addf %acc, %l fastmath<reassoc> : f32  // was: no flags
      linalg.yield %a : f32
    } -> tensor<f32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

//===----------------------------------------------------------------------===//
// Deallocation (after bufferization)
//===----------------------------------------------------------------------===//

def SGSplitDeallocs : Pass<"sg-split-deallocs"> {
  let summary = "free distinct unconditionally owned allocations one by one";
  let description = [{
    Runs between ownership-based deallocation and
    `buffer-deallocation-simplification`. A `bufferization.dealloc` without
    retained values whose memrefs are all results of distinct
    `memref.alloc` ops, each with the constant condition `true`, frees
    buffers that cannot alias one another: it becomes one `memref.dealloc`
    per memref, which is what the simplification and
    `bufferization-lower-deallocations` would make of it after comparing
    every pair of its memrefs. That comparison is quadratic in the number of
    buffers: the caller `sg-outline` leaves holds every buffer that crosses
    a cut in one `bufferization.dealloc` (750 of them for a 1,000-op chain,
    915 when it ran on buffers, where the simplification then took a second,
    and four at 2,000 ops).
    Deallocations with a retained value, a computed condition or a memref
    that is not a fresh allocation are left to the simplification.

    ```mlir
    %true = arith.constant true
    bufferization.dealloc (%a, %b : memref<4xf32>, memref<8xf32>)
        if (%true, %true)
    // becomes
    memref.dealloc %a : memref<4xf32>
    memref.dealloc %b : memref<8xf32>
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

//===----------------------------------------------------------------------===//
// Buffer-level matrix products to BLAS
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// Loops on the runtime's threads (buffers, after GEMM to BLAS)
//===----------------------------------------------------------------------===//

def SGParallelizeLoops : Pass<"sg-parallelize-loops", "::mlir::ModuleOp"> {
  let summary = "run large loops with independent rows on the runtime's threads";
  let description = [{
    Every `linalg` op on buffers whose outermost loop is parallel, whose
    loop bounds are static and whose iterations (all loops multiplied) are
    at least `min-work` is lowered to loops here, and its outermost loop is
    outlined into a private function `(ctx, begin, end)` that runs rows
    `[begin, end)`. In its place the caller stores the values the loop uses
    (buffer pointers, scalars) in a stack struct and calls the runtime's

    ```c
    void sg_parallel_range(void (*fn)(void *ctx, int64_t begin,
                                      int64_t end),
                           void *ctx, int64_t n, int64_t grain);
    ```

    which cuts `[0, n)` into blocks of `grain` rows and runs them on its
    threads (`sg_set_num_threads`; on the caller with one thread). `grain`
    is the fewest rows with at least `block-work` iterations, so a block
    outweighs the cost of handing it to a thread; an op that would be one
    block, or is below `min-work`, is left to `convert-linalg-to-loops` and
    runs on the calling thread as before, so small batches pay nothing.

    Results are bit-identical with any thread count: an op qualifies only
    if every output's indexing map has the outermost loop as one of its
    results (different rows write different elements) and an input that is
    also an output is read at the element it writes, so rows are
    independent; a reduction is split only across its output rows, never
    inside one sum, so every sum keeps its order; and the blocks depend on
    `n` and `grain` only. Samples index their Philox counters by the loop
    indices, which the outlined loop keeps.

    ```mlir
    // before
    linalg.generic {indexing_maps = [#id, #id],
                    iterator_types = ["parallel", "parallel"]}
        ins(%x : memref<250x784xf32>) outs(%y : memref<250x784xf32>) {...}
    // after
    %ctx = llvm.alloca %c1 x !llvm.struct<(ptr, ptr)> : (i64) -> !llvm.ptr
    llvm.store %values, %ctx : !llvm.struct<(ptr, ptr)>, !llvm.ptr
    %fn = constant @f__par0 : (!llvm.ptr, i64, i64) -> ()
    call @sg_parallel_range(%fn, %ctx, %c250, %c42) : ...
    func.func private @f__par0(%ctx: !llvm.ptr, %begin: i64, %end: i64) {
      // loads %x and %y from %ctx
      scf.for %i = %b to %e step %c1 { scf.for %j = ... }
    }
    ```
  }];
  let options = [
    Option<"minWork", "min-work", "int64_t", "65536",
           "Fewest iterations (all loops of the op multiplied) for an op to "
           "run on the threads; 0 parallelizes nothing">,
    Option<"blockWork", "block-work", "int64_t", "32768",
           "Fewest iterations in one block of rows">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

//===----------------------------------------------------------------------===//
// Math approximations (before math to LLVM)
//===----------------------------------------------------------------------===//

def SGApproximateMath : Pass<"sg-approximate-math", "::mlir::ModuleOp"> {
  let summary = "replace f32 transcendental functions by polynomials";
  let description = [{
    Rewrites f32 `math.exp`, `log`, `log1p`, `tanh` and friends into MLIR's
    polynomial approximations (the Cephes/Eigen ones, accurate to a few ulp),
    which LLVM vectorizes, where library calls would run one element at a
    time. f64 operations, including the Box–Muller transform of the samplers,
    are left to libm, so samples stay bit-identical to the runtime's.
    `sgc --no-approx-math` turns it off.

    First, `log1p(exp(−|x|))` (softplus's correction term) becomes a
    polynomial on its argument's range [0, 1], `e + e·(e·R(e))` with R of
    degree 8 (1.4e-7 relative error), instead of MLIR's general `log1p`,
    which reduces the range of `1 + e`, takes a logarithm and divides:

    ```mlir
    %a = math.absf %x : f32
    %n = arith.negf %a : f32
    %e = math.exp %n : f32
    %l = math.log1p %e : f32
    // becomes (the exp then gets its own polynomial)
    %r8 = arith.constant -0.00332262926 : f32
    %r7 = arith.constant 0.0202236399 : f32
    %p7 = math.fma %r8, %e, %r7 : f32
    // ... seven more fma down to the constant term -0.499999344
    %er = arith.mulf %e, %p0 : f32
    %l = math.fma %e, %er, %e : f32
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::vector::VectorDialect"];
}

//===----------------------------------------------------------------------===//
// The ABI on the LLVM dialect: argument checks, packed entry points
//===----------------------------------------------------------------------===//

def SGRowsABI : Pass<"sg-rows-abi", "::mlir::ModuleOp"> {
  let summary = "add the entry points that evaluate a whole batch";
  let description = [{
    For every generated function `@f` (in the LLVM dialect, before
    sg-abi-checks), whose `first_row` argument (`sg.first_row`, set by
    sg-abi) is the global index of the call's first batch row: renames it
    `@f_rows` and adds `@f` with the same arguments minus `first_row`, which
    calls `@f_rows` with `first_row = 0`. Existing callers keep `@f`; a
    caller splitting a batch across processes calls `@f_rows` on each slice,
    and the samples of every row are those of the whole-batch call.

    Example: `@g_forward(%x, %out, %seed, %step, %first_row, %loss)`
    becomes `@g_forward_rows(...)` with that signature, and
    `@g_forward(%x, %out, %seed, %step, %loss)` calls it with 0.
  }];
}

def SGABIChecks : Pass<"sg-abi-checks", "::mlir::ModuleOp"> {
  let summary = "make generated functions check their arguments";
  let description = [{
    For every generated function `@f` (in the LLVM dialect, after sg-abi
    named its arguments with `sg.name`): `@f` returns `i32` and first checks
    that no pointer argument is null (else it records "f: argument 'x' is a
    null pointer" with the runtime's `sg_set_error` and returns 1) and that
    the step is below 2^32 (else returns 3: beyond, two (seed, step) pairs
    would read the same random streams). With `--checked`, it returns 6 when
    `*status` is non-zero. Adds `@<graph>_last_error()`, which returns the
    message. The codes are the runtime's `SG_ERR_*`.
  }];
}

def SGPackedABI : Pass<"sg-packed-abi", "::mlir::ModuleOp"> {
  let summary = "add an entry point taking the buffers as one array";
  let description = [{
    For every generated function `@f` (in the LLVM dialect, after
    sg-abi-checks), adds
    `int @f_packed(void *const *buffers, uint64_t seed, uint64_t step)`, which
    calls `@f` with `buffers[0..n)` as its pointer arguments in order (the
    `seed` and `step` go where `@f` takes them) and returns its result, or 1
    if `buffers` is null. `@f_rows` (sg-rows-abi) gets
    `@f_rows_packed(buffers, seed, step, first_row)`. Generic tools (`sgc check`)
    drive any compiled model through it with the header's descriptor table.
  }];
}

def SGTrainStep : Pass<"sg-train-step", "::mlir::ModuleOp"> {
  let summary = "add a training step: the gradient, then the optimizer";
  let description = [{
    When the module carries `sg.optimizer` (set by `sgc --optimizer`), adds
    for every `@<graph>_loss_grad` (in the LLVM dialect, after
    sg-abi-checks)
    `int @<graph>_train_step(args..., [m..., v...,] seed, step, [t,] loss)`:
    it checks every argument first (null pointers, step below 2^32, Adam's
    t from 1: codes 1, 3, 4), computes the gradient with `@<graph>_loss_grad`
    into buffers of the runtime's per-thread cache and updates each
    parameter in place with the runtime's `sg_adam_step_f32/f64` (with the
    first and second moments `m_<param>`, `v_<param>` and the attribute's
    alpha, beta1, beta2, eps, grad_scale) or `sg_sgd_step_f32/f64` (lr): the
    same arithmetic as calling the two itself, bit for bit, without gradient
    buffers in the caller. Returns 0, or the first failing call's code.

    Example attribute:
    `module attributes {sg.optimizer = {kind = "adam", alpha = 1.0e-3 : f64,
    beta1 = 0.9 : f64, beta2 = 0.999 : f64, eps = 1.0e-8 : f64,
    grad_scale = 4.0e-3 : f64}}`.
  }];
}

#endif // SG_CONVERSION_PASSES_TD
