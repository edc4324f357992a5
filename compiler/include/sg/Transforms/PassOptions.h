//===- PassOptions.h - enumerated options of the graph passes --*- C++ -*-===//
//
// The values of the graph passes' enumerated options (Transforms/Passes.td),
// shared with the pipeline options and sgc's command line so that each is
// spelled once.
//
//===----------------------------------------------------------------------===//
#ifndef SG_TRANSFORMS_PASSOPTIONS_H
#define SG_TRANSFORMS_PASSOPTIONS_H

#include "llvm/Support/CommandLine.h"

namespace mlir::sg {

/// The element type sg-set-precision compiles every graph at.
enum class Precision { F32, F64 };

/// The costs a sample's score term multiplies (sg-grad): those downstream of
/// the sample, or all of them (also unbiased, higher variance).
enum class ScoreCosts { Downstream, All };

/// How a sample's score term is weighted (sg-grad): a coefficient per row
/// where the rows are proved independent, or one scalar per sample.
enum class ScoreRows { PerRow, Scalar };

/// The baseline subtracted in score terms (sg-grad).
enum class Baseline { None, MovingAverage };

/// The command-line spellings, for cl::opt and pass options alike.
inline auto precisionValues() {
  return llvm::cl::values(clEnumValN(Precision::F32, "f32", "32-bit floats"),
                          clEnumValN(Precision::F64, "f64", "64-bit floats"));
}
inline auto scoreCostsValues() {
  return llvm::cl::values(
      clEnumValN(ScoreCosts::Downstream, "downstream",
                 "the costs downstream of the sample"),
      clEnumValN(ScoreCosts::All, "all", "every cost of the graph"));
}
inline auto scoreRowsValues() {
  return llvm::cl::values(
      clEnumValN(ScoreRows::PerRow, "per-row",
                 "one coefficient per row where rows are proved independent"),
      clEnumValN(ScoreRows::Scalar, "scalar", "one coefficient per sample"));
}
inline auto baselineValues() {
  return llvm::cl::values(
      clEnumValN(Baseline::None, "none", "no baseline"),
      clEnumValN(Baseline::MovingAverage, "moving-average",
                 "an exponential moving average of the costs"));
}

} // namespace mlir::sg

#endif // SG_TRANSFORMS_PASSOPTIONS_H
