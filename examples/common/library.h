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

/// Stops the program if a call into a compiled library (or the runtime)
/// returned `rc` != 0. The apps pass their own buffers and steps below 2^32,
/// so a failure is a bug: prints "<model>: <what> failed (<rc>): <message>"
/// and aborts.
void require(int rc, const char *model, const char *what, const char *message);

#endif // SG_EXAMPLES_LIBRARY_H
