//===- readers_fuzzer.cpp - libFuzzer harnesses: .nnet and VNN-LIB --------===//
//
// Feeds arbitrary bytes to the .nnet or the VNN-LIB reader (sg/Verify/
// Readers.h), which read from memory. Built twice, with SG_FUZZ_NNET or
// SG_FUZZ_VNNLIB defined, so that each fuzzer's coverage and corpus belong to
// one format. Every input must end in false with a located error or in a
// well-formed result: a crash, a sanitizer report or a hang is a bug.
//
//===----------------------------------------------------------------------===//

#include "sg/NetworkVerification/Readers.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace mlir::sg::verify;

namespace {
/// Bigger inputs only repeat the same numbers; an ACAS Xu network (167 kB
/// of .nnet) is the largest seed we care to mutate.
constexpr size_t kMaxInputSize = 192 * 1024;

/// A successful read must hold what its consumers rely on; if not, the
/// reader accepted something the verifier would then misread.
[[noreturn]] void fail(const char *what) {
  fprintf(stderr, "reader invariant broken: %s\n", what);
  std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > kMaxInputSize)
    return -1;
  std::string text(reinterpret_cast<const char *>(data), size);
  std::string error;
#if defined(SG_FUZZ_NNET)
  Network network;
  NNetInfo info;
  if (!parseNNet(text, "fuzz.nnet", network, info, error)) {
    if (error.rfind("fuzz.nnet:", 0) != 0)
      fail("error without the file name");
    return 0;
  }
  if (info.layerSizes.size() < 2 ||
      info.inputMin.size() != info.layerSizes.front() ||
      info.inputMax.size() != info.layerSizes.front())
    fail("header sizes");
  size_t width = network.inputSize;
  for (const Layer &layer : network.layers) {
    if (layer.in != width)
      fail("layer widths do not chain");
    if (layer.kind == LayerKind::Affine &&
        (layer.weights.size() != layer.in * layer.out ||
         layer.bias.size() != layer.out))
      fail("affine layer sizes");
    width = layer.out;
  }
  // Evaluating reads every weight: ASan checks the sizes above hold.
  (void)network.evaluate(std::vector<double>(network.inputSize, 0.5));
#elif defined(SG_FUZZ_VNNLIB)
  Property property;
  if (!parseVnnLib(text, "fuzz.vnnlib", property, error)) {
    if (error.rfind("fuzz.vnnlib:", 0) != 0)
      fail("error without the file name");
    return 0;
  }
  for (const PropertyCase &c : property.cases) {
    if (c.box.lower.size() != property.numInputs ||
        c.box.upper.size() != property.numInputs)
      fail("box width");
    for (const auto &conjunction : c.unsafe)
      for (const LinearConstraint &constraint : conjunction)
        if (constraint.coeffs.size() != property.numOutputs)
          fail("constraint width");
  }
#else
#error "define SG_FUZZ_NNET or SG_FUZZ_VNNLIB"
#endif
  return 0;
}
