//===- SGOps.td - operations of the sg dialect -------------*- tablegen -*-===//
//
// The graph container, deterministic operations (each with a pullback rule),
// stochastic operations (each a distribution) and the cost/output markers.
//
//===----------------------------------------------------------------------===//

#ifndef SG_OPS_TD
#define SG_OPS_TD

include "sg/SGDialect.td"
include "sg/SGInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// All operands and the result have one type. Checked by a native trait so the
// diagnostic can say which operand disagrees and how to broadcast instead.
def SG_SameOperandsAndResultType : NativeOpTrait<"SGSameOperandsAndResultType">;

// All operands have one type (the result type is inferred separately).
def SG_SameOperandsType : NativeOpTrait<"SGSameOperandsType">;

// How a family of ops treats the leading (batch) axis (SGTraits.h): each
// provides BatchAxisOpInterface's methods, which an op may still redefine in
// its extraClassDeclaration. Ops of no family state them with
// DeclareOpInterfaceMethods<SG_BatchAxisOpInterface> (BatchAxis.cpp).
def SG_ElementwiseRows : NativeOpTrait<"SGElementwiseRows">;
def SG_RowSumRows : NativeOpTrait<"SGRowSumRows">;
def SG_SampleRows : NativeOpTrait<"SGSampleRows">;

//===----------------------------------------------------------------------===//
// The graph
//===----------------------------------------------------------------------===//

