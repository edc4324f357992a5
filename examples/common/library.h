//===- library.h - compile a model with sgc and load it ---------*- C++ -*-===//
#ifndef SG_EXAMPLES_LIBRARY_H
#define SG_EXAMPLES_LIBRARY_H

#include <string>
#include <vector>

/// Compiles `model` with `sgc` and its `flags` (e.g. --batch-size=100) into
/// the shared library `lib`, without a shell. Always recompiles (the apps'
/// models take well under a second): a cached library could be stale after
/// sgc or the model changed. Returns false with `error` set on failure.
bool compileModel(const std::string &sgc, const std::string &model,
                  const std::vector<std::string> &flags, const std::string &lib,
                  std::string &error);

/// compileModel, then loads the library (dlopen). Returns the handle, or
/// null with `error` set.
void *compileAndOpen(const std::string &sgc, const std::string &model,
                     const std::vector<std::string> &flags,
                     const std::string &lib, std::string &error);

#endif // SG_EXAMPLES_LIBRARY_H
