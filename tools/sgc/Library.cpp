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

std::vector<Slot> Library::layout(const std::string &graph,
                                  bool lossGrad) const {
  std::vector<Slot> slots;
  using InfoFn = const sgc_model_info *(*)();
  auto info =
      handle
          ? reinterpret_cast<InfoFn>(dlsym(handle, (graph + "_info").c_str()))
          : nullptr;
  const sgc_model_info *m = info ? info() : nullptr;
  if (!m || m->version != SGC_MODEL_INFO_VERSION)
    return slots;
  for (int64_t f = 0; f < m->num_functions; ++f) {
    const sgc_function_desc &fn = m->functions[f];
    if (fn.kind != (lossGrad ? SGC_LOSS_GRAD : SGC_FORWARD))
      continue;
    for (int a = 0; a < fn.num_args; ++a)
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
