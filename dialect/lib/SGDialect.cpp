//===- SGDialect.cpp - the sg dialect -------------------------------------===//
//
// Dialect registration and the verification of argument roles.
//
//===----------------------------------------------------------------------===//

#include "sg/SGDialect.h"
#include "sg/SGOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

using namespace mlir;
using namespace mlir::sg;

#include "sg/SGOpsDialect.cpp.inc"

// Checks that `attribute` has the type its declaration (discardableAttrs in
// SGDialect.td) gives it.
template <typename Helper>
static std::optional<LogicalResult> verifyDeclared(Operation *op,
                                                   NamedAttribute attribute) {
  if (attribute.getName() != Helper::getNameStr())
    return std::nullopt;
  using AttrType = decltype(Helper(op->getContext()).getAttr(op));
  if (isa<AttrType>(attribute.getValue()))
    return success();
  return op->emitError() << "'" << attribute.getName().strref()
                         << "' has the wrong type of value: "
                         << attribute.getValue();
}

void SGDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "sg/SGOps.cpp.inc"
      >();
}

// Roles are dialect attributes on graph arguments. Catching a misspelt role
// here matters: an argument without a role would otherwise be rejected with a
// less helpful message, and one with an extra unknown role silently ignored.
LogicalResult SGDialect::verifyRegionArgAttribute(Operation *op,
                                                  unsigned regionIndex,
                                                  unsigned argIndex,
                                                  NamedAttribute attribute) {
  StringRef name = attribute.getName().strref();
  if (name == kArgNameAttrName) {
    if (!isa<StringAttr>(attribute.getValue()) || isa<GraphOp>(op))
      return op->emitError() << "'" << name
                             << "' is a string naming an argument of a "
                                "generated function";
    return success();
  }
  if (name == kNumElementsAttrName || name == kElementTypeAttrName ||
      name == kGradOfAttrName) {
    bool typed = name == kElementTypeAttrName
                     ? isa<TypeAttr>(attribute.getValue())
                     : isa<IntegerAttr>(attribute.getValue());
    if (!typed || isa<GraphOp>(op))
      return op->emitError()
             << "'" << name
             << "' describes a buffer argument of a generated "
                "function ("
             << (name == kElementTypeAttrName ? "a type" : "an integer") << ")";
    return success();
  }
  bool role = name == kParamAttrName || name == kInputAttrName;
  bool key = name == kSeedAttrName || name == kStepAttrName ||
             name == kFirstRowAttrName;
  if (!role && !key)
    return op->emitError() << "argument #" << argIndex << " has unknown role '"
                           << name << "'; expected '" << kParamAttrName
                           << "' or '" << kInputAttrName << "'";
  if (!isa<UnitAttr>(attribute.getValue()))
    return op->emitError() << "argument #" << argIndex << " role '" << name
                           << "' takes no value";
  if (role && !isa<GraphOp>(op))
    return op->emitError() << "role '" << name
                           << "' is only meaningful on sg.graph arguments";
  if (key && isa<GraphOp>(op))
    return op->emitError() << "'" << name
                           << "' marks an argument of a generated function, "
                              "not of an sg.graph";
  // The random streams and the row offset are 64-bit counters: lowering
  // splits them into 32-bit halves, which any other width would break.
  if (key)
    if (auto fn = dyn_cast<FunctionOpInterface>(op);
        fn && argIndex < fn.getNumArguments() &&
        !fn.getArgumentTypes()[argIndex].isSignlessInteger(64))
      return op->emitError()
             << "argument #" << argIndex << " marked '" << name << "' has type "
             << fn.getArgumentTypes()[argIndex] << "; expected i64";
  return success();
}

LogicalResult SGDialect::verifyOperationAttribute(Operation *op,
                                                  NamedAttribute attribute) {
  for (auto verify : {
           verifyDeclared<KindAttrHelper>,
           verifyDeclared<GraphAttrHelper>,
           verifyDeclared<NumBaselinesAttrHelper>,
           verifyDeclared<BatchSizeAttrHelper>,
           verifyDeclared<BaselineSamplesAttrHelper>,
           verifyDeclared<KinkCountsAttrHelper>,
           verifyDeclared<CheckedAttrHelper>,
           verifyDeclared<KinksAttrHelper>,
           verifyDeclared<ChecksAttrHelper>,
           verifyDeclared<OptionsAttrHelper>,
           verifyDeclared<OptimizerAttrHelper>,
           verifyDeclared<KinkAttrHelper>,
           verifyDeclared<ReparameterizedAttrHelper>,
           verifyDeclared<ScoreFunctionAttrHelper>,
           verifyDeclared<EnumerateAttrHelper>,
           verifyDeclared<RowsAttrHelper>,
           verifyDeclared<LowerAttrHelper>,
           verifyDeclared<UpperAttrHelper>,
           verifyDeclared<UnstableAttrHelper>,
       })
    if (std::optional<LogicalResult> result = verify(op, attribute))
      return *result;
  return op->emitError() << "unknown sg attribute '"
                         << attribute.getName().strref() << "'";
}

#include "sg/SGInterfaces.cpp.inc"
