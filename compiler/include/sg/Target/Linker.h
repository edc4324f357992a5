//===- Linker.h - link an object file into a shared object ------*- C++ -*-===//
#ifndef SG_TARGET_LINKER_H
#define SG_TARGET_LINKER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace sgc {

struct LinkOptions {
  /// The compiler driver used to link; empty: clang-19, else cc.
  std::string linker;
  /// The runtime archive; empty: <directory of sgc>/../lib/libsg_runtime.a.
  std::string runtimeLib;
  /// Path of argv[0], to find the runtime next to sgc.
  std::string argv0;
};

/// Links `object` (the bytes of an ELF object) with the runtime archive into
/// the shared object `output`. Returns false with `error` set on failure.
bool linkSharedObject(llvm::ArrayRef<char> object, llvm::StringRef output,
                      const LinkOptions &options, std::string &error);

} // namespace sgc

#endif // SGC_LINKER_H
