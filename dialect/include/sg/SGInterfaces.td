//===- SGInterfaces.td - interfaces of sg operations -------*- tablegen -*-===//
//
// The facts the passes read off the operations: a pullback rule (and its
// kinks) per deterministic operation, a log-density (plus reparameterization
// and discreteness) per distribution, and the domains of operands and results
// per operation, and how it treats the leading (batch) axis. Adding an
// operation means stating these on it, in its ODS definition and its rule;
// no pass keeps a list of operations.
//
//===----------------------------------------------------------------------===//

#ifndef SG_INTERFACES_TD
#define SG_INTERFACES_TD

include "mlir/IR/OpBase.td"

def SG_PullbackOpInterface : OpInterface<"PullbackOpInterface"> {
  let cppNamespace = "::mlir::sg";
  let description = [{
    A deterministic operation that states its pullback rule (vector-Jacobian
    product): given the cotangent `g` of its single result, it builds, out of
    `sg` operations, `gᵀ·∂result/∂operand` for every operand. Reverse-mode
    differentiation is then the composition of these rules in reverse
    topological order (Certigrad's chain-rule case of `backprop`).
  }];
  let methods = [
    InterfaceMethod<[{
        Builds the cotangent of every operand from the cotangent `grad` of
        the result, inserting operations at the builder's insertion point.
        Returns one value per operand, in operand order; a null value means
        that the operand receives a zero cotangent (for example the step
        function, whose derivative is zero wherever it exists).
      }],
      "::llvm::SmallVector<::mlir::Value>", "buildPullback",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Value":$grad)>,
    InterfaceMethod<[{
        Where the op is not differentiable and which derivative its pullback
        uses there (a Clarke subderivative), e.g. "x = 0: derivative 0"; an
        empty string for ops differentiable on their whole domain.
        `--instrument-kinks` counts the evaluations at these kinks.
      }],
      "::llvm::StringRef", "getKink", (ins), [{}], [{ return ""; }]>,
    InterfaceMethod<[{
        Builds, out of the op's operands taken one element at a time (the
        scalars `operands`, inside a loop body), the `i1` that holds where
        the op is evaluated exactly at its kink; a null value for ops without
        a kink. `sg-count-kinks` counts these evaluations.
      }],
      "::mlir::Value", "buildKinkCondition",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Location":$loc,
           "::mlir::ValueRange":$operands), [{}],
      [{ return nullptr; }]>,
    InterfaceMethod<[{
        Whether the derivative is zero wherever it exists (the step
        function): such an op passes no gradient to its operands, and the
        cost-reachability analysis does not propagate gradients through it.
      }],
      "bool", "hasZeroDerivative", (ins), [{}], [{ return false; }]>,
  ];
}

