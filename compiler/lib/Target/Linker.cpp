//===- Linker.cpp - link an object file into a shared object --------------===//
//
// The shared object carries the runtime (linked from its static, PIC archive
// with its symbols hidden) and names only OpenBLAS, zlib, libm and libc.
// `-z defs` turns any unresolved symbol into a link error instead of a
// library that fails when loaded (except with a sanitized runtime, below).
//
//===----------------------------------------------------------------------===//

#include "sg/Target/Linker.h"
#include "sg/Target/OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static std::string findRuntime(const sgc::LinkOptions &options) {
  if (!options.runtimeLib.empty())
    return options.runtimeLib;
  std::string exe = sys::fs::getMainExecutable(
      options.argv0.c_str(), reinterpret_cast<void *>(&findRuntime));
  SmallString<256> path(sys::path::parent_path(sys::path::parent_path(exe)));
  sys::path::append(path, "lib", "libsg_runtime.a");
  return std::string(path);
}

static std::string findLinker(const sgc::LinkOptions &options, bool &isClang) {
  isClang = false;
  if (!options.linker.empty()) {
    isClang = StringRef(options.linker).contains("clang");
    if (auto p = sys::findProgramByName(options.linker))
      return *p;
    return options.linker;
  }
  for (const char *name : {"clang-19", "/usr/lib/llvm-19/bin/clang"}) {
    if (auto p = sys::findProgramByName(name)) {
      isClang = true;
      return *p;
    }
  }
  if (auto p = sys::findProgramByName("cc"))
    return *p;
  return "";
}

bool sgc::linkSharedObject(ArrayRef<char> object, StringRef output,
                           const LinkOptions &options, std::string &error) {
  std::string runtime = findRuntime(options);
  if (!sys::fs::exists(runtime)) {
    error = "runtime library '" + runtime +
            "' not found (build the sg_runtime target or pass --runtime-lib)";
    return false;
  }
  bool isClang;
  std::string linker = findLinker(options, isClang);
  if (linker.empty()) {
    error = "no linker found: install clang-19 or pass --linker";
    return false;
  }

  SmallString<128> objPath, logPath;
  if (sys::fs::createTemporaryFile("sgc", "o", objPath) ||
      sys::fs::createTemporaryFile("sgc-link", "log", logPath)) {
    error = "cannot create temporary files";
    return false;
  }
  FileRemover objRemover(objPath), logRemover(logPath);
  {
    std::error_code ec;
    raw_fd_ostream os(objPath, ec);
    if (ec) {
      error = "cannot write " + std::string(objPath) + ": " + ec.message();
      return false;
    }
    os.write(object.data(), object.size());
  }

  // The linker writes a new file next to the output, renamed over it once
  // linked: a failed link leaves an existing output as it was, and a
  // loader never sees a half-written library.
  // (A device such as /dev/null is written in place.)
  bool atomic = mlir::sg::isReplacedAtomically(output);
  SmallString<256> linkedPath(output);
  if (atomic && sys::fs::createUniqueFile(output + ".tmp-%%%%%%", linkedPath)) {
    error = "cannot create a file next to '" + output.str() + "'";
    return false;
  }
  FileRemover linkedRemover(linkedPath, /*deleteIt=*/atomic);
  if (atomic)
    sys::RemoveFileOnSignal(linkedPath);
  std::string outputStr = std::string(linkedPath);
  SmallVector<StringRef> args{linker,    "-shared", "-o",
                              outputStr, objPath,   runtime};
  if (isClang)
    args.push_back("-fuse-ld=lld");
  args.push_back("-Wl,--exclude-libs,ALL");
  // A library's calls between its own exported functions (a packed entry
  // point calling its typed function, sgc_models) bind to its own code. Bound
  // through the dynamic symbol table they would reach the first library in
  // the global scope with the same names: a program that links a model and
  // loads the same graph compiled with other flags (another batch size, the
  // scalar score scheme) would run the linked model's code on the loaded
  // model's buffers.
  args.push_back("-Wl,-Bsymbolic");
#ifndef SG_SANITIZED_RUNTIME
  args.push_back("-Wl,-z,defs");
#endif
  // Otherwise (-DSG_SANITIZE=ON) the runtime archive calls into the ASan and
  // UBSan runtimes, which only an instrumented executable carries (clang links
  // them into executables, never into shared objects): the references stay
  // undefined until the model is loaded into such a program.
  args.append({"-lopenblas", "-lz", "-lm"});
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(logPath),
                                          StringRef(logPath)};
  std::string execError;
  int rc = sys::ExecuteAndWait(linker, args, std::nullopt, redirects, 0, 0,
                               &execError);
  if (rc != 0) {
    std::string log;
    if (auto buf = MemoryBuffer::getFile(logPath))
      log = (*buf)->getBuffer().str();
    error = "linking with " + linker + " failed" +
            (execError.empty() ? "" : ": " + execError) +
            (log.empty() ? "" : "\n" + log);
    return false;
  }
  if (!atomic)
    return true;
  if (std::error_code ec = sys::fs::rename(linkedPath, output)) {
    error = "cannot write '" + output.str() + "': " + ec.message();
    return false;
  }
  linkedRemover.releaseFile();
  sys::DontRemoveFileOnSignal(linkedPath);
  return true;
}
