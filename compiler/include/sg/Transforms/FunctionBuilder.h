//===- FunctionBuilder.h - functions generated from graphs ------*- C++ -*-===//
//
// The forward and gradient passes both turn an sg.graph into a func.func
// with the graph's arguments plus the RNG key; this helper does the shared
// part.
//
//===----------------------------------------------------------------------===//
#ifndef SG_FUNCTIONBUILDER_H
#define SG_FUNCTIONBUILDER_H

#include "sg/SGOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::sg {

class GeneratedFunction {
public:
  /// Starts `func.func @<graph>_<kind>(graph args..., %seed: i64 {sg.seed},
  /// %step: i64 {sg.step})` right after the graph; the result types are set
  /// by finish().
  GeneratedFunction(GraphOp graph, llvm::StringRef kind);

  /// Clones the graph body into the function, collecting the (mapped) cost
  /// and output values instead of cloning sg.cost / sg.output.
  void cloneBody(llvm::SmallVectorImpl<Value> &costs,
                 llvm::SmallVectorImpl<Value> &outputs);

  /// The sum of the given scalars (a 0 constant when there are none).
  Value sumCosts(llvm::ArrayRef<Value> costs);

  /// Returns `results` and fixes the function type.
  void finish(llvm::ArrayRef<Value> results);

  OpBuilder &builder() { return builder_; }
  IRMapping &mapping() { return mapping_; }
  func::FuncOp function() { return func_; }
  GraphOp graph() { return graph_; }
  Location loc() { return graph_.getLoc(); }

private:
  GraphOp graph_;
  func::FuncOp func_;
  OpBuilder builder_;
  IRMapping mapping_;
};

/// "file:line:col" of `loc`, or "?" when it has no file position: how
/// checks and kinks name an operation in messages and header tables.
std::string describeLocation(Location loc);

/// One entry of the module's `sg.checks` or `sg.kinks` table:
/// {op = "sg.log", file = "m.mlir", line = 3, column = 8, what = "..."}
/// (file "" and line 0 when the op has no file position). Structured, so
/// the header and the library's exported model info need not parse text.
DictionaryAttr describeSite(Operation *op, StringRef name, StringRef what);

/// Makes `value` one more result of `func`, returned after the others
/// (checked mode's status, the kink counts).
void appendResult(func::FuncOp func, Value value);

/// A 0-d tensor of `intType` filled with 0: the accumulator of the counting
/// reductions (checked mode's violations, the kink counts).
Value zeroCounter(OpBuilder &b, Location loc, IntegerType intType);

} // namespace mlir::sg

#endif // SG_FUNCTIONBUILDER_H
