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
  if (!error.empty())
    return; // an earlier variant failed: one report is enough
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
  if (!path.empty())
    llvm::sys::fs::remove(path);
}

Packed Library::get(const std::string &graph, const std::string &suffix) const {
  if (!handle)
    return {};
  return {reinterpret_cast<Packed::Fn>(dlsym(handle, (graph + suffix).c_str())),
          reinterpret_cast<Packed::LastErrorFn>(
              dlsym(handle, (graph + "_last_error").c_str()))};
}

namespace {
// The model info's C layout, version 1 (docs/compiler.md, "The model info";
// Target/Header.cpp writes the same structs as C). Only the leading fields
// that are read here are declared: fields are only ever appended.
struct TensorDesc {
  const char *name;
  int role, dtype, rank;
  int64_t shape[8];
  int64_t size;
};
struct FunctionDesc {
  const char *name;
  int kind; // SGC_FORWARD 0, SGC_LOSS_GRAD 1
  int numArgs;
  const TensorDesc *args;
};
struct ModelInfo {
  int64_t version;
  const char *graph, *source, *options;
  int64_t numArgs;
  const TensorDesc *args;
  int64_t numOutputs;
  const TensorDesc *outputs;
  int64_t numBaselines;
  int64_t numFunctions;
  const FunctionDesc *functions;
};
} // namespace

std::vector<Slot> Library::layout(const std::string &graph,
                                  bool lossGrad) const {
  std::vector<Slot> slots;
  using InfoFn = const ModelInfo *(*)();
  auto info =
      handle
          ? reinterpret_cast<InfoFn>(dlsym(handle, (graph + "_info").c_str()))
          : nullptr;
  const ModelInfo *m = info ? info() : nullptr;
  if (!m || m->version != 1)
    return slots;
  for (int64_t f = 0; f < m->numFunctions; ++f) {
    const FunctionDesc &fn = m->functions[f];
    if (fn.kind != (lossGrad ? 1 : 0))
      continue;
    for (int a = 0; a < fn.numArgs; ++a)
      slots.push_back(
          {static_cast<Slot::Role>(fn.args[a].role), fn.args[a].size});
    break;
  }
  return slots;
}

void Packed::operator()(void *const *buffers, uint64_t seed,
                        uint64_t step) const {
  if (int rc = fn(buffers, seed, step))
    llvm::report_fatal_error(llvm::Twine("a compiled function failed with "
                                         "code ") +
                             llvm::Twine(rc) + ": " + lastError());
}
