//===- GraphOp.cpp - the sg.graph operation -------------------------------===//
//
// Parsing, printing and Certigrad's decidable well-formedness conditions.
//
//===----------------------------------------------------------------------===//

#include "sg/SGOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::sg;

void GraphOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                    FunctionType type, ArrayRef<StringRef> argNames) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute(getFunctionTypeAttrName(state.name), TypeAttr::get(type));
  if (!argNames.empty())
    state.addAttribute(getArgNamesAttrName(state.name),
                       builder.getStrArrayAttr(argNames));
  Region *body = state.addRegion();
  Block *block = new Block();
  for (Type argType : type.getInputs())
    block->addArgument(argType, state.location);
  body->push_back(block);
}

// The syntax is a function's, `sg.graph @name(%x: T {role}, ...) {body}`,
// parsed by hand rather than by function_interface_impl so that the argument
// names survive: they name the parameters of the compiled C functions.
ParseResult GraphOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &builder = parser.getBuilder();
  StringAttr name;
  if (parser.parseSymbolName(name, SymbolTable::getSymbolAttrName(),
                             result.attributes))
    return failure();

  SmallVector<OpAsmParser::Argument> args;
  if (parser.parseArgumentList(args, OpAsmParser::Delimiter::Paren,
                               /*allowType=*/true, /*allowAttrs=*/true))
    return failure();
  SmallVector<Type> argTypes;
  SmallVector<StringRef> argNames;
  for (OpAsmParser::Argument &arg : args) {
    argTypes.push_back(arg.type);
    argNames.push_back(arg.ssaName.name.drop_front()); // drop the '%'
  }
  result.addAttribute(getFunctionTypeAttrName(result.name),
                      TypeAttr::get(builder.getFunctionType(argTypes, {})));
  result.addAttribute(getArgNamesAttrName(result.name),
                      builder.getStrArrayAttr(argNames));
  function_interface_impl::addArgAndResultAttrs(
      builder, result, args, /*resultAttrs=*/{},
      getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name));

  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  Region *body = result.addRegion();
  SMLoc bodyLoc = parser.getCurrentLocation();
  if (parser.parseRegion(*body, args))
    return failure();
  if (body->empty())
    return parser.emitError(bodyLoc, "sg.graph needs a body");
  return success();
}

void GraphOp::print(OpAsmPrinter &printer) {
  printer << ' ';
  printer.printSymbolName(getSymName());
  printer << '(';
  ArrayAttr argAttrs = getArgAttrsAttr();
  llvm::interleaveComma(
      getBody().getArguments(), printer, [&](BlockArgument arg) {
        ArrayRef<NamedAttribute> attrs;
        if (argAttrs)
          attrs = cast<DictionaryAttr>(argAttrs[arg.getArgNumber()]).getValue();
        printer.printRegionArgument(arg, attrs);
      });
  printer << ')';
  printer.printOptionalAttrDictWithKeyword(
      (*this)->getAttrs(),
      {SymbolTable::getSymbolAttrName(), getFunctionTypeAttrName(),
       getArgAttrsAttrName(), getResAttrsAttrName(), getArgNamesAttrName()});
  printer << ' ';
  printer.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

void GraphOp::getAsmBlockArgumentNames(Region &region,
                                       OpAsmSetValueNameFn setName) {
  for (BlockArgument arg : region.getArguments())
    setName(arg, getArgName(arg.getArgNumber()));
}

std::string GraphOp::getArgName(unsigned index) {
  ArrayAttr names = getArgNamesAttr();
  if (names && index < names.size())
    if (auto name = dyn_cast<StringAttr>(names[index]))
      if (!name.getValue().empty())
        return name.getValue().str();
  return "arg" + std::to_string(index);
}

bool GraphOp::isParam(unsigned index) {
  return static_cast<bool>(getArgAttr(index, SGDialect::kParamAttrName));
}

bool GraphOp::isInput(unsigned index) {
  return static_cast<bool>(getArgAttr(index, SGDialect::kInputAttrName));
}

Type GraphOp::getElementType() {
  for (Type type : getArgumentTypes())
    if (auto tensor = dyn_cast<RankedTensorType>(type))
      return tensor.getElementType();
  for (Operation &op : getBody().front())
    for (Type type : op.getResultTypes())
      if (auto tensor = dyn_cast<RankedTensorType>(type))
        return tensor.getElementType();
  return {};
}

static bool isStaticFloatTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.hasStaticShape() &&
         isa<Float32Type, Float64Type>(tensor.getElementType());
}

LogicalResult GraphOp::verifyRegions() {
  if (!getResultTypes().empty())
    return emitOpError("has no results; mark returned values with sg.output");

  Block &body = getBody().front();
  if (ArrayAttr names = getArgNamesAttr()) {
    if (names.size() != body.getNumArguments())
      return emitOpError() << "has " << names.size() << " argument names for "
                           << body.getNumArguments() << " arguments";
    llvm::StringSet<> seen;
    for (auto [index, name] :
         llvm::enumerate(names.getAsValueRange<StringAttr>()))
      if (!name.empty() && !seen.insert(name).second)
        return emitOpError() << "argument #" << index << " reuses the name '"
                             << name << "'; argument names must be distinct";
  }

  Type elementType;
  auto checkElementType = [&](Type type, Location loc) -> LogicalResult {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor)
      return success(); // Operation verifiers report non-tensor types.
    if (!elementType) {
      elementType = tensor.getElementType();
      return success();
    }
    if (tensor.getElementType() == elementType)
      return success();
    return mlir::emitError(loc) << "graph mixes element types " << elementType
                                << " and " << tensor.getElementType()
                                << "; a graph is compiled at one precision";
  };

  // Arguments: a static f32/f64 tensor type and exactly one role each.
  for (auto [index, arg] : llvm::enumerate(body.getArguments())) {
    if (!isStaticFloatTensor(arg.getType()))
      return emitOpError() << "argument %" << getArgName(index) << " (#"
                           << index << ") has type "
                           << arg.getType()
                           << "; expected a statically shaped tensor of f32 "
                              "or f64";
    bool param = isParam(index), input = isInput(index);
    if (param && input)
      return emitOpError() << "argument %" << getArgName(index) << " (#"
                           << index << ") has two roles; give it exactly one of "
                              "{sg.param} or {sg.input}";
    if (!param && !input)
      return emitOpError() << "argument %" << getArgName(index) << " (#"
                           << index << ") has no role; mark it {sg.param} (trainable) "
                              "or {sg.input} (data)";
    if (failed(checkElementType(arg.getType(), getLoc())))
      return failure();
  }

  bool hasCostOrOutput = false;
  for (Operation &op : body) {
    if (op.getDialect() != getOperation()->getDialect() || isa<GraphOp>(op))
      return op.emitOpError()
             << "is not allowed in an sg.graph: its body holds only sg "
                "operations";
    hasCostOrOutput |= isa<CostOp, OutputOp>(op);
    for (Type type : op.getResultTypes())
      if (failed(checkElementType(type, op.getLoc())))
        return failure();
    for (Type type : op.getOperandTypes())
      if (failed(checkElementType(type, op.getLoc())))
        return failure();
  }
  if (!hasCostOrOutput)
    return emitOpError("has no sg.cost and no sg.output: nothing to compute");
  return success();
}
