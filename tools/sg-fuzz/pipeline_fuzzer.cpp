//===- pipeline_fuzzer.cpp - libFuzzer harness: sgc up to LLVM IR ---------===//
//
// Runs sgc's pipeline on arbitrary bytes: parse and verify, then, on inputs
// that verify and hold an sg.graph, the graph-level passes, the ABI and
// lowering to the LLVM dialect, and the translation to LLVM IR (stopping
// before object emission and linking). Every input must end in a diagnostic
// or an LLVM module: a crash, a sanitizer report, a hang or a pass that
// leaves IR the verifier rejects is a bug.
//
// The passes' options come from an optional first line
//   // sgc-fuzz: checked kinks f64 batch=1 no-grad ...
// (tokens below), so one corpus covers sgc's flags; the parser ignores it.
// LLVM runs at -O0 by default: its -O3 pipeline is not ours, is not
// coverage-instrumented and would dominate the time per input.
// SG_FUZZ_OPT=3 in the environment selects sgc's default level instead.
//
// Built with SG_FUZZ_HEADER (sg-header-fuzzer), it stops after the graph
// passes and runs sgc's --emit=header path instead: the tensor-size checks
// and the header emitter, whose text must be printable (names and locations
// from the input reach it; a control byte there would be a C injection).
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/BuiltinOps.h"
#include "sg/Conversion/ModelInfo.h"
#include "sg/Target/Header.h"
#include "sg/Pipelines/Parse.h"
#include "sg/Pipelines/Pipelines.h"
#include "sg/SGOps.h"
#include "sg/Target/ObjectCode.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mlir;

namespace {
/// Inputs above this size only slow the run down: the seeds are small
/// graphs, and the passes' cost grows with the graph.
constexpr size_t kMaxInputSize = 8192;

struct Options {
  sg::GraphPipelineOptions graph;
  sg::LoweringOptions lowering;
};

/// Reads the "// sgc-fuzz:" line, if any; unknown tokens are ignored.
Options parseOptions(llvm::StringRef text) {
  Options options;
  llvm::StringRef line = text.split('\n').first;
  if (!line.consume_front("// sgc-fuzz:"))
    return options;
  llvm::SmallVector<llvm::StringRef> tokens;
  llvm::SplitString(line, tokens);
  for (llvm::StringRef token : tokens) {
    int64_t size;
    if (token == "f32")
      options.graph.precision = mlir::sg::Precision::F32;
    else if (token == "f64")
      options.graph.precision = mlir::sg::Precision::F64;
    else if (token.consume_front("batch=") && !token.getAsInteger(10, size))
      options.graph.batchSize = size;
    else if (token == "werror")
      options.graph.warningsAsErrors = true;
    else if (token == "kinks")
      options.graph.instrumentKinks = true;
    else if (token == "no-kl")
      options.graph.integrateKL = false;
    else if (token == "no-reparam")
      options.graph.reparameterize = false;
    else if (token == "no-grad")
      options.graph.grad = false;
    else if (token == "score-all")
      options.graph.scoreCosts = mlir::sg::ScoreCosts::All;
    else if (token == "baseline")
      options.graph.baseline = mlir::sg::Baseline::MovingAverage;
    else if (token == "checked")
      options.graph.checked = true;
    else if (token == "no-fuse")
      options.lowering.fuseElementwise = false;
    else if (token == "no-approx")
      options.lowering.approximateMath = false;
  }
  return options;
}

MLIRContext &getContext() {
  // One context for the whole run: creating one per input would spend most
  // of the time registering dialects.
  static MLIRContext *context = [] {
    DialectRegistry registry;
    sg::registerCompilerDialects(registry);
    auto *ctx = new MLIRContext(registry);
    ctx->loadAllAvailableDialects();
    ctx->printOpOnDiagnostic(false);
    // The pass manager runs function passes on threads otherwise: one
    // thread keeps executions deterministic and the 2 cores free.
    ctx->disableMultithreading();
    return ctx;
  }();
  return *context;
}

// sgc verifies the IR once per stage, not after every pass (--verify-each
// restores that), so a pass that turns valid IR into invalid IR would feed
// it to the next passes. The pass manager's own per-pass verifier would only
// fail the run, and the harness ignores failed runs: instead, check after
// every pass that succeeded and abort on invalid IR, a compiler bug whatever
// the input.
struct AbortOnInvalidIR : PassInstrumentation {
  void runAfterPass(Pass *pass, Operation *op) override {
    ScopedDiagnosticHandler show(op->getContext(), [](Diagnostic &d) {
      llvm::errs() << d << "\n";
      return success();
    });
    if (succeeded(verify(op)))
      return;
    llvm::errs() << "sg-pipeline-fuzzer: pass " << pass->getArgument()
                 << " left IR that does not verify\n";
    std::abort();
  }
};

// A pass manager that runs like sgc's (no verifier of its own) with
// AbortOnInvalidIR.
void configure(PassManager &pm) {
  pm.enableVerifier(false);
  pm.addInstrumentation(std::make_unique<AbortOnInvalidIR>());
}

llvm::TargetMachine &getTargetMachine(sg::CodegenOptions &codegen) {
  static sg::CodegenOptions options = [] {
    sg::CodegenOptions o;
    const char *level = std::getenv("SG_FUZZ_OPT");
    o.optLevel = level && *level >= '0' && *level <= '3' ? *level - '0' : 0;
    o.cpu = "native";
    return o;
  }();
  static std::unique_ptr<llvm::TargetMachine> machine = [] {
    std::string error;
    auto m = sg::createTargetMachine(options, error);
    if (!m) {
      llvm::errs() << "sg-pipeline-fuzzer: " << error << "\n";
      std::abort();
    }
    return m;
  }();
  codegen = options;
  return *machine;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > kMaxInputSize)
    return -1; // not added to the corpus
  MLIRContext &context = getContext();
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  Options options = parseOptions(text);

  llvm::SourceMgr sources;
  sources.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, "fuzz"),
                             llvm::SMLoc());
  OwningOpRef<ModuleOp> module = sg::parseModule(sources, &context);
  // sgc stops here too: nothing to compile.
  if (!module || module->getOps<sg::GraphOp>().empty())
    return 0;

  if (failed(sg::checkTensorSizes(*module)))
    return 0;
  PassManager graphPasses(&context, ModuleOp::getOperationName());
  configure(graphPasses);
  sg::buildGraphPipeline(graphPasses, options.graph);
  if (failed(graphPasses.run(*module)) || failed(sg::checkTensorSizes(*module)))
    return 0;
#ifdef SG_FUZZ_HEADER
  std::string header;
  llvm::raw_string_ostream os(header);
  if (failed(sg::emitHeader(*module, "fuzz.mlir", os)))
    return 0;
  for (char c : header)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') ||
        c == 0x7f) {
      llvm::errs() << "sg-header-fuzzer: control byte "
                   << static_cast<int>(static_cast<unsigned char>(c))
                   << " in the header:\n"
                   << header;
      std::abort();
    }
  return 0;
#endif
  PassManager lowering(&context, ModuleOp::getOperationName());
  configure(lowering);
  sg::buildABIAndLoweringPipeline(lowering, options.lowering);
  if (failed(lowering.run(*module)))
    return 0;

  sg::CodegenOptions codegen;
  llvm::TargetMachine &machine = getTargetMachine(codegen);
  llvm::LLVMContext llvmContext;
  (void)sg::translateAndOptimize(*module, llvmContext, machine, codegen);
  return 0;
}
