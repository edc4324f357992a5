//===- library.cpp - compile a model with sgc and load it -----------------===//

#include "library.h"
#include "process.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

bool compileModel(const std::string &sgc, const std::string &model,
                  const std::vector<std::string> &flags, const std::string &lib,
                  std::string &error) {
  std::vector<std::string> argv{sgc, model};
  argv.insert(argv.end(), flags.begin(), flags.end());
  argv.insert(argv.end(), {"-o", lib});
  int rc = runProgram(argv, /*quiet=*/false, error);
  if (rc > 0)
    error = "compiling the model with " + sgc + " failed (exit status " +
            std::to_string(rc) + ")";
  return rc == 0;
}

void *compileAndOpen(const std::string &sgc, const std::string &model,
                     const std::vector<std::string> &flags,
                     const std::string &lib, std::string &error) {
  if (!compileModel(sgc, model, flags, lib, error))
    return nullptr;
  void *handle = dlopen(lib.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    error = dlerror();
  return handle;
}

void require(int rc, const char *model, const char *what, const char *message) {
  if (rc == 0)
    return;
  std::fprintf(stderr, "%s: %s failed (%d): %s\n", model, what, rc, message);
  std::abort();
}
