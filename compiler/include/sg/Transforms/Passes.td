//===- Passes.td - graph passes ----------------------------*- tablegen -*-===//
//
// The graph passes, in the order sgc runs them (sg::buildGraphPipeline):
// specialization, lint, sample numbering, the certified rewrites, the
// generation of the forward and gradient functions, and the instrumentation
// of those functions. They take and produce the sg dialect.
//===----------------------------------------------------------------------===//

#ifndef SG_TRANSFORMS_PASSES_TD
#define SG_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

//===----------------------------------------------------------------------===//
// Specialization: precision and batch size
//===----------------------------------------------------------------------===//

def SGSetPrecision : Pass<"sg-set-precision", "::mlir::ModuleOp"> {
  let summary = "change the element type of every graph (f32 <-> f64)";
  let description = [{
    Rewrites every type and constant of every graph to the given element
    type, for example to check a model's gradient in f64 (`sgc check` does).
  }];
  let options = [
    Option<"precision", "precision", "::mlir::sg::Precision",
           "::mlir::sg::Precision::F64", "The element type: f32 or f64",
           "::mlir::sg::precisionValues()">,
  ];
}

def SGSetBatchSize : Pass<"sg-set-batch-size", "::mlir::ModuleOp"> {
  let summary = "specialize the batch dimension of every graph";
  let description = [{
    Shapes are static, yet one model is needed at several batch sizes. The
    batch axis of a graph is axis 0 of its first `{sg.input}` argument. The
    batch axis is never guessed from sizes: every op ties the axes that
    must keep one size (an elementwise op's operands and result, a matmul's
    rows, a broadcast's kept axes, a bias and the trailing axes it is added
    to, ...) and exactly the axes tied to the batch axis become `size`. The
    pass refuses, with an error at the value, any other axis of the old
    batch size: a parameter's, a non-leading input axis, a broadcast's new
    axis or a sample that nothing ties to the batch (a per-example sample
    count equal to the batch), or a non-splat constant on the batch axis.
    The verifier then re-checks every shape rule.

    ```mlir
    // --sg-set-batch-size=size=16: %x, %a, %one, %z get 16 rows, %w not.
    sg.graph @mlp(%x: tensor<250x4xf32> {sg.input}, %w: tensor<4x3xf32> {sg.param}) {
      %a = sg.matmul %x, %w : tensor<250x4xf32>, tensor<4x3xf32>
      %one = sg.constant dense<1.0> : tensor<250x3xf32>
      %z = sg.normal %a, %one : tensor<250x3xf32>
      %s = sg.sum %z : tensor<250x3xf32>
      sg.cost %s : tensor<f32>
    }
    ```
  }];
  let options = [
    Option<"size", "size", "int64_t", "0", "The new batch size (> 0)">,
  ];
}

//===----------------------------------------------------------------------===//
// Static checks
//===----------------------------------------------------------------------===//