def SG_GraphOp : SG_Op<"graph", [
    FunctionOpInterface, IsolatedFromAbove, Symbol, SingleBlock, NoTerminator,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmBlockArgumentNames"]>
  ]> {
  let summary = "a stochastic computation graph";
  let description = [{
    Holds one stochastic computation graph. Every argument carries exactly one
    role: `{sg.param}` for a trainable parameter (a gradient target) or
    `{sg.input}` for input data. The body is a single block: SSA makes it
    single-assignment and topologically ordered, as Certigrad's
    well-formedness requires. `sg.cost` operations mark the scalar terms
    whose expected sum is the loss; `sg.output` operations mark values the
    forward pass returns. A graph has at least one of either.

    The whole graph uses one element type (f32 or f64). The names of the
    arguments as written (`%W1`) are kept in `arg_names`: they are printed
    back and name the arguments of the compiled C functions; they must be
    distinct, as Certigrad's unique-identifier condition requires.

    Example:

    ```mlir
    sg.graph @logreg(%x: tensor<8x4xf32> {sg.input},
                     %w: tensor<4x1xf32> {sg.param},
                     %y: tensor<8x1xf32> {sg.input}) {
      %a = sg.matmul %x, %w : tensor<8x4xf32>, tensor<4x1xf32>
      %p = sg.sigmoid %a : tensor<8x1xf32>
      %nll = sg.bernoulli_neglogpdf %p, %y : tensor<8x1xf32>
      sg.cost %nll : tensor<f32>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs,
                       OptionalAttr<StrArrayAttr>:$arg_names);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name,
                                 "::mlir::FunctionType":$type,
      CArg<"::llvm::ArrayRef<::llvm::StringRef>", "{}">:$argNames)>];
  let extraClassDeclaration = [{
    ::mlir::Region *getCallableRegion() { return &getBody(); }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    /// Whether argument `index` is a trainable parameter.
    bool isParam(unsigned index);
    /// Whether argument `index` is input data.
    bool isInput(unsigned index);
    /// The element type shared by every value of the graph.
    ::mlir::Type getElementType();
    /// The source name of argument `index` (without `%`), or "arg<index>".
    std::string getArgName(unsigned index);
  }];
}

def SG_CostOp : SG_Op<"cost", [HasParent<"GraphOp">]> {
  let summary = "marks a scalar cost term of the loss";
  let description = [{
    Marks its operand, a 0-d tensor, as a cost node. The loss of the graph is
    the expected sum of all costs; the gradient functions estimate the
    gradient of that expectation.

    ```mlir
    sg.cost %nll : tensor<f32>
    ```
  }];
  let arguments = (ins AnyType:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
  let hasVerifier = 1;
}

def SG_OutputOp : SG_Op<"output", [HasParent<"GraphOp">]> {
  let summary = "marks a value that the forward pass returns";
  let description = [{
    Marks its operand as an output of the graph, in order of appearance: the
    compiled forward function writes it into a caller buffer. Outputs do not
    contribute to the loss.

    ```mlir
    sg.output %logits : tensor<1x5xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

//===----------------------------------------------------------------------===//
// Deterministic operations
//===----------------------------------------------------------------------===//

// Every deterministic op states its pullback rule (Pullbacks.cpp) and, where
// it has any, its kinks and the domains of its values: ops override the
// interfaces' defaults (no kink, no requirement, a real result) in their
// extraClassDeclaration.
class SG_DetOp<string mnemonic, list<Trait> traits = []> :
    SG_Op<mnemonic, !listconcat(traits, [Pure,
      DeclareOpInterfaceMethods<SG_PullbackOpInterface>,
      SG_DomainOpInterface])>;

class SG_UnaryOp<string mnemonic, string formula> :
    SG_DetOp<mnemonic, [SG_SameOperandsAndResultType, SG_ElementwiseRows,
                        SG_BatchAxisOpInterface]> {
  let summary = "elementwise " # formula;
  let arguments = (ins SG_Tensor:$input);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:`
      custom<SameType>(ref($input),
                       type($input), type($result))
  }];
  let builders = [OpBuilder<(ins "::mlir::Value":$input), [{
    build($_builder, $_state, input.getType(), input);
  }]>];
}

class SG_BinaryOp<string mnemonic, string formula> :
    SG_DetOp<mnemonic, [SG_SameOperandsAndResultType, SG_ElementwiseRows,
                        SG_BatchAxisOpInterface]> {
  let summary = "elementwise " # formula;
  let arguments = (ins SG_Tensor:$lhs, SG_Tensor:$rhs);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:`
      custom<SameType>(ref($lhs), ref($rhs),
                       type($lhs), type($rhs), type($result))
  }];
  let builders = [OpBuilder<(ins "::mlir::Value":$lhs, "::mlir::Value":$rhs), [{
    build($_builder, $_state, lhs.getType(), lhs, rhs);
  }]>];
}

def SG_NegOp : SG_UnaryOp<"neg", "negation −x"> {
  let description = [{ `y = −x`, elementwise. }];
  let extraClassDeclaration = [{
    // Linear in row sums (BatchAxis.cpp).
    ::mlir::sg::RowKind inferRowKind(
        ::llvm::ArrayRef<::mlir::sg::RowKind> operands, int64_t rows);
    ::mlir::Value buildRowSumTerms(
        ::mlir::OpBuilder &builder,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> terms,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> spread);
  }];
}
def SG_ExpOp : SG_UnaryOp<"exp", "exponential eˣ"> {
  let description = [{ `y = exp(x)`, elementwise. }];
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(::llvm::ArrayRef<::mlir::sg::Domain>) {
      return ::mlir::sg::Domain::Positive;
    }
  }];
}
def SG_LogOp : SG_UnaryOp<"log", "natural logarithm log x"> {
  let description = [{
    `y = log(x)`, elementwise. Precondition (checked at run time in checked
    mode): x > 0.
  }];
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{0, ::mlir::sg::Domain::Positive, "the argument of log",
               "argument"}};
    }
  }];
}
def SG_SqrtOp : SG_UnaryOp<"sqrt", "square root √x"> {
  let description = [{
    `y = √x`, elementwise. Precondition: x ≥ 0 (x > 0 for its derivative).
  }];
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{0, ::mlir::sg::Domain::Positive, "the argument of sqrt",
               "argument"}};
    }
    // √ maps (0, ∞) and (0, 1) into themselves.
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return operands[0];
    }
  }];
}
def SG_SigmoidOp : SG_UnaryOp<"sigmoid", "logistic sigmoid 1/(1+e⁻ˣ)"> {
  let description = [{ `y = 1 / (1 + exp(−x))`, elementwise. }];
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(::llvm::ArrayRef<::mlir::sg::Domain>) {
      return ::mlir::sg::Domain::Probability;
    }
  }];
}
def SG_SoftplusOp : SG_UnaryOp<"softplus", "softplus log(1+eˣ)"> {
  let description = [{ `y = log(1 + exp(x))`, elementwise. }];
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(::llvm::ArrayRef<::mlir::sg::Domain>) {
      return ::mlir::sg::Domain::Positive;
    }
  }];
}
def SG_TanhOp : SG_UnaryOp<"tanh", "hyperbolic tangent"> {
  let description = [{ `y = tanh(x)`, elementwise. }];
}
def SG_ReluOp : SG_UnaryOp<"relu", "rectifier max(x, 0)"> {
  let description = [{
    `y = max(x, 0)`, elementwise. Not differentiable at x = 0 (a kink); its
    pullback uses the derivative 0 there.
  }];
  let extraClassDeclaration = [{
    ::llvm::StringRef getKink() { return "x = 0: derivative 0"; }
    ::mlir::Value buildKinkCondition(::mlir::OpBuilder &builder,
                                     ::mlir::Location loc,
                                     ::mlir::ValueRange operands);
  }];
}
def SG_HeavisideOp : SG_UnaryOp<"heaviside", "step function [x > 0]"> {
  let description = [{
    `y = 1` where x > 0 and `0` elsewhere. Its derivative is zero wherever it
    exists, so it passes no cotangent back. Used by the pullback of `relu`.
  }];
  let extraClassDeclaration = [{
    ::llvm::StringRef getKink() { return "x = 0 (a jump): derivative 0"; }
    ::mlir::Value buildKinkCondition(::mlir::OpBuilder &builder,
                                     ::mlir::Location loc,
                                     ::mlir::ValueRange operands);
    bool hasZeroDerivative() { return true; }
  }];
}
def SG_SoftmaxOp : SG_UnaryOp<"softmax", "softmax along the last axis"> {
  let description = [{
    `y[..., i] = exp(x[..., i]) / Σⱼ exp(x[..., j])` along the last axis,
    computed with the maximum subtracted for stability. Requires rank ≥ 1.
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    // Over a single class the result is exactly 1: positive, not in (0, 1).
    ::mlir::sg::Domain inferResultDomain(::llvm::ArrayRef<::mlir::sg::Domain>) {
      return getType().getShape().back() > 1 ? ::mlir::sg::Domain::Probability
                                             : ::mlir::sg::Domain::Positive;
    }
    // Along the last axis: rows stay apart when it is not the leading one.
    ::mlir::sg::RowKind inferRowKind(
        ::llvm::ArrayRef<::mlir::sg::RowKind> operands, int64_t rows);
  }];
}
def SG_LogSoftmaxOp : SG_UnaryOp<"log_softmax",
                                  "log-softmax along the last axis"> {
  let description = [{
    `y[..., i] = x[..., i] − log Σⱼ exp(x[..., j])` along the last axis,
    computed stably. Requires rank ≥ 1.
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    // Along the last axis: rows stay apart when it is not the leading one.
    ::mlir::sg::RowKind inferRowKind(
        ::llvm::ArrayRef<::mlir::sg::RowKind> operands, int64_t rows);
  }];
}

