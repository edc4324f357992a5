//===- Readers.h - .nnet networks and VNN-LIB properties --------*- C++ -*-===//
//
// Readers for the two text formats of neural-network verification
// benchmarks (ACAS Xu, VNN-COMP):
//  - `.nnet` (Kyle Julian, Stanford 2016): a fully connected ReLU network
//    with input/output normalization data in its header;
//  - VNN-LIB (an SMT-LIB subset): box constraints on inputs X_i and linear
//    constraints on outputs Y_j that describe the *unsafe* region.
// Errors are located "file:line:col: message" strings; readers never abort
// or crash on bad input.
//
//===----------------------------------------------------------------------===//
#ifndef SG_VERIFY_READERS_H
#define SG_VERIFY_READERS_H

#include "sg/NetworkVerification/Network.h"

#include <string>
#include <vector>

namespace mlir::sg::verify {

/// The header data of a .nnet file that is not part of the function the
/// network computes (the verifier works in the normalized space).
struct NNetInfo {
  std::vector<size_t> layerSizes; ///< input, hidden..., output
  std::vector<double> inputMin, inputMax;
  std::vector<double> means, ranges; ///< inputs..., then the output
};

/// Reads a .nnet file: affine layers with relu between them (none after the
/// last). `text` is the file's contents and `name` its name for messages.
/// Returns false and sets `error` ("name:line:col: ...") on malformed input.
bool parseNNet(const std::string &text, const std::string &name,
               Network &network, NNetInfo &info, std::string &error);

/// A linear constraint on the outputs: sum_j coeffs[j] * Y_j <= rhs.
struct LinearConstraint {
  std::vector<double> coeffs;
  double rhs = 0;
};

/// One region of a VNN-LIB property: x in `box` and y = f(x) satisfying
/// every constraint of one of `unsafe` (a disjunction of conjunctions).
struct PropertyCase {
  Box box;
  std::vector<std::vector<LinearConstraint>> unsafe;
};

/// A VNN-LIB property: the unsafe set is the union of its cases. `unsat`
/// means no input reaches it: the property holds. The asserts are brought
/// into disjunctive normal form; each term splits into a box on X and a
/// conjunction on Y, and terms with the same box share a case.
struct Property {
  size_t numInputs = 0, numOutputs = 0;
  std::vector<PropertyCase> cases;

  /// Whether y satisfies every constraint of some disjunct of `c` (with
  /// slack `tolerance` on each constraint: c.y <= rhs + tolerance).
  static bool isUnsafeOutput(const PropertyCase &c,
                             const std::vector<double> &y,
                             double tolerance = 0);
};

/// Reads a VNN-LIB property: `declare-const` of X_i and Y_j (Real), and
/// `assert`s of `<=`/`>=` atoms (strict `<`/`>` are read as non-strict, as
/// VNN-COMP does), `and`, `or`, over linear terms (numbers, variables,
/// `+`, `-`, `*` by a constant). Input atoms must bound a single X_i by a
/// constant; every X_i needs a lower and an upper bound in every disjunct.
/// Returns false and sets `error` ("name:line:col: ...") on malformed input.
bool parseVnnLib(const std::string &text, const std::string &name,
                 Property &property, std::string &error);

/// Reads a whole file; false with "name: cannot open file" on failure.
bool readFile(const std::string &path, std::string &text, std::string &error);

} // namespace mlir::sg::verify

#endif // SG_VERIFY_READERS_H
