//===- Verify.h - sgc import-nnet and sgc verify ----------------*- C++ -*-===//
#ifndef SGC_VERIFY_H
#define SGC_VERIFY_H

#include <string>

namespace sgc {

/// `sgc import-nnet net.nnet -o net.mlir`; returns the exit code.
int importNNetCommand(int argc, char **argv);

/// `sgc verify net.mlir --property prop.vnnlib ...`; `sgc` is this
/// executable (it compiles the network to confirm counterexamples).
int verifyCommand(int argc, char **argv, const std::string &sgc);

} // namespace sgc

#endif // SGC_VERIFY_H