def SG_AddOp : SG_BinaryOp<"add", "sum x + y"> {
  let description = [{
    `z = x + y`, elementwise; both operands have the same shape (broadcast
    explicitly with `sg.broadcast` or `sg.bias_add`).
  }];
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return ::mlir::sg::allWithin(operands, ::mlir::sg::Domain::Positive)
                 ? ::mlir::sg::Domain::Positive
                 : ::mlir::sg::Domain::Real;
    }
    // Linear in row sums (BatchAxis.cpp).
    ::mlir::sg::RowKind inferRowKind(
        ::llvm::ArrayRef<::mlir::sg::RowKind> operands, int64_t rows);
    ::mlir::Value buildRowSumTerms(
        ::mlir::OpBuilder &builder,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> terms,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> spread);
  }];
}
def SG_SubOp : SG_BinaryOp<"sub", "difference x − y"> {
  let description = [{ `z = x − y`, elementwise; same shapes. }];
  let extraClassDeclaration = [{
    // Linear in row sums (BatchAxis.cpp).
    ::mlir::sg::RowKind inferRowKind(
        ::llvm::ArrayRef<::mlir::sg::RowKind> operands, int64_t rows);
    ::mlir::Value buildRowSumTerms(
        ::mlir::OpBuilder &builder,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> terms,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> spread);
  }];
}
def SG_MulOp : SG_BinaryOp<"mul", "product x ⊙ y"> {
  let description = [{ `z = x ⊙ y` (Hadamard product); same shapes. }];
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      if (::mlir::sg::allWithin(operands, ::mlir::sg::Domain::Probability))
        return ::mlir::sg::Domain::Probability;
      return ::mlir::sg::allWithin(operands, ::mlir::sg::Domain::Positive)
                 ? ::mlir::sg::Domain::Positive
                 : ::mlir::sg::Domain::Real;
    }
    // Linear in row sums (BatchAxis.cpp).
    ::mlir::sg::RowKind inferRowKind(
        ::llvm::ArrayRef<::mlir::sg::RowKind> operands, int64_t rows);
    ::mlir::Value buildRowSumTerms(
        ::mlir::OpBuilder &builder,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> terms,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> spread);
  }];
}
def SG_DivOp : SG_BinaryOp<"div", "quotient x / y"> {
  let description = [{
    `z = x / y`, elementwise; same shapes. Precondition: y ≠ 0.
  }];
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{1, ::mlir::sg::Domain::Positive, "the divisor", "divisor"}};
    }
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return ::mlir::sg::allWithin(operands, ::mlir::sg::Domain::Positive)
                 ? ::mlir::sg::Domain::Positive
                 : ::mlir::sg::Domain::Real;
    }
    // Linear in row sums (BatchAxis.cpp).
    ::mlir::sg::RowKind inferRowKind(
        ::llvm::ArrayRef<::mlir::sg::RowKind> operands, int64_t rows);
    ::mlir::Value buildRowSumTerms(
        ::mlir::OpBuilder &builder,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> terms,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> spread);
  }];
}

def SG_MaximumOp : SG_BinaryOp<"maximum", "maximum max(x, y)"> {
  let description = [{
    `z = max(x, y)`, elementwise; same shapes. Not differentiable where
    x = y (a kink); the pullback sends the cotangent to `y` there.
  }];
  let extraClassDeclaration = [{
    ::llvm::StringRef getKink() {
      return "x = y: the cotangent goes to y";
    }
    ::mlir::Value buildKinkCondition(::mlir::OpBuilder &builder,
                                     ::mlir::Location loc,
                                     ::mlir::ValueRange operands);
    // The maximum is at least each operand.
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return ::llvm::any_of(operands,
                            [](::mlir::sg::Domain d) {
                              return ::mlir::sg::isWithin(
                                  d, ::mlir::sg::Domain::Positive);
                            })
                 ? ::mlir::sg::Domain::Positive
                 : ::mlir::sg::Domain::Real;
    }
  }];
}