def SG_DistributionOpInterface : OpInterface<"DistributionOpInterface"> {
  let cppNamespace = "::mlir::sg";
  let description = [{
    A stochastic operation that draws its result from a distribution whose
    parameters are the operation's operands. The gradient pass uses the
    log-density to build score-function terms (Σ downstream costs)·∇log p(z),
    and the reparameterization pass asks whether the sample can be rewritten
    as a deterministic function of its parameters and parameter-free noise.
  }];
  let methods = [
    InterfaceMethod<[{
        Builds the scalar log-density log p(`sample`; operands) summed over
        all elements, out of deterministic `sg` operations (so that its
        gradient follows from their pullback rules).
      }],
      "::mlir::Value", "buildLogDensity",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Value":$sample)>,
    InterfaceMethod<[{
        Whether the sample can be written as a differentiable function of
        the operands and parameter-free noise (the pathwise estimator).
      }],
      "bool", "isReparameterizable">,
    InterfaceMethod<[{
        Whether the distribution is discrete (only the score-function
        estimator applies).
      }],
      "bool", "isDiscrete">,
    InterfaceMethod<[{
        For a reparameterizable distribution with parameters: builds the
        sample as a differentiable function of the operands and fresh
        parameter-free noise (that keeps the sample's `node`, so the random
        stream is unchanged), and returns it. Returns a null value for
        distributions that are not reparameterizable or have no parameters
        (they are noise already).
      }],
      "::mlir::Value", "buildReparameterization",
      (ins "::mlir::OpBuilder &":$builder), [{}], [{ return nullptr; }]>,
    InterfaceMethod<[{
        The formula `buildReparameterization` builds, for remarks, e.g.
        "z = μ + σ ⊙ ε with ε ~ N(0, I)".
      }],
      "::llvm::StringRef", "getReparameterization", (ins), [{}],
      [{ return ""; }]>,
    InterfaceMethod<[{
        Whether the rows of the sample (its slices along the leading axis)
        are drawn independently given the operands, row i from row i of
        every operand alone (every operand and the result share the leading
        axis). The batch-independence analysis propagates row alignment
        through a sample downstream of another only when this holds; the
        default says nothing is known, which keeps the scalar score
        coefficient.
      }],
      "bool", "hasIndependentRows", (ins), [{}], [{ return false; }]>,
    InterfaceMethod<[{
        For a discrete distribution with a finite support: a sample of type
        `type` is a tuple of independent events, each `getEventSize(type)`
        consecutive elements (row-major), and this is the number of values
        one event takes. None (the default) for distributions without a
        finite support; sg-enumerate sums out only samples that have one.
      }],
      "::std::optional<int64_t>", "getNumOutcomes",
      (ins "::mlir::RankedTensorType":$type), [{}],
      [{ return ::std::nullopt; }]>,
    InterfaceMethod<[{
        The number of consecutive elements of a sample of type `type` that
        one event covers (see `getNumOutcomes`): 1 for elementwise
        distributions.
      }],
      "int64_t", "getEventSize", (ins "::mlir::RankedTensorType":$type),
      [{}], [{ return 1; }]>,
    InterfaceMethod<[{
        Writes value `outcome` (in [0, getNumOutcomes)) of one event into
        its `getEventSize` elements `event`, which are 0 on entry. Only
        called for distributions with a finite support.
      }],
      "void", "writeOutcome",
      (ins "int64_t":$outcome, "::llvm::MutableArrayRef<double>":$event),
      [{}], [{ llvm_unreachable("no finite support"); }]>,
  ];
  // A discrete distribution has no pathwise derivative.
  let verify = [{
    auto dist = ::llvm::cast<ConcreteOp>($_op);
    if (dist.isDiscrete() && dist.isReparameterizable())
      return $_op->emitOpError("is discrete, so it cannot be reparameterizable");
    return ::mlir::success();
  }];
}

def SG_DomainOpInterface : OpInterface<"DomainOpInterface"> {
  let cppNamespace = "::mlir::sg";
  let description = [{
    The domains of an operation's values, in the lattice
    Probability ⊂ Positive ⊂ Real (`sg::Domain`, where Probability is the
    open interval (0, 1)):

    - the domain its operands must lie in for the op to be defined (log's
      argument is positive, a Bernoulli parameter is a probability, logits
      are finite). sg-lint warns where the positivity analysis cannot prove
      it and checked mode checks it at run time (finiteness only at run
      time: no op infers it);
    - the domain its result lies in given the domains of its operands (exp is
      positive; a sum of positive values is positive). The positivity
      analysis propagates these through a graph.

    Domains are mathematical: a float result may still round to 0 or 1, which
    checked mode catches at run time.
  }];
  let methods = [
    InterfaceMethod<[{
        The operands that must lie in a domain, each with the nouns that
        diagnostics use for it (see `sg::DomainRequirement`).
      }],
      "::llvm::SmallVector<::mlir::sg::DomainRequirement>",
      "getDomainRequirements", (ins), [{}], [{ return {}; }]>,
    InterfaceMethod<[{
        The domain of the result, given the domains of the operands (one per
        operand, in order).
      }],
      "::mlir::sg::Domain", "inferResultDomain",
      (ins "::llvm::ArrayRef<::mlir::sg::Domain>":$operands), [{}],
      [{ return ::mlir::sg::Domain::Real; }]>,
    InterfaceMethod<[{
        Why the result takes a single value whatever the operands' values,
        given their types (its domain is one point, e.g. a softmax over a
        single class), or an empty string. sg-lint warns with it.
      }],
      "::llvm::StringRef", "getConstantResultReason", (ins), [{}],
      [{ return ""; }]>,
  ];
}

