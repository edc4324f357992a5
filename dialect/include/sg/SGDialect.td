//===- SGDialect.td - the sg dialect definition ------------*- tablegen -*-===//
//
// The `sg` dialect represents stochastic computation graphs (SCGs) in the
// sense of Certigrad (Selsam, Liang, Dill, ICML 2017).
//
//===----------------------------------------------------------------------===//

#ifndef SG_DIALECT_TD
#define SG_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def SG_Dialect : Dialect {
  let name = "sg";
  let cppNamespace = "::mlir::sg";
  let summary = "Stochastic computation graphs with certified gradient rules";
  let description = [{
    The `sg` dialect represents a stochastic computation graph as an
    `sg.graph` operation. Its arguments are trainable parameters
    (`{sg.param}`) or input data (`{sg.input}`); its body is a single block of
    deterministic operations, stochastic operations (samples from
    distributions, whose results are ordinary SSA values) and `sg.cost`
    operations that mark the scalar terms whose expected sum is the loss.

    Single assignment and topological order, two of Certigrad's well-formedness
    conditions, are SSA dominance in a single block; the verifiers check the
    rest (scalar costs, valid roles, one role per argument, static shapes).
    All values are statically shaped builtin tensors of f32 or f64.
  }];
  let hasRegionArgAttrVerify = 1;
  let hasOperationAttrVerify = 1;
  // The attributes passes hand to each other, declared once: each gets a
  // helper (`SGDialect::get<Name>AttrHelper()`) that names and types it, and
  // verifyOperationAttribute rejects a misspelt or mistyped one.
  let discardableAttrs = (ins
    // On generated functions (sg-forward, sg-grad): "forward" or
    // "loss_grad", and the symbol of the sg.graph they come from.
    "::mlir::StringAttr":$kind,
    "::mlir::FlatSymbolRefAttr":$graph,
    // On loss_grad functions with moving-average baselines (sg-grad): how
    // many baselines the function takes and returns.
    "::mlir::IntegerAttr":$num_baselines,
    // On generated functions (sg-abi): the batch size, the leading dimension
    // of the graph's first input. Samples whose leading axis has this size
    // are offset by the `sg.first_row` argument.
    "::mlir::IntegerAttr":$batch_size,
    // ... and where the samples each baseline serves are, for the header.
    "::mlir::ArrayAttr":$baseline_samples,
    // On generated functions that return a kink-count vector
    // (sg-count-kinks) or a checked-mode status (sg-insert-checks).
    "::mlir::UnitAttr":$kink_counts,
    "::mlir::UnitAttr":$checked,
    // On the module: the description of every kink (sg-mark-kinks) and of
    // every run-time check (sg-insert-checks), in numbering order.
    "::mlir::ArrayAttr":$kinks,
    "::mlir::ArrayAttr":$checks,
    // On the module: the sgc command-line options it was compiled with.
    "::mlir::StringAttr":$options,
    // On the module, from `sgc --optimizer`: asks for `<graph>_train_step`
    // functions (sg-train-step, the header), a dictionary
    // {kind = "adam", alpha, beta1, beta2, eps, grad_scale} or
    // {kind = "sgd", lr}, all f64.
    "::mlir::DictionaryAttr":$optimizer,
    // On a kinked op (sg-mark-kinks): its number in `sg.kinks`.
    "::mlir::IntegerAttr":$kink,
    // On the sg.mul_add of a reparameterized Gaussian (sg-reparameterize).
    "::mlir::UnitAttr":$reparameterized,
    // On a sample, by the user: keep the score-function estimator.
    "::mlir::UnitAttr":$score_function,
    // On a discrete sample, by the user: enumerate it (sg-enumerate), an
    // error where it cannot.
    "::mlir::UnitAttr":$enumerate,
    // On the ops downstream of a sample (sg-test-batch-independence): what
    // the batch-independence analysis proved, one string per sample.
    "::mlir::ArrayAttr":$rows,
    // On the ops of a network (sg-bounds): the bounds of every element and
    // how many ReLUs may change sign.
    "::mlir::DenseF64ArrayAttr":$lower,
    "::mlir::DenseF64ArrayAttr":$upper,
    "::mlir::IntegerAttr":$unstable
  );
  // Inherent attributes live in the attribute dictionary, not in properties:
  // with properties, unit attributes written in an attr-dict (matmul's
  // `{transpose_lhs}`) are not yet visible to result type inference while the
  // op is being parsed in LLVM 19.
  let usePropertiesForAttributes = 0;
  let extraClassDeclaration = [{
    /// Argument attribute naming a trainable parameter.
    static constexpr ::llvm::StringLiteral kParamAttrName = "sg.param";
    /// Argument attribute naming input data.
    static constexpr ::llvm::StringLiteral kInputAttrName = "sg.input";
    /// Argument attributes of generated functions: the 64-bit RNG seed and
    /// step that key every sample.
    static constexpr ::llvm::StringLiteral kSeedAttrName = "sg.seed";
    static constexpr ::llvm::StringLiteral kStepAttrName = "sg.step";
    /// Argument attribute of generated functions (sg-abi): the global index
    /// of the call's first batch row, which offsets the element index of
    /// every sample with a leading batch axis (data-parallel splitting).
    static constexpr ::llvm::StringLiteral kFirstRowAttrName = "sg.first_row";
    /// Argument attribute of generated functions (sg-abi): the argument's C
    /// name, as the header declares it and error messages quote it.
    static constexpr ::llvm::StringLiteral kArgNameAttrName = "sg.name";
    /// Argument attributes of generated functions (sg-abi) for the passes
    /// on the LLVM dialect, where a pointer carries no shape: a buffer's
    /// element count and element type, and on a gradient result the index of
    /// its parameter argument.
    static constexpr ::llvm::StringLiteral kNumElementsAttrName =
        "sg.num_elements";
    static constexpr ::llvm::StringLiteral kElementTypeAttrName =
        "sg.element_type";
    static constexpr ::llvm::StringLiteral kGradOfAttrName = "sg.grad_of";
  }];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def SG_Float : AnyTypeOf<[F32, F64]>;

// A statically shaped ranked tensor of f32 or f64: the only value type of sg.
def SG_Tensor : Type<
    And<[RankedTensorOf<[F32, F64]>.predicate, HasStaticShapePred]>,
    "statically shaped tensor of f32 or f64", "::mlir::RankedTensorType">;

// A 0-d tensor: costs and other scalar results.
def SG_Scalar : Type<
    And<[RankedTensorOf<[F32, F64]>.predicate, HasStaticShapePred,
         CPred<"::llvm::cast<::mlir::ShapedType>($_self).getRank() == 0">]>,
    "0-d tensor of f32 or f64 (a scalar)", "::mlir::RankedTensorType">;

// A statically shaped matrix (rank 2).
def SG_Matrix : Type<
    And<[RankedTensorOf<[F32, F64]>.predicate, HasStaticShapePred,
         CPred<"::llvm::cast<::mlir::ShapedType>($_self).getRank() == 2">]>,
    "statically shaped 2-d tensor of f32 or f64", "::mlir::RankedTensorType">;

class SG_Op<string mnemonic, list<Trait> traits = []> :
    Op<SG_Dialect, mnemonic, traits>;

#endif // SG_DIALECT_TD