def SG_MulAddOp : SG_DetOp<"mul_add", [SG_SameOperandsAndResultType,
    SG_ElementwiseRows, SG_BatchAxisOpInterface]> {
  let summary = "fused elementwise a ⊙ b + c";
  let description = [{
    `r = a ⊙ b + c`, elementwise, as Certigrad's `mul_add`; the
    reparameterization rewrite produces `mul_add(σ, ε, μ)`.
  }];
  let arguments = (ins SG_Tensor:$a, SG_Tensor:$b, SG_Tensor:$c);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $a `,` $b `,` $c attr-dict `:`
      custom<SameType>(ref($a), ref($b), ref($c),
                       type($a), type($b), type($c), type($result))
  }];
  let builders = [OpBuilder<(ins "::mlir::Value":$a, "::mlir::Value":$b,
                                 "::mlir::Value":$c), [{
    build($_builder, $_state, a.getType(), a, b, c);
  }]>];
  let extraClassDeclaration = [{
    // The reparameterization of a Gaussian, σ ⊙ ε + μ, keeps the sample's
    // precondition σ > 0 (checked mode checks it).
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements();
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return ::mlir::sg::allWithin(operands, ::mlir::sg::Domain::Positive)
                 ? ::mlir::sg::Domain::Positive
                 : ::mlir::sg::Domain::Real;
    }
  }];
}

