//===- SGOps.cpp - operations of the sg dialect ---------------------------===//
//
// Shape rules (result type inference and verifiers) and the shared custom
// assembly directive that writes one type for operands of equal type.
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::sg;

//===----------------------------------------------------------------------===//
// Traits
//===----------------------------------------------------------------------===//

static LogicalResult verifyAllTypesEqual(Operation *op, TypeRange types,
                                         StringRef what) {
  if (types.empty())
    return success();
  Type first = types.front();
  for (auto [index, type] : llvm::enumerate(types)) {
    if (type == first)
      continue;
    return op->emitOpError()
           << "requires " << what << " of identical type, but #" << index
           << " is " << type << " and #0 is " << first
           << " (broadcast explicitly with sg.broadcast or "
              "sg.bias_add)";
  }
  return success();
}

LogicalResult mlir::sg::detail::verifySameOperandsAndResultType(Operation *op) {
  SmallVector<Type> types(op->getOperandTypes());
  llvm::append_range(types, op->getResultTypes());
  return verifyAllTypesEqual(op, types, "operands and result");
}

LogicalResult mlir::sg::detail::verifySameOperandsType(Operation *op) {
  return verifyAllTypesEqual(op, op->getOperandTypes(), "operands");
}

//===----------------------------------------------------------------------===//
// custom<SameType>: `: T` stands for every listed type.
//===----------------------------------------------------------------------===//

namespace {
/// The arguments of custom<SameType>: the operands it covers (ref), then the
/// types it stands for.
struct SameTypeArgs {
  SmallVector<OpAsmParser::UnresolvedOperand *> operands;
  SmallVector<Type *> types;
  void add(OpAsmParser::UnresolvedOperand &operand) {
    operands.push_back(&operand);
  }
  void add(Type &type) { types.push_back(&type); }
};
} // namespace

static ParseResult parseSameType(OpAsmParser &parser, SameTypeArgs &args) {
  Type type;
  if (parser.parseType(type))
    return failure();
  for (Type *t : args.types)
    *t = type;
  // Resolve the operands here, while the type's meaning is known: a value
  // of another type is a shape mismatch, not a redefinition, and deserves
  // the same hint as the verifier's (resolving again later is a lookup).
  for (OpAsmParser::UnresolvedOperand *operand : args.operands) {
    Type prior;
    bool mismatch = false;
    ScopedDiagnosticHandler capture(parser.getContext(), [&](Diagnostic &d) {
      if (d.getSeverity() != DiagnosticSeverity::Error ||
          !StringRef(d.str()).contains("different type than prior uses"))
        return failure(); // not ours to rewrite: pass it on
      mismatch = true;
      // "use of value '%b' expects different type than prior uses: T vs P"
      for (DiagnosticArgument &arg : d.getArguments())
        if (arg.getKind() == DiagnosticArgument::DiagnosticArgumentKind::Type)
          prior = arg.getAsType();
      return success();
    });
    SmallVector<Value, 1> value;
    if (succeeded(parser.resolveOperand(*operand, type, value)))
      continue;
    if (!mismatch || !prior)
      return failure(); // already reported as it was
    return parser.emitError(operand->location)
           << operand->name << " has type " << prior
           << ", but the type after ':' is " << type
           << ", which every operand must have (broadcast explicitly with "
              "sg.broadcast or sg.bias_add)";
  }
  return success();
}

// custom<SameType>(ref($a), ..., type($a), ..., type($result)): `: T` stands
// for every listed type, and the listed operands must have it.
template <typename... Args>
static ParseResult parseSameType(OpAsmParser &parser, Args &...args) {
  SameTypeArgs all;
  (all.add(args), ...);
  return parseSameType(parser, all);
}

// The printer only runs on verified operations (invalid ones print in generic
// form), where all listed types are equal, so printing the first is exact.
template <typename... Args>
static void printSameType(OpAsmPrinter &printer, Operation *, Args... args) {
  bool printed = false;
  auto printFirstType = [&](auto arg) {
    if constexpr (std::is_convertible_v<decltype(arg), Type>) {
      if (!printed)
        printer << Type(arg);
      printed = true;
    }
  };
  (printFirstType(args), ...);
}