def SG_RowSumOpInterface : OpInterface<"RowSumOpInterface"> {
  let cppNamespace = "::mlir::sg";
  let description = [{
    An operation whose 0-d result is a sum over the rows (slices along the
    leading axis) of its operands of one term per row, term i a function of
    row i of every operand alone: `sg.sum`, the summed losses and
    log-densities, and a `reduce_sum` or `mean` over every axis. The batch-independence analysis uses it to split a cost
    into per-row costs, so that the score term of a sample's row i is
    multiplied by row i's cost only.
  }];
  let methods = [
    InterfaceMethod<[{
        Whether the result splits into per-row terms along the leading axis
        (false when the leading axis is one the terms couple, e.g. the
        softmax axis of a rank-1 cross-entropy).
      }],
      "bool", "hasRowTerms">,
    InterfaceMethod<[{
        Builds the 1-d tensor of the per-row terms (their sum is the
        result) out of deterministic `sg` operations at the builder's
        insertion point. The terms are values, never differentiated: they
        scale score terms.
      }],
      "::mlir::Value", "buildRowTerms", (ins "::mlir::OpBuilder &":$builder)>,
  ];
}

def SG_BatchAxisOpInterface : OpInterface<"BatchAxisOpInterface"> {
  let cppNamespace = "::mlir::sg";
  let description = [{
    How the operation treats the leading (batch) axis of its operands and
    result. sg-set-batch-size resizes the axes an op ties to the batch axis
    (`tieAxes`); the batch-independence analysis follows the rows of a sample
    through the op (`inferRowKind`, and `buildRowSumTerms` for ops linear in
    row sums).

    Every sg operation with a result implements it (`test/unit/OpFactsTest.cpp`
    checks), and `tieAxes` and `inferRowKind` have no default: elementwise
    ops take them from the `SG_ElementwiseRows` trait, summed ops from
    `SG_RowSumRows`, samples from `SG_SampleRows`, and the others state them
    in `dialect/lib/BatchAxis.cpp`, so no op falls through to a guess.
  }];
  let methods = [
    InterfaceMethod<[{
        Calls `tie(a, i, b, j)` for every axis `i` of a value `a` and axis
        `j` of a value `b` (operands or results) that must have one size for
        the op to verify, e.g. the rows of a matmul's left operand and of its
        result. Axes tied to no other keep their size when the batch size
        changes.
      }],
      "void", "tieAxes", (ins "::mlir::sg::AxisTie":$tie)>,
    InterfaceMethod<[{
        How the result depends on the rows of a sample with `rows` rows,
        given how each operand does (`operands`, one per operand, each
        Independent, Rows or RowSum, not all Independent): Rows when row i of
        the result reads row i of every dependent operand alone (the analysis
        also requires the result's leading axis to have `rows` elements);
        RowSum when the 0-d result is Σ_i r_i + k, linear in the rows' terms;
        Mixed otherwise.
      }],
      "::mlir::sg::RowKind", "inferRowKind",
      (ins "::llvm::ArrayRef<::mlir::sg::RowKind>":$operands,
           "int64_t":$rows)>,
    InterfaceMethod<[{
        For an op whose `inferRowKind` makes a RowSum of RowSum operands
        (linear ops): builds the 1-d tensor of its per-row terms at the
        builder's insertion point from `terms(v)`, the per-row terms of
        operand `v` (null where `v` is not a RowSum), and `spread(v)`, the
        sample-independent 0-d operand `v` replicated over the rows. Ops
        that make a RowSum of Rows operands implement `RowSumOpInterface`
        instead. The default (null) is for ops that make no RowSum of
        RowSums.
      }],
      "::mlir::Value", "buildRowSumTerms",
      (ins "::mlir::OpBuilder &":$builder,
           "::llvm::function_ref<::mlir::Value(::mlir::Value)>":$terms,
           "::llvm::function_ref<::mlir::Value(::mlir::Value)>":$spread),
      [{}], [{ return nullptr; }]>,
  ];
}

#endif // SG_INTERFACES_TD