def SG_ScaleOp : SG_DetOp<"scale", [SG_SameOperandsAndResultType,
    SG_ElementwiseRows, SG_BatchAxisOpInterface]> {
  let summary = "multiplication by a constant α";
  let description = [{
    `y = α · x` for a compile-time constant α.

    ```mlir
    %h = sg.scale %x, 0.5 : tensor<4xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input, F64Attr:$alpha);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $alpha attr-dict `:`
      custom<SameType>(ref($input),
                       type($input), type($result))
  }];
  let builders = [OpBuilder<(ins "::mlir::Value":$input, "double":$alpha), [{
    build($_builder, $_state, input.getType(), input,
          $_builder.getF64FloatAttr(alpha));
  }]>];
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return getAlpha().convertToDouble() > 0 &&
                     ::mlir::sg::isWithin(operands[0],
                                          ::mlir::sg::Domain::Positive)
                 ? ::mlir::sg::Domain::Positive
                 : ::mlir::sg::Domain::Real;
    }
    // Linear in row sums (BatchAxis.cpp).
    ::mlir::sg::RowKind inferRowKind(
        ::llvm::ArrayRef<::mlir::sg::RowKind> operands, int64_t rows);
    ::mlir::Value buildRowSumTerms(
        ::mlir::OpBuilder &builder,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> terms,
        ::llvm::function_ref<::mlir::Value(::mlir::Value)> spread);
  }];
}

def SG_ConstantOp : SG_DetOp<"constant", [ConstantLike,
    InferTypeOpAdaptor, DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>]> {
  let summary = "a constant tensor";
  let description = [{
    A constant tensor of the graph's element type.

    ```mlir
    %one = sg.constant dense<1.0> : tensor<4xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = "$value attr-dict";
  let hasFolder = 1;
  let builders = [
    // The splat of `value` of `type` (a ranked tensor type).
    OpBuilder<(ins "::mlir::Type":$type, "double":$value), [{
      auto tensor = ::llvm::cast<::mlir::RankedTensorType>(type);
      build($_builder, $_state, ::mlir::DenseElementsAttr::get(tensor,
            $_builder.getFloatAttr(tensor.getElementType(), value)));
    }]>];
  let extraClassDeclaration = [{
    // Reads one element of a splat, so it costs nothing for huge tensors.
    ::mlir::sg::Domain inferResultDomain(::llvm::ArrayRef<::mlir::sg::Domain>);
  }];
}

def SG_SumOp : SG_DetOp<"sum", [InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<SG_RowSumOpInterface>, SG_RowSumRows,
    SG_BatchAxisOpInterface]> {
  let summary = "sum of all elements";
  let description = [{
    `s = Σᵢ xᵢ` over every element; the result is a 0-d tensor.

    ```mlir
    %s = sg.sum %x : tensor<250x784xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input);
  let results = (outs SG_Scalar:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def SG_ReduceSumOp : SG_DetOp<"reduce_sum", [InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<SG_RowSumOpInterface>, DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>]> {
  let summary = "sum along the given axes";
  let description = [{
    Sums over the listed axes (strictly increasing, each in range) and drops
    them from the shape.

    ```mlir
    %col = sg.reduce_sum %x [0] : tensor<250x30xf32>   // tensor<30xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = "$input $axes attr-dict `:` type($input)";
}

def SG_BroadcastOp : SG_DetOp<"broadcast", [DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>,
    SameOperandsElementType,
    SameOperandsAndResultElementType]> {
  let summary = "broadcast into a larger shape";
  let description = [{
    Replicates the operand along new axes. `dims[i]` is the result axis that
    operand axis `i` becomes (strictly increasing, equal sizes); every other
    result axis is new. A 0-d operand with `[]` fills the whole result.

    ```mlir
    %r = sg.broadcast %v [0] : tensor<250xf32> -> tensor<250x30xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input, DenseI64ArrayAttr:$dims);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $input $dims attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return operands[0];
    }
  }];
}

def SG_BiasAddOp : SG_DetOp<"bias_add", [DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>,
    SameOperandsElementType,
    AllTypesMatch<["input", "result"]>]> {
  let summary = "broadcasting bias addition x + b";
  let description = [{
    Adds `bias` to every leading index of `input`: the shape of `bias` must
    equal the trailing axes of `input`'s shape (for example a `tensor<30xf32>`
    bias on a `tensor<250x30xf32>` batch).

    ```mlir
    %h = sg.bias_add %a, %b : tensor<250x30xf32>, tensor<30xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input, SG_Tensor:$bias);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $bias attr-dict `:` type($input) `,` type($bias)
  }];
  let hasVerifier = 1;
}

def SG_TransposeOp : SG_DetOp<"transpose", [InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>]> {
  let summary = "permute the axes";
  let description = [{
    Result axis `i` is operand axis `permutation[i]`.

    ```mlir
    %t = sg.transpose %w [1, 0] : tensor<784x1000xf32>  // tensor<1000x784xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = "$input $permutation attr-dict `:` type($input)";
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return operands[0];
    }
  }];
}

def SG_ReshapeOp : SG_DetOp<"reshape", [SameOperandsAndResultElementType,
    DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>]> {
  let summary = "the same elements in another shape";
  let description = [{
    Reinterprets the operand's elements, in row-major order, as a tensor of
    the result's shape; both shapes hold the same number of elements.

    ```mlir
    %flat = sg.reshape %img : tensor<250x28x28xf32> -> tensor<250x784xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return operands[0];
    }
  }];
}

def SG_SliceOp : SG_DetOp<"slice", [SameOperandsAndResultElementType,
    DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>]> {
  let summary = "a static box of the operand";
  let description = [{
    The box of the result's shape that starts at `offsets` (one per axis):
    `r[i] = x[offsets + i]`. Every offset is at least 0 and the box lies
    inside the operand.

    ```mlir
    %mu = sg.slice %h [0, 0] : tensor<250x60xf32> -> tensor<250x30xf32>
    %rho = sg.slice %h [0, 30] : tensor<250x60xf32> -> tensor<250x30xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input, DenseI64ArrayAttr:$offsets);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $input $offsets attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return operands[0];
    }
  }];
}

def SG_ConcatOp : SG_DetOp<"concat", [DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>,
    SameOperandsElementType,
    InferTypeOpAdaptor]> {
  let summary = "concatenation along one axis";
  let description = [{
    Joins the operands (at least one, of one rank, equal sizes on every axis
    but `axis`) along `axis`, in operand order.

    ```mlir
    %xy = sg.concat %x, %y axis 1 : tensor<250x784xf32>, tensor<250x10xf32>
    // tensor<250x794xf32>
    ```
  }];
  let arguments = (ins Variadic<SG_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $inputs `axis` $axis attr-dict `:` type($inputs)
  }];
  let extraClassDeclaration = [{
    // The domain every operand lies in.
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      if (::mlir::sg::allWithin(operands, ::mlir::sg::Domain::Probability))
        return ::mlir::sg::Domain::Probability;
      return ::mlir::sg::allWithin(operands, ::mlir::sg::Domain::Positive)
                 ? ::mlir::sg::Domain::Positive
                 : ::mlir::sg::Domain::Real;
    }
  }];
}

def SG_MeanOp : SG_DetOp<"mean", [InferTypeOpAdaptor,
    DeclareOpInterfaceMethods<SG_RowSumOpInterface>, DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>]> {
  let summary = "mean along the given axes";
  let description = [{
    The mean over the listed axes (strictly increasing, each in range), which
    are dropped from the shape: `reduce_sum` divided by the number of
    elements summed.

    ```mlir
    %avg = sg.mean %x [0] : tensor<250x30xf32>   // tensor<30xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = "$input $axes attr-dict `:` type($input)";
  let extraClassDeclaration = [{
    // A mean lies in any interval that holds every element.
    ::mlir::sg::Domain inferResultDomain(
        ::llvm::ArrayRef<::mlir::sg::Domain> operands) {
      return operands[0];
    }
  }];
}

def SG_MatmulOp : SG_DetOp<"matmul", [DeclareOpInterfaceMethods<SG_BatchAxisOpInterface>,
    SameOperandsElementType,
    InferTypeOpAdaptor]> {
  let summary = "matrix product (GEMM)";
  let description = [{
    The matrix product `op(A) · op(B)` of two matrices, where `op` transposes
    its argument when `transpose_lhs` / `transpose_rhs` is set (Certigrad's
    `gemm`). Lowered to a BLAS GEMM call.

    ```mlir
    %a = sg.matmul %x, %w : tensor<250x784xf32>, tensor<784x1000xf32>
    %g = sg.matmul %x, %d {transpose_lhs} : tensor<250x784xf32>, tensor<250x1000xf32>
    ```
  }];
  let arguments = (ins SG_Matrix:$lhs, SG_Matrix:$rhs,
                       UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let results = (outs SG_Matrix:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)";
}

class SG_ScalarFnOp<string mnemonic, string sum, dag args>
    : SG_DetOp<mnemonic, [SG_SameOperandsType, InferTypeOpAdaptor,
                          DeclareOpInterfaceMethods<SG_RowSumOpInterface>,
                          SG_RowSumRows, SG_BatchAxisOpInterface]> {
  let summary = sum;
  let arguments = args;
  let results = (outs SG_Scalar:$result);
}

def SG_MvnKLOp : SG_ScalarFnOp<"mvn_kl",
    "analytic KL(N(μ, σ) ‖ N(0, I)) of a diagonal Gaussian",
    (ins SG_Tensor:$mean, SG_Tensor:$stddev)> {
  let description = [{
    `KL = −½ Σ (1 + log σ² − μ² − σ²)`: the divergence of the diagonal
    Gaussian with mean μ and standard deviation σ from the standard normal
    (Certigrad's `mvn_iso_kl`). Precondition: σ > 0.

    ```mlir
    %kl = sg.mvn_kl %mu, %sigma : tensor<250x30xf32>
    ```
  }];
  let assemblyFormat = [{
    $mean `,` $stddev attr-dict `:`
      custom<SameType>(ref($mean), ref($stddev),
                       type($mean), type($stddev))
  }];
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{1, ::mlir::sg::Domain::Positive, "the standard deviation σ",
               "standard deviation"}};
    }
  }];
}

def SG_MvnEmpiricalKLOp : SG_ScalarFnOp<"mvn_empirical_kl",
    "single-sample KL estimate log N(z; μ, σ) − log N(z; 0, I)",
    (ins SG_Tensor:$mean, SG_Tensor:$stddev, SG_Tensor:$sample)> {
  let description = [{
    `Σ [log N(zᵢ; μᵢ, σᵢ) − log N(zᵢ; 0, 1)]` — an unbiased one-sample
    estimate of KL(N(μ, σ) ‖ N(0, I)) when z ~ N(μ, σ) (Certigrad's
    `mvn_iso_empirical_kl`). The `--sg-integrate-kl` pass replaces it with
    the analytic `sg.mvn_kl` when its preconditions hold.

    ```mlir
    %ekl = sg.mvn_empirical_kl %mu, %sigma, %z : tensor<250x30xf32>
    ```
  }];
  let assemblyFormat = [{
    $mean `,` $stddev `,` $sample attr-dict `:`
      custom<SameType>(ref($mean), ref($stddev), ref($sample),
                       type($mean), type($stddev), type($sample))
  }];
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{1, ::mlir::sg::Domain::Positive, "the standard deviation σ",
               "standard deviation"}};
    }
  }];
}

