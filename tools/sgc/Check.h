//===- Check.h - sgc check: built-in unit tests for ML code -----*- C++ -*-===//
#ifndef SGC_CHECK_H
#define SGC_CHECK_H

#include <cstdint>
#include <string>
#include <vector>

namespace sgc {

struct CheckOptions {
  std::string input;  ///< the model
  std::string sgc;    ///< this executable, to compile the model's variants
  int samples = 2000; ///< gradient estimates per estimator comparison
  uint64_t seed = 1;  ///< random inputs, parameters and samples
  std::string data; ///< IDX file feeding the inputs (empty: random)
  /// sgc's estimator options (--baseline, --baseline-decay, --score-costs,
  /// --score-rows, --no-enumerate), passed to every compilation of the model.
  std::vector<std::string> compileFlags;
};

/// Compiles the model's variants, runs the checks and prints a report.
/// Returns the process exit code (0: every check passed).
int runChecks(const CheckOptions &options);

} // namespace sgc

#endif // SGC_CHECK_H
