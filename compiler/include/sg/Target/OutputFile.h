//===- OutputFile.h - write a tool's output without losing data -*- C++ -*-===//
//
// The rules every sg tool follows for its output file: it is never its own
// input, it is replaced atomically (a temporary file next to it, renamed
// over it once complete), and a file the tool did not create is never
// removed, whatever fails.
//
//===----------------------------------------------------------------------===//

#ifndef SG_TARGET_OUTPUTFILE_H
#define SG_TARGET_OUTPUTFILE_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::sg {

/// Fails, with `error` naming both, when `output` is the file `input`
/// (the same path, a hard link or a symbolic link to it). "-" (standard
/// input/output) and an output that does not exist yet never clash.
LogicalResult checkOutputIsNotInput(StringRef input, StringRef output,
                                    std::string &error);

/// True when `output` is replaced by renaming a temporary file over it: a
/// regular file or a path that does not exist yet (not "-", a device or a
/// pipe, which are written in place).
bool isReplacedAtomically(StringRef output);

/// Calls `write` with a stream into `output` ("-": standard output) and
/// makes the result visible only when `write` succeeds and the data is
/// written; on failure an existing `output` is left as it was.
LogicalResult writeOutputFile(StringRef output,
                              function_ref<LogicalResult(raw_ostream &)> write,
                              std::string &error);

} // namespace mlir::sg

#endif // SG_TARGET_OUTPUTFILE_H