def SG_NormalLogPdfOp : SG_ScalarFnOp<"normal_logpdf",
    "log-density of a diagonal Gaussian, summed",
    (ins SG_Tensor:$sample, SG_Tensor:$mean, SG_Tensor:$stddev)> {
  let description = [{
    `Σ [−(zᵢ − μᵢ)² / (2σᵢ²) − log σᵢ − ½ log 2π]`, the log-density of z
    under N(μ, diag σ²). Precondition: σ > 0. The log-density of
    `sg.normal` is built from it.

    ```mlir
    %lp = sg.normal_logpdf %z, %mu, %sigma : tensor<250x30xf32>
    ```
  }];
  let assemblyFormat = [{
    $sample `,` $mean `,` $stddev attr-dict `:`
      custom<SameType>(ref($sample), ref($mean), ref($stddev),
                       type($sample), type($mean), type($stddev))
  }];
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{2, ::mlir::sg::Domain::Positive, "the standard deviation σ",
               "standard deviation"}};
    }
  }];
}

def SG_BernoulliNegLogPdfOp : SG_ScalarFnOp<"bernoulli_neglogpdf",
    "Bernoulli negative log-likelihood, summed",
    (ins SG_Tensor:$prob, SG_Tensor:$value)> {
  let description = [{
    `−Σ [xᵢ log pᵢ + (1 − xᵢ) log(1 − pᵢ)]` for probabilities p and
    values x (x ∈ {0, 1}, or in [0, 1] for the relaxed use on pixel
    intensities as in Certigrad's VAE). Precondition: 0 < p < 1. Where p
    rounds to 0 or 1 each log is clamped at −100 (as PyTorch's BCELoss);
    `sg.bernoulli_logits_neglogpdf` computes the same cost from the logits
    exactly, without a clamp.

    ```mlir
    %nll = sg.bernoulli_neglogpdf %p, %x : tensor<250x784xf32>
    ```
  }];
  let assemblyFormat = [{
    $prob `,` $value attr-dict `:`
      custom<SameType>(ref($prob), ref($value),
                       type($prob), type($value))
  }];
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{0, ::mlir::sg::Domain::Probability, "the Bernoulli probability",
               "probability",
               "sg.bernoulli_logits_neglogpdf on the logits has no such "
               "precondition"}};
    }
  }];
}