//===----------------------------------------------------------------------===//
// Helpers for shape rules
//===----------------------------------------------------------------------===//

static RankedTensorType getTensorType(Value value) {
  return dyn_cast<RankedTensorType>(value.getType());
}

static std::string shapeString(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(shape, os, "x");
  return s;
}

/// Infers the 0-d result of a reduction-to-scalar operation.
static LogicalResult inferScalar(std::optional<Location> location,
                                 ValueRange operands,
                                 SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getTensorType(operands.front());
  if (!type)
    return emitOptionalError(location, "expected a ranked tensor operand");
  inferred.push_back(RankedTensorType::get({}, type.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Operations
//===----------------------------------------------------------------------===//

LogicalResult CostOp::verify() {
  auto type = dyn_cast<RankedTensorType>(getValue().getType());
  if (!type || type.getRank() != 0 ||
      !isa<Float32Type, Float64Type>(type.getElementType()))
    return emitOpError() << "operand must be a scalar (a 0-d tensor of f32 "
                            "or f64), but has type "
                         << getValue().getType()
                         << "; reduce it first, e.g. with sg.sum";
  return success();
}

static LogicalResult verifyHasLastAxis(Operation *op, Type type) {
  if (cast<RankedTensorType>(type).getRank() == 0)
    return op->emitOpError("requires an operand of rank >= 1 (it works along "
                           "the last axis)");
  return success();
}

LogicalResult SoftmaxOp::verify() {
  return verifyHasLastAxis(*this, getInput().getType());
}
LogicalResult LogSoftmaxOp::verify() {
  return verifyHasLastAxis(*this, getInput().getType());
}
LogicalResult SoftmaxCrossEntropyOp::verify() {
  return verifyHasLastAxis(*this, getLogits().getType());
}

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> location,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  auto value = dyn_cast_or_null<TypedAttr>(adaptor.getValueAttr());
  if (!value)
    return emitOptionalError(location, "requires a typed elements attribute");
  inferred.push_back(value.getType());
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }

LogicalResult SumOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> location,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  return inferScalar(location, adaptor.getOperands(), inferred);
}

/// The type of a sum or mean of `input` over `axes` (strictly increasing,
/// each in range), which are dropped from the shape.
static LogicalResult inferReduced(std::optional<Location> location, Value input,
                                  ArrayRef<int64_t> axes,
                                  SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getTensorType(input);
  if (!type)
    return emitOptionalError(location, "expected a ranked tensor operand");
  int64_t rank = type.getRank();
  for (auto [index, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return emitOptionalError(location, "axis ", axis,
                               " is out of range for an operand of rank ",
                               rank);
    if (index > 0 && axis <= axes[index - 1])
      return emitOptionalError(location,
                               "axes must be strictly increasing, got [",
                               llvm::make_range(axes.begin(), axes.end()), "]");
  }
  SmallVector<int64_t> shape;
  for (auto [axis, size] : llvm::enumerate(type.getShape()))
    if (!llvm::is_contained(axes, static_cast<int64_t>(axis)))
      shape.push_back(size);
  inferred.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

LogicalResult ReduceSumOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  return inferReduced(location, adaptor.getInput(), adaptor.getAxes(),
                      inferred);
}

LogicalResult MeanOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> location,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  return inferReduced(location, adaptor.getInput(), adaptor.getAxes(),
                      inferred);
}

LogicalResult BroadcastOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getResult().getType());
  ArrayRef<int64_t> dims = getDims();
  if (static_cast<int64_t>(dims.size()) != in.getRank())
    return emitOpError() << "needs one target axis per operand axis: operand "
                            "has rank "
                         << in.getRank() << " but " << dims.size()
                         << " axes are given";
  for (auto [index, dim] : llvm::enumerate(dims)) {
    if (dim < 0 || dim >= out.getRank())
      return emitOpError() << "target axis " << dim
                           << " is out of range for a result of rank "
                           << out.getRank();
    if (index > 0 && dim <= dims[index - 1])
      return emitOpError("target axes must be strictly increasing");
    if (in.getDimSize(index) != out.getDimSize(dim))
      return emitOpError() << "operand axis " << index << " has size "
                           << in.getDimSize(index) << " but result axis " << dim
                           << " has size " << out.getDimSize(dim);
  }
  return success();
}

