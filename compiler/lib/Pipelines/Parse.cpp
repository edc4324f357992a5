//===- Parse.cpp - read a model's source, within the parser's limits ------===//

#include "sg/Pipelines/Parse.h"

#include "mlir/Parser/Parser.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

const char *sg::findExcessiveNesting(llvm::StringRef source, unsigned limit) {
  unsigned depth = 0;
  const char *p = source.begin(), *end = source.end();
  while (p < end) {
    char c = *p;
    if (c == '"') { // a string literal, with backslash escapes
      for (++p; p < end && *p != '"'; ++p)
        if (*p == '\\')
          ++p;
    } else if (c == '/' && p + 1 < end && p[1] == '/') { // a comment
      while (p < end && *p != '\n')
        ++p;
    } else if (c == '{' || c == '[' || c == '(' || c == '<') {
      if (++depth > limit)
        return p;
    } else if (c == '}' || c == ']' || c == ')' ||
               (c == '>' && !(p > source.begin() && p[-1] == '-'))) {
      // `->` is an arrow, not a closing bracket. Unbalanced text (a `>=` in
      // an integer set) only ever lowers the count, which the parser then
      // rejects or accepts on its own.
      if (depth)
        --depth;
    }
    ++p;
  }
  return nullptr;
}

LogicalResult sg::checkNestingDepth(llvm::SourceMgr &sourceMgr) {
  llvm::StringRef text =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID())->getBuffer();
  const char *where = findExcessiveNesting(text);
  if (!where)
    return success();
  // Printed as MLIR prints a located error, without the source line (the
  // line of a deep literal can be megabytes long).
  auto [line, column] =
      sourceMgr.getLineAndColumn(llvm::SMLoc::getFromPointer(where));
  llvm::errs() << sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID())
                      ->getBufferIdentifier()
               << ":" << line << ":" << column
               << ": error: nesting deeper than " << kMaxNestingDepth
               << " levels (regions, attributes, types or literals)\n";
  return failure();
}

OwningOpRef<ModuleOp> sg::parseModule(llvm::SourceMgr &sourceMgr,
                                      MLIRContext *context) {
  if (failed(checkNestingDepth(sourceMgr)))
    return nullptr;
  return parseSourceFile<ModuleOp>(sourceMgr, context);
}