def SG_BernoulliLogitsNegLogPdfOp : SG_ScalarFnOp<"bernoulli_logits_neglogpdf",
    "Bernoulli negative log-likelihood from logits, summed",
    (ins SG_Tensor:$logits, SG_Tensor:$value)> {
  let description = [{
    `Σ [softplus(lᵢ) − xᵢ lᵢ]` = `−Σ [xᵢ log σ(lᵢ) + (1 − xᵢ) log(1 − σ(lᵢ))]`
    for logits l and values x (x ∈ {0, 1}, or in [0, 1] for pixel
    intensities): the binary cross-entropy computed from the logits, with
    softplus evaluated as `max(l, 0) + log1p(exp(−|l|))`. Unlike
    `sg.bernoulli_neglogpdf` of a sigmoid, it has no precondition and stays
    finite and exact when σ(l) rounds to 0 or 1; its gradient with respect
    to l is `σ(l) − x`. The log-density of `sg.bernoulli_logits` is built
    from it.

    ```mlir
    %nll = sg.bernoulli_logits_neglogpdf %logits, %x : tensor<250x784xf32>
    ```
  }];
  let assemblyFormat = [{
    $logits `,` $value attr-dict `:`
      custom<SameType>(ref($logits), ref($value),
                       type($logits), type($value))
  }];
}

def SG_SoftmaxCrossEntropyOp : SG_ScalarFnOp<"softmax_cross_entropy",
    "softmax cross-entropy along the last axis, summed",
    (ins SG_Tensor:$logits, SG_Tensor:$targets)> {
  let description = [{
    `−Σ targets ⊙ log_softmax(logits)` where the log-softmax runs along the
    last axis: the cross-entropy of each row's target distribution (e.g. a
    one-hot label) against the softmax of its logits, summed over rows.

    ```mlir
    %ce = sg.softmax_cross_entropy %logits, %onehot : tensor<250x10xf32>
    ```
  }];
  let assemblyFormat = [{
    $logits `,` $targets attr-dict `:`
      custom<SameType>(ref($logits), ref($targets),
                       type($logits), type($targets))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::StringRef getConstantResultReason() {
      return getLogits().getType().getShape().back() == 1
                 ? "softmax over a single class: this cross-entropy is "
                   "always 0"
                 : "";
    }
  }];
}

//===----------------------------------------------------------------------===//
// Stochastic operations
//===----------------------------------------------------------------------===//

// Samples are not Pure: two samples with equal operands are different random
// values, so they must never be merged by CSE or reordered freely. The
// optional `node` attribute is the sample's identity in the random stream:
// element i of node k at (seed, step) is always the same number, whatever
// rewrites ran. `--sg-number-samples` assigns the ones not given.
class SG_SampleOp<string mnemonic, list<Trait> traits = []> :
    SG_Op<mnemonic, !listconcat(traits, [
      DeclareOpInterfaceMethods<SG_DistributionOpInterface,
                                ["hasIndependentRows"]>,
      SG_DomainOpInterface, SG_SampleRows, SG_BatchAxisOpInterface])>;

def SG_NormalOp : SG_SampleOp<"normal"> {
  let summary = "sample from a diagonal Gaussian N(μ, diag σ²)";
  let description = [{
    Draws `z ~ N(μ, diag σ²)` elementwise; `μ` and `σ` have the result's
    shape. Reparameterizable: `z = μ + σ ⊙ ε` with `ε ~ N(0, I)`.
    Precondition: σ > 0.

    ```mlir
    %z = sg.normal %mu, %sigma : tensor<250x30xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$mean, SG_Tensor:$stddev,
                       OptionalAttr<I32Attr>:$node);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $mean `,` $stddev attr-dict `:`
      custom<SameType>(ref($mean), ref($stddev),
                       type($mean), type($stddev), type($result))
  }];
  let builders = [OpBuilder<(ins "::mlir::Value":$mean,
                                 "::mlir::Value":$stddev), [{
    build($_builder, $_state, mean.getType(), mean, stddev, nullptr);
  }]>];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Value buildReparameterization(::mlir::OpBuilder &builder);
    ::llvm::StringRef getReparameterization() {
      return "z = μ + σ ⊙ ε with ε ~ N(0, I)";
    }
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{1, ::mlir::sg::Domain::Positive, "the standard deviation σ",
               "standard deviation"}};
    }
  }];
}

def SG_StdNormalOp : SG_SampleOp<"std_normal"> {
  let summary = "sample from the standard normal N(0, I)";
  let description = [{
    Draws `ε ~ N(0, I)` of the result's shape. It has no parameters, so it
    contributes no score-function term.

    ```mlir
    %eps = sg.std_normal : tensor<250x30xf32>
    ```
  }];
  let arguments = (ins OptionalAttr<I32Attr>:$node);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def SG_BernoulliOp : SG_SampleOp<"bernoulli"> {
  let summary = "sample from independent Bernoulli(p) variables";
  let description = [{
    Draws `b ~ Bernoulli(p)` elementwise as 0.0 or 1.0 values of p's type.
    Discrete: only the score-function estimator applies. Precondition:
    0 < p < 1 for the log-density's gradient.

    ```mlir
    %b = sg.bernoulli %p : tensor<16x8xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$prob, OptionalAttr<I32Attr>:$node);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $prob attr-dict `:` custom<SameType>(ref($prob), type($prob), type($result))
  }];
  let builders = [OpBuilder<(ins "::mlir::Value":$prob), [{
    build($_builder, $_state, prob.getType(), prob, nullptr);
  }]>];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      return {{0, ::mlir::sg::Domain::Probability, "the Bernoulli probability",
               "probability",
               "sg.bernoulli_logits on the logits has no such precondition"}};
    }
    // Its finite support (Distributions.cpp).
    ::std::optional<int64_t> getNumOutcomes(::mlir::RankedTensorType type);
    void writeOutcome(int64_t outcome, ::llvm::MutableArrayRef<double> event);
  }];
}

