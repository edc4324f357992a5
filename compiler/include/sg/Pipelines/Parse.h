//===- Parse.h - read a model's source, within the parser's limits -*- C++
//-*-===//
//
// MLIR's parser recurses once per level of nesting (regions, attributes,
// types, dense literals) and has no depth limit: a few thousand nested
// `module {` or a `dense<[[...]]>` 100,000 levels deep overflow the stack.
// Every tool measures the nesting first, which is linear in the text and
// needs no stack, and refuses a deeper input with a located error.
//
//===----------------------------------------------------------------------===//

#ifndef SG_PIPELINES_PARSE_H
#define SG_PIPELINES_PARSE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mlir::sg {

/// The deepest nesting of brackets a source may have. A real model nests a
/// dozen levels (a rank-r dense literal adds r); the parser needs a few KB of
/// stack per level, so this keeps it under 2 MB, far below any stack.
constexpr unsigned kMaxNestingDepth = 256;

/// The position of the first bracket (`{`, `[`, `(`, `<`) that opens level
/// `limit + 1`, outside string literals and comments; nullptr when the
/// source nests at most `limit` levels.
const char *findExcessiveNesting(llvm::StringRef source,
                                 unsigned limit = kMaxNestingDepth);

/// Reports, as an error located in `sourceMgr`'s main buffer, a nesting
/// deeper than kMaxNestingDepth; fails when it reported one.
LogicalResult checkNestingDepth(llvm::SourceMgr &sourceMgr);

/// parseSourceFile<ModuleOp>, after checkNestingDepth.
OwningOpRef<ModuleOp> parseModule(llvm::SourceMgr &sourceMgr,
                                  MLIRContext *context);

} // namespace mlir::sg

#endif // SG_PIPELINES_PARSE_H
