//===- Library.cpp - A model compiled by this sgc and loaded --------------===//

#include "Library.h"

#include "llvm/ADT/StringRef.h"
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

Packed Library::get(const std::string &symbol) const {
  return handle ? reinterpret_cast<Packed>(dlsym(handle, symbol.c_str()))
                : nullptr;
}