def SGLint : Pass<"sg-lint", "::mlir::ModuleOp"> {
  let summary = "warn about graphs whose gradient or loss cannot be trusted";
  let description = [{
    Static checks with located warnings (errors with `werror`):

    - a parameter that reaches no cost (its gradient is identically zero:
      the copy-paste bug where a layer's output is never used);
    - a parameter that reaches costs only through operations that pass no
      gradient (the step function, a sample's value): no gradient updates it;
    - a cost that depends on no parameter;
    - a sample that reaches no cost;
    - a cost that is constant by construction (a constant, or a softmax
      cross-entropy over a single class, always 0), and a categorical
      sample over a single class (always that class);
    - an operation whose domain precondition is not guaranteed by
      construction (Certigrad's `grads_exist_at` / `pdfs_exist_at`): log,
      sqrt or a divisor of a value not provably positive, a standard
      deviation not provably positive, a Bernoulli probability not provably
      in (0, 1).
  }];
  let options = [
    Option<"werror", "werror", "bool", "false",
           "Report every finding as an error (the pass then fails)">,
  ];
}

//===----------------------------------------------------------------------===//
// Sample numbering and kink marking (before any function is generated)
//===----------------------------------------------------------------------===//

def SGNumberSamples : Pass<"sg-number-samples", "::mlir::ModuleOp"> {
  let summary = "give every sample a stable node id in the random stream";
  let description = [{
    Assigns a `node` attribute to every sample (`sg.normal`,
    `sg.std_normal`, `sg.bernoulli`, `sg.bernoulli_logits`,
    `sg.categorical`) that has none, counting in graph order and skipping ids
    already in use. Element i of node k at (seed, step) is then the same
    random number in every function generated from the graph and after every
    rewrite (the reparameterization keeps the id), so the forward and the
    gradient functions see the same samples. Duplicate ids within a graph
    are an error.
  }];
}

def SGMarkKinks : Pass<"sg-mark-kinks", "::mlir::ModuleOp"> {
  let summary = "number the operations of each graph that have kinks";
  let description = [{
    Gives every `sg.relu`, `sg.heaviside` and `sg.maximum` of a graph an
    `sg.kink` number, before the forward and gradient functions are
    generated, so that `sg-count-kinks` can tell the graph's own kinked
    operations from those the pullback rules add. The module attribute
    `sg.kinks` describes each (op and source location).
  }];
}

//===----------------------------------------------------------------------===//
// Certified rewrites
//===----------------------------------------------------------------------===//

def SGIntegrateKL : Pass<"sg-integrate-kl", "::mlir::ModuleOp"> {
  let summary = "replace the empirical KL cost by the analytic KL (certified)";
  let description = [{
    Certigrad's certified rewrite: a cost `sg.mvn_empirical_kl %mu, %sigma,
    %z` (log N(z; μ, σ) − log N(z; 0, I)) with `%z = sg.normal %mu, %sigma`
    has the expectation KL(N(μ, σ) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²),
    so it becomes `sg.mvn_kl %mu, %sigma`: the expected loss and the
    expected gradient are unchanged, and the variance drops.

    Preconditions, checked on the IR: z is defined by `sg.normal` of exactly
    the same μ and σ values; the empirical KL is used only by `sg.cost` (only
    the expectation of a cost may be substituted); σ > 0 by construction (σ
    is built from exp, sqrt, softplus, sigmoid, positive constants and
    products, sums and quotients of positive values). Where one fails, the
    graph is left unchanged and a remark says which. Every rewrite emits a
    remark too.
  }];
}

def SGReparameterize : Pass<"sg-reparameterize", "::mlir::ModuleOp"> {
  let summary = "rewrite Gaussian samples as μ + σ ⊙ ε (certified)";
  let description = [{
    Certigrad's certified reparameterization, applied to every `sg.normal`
    (Certigrad rewrites only the first): `%z = sg.normal %mu, %sigma`
    becomes `%eps = sg.std_normal` and `%z = sg.mul_add %sigma, %eps, %mu`.
    z has the same distribution, so the expected loss is unchanged, and the
    gradient now flows through z (pathwise) instead of a score-function term.
    The ε sample keeps the node id, so it draws the same numbers and z is
    bit-identical. A sample marked `{sg.score_function}` is left alone (with
    a remark): it keeps the score-function estimator.
  }];
}

def SGEnumerate : Pass<"sg-enumerate", "::mlir::ModuleOp"> {
  let summary = "replace a small discrete sample by its exact expectation";
  let description = [{
    A discrete sample z (`sg.categorical`, `sg.bernoulli`,
    `sg.bernoulli_logits`) whose support has at most `max-support` values
    is summed out: every cost c that depends on z becomes
    `Σ_k q(k) · c(k)`, where c(k) is the downstream computation cloned with
    z replaced by its k-th value (a constant) and q(k) = exp(log p(k)) is
    built from the distribution's own log-density. The sample disappears,
    so the loss is the exact conditional expectation and its gradient is
    exact — pathwise through q and through every c(k) — instead of a
    score-function estimate (Pyro's `TraceEnum_ELBO` for one latent). The
    expectation of each cost is unchanged, so the estimator of the whole
    graph stays unbiased.

    Per row: when the sample's rows are independent
    (`hasIndependentRows`), each row has at most `max-support` values (K for
    a categorical row, 2^d for a Bernoulli row of d elements) and every
    dependent cost is a sum of per-row terms c = Σ_i r_i(z_i) + a (proved
    by the batch-independence analysis), the rows are summed out one by one:
    z(k) sets every row to its k-th value, q_i(k) = exp of row i's term of
    log p(z(k)), and c becomes
    `c(z(0)) + Σ_{k≥1} Σ_i q_i(k) · (r_i(k) − r_i(0))` (equal to
    `Σ_i Σ_k q_i(k) r_i(k) + a` since Σ_k q_i(k) = 1, with c(z(0)) carrying
    a): K clones instead of K^rows. This is preferred whenever it applies to
    more than one row (the label of a semi-supervised VAE, one categorical
    per row of a batch).

    Otherwise the support is that of the whole tensor: K^rows for a
    categorical over K classes, 2^n for n Bernoulli elements (a cost that
    couples rows, e.g. a product of sums, needs this).

    Preconditions, checked on the IR; where one fails the graph is left
    unchanged with a remark (an error for a sample marked `{sg.enumerate}`,
    which requests enumeration; a note names the op that mixed rows): the
    whole support is at most `max-support` or the per-row conditions above
    hold; no other sample and no `sg.output` depends on z (a downstream
    sample would be cloned into copies sharing one random stream); some
    cost depends on z. A sample marked `{sg.score_function}` keeps the
    score-function estimator (a remark says so).

    ```mlir
    %y = sg.categorical %l : tensor<1x4xf32>   // 4 values: enumerated
    %b = sg.categorical %m : tensor<250x10xf32> // 10 per row: per row when
                                                // the costs split by rows
    ```
  }];
  let options = [
    Option<"maxSupport", "max-support", "int64_t", "16",
           "Enumerate samples (or each of their rows) with at most this "
           "many values">,
  ];
}

//===----------------------------------------------------------------------===//
// Function generation: forward, loss and gradient
//===----------------------------------------------------------------------===//

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

def SGGrad : Pass<"sg-grad", "::mlir::ModuleOp"> {
  let summary = "generate the loss and unbiased gradient estimator of a graph";
  let description = [{
    For every `sg.graph @g` with costs, creates `func.func @g_loss_grad`
    taking the graph's arguments and the RNG key and returning the loss (the
    sum of the costs) and one gradient per `{sg.param}` argument, in order:
    an unbiased estimate of ∇θ E[loss] (Certigrad's `backprop`).

    - Deterministic ops: reverse mode through each op's pullback rule.
    - Samples cut the pathwise gradient (their value is not a differentiable
      function of their parameters). For a sample whose distribution
      parameters depend deterministically on a parameter, the score term
      (Σ costs downstream of the sample − baseline) · ∇ log p(z) is added,
      where "downstream" follows def-use from the sample. Downstream-only is
      unbiased (Rao-Blackwellization) and has lower variance than Certigrad's
      sum of all costs, which `score-costs=all` selects.
    - Per-row terms (`score-rows=per-row`, the default): when the
      batch-independence analysis (`sg/Analysis/BatchIndependence.h`) proves
      that the sample's rows are independent, that its log-density is a sum
      of per-row terms, and that a downstream cost is a sum over rows of
      terms r_i that depend on the sample through row i only, row i's score
      term gets r_i instead of the whole cost: the coefficient is a vector,
      Σ_i (r_i − b_i) · ∇ log p(z_i). Costs not proved separable enter every
      row's coefficient whole; where no cost is, the coefficient stays the
      scalar of `score-rows=scalar`. Both are unbiased. A remark on each
      sample says which it got and, where rows were mixed, by which op.
    - `baseline=moving-average` subtracts a baseline b from each score
      term's coefficient: b comes from a caller-owned buffer per distinct
      coefficient (an extra input; 0-d, or one element per row for per-row
      terms) and the updated b' = decay·b + (1−decay)·coefficient is an
      extra result; b does not depend on the current samples, so the
      estimator stays unbiased. Samples whose coefficients are the same
      computation share one baseline.

    A graph with costs and no parameter is an error (what else the gradient
    cannot see is reported by `sg-lint`). Graphs without costs
    (forward-only models) are skipped.
  }];
  let options = [
    Option<"scoreCosts", "score-costs", "::mlir::sg::ScoreCosts",
           "::mlir::sg::ScoreCosts::Downstream",
           "Costs in a score term: 'downstream' (of the sample) or 'all'",
           "::mlir::sg::scoreCostsValues()">,
    Option<"scoreRows", "score-rows", "::mlir::sg::ScoreRows",
           "::mlir::sg::ScoreRows::PerRow",
           "Score coefficients: 'per-row' where rows are proved independent, "
           "or 'scalar' (one per sample)",
           "::mlir::sg::scoreRowsValues()">,
    Option<"baseline", "baseline", "::mlir::sg::Baseline",
           "::mlir::sg::Baseline::None",
           "Score-term baseline: 'none' or 'moving-average'",
           "::mlir::sg::baselineValues()">,
    Option<"baselineDecay", "baseline-decay", "double", "0.9",
           "Decay of the moving-average baseline">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

//===----------------------------------------------------------------------===//
// Instrumentation of the generated functions
//===----------------------------------------------------------------------===//

def SGCountKinks : Pass<"sg-count-kinks", "::mlir::ModuleOp"> {
  let summary = "count the evaluations that land exactly on a kink";
  let description = [{
    In every generated function, counts for each numbered kinked operation
    how many elements were evaluated exactly at its kink (relu and heaviside
    at 0, maximum at a tie) and returns the counts as one more result, an
    i64 tensor with one element per kink, in `sg-mark-kinks` order. A
    non-zero count means the gradient returned may be a subderivative (the
    value the convention in docs/compiler.md picks) rather than a
    derivative.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def SGInsertChecks : Pass<"sg-insert-checks", "::mlir::ModuleOp"> {
  let summary = "checked mode: run-time checks of domains and finiteness";
  let description = [{
    In every generated function, checks at run time what `sg-lint` could not
    prove: arguments of log and sqrt, divisors and standard deviations are
    positive, Bernoulli probabilities are in (0, 1), the logits of
    `sg.bernoulli_logits` and `sg.categorical` are finite, and no operation
    produces NaN or ±Inf. The function gets one more result, a 0-d i32
    status: 0 when every check passed, else the number (from 1) of the first
    failing check, in program order. The module attribute `sg.checks` lists
    each check's message with its source location; the generated header
    turns it into a table, so a caller can say which op failed and where.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // SG_TRANSFORMS_PASSES_TD