LogicalResult BiasAddOp::verify() {
  ArrayRef<int64_t> x = getInput().getType().getShape();
  ArrayRef<int64_t> b = getBias().getType().getShape();
  if (b.size() > x.size() || x.take_back(b.size()) != b)
    return emitOpError() << "bias shape " << shapeString(b)
                         << " must equal the trailing axes of the input shape "
                         << shapeString(x);
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> location,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  RankedTensorType type = getTensorType(adaptor.getInput());
  if (!type)
    return emitOptionalError(location, "expected a ranked tensor operand");
  ArrayRef<int64_t> perm = adaptor.getPermutation();
  int64_t rank = type.getRank();
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitOptionalError(location, "permutation has ", perm.size(),
                             " entries but the operand has rank ", rank);
  SmallVector<bool> seen(rank, false);
  SmallVector<int64_t> shape;
  for (int64_t axis : perm) {
    if (axis < 0 || axis >= rank || seen[axis])
      return emitOptionalError(
          location, "[", llvm::make_range(perm.begin(), perm.end()),
          "] is not a permutation of the operand's ", rank, " axes");
    seen[axis] = true;
    shape.push_back(type.getDimSize(axis));
  }
  inferred.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

LogicalResult ReshapeOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getResult().getType());
  if (in.getNumElements() != out.getNumElements())
    return emitOpError() << "cannot reshape " << shapeString(in.getShape())
                         << " (" << in.getNumElements() << " elements) into "
                         << shapeString(out.getShape()) << " ("
                         << out.getNumElements() << " elements)";
  return success();
}

LogicalResult SliceOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getResult().getType());
  ArrayRef<int64_t> offsets = getOffsets();
  if (in.getRank() != out.getRank())
    return emitOpError() << "result rank " << out.getRank()
                         << " differs from the operand rank " << in.getRank();
  if (static_cast<int64_t>(offsets.size()) != in.getRank())
    return emitOpError() << "needs one offset per axis: operand has rank "
                         << in.getRank() << " but " << offsets.size()
                         << " offsets are given";
  for (auto [axis, offset] : llvm::enumerate(offsets)) {
    int64_t size = out.getDimSize(axis), bound = in.getDimSize(axis);
    if (offset < 0 || offset + size > bound)
      return emitOpError() << "axis " << axis << ": elements [" << offset
                           << ", " << offset + size
                           << ") are out of range for size " << bound;
  }
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitOptionalError(location, "needs at least one operand");
  RankedTensorType first = getTensorType(inputs[0]);
  if (!first)
    return emitOptionalError(location, "expected ranked tensor operands");
  int64_t rank = first.getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return emitOptionalError(location, "axis ", axis,
                             " is out of range for operands of rank ", rank);
  SmallVector<int64_t> shape(first.getShape());
  for (auto [index, input] : llvm::enumerate(inputs.drop_front())) {
    RankedTensorType type = getTensorType(input);
    if (!type)
      return emitOptionalError(location, "expected ranked tensor operands");
    if (type.getRank() != rank)
      return emitOptionalError(location, "operand #", index + 1, " has rank ",
                               type.getRank(), " but operand #0 has rank ",
                               rank);
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && type.getDimSize(d) != first.getDimSize(d))
        return emitOptionalError(
            location, "operand #", index + 1, " has size ", type.getDimSize(d),
            " on axis ", d, " but operand #0 has size ", first.getDimSize(d));
    shape[axis] += type.getDimSize(axis);
  }
  inferred.push_back(RankedTensorType::get(shape, first.getElementType()));
  return success();
}

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> location,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  RankedTensorType lhs = getTensorType(adaptor.getLhs());
  RankedTensorType rhs = getTensorType(adaptor.getRhs());
  if (!lhs || !rhs || lhs.getRank() != 2 || rhs.getRank() != 2)
    return emitOptionalError(location, "operands must be matrices (rank 2)");
  bool tl = static_cast<bool>(adaptor.getTransposeLhs());
  bool tr = static_cast<bool>(adaptor.getTransposeRhs());
  int64_t m = lhs.getDimSize(tl ? 1 : 0), kl = lhs.getDimSize(tl ? 0 : 1);
  int64_t kr = rhs.getDimSize(tr ? 1 : 0), n = rhs.getDimSize(tr ? 0 : 1);
  if (kl != kr)
    return emitOptionalError(
        location,
        "contracting dimensions differ: ", shapeString(lhs.getShape()),
        tl ? " (transposed)" : "", " has inner size ", kl, " but ",
        shapeString(rhs.getShape()), tr ? " (transposed)" : "", " has ", kr);
  inferred.push_back(RankedTensorType::get({m, n}, lhs.getElementType()));
  return success();
}

