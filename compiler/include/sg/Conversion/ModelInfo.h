//===- ModelInfo.h - what a compiled model says about itself ----*- C++ -*-===//
//
// The descriptor tables of a compiled model, collected once from the module
// (after the graph passes, before sg-abi) and written twice from the same
// data: as C text by the header emitter (Target/Header.cpp) and as exported
// data by sg-model-info, behind `const sgc_model_info *<graph>_info(void)`.
// The layout of that data is versioned (kModelInfoVersion) and documented
// in docs/compiler.md, "The model info".
//
//===----------------------------------------------------------------------===//
#ifndef SG_CONVERSION_MODELINFO_H
#define SG_CONVERSION_MODELINFO_H

#include "sg/Conversion/ABI.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace mlir::sg {

/// The `version` field of sgc_model_info. Bump it when a field changes
/// meaning; new fields are only appended.
constexpr int64_t kModelInfoVersion = 1;

/// At most this many dimensions fit a descriptor (sgc_tensor_desc::shape).
constexpr int64_t kMaxDescriptorRank = 8;

/// The element types of sgc_dtype.
enum class DescriptorType : int32_t { F32 = 0, F64 = 1, I64 = 2, I32 = 3 };

/// One tensor (sgc_tensor_desc): row-major and contiguous.
struct TensorDescriptor {
  std::string name;
  ABIRole role;
  DescriptorType dtype;
  SmallVector<int64_t> shape;
  int64_t size() const;
};

/// A generated function (sgc_function_desc): its pointer arguments in C
/// order, which are also the buffers of its `_packed` entry point.
struct FunctionDescriptor {
  enum Kind : int32_t { Forward = 0, LossGrad = 1 };
  std::string name;
  Kind kind;
  SmallVector<TensorDescriptor> args;
  SmallVector<ABIArgument> abi; // the full C signature, seed and step too
};

/// A run-time check of --checked or a kink of --instrument-kinks
/// (sgc_site_desc), from the module's `sg.checks` / `sg.kinks`.
struct SiteDescriptor {
  std::string op, file, what;
  int64_t line = 0, column = 0;
  /// How the header's tables print it: "m.mlir:3:8: sg.log: what" for a
  /// check, "m.mlir:3:8: sg.relu (what)" for a kink.
  std::string text;
};

/// One sg.graph.
struct GraphDescriptor {
  std::string name;   // the graph's symbol, the prefix of its functions
  std::string prefix; // its spelling as a C identifier
  SmallVector<TensorDescriptor> args, outputs;
  int64_t numBaselines = 0;
  /// Per baseline, where the samples it serves are (sg.baseline_samples).
  SmallVector<std::string> baselineSamples;
  std::vector<FunctionDescriptor> functions;
};

/// A module: its graphs and the tables they share.
struct ModelInfo {
  std::string source;  // the model file
  std::string options; // the sgc options it was compiled with (sg.options)
  std::vector<GraphDescriptor> graphs;
  SmallVector<SiteDescriptor> checks, kinks;
};

/// Collects the tables of `module`, which holds the sg.graph ops and their
/// generated functions (before sg-abi). Fails with a located error on what
/// a descriptor cannot describe (rank above kMaxDescriptorRank).
FailureOr<ModelInfo> collectModelInfo(ModuleOp module);

/// Fails, with an error located at the value, when a tensor anywhere under
/// `root` has an element count or a byte size that does not fit in int64_t
/// (the type of the ABI's sizes; a C caller multiplies SIZE by the element
/// size to allocate). MLIR computes element counts without overflow checks:
/// tensor<4294967296x4294967296xf32> would otherwise describe 0 elements.
LogicalResult checkTensorSizes(Operation *root);

/// Fails, with an error located at the graph or its argument, when a name
/// cannot reach C as written: a graph name that is not a C identifier (its
/// functions would be uncallable), or two tensors of a graph, or two graphs,
/// whose C names or upper-case header macros are the same (%x and %X both
/// give G_X_SIZE).
LogicalResult checkCNames(ModuleOp module);

} // namespace mlir::sg

#endif // SG_CONVERSION_MODELINFO_H
