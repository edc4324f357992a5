//===- Library.cpp - A model compiled by this sgc and loaded --------------===//

#include "Library.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"

#include <dlfcn.h>

using namespace sgc;

Library::Library(const std::string &sgc, const std::string &input,
                 const std::string &dir, const std::string &name,
                 std::vector<std::string> flags, std::string &error) {
  path = dir + "/" + name + ".so";
  std::vector<std::string> argv{sgc, input, "-w", "-o", path};
  argv.insert(argv.end(), flags.begin(), flags.end());
  std::vector<llvm::StringRef> refs(argv.begin(), argv.end());
  if (llvm::sys::ExecuteAndWait(sgc, refs) != 0) {
    error = "compiling " + name + " failed";
    return;
  }
  handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    error = dlerror();
}

Library::~Library() {
  if (handle)
    dlclose(handle);
  llvm::sys::fs::remove(path);
}

Packed Library::get(const std::string &graph, const std::string &suffix) const {
  if (!handle)
    return {};
  return {reinterpret_cast<Packed::Fn>(dlsym(handle, (graph + suffix).c_str())),
          reinterpret_cast<Packed::LastErrorFn>(
              dlsym(handle, (graph + "_last_error").c_str()))};
}

void Packed::operator()(void *const *buffers, uint64_t seed,
                        uint64_t step) const {
  if (int rc = fn(buffers, seed, step))
    llvm::report_fatal_error(llvm::Twine("a compiled function failed with "
                                         "code ") +
                             llvm::Twine(rc) + ": " + lastError());
}