def SG_BernoulliLogitsOp : SG_SampleOp<"bernoulli_logits"> {
  let summary = "sample from independent Bernoulli(σ(l)) variables";
  let description = [{
    Draws `b ~ Bernoulli(σ(l))` elementwise, with σ the logistic sigmoid, as
    0.0 or 1.0 values of the logits' type. Discrete: only the
    score-function estimator (or `sg-enumerate`) applies. Its log-density
    `Σ [b l − softplus(l)]` (`−sg.bernoulli_logits_neglogpdf`) is finite for
    every finite logit, so its score `b − σ(l)` stays exact where σ(l)
    rounds to 0 or 1 — `sg.bernoulli` of a sigmoid clamps there instead.

    Sampling: `b = 1` iff `u < 1 / (1 + exp(−l))`, with u the element's
    uniform (as for `sg.bernoulli`) and the sigmoid evaluated in f64;
    bit-identical to the runtime's `sg_fill_bernoulli_logits_f32/f64`.

    ```mlir
    %b = sg.bernoulli_logits %logits : tensor<16x8xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$logits, OptionalAttr<I32Attr>:$node);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $logits attr-dict `:`
      custom<SameType>(ref($logits),
                       type($logits), type($result))
  }];
  let builders = [OpBuilder<(ins "::mlir::Value":$logits), [{
    build($_builder, $_state, logits.getType(), logits, nullptr);
  }]>];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      // An infinite logit makes the log-density inf − inf or 0 · inf.
      return {{0, ::mlir::sg::Domain::Finite, "the logits", "logits"}};
    }
    // Its finite support (Distributions.cpp).
    ::std::optional<int64_t> getNumOutcomes(::mlir::RankedTensorType type);
    void writeOutcome(int64_t outcome, ::llvm::MutableArrayRef<double> event);
  }];
}

def SG_CategoricalOp : SG_SampleOp<"categorical"> {
  let summary = "one-hot samples from categorical distributions (softmax of logits)";
  let description = [{
    Draws, for every row (every index of all axes but the last), a class
    `k ~ Categorical(softmax(l[row, :]))` and returns it one-hot: the result
    has the logits' type, with 1.0 at `[row, k]` and 0.0 elsewhere, so a
    sample feeds `sg.matmul` directly (an embedding lookup). Requires logits
    of rank ≥ 1. Discrete: only the score-function estimator (or
    `sg-enumerate`) applies. Its log-density is
    `Σ onehot ⊙ log_softmax(l)` (`−sg.softmax_cross_entropy l, onehot`).

    Sampling is Gumbel-max: element `[row, k]` owns the Philox block of its
    row-major flat index (as every sampler), `u = u01_f64(word0, word1)`
    (the f64 grid, for f32 logits too), `g = −log(−log u)` in f64, and the
    class is the first k maximizing `l[row, k] + g`; bit-identical to the
    runtime's `sg_fill_categorical_f32/f64`. Every element is independent,
    so rows of any length sample in parallel.

    ```mlir
    %y = sg.categorical %logits : tensor<250x10xf32>
    %emb = sg.matmul %y, %table : tensor<250x10xf32>, tensor<10x64xf32>
    ```
  }];
  let arguments = (ins SG_Tensor:$logits, OptionalAttr<I32Attr>:$node);
  let results = (outs SG_Tensor:$result);
  let assemblyFormat = [{
    $logits attr-dict `:`
      custom<SameType>(ref($logits),
                       type($logits), type($result))
  }];
  let builders = [OpBuilder<(ins "::mlir::Value":$logits), [{
    build($_builder, $_state, logits.getType(), logits, nullptr);
  }]>];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::sg::DomainRequirement> getDomainRequirements() {
      // An infinite logit makes the log-density inf − inf or 0 · inf.
      return {{0, ::mlir::sg::Domain::Finite, "the logits", "logits"}};
    }
    ::llvm::StringRef getConstantResultReason() {
      return getLogits().getType().getShape().back() == 1
                 ? "categorical over a single class: the sample is always "
                   "that class"
                 : "";
    }
    // Its finite support (Distributions.cpp).
    ::std::optional<int64_t> getNumOutcomes(::mlir::RankedTensorType type);
    int64_t getEventSize(::mlir::RankedTensorType type);
    void writeOutcome(int64_t outcome, ::llvm::MutableArrayRef<double> event);
  }];
}

#endif // SG_OPS_TD