#define SG_INFER_SCALAR(OP)                                                    \
  LogicalResult OP::inferReturnTypes(                                          \
      MLIRContext *, std::optional<Location> location, Adaptor adaptor,        \
      SmallVectorImpl<Type> &inferred) {                                       \
    return inferScalar(location, adaptor.getOperands(), inferred);             \
  }
SG_INFER_SCALAR(MvnKLOp)
SG_INFER_SCALAR(MvnEmpiricalKLOp)
SG_INFER_SCALAR(NormalLogPdfOp)
SG_INFER_SCALAR(BernoulliNegLogPdfOp)
SG_INFER_SCALAR(BernoulliLogitsNegLogPdfOp)
SG_INFER_SCALAR(SoftmaxCrossEntropyOp)
#undef SG_INFER_SCALAR

LogicalResult NormalOp::verify() {
  Type mean = getMean().getType(), stddev = getStddev().getType();
  if (stddev != mean)
    return emitOpError() << "standard deviation σ has type " << stddev
                         << " but mean μ has type " << mean
                         << "; a diagonal Gaussian needs one σ per element of "
                            "μ";
  if (getResult().getType() != mean)
    return emitOpError() << "sample type " << getResult().getType()
                         << " differs from the parameter type " << mean;
  return success();
}

LogicalResult BernoulliOp::verify() {
  if (getResult().getType() != getProb().getType())
    return emitOpError() << "sample type " << getResult().getType()
                         << " differs from the probability type "
                         << getProb().getType();
  return success();
}

LogicalResult BernoulliLogitsOp::verify() {
  if (getResult().getType() != getLogits().getType())
    return emitOpError() << "sample type " << getResult().getType()
                         << " differs from the logits type "
                         << getLogits().getType();
  return success();
}

LogicalResult CategoricalOp::verify() {
  if (getLogits().getType().getRank() == 0)
    return emitOpError("requires logits of rank >= 1: the classes are the "
                       "last axis (for one categorical over K classes use a "
                       "tensor<K x ...>)");
  if (getResult().getType() != getLogits().getType())
    return emitOpError() << "sample type " << getResult().getType()
                         << " differs from the logits type "
                         << getLogits().getType()
                         << " (samples are one-hot over the last axis)";
  return success();
}

#define GET_OP_CLASSES
#include "sg/SGOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Domains
//===----------------------------------------------------------------------===//

Domain ConstantOp::inferResultDomain(ArrayRef<Domain>) {
  auto dense = dyn_cast<DenseFPElementsAttr>(getValue());
  if (!dense) // e.g. dense_resource: the values are not at hand
    return Domain::Real;
  auto positive = [](const APFloat &v) {
    return v.isFiniteNonZero() && !v.isNegative();
  };
  if (dense.isSplat())
    return positive(dense.getSplatValue<APFloat>()) ? Domain::Positive
                                                    : Domain::Real;
  return llvm::all_of(dense.getValues<APFloat>(), positive) ? Domain::Positive
                                                            : Domain::Real;
}

SmallVector<DomainRequirement> MulAddOp::getDomainRequirements() {
  if (!SGDialect::ReparameterizedAttrHelper(getContext()).isAttrPresent(*this))
    return {};
  return {
      {0, Domain::Positive, "the standard deviation σ", "standard deviation"}};
}
