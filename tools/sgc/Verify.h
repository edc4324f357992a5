//===- Verify.h - sgc import-nnet and sgc verify ----------------*- C++ -*-===//
#ifndef SGC_VERIFY_H
#define SGC_VERIFY_H

#include "llvm/Support/CommandLine.h"

#include <string>

namespace sgc {

/// `sgc import-nnet net.nnet -o net.mlir`: the sub-command and the category
/// of its options (main parses the command line).
extern llvm::cl::SubCommand importNNetSubCommand;
extern llvm::cl::OptionCategory importNNetCategory;
/// Runs `sgc import-nnet` on the parsed options; returns the exit code.
int importNNetCommand();

/// `sgc verify net.mlir --property prop.vnnlib ...`.
extern llvm::cl::SubCommand verifySubCommand;
extern llvm::cl::OptionCategory verifyCategory;
/// Runs `sgc verify` on the parsed options; `sgc` is this executable (it
/// compiles the network to confirm counterexamples).
int verifyCommand(const std::string &sgc);

} // namespace sgc

#endif // SGC_VERIFY_H
