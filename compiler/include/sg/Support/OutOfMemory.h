//===- OutOfMemory.h - out of memory is an error, not a crash ---*- C++ -*-===//
//
// By default an allocation that fails inside LLVM or MLIR ends the process
// with "LLVM ERROR: out of memory" and abort() (a core dump, status 134). The
// sg tools instead print "<tool>: error: out of memory", remove the
// temporary files they registered (RemoveFileOnSignal) and exit with
// status 1, like any other error.
//
//===----------------------------------------------------------------------===//
#ifndef SG_SUPPORT_OUTOFMEMORY_H
#define SG_SUPPORT_OUTOFMEMORY_H

#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Signals.h"

#include <cstring>
#include <new>
#include <unistd.h>

namespace mlir::sg {
namespace detail {
inline const char *&outOfMemoryTool() {
  static const char *tool = "sg";
  return tool;
}

/// Nothing here may allocate: only write(2) of strings that exist already.
[[noreturn]] inline void outOfMemory(const char *reason) {
  auto say = [](const char *s) { (void)!::write(2, s, std::strlen(s)); };
  say(outOfMemoryTool());
  say(": error: out of memory");
  if (reason && *reason) {
    say(" (");
    say(reason);
    say(")");
  }
  say("\n");
  llvm::sys::RunInterruptHandlers();
  ::_exit(1);
}
} // namespace detail

/// Makes a failed allocation (operator new, or LLVM's checked mallocs) a
/// message and exit status 1 for the tool named `tool` (a string literal).
inline void installOutOfMemoryHandler(const char *tool) {
  detail::outOfMemoryTool() = tool;
  std::set_new_handler([] { detail::outOfMemory(nullptr); });
  llvm::install_bad_alloc_error_handler(
      [](void *, const char *reason, bool) { detail::outOfMemory(reason); });
}

} // namespace mlir::sg

#endif // SG_SUPPORT_OUTOFMEMORY_H
