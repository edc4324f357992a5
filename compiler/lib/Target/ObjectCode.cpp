//===- Codegen.cpp - from the LLVM dialect to object code -----------------===//
//
// In-process: MLIR LLVM dialect → LLVM IR → LLVM's -O pipeline for the target
// machine → ELF object file (position-independent, for a shared object).
//
//===----------------------------------------------------------------------===//

#include "sg/Target/ObjectCode.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;

std::unique_ptr<llvm::TargetMachine>
sg::createTargetMachine(const CodegenOptions &options, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::string triple = llvm::sys::getDefaultTargetTriple();
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  std::string cpu = options.cpu;
  std::string features;
  if (cpu.empty() || cpu == "native") {
    cpu = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures f;
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      f.AddFeature(feature.getKey(), feature.getValue());
    features = f.getString();
  }
  // Validate the CPU before LLVM builds a subtarget for it: an unknown name
  // only gets a warning there, and a CPU that cannot run the triple's code
  // (an x86 CPU without 64-bit mode for x86_64) is a fatal error.
  std::unique_ptr<llvm::MCSubtargetInfo> generic(
      target->createMCSubtargetInfo(triple, "", ""));
  if (!generic || !generic->isCPUStringValid(cpu)) {
    error = "unknown target CPU '" + cpu + "' for " + triple;
    return nullptr;
  }
  llvm::Triple parsed(triple);
  if (parsed.isX86() && parsed.isArch64Bit()) {
    std::unique_ptr<llvm::MCSubtargetInfo> chosen(
        target->createMCSubtargetInfo(triple, cpu, features));
    if (!chosen || !chosen->checkFeatures("+64bit")) {
      error = "target CPU '" + cpu + "' cannot run 64-bit code, which " +
              triple + " needs";
      return nullptr;
    }
  }
  llvm::CodeGenOptLevel level =
      options.optLevel == 0   ? llvm::CodeGenOptLevel::None
      : options.optLevel == 1 ? llvm::CodeGenOptLevel::Less
      : options.optLevel == 2 ? llvm::CodeGenOptLevel::Default
                              : llvm::CodeGenOptLevel::Aggressive;
  llvm::TargetOptions targetOptions;
  std::unique_ptr<llvm::TargetMachine> machine(
      target->createTargetMachine(triple, cpu, features, targetOptions,
                                  llvm::Reloc::PIC_, std::nullopt, level));
  if (!machine)
    error = "cannot create a target machine for " + triple + " cpu " + cpu;
  return machine;
}

/// Drops the sg.* marker attributes of generated functions: they have done
/// their job, and LLVM IR translation would warn about them.
static void stripSGAttributes(ModuleOp module) {
  module.walk([](LLVM::LLVMFuncOp func) {
    for (NamedAttribute attr : llvm::to_vector(func->getDiscardableAttrs()))
      if (attr.getName().strref().starts_with("sg."))
        func->removeAttr(attr.getName());
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      DictionaryAttr attrs = func.getArgAttrDict(i);
      if (!attrs)
        continue;
      for (NamedAttribute attr : attrs.getValue())
        if (attr.getName().strref().starts_with("sg."))
          func.removeArgAttr(i, attr.getName());
    }
  });
}

/// LLVM's -O pipeline for `level` without loop unrolling (as clang's
/// -fno-unroll-loops). The loops that reach LLVM are the loops of tensor
/// operations: the loop vectorizer still vectorizes and interleaves them, and
/// unrolling on top of that only multiplies code. Fully unrolled, every
/// small-tensor operation became hundreds of scalar instructions, and a graph
/// of 1,000 8x8 operations spent a minute in instruction selection and
/// register allocation (bench/compile_time.py).
static void optimize(llvm::Module &module, llvm::TargetMachine &machine,
                     unsigned level) {
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  tuning.LoopInterleaving = true;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  // The standard instrumentations give -time-passes and -print-after-all.
  llvm::PassInstrumentationCallbacks callbacks;
  llvm::StandardInstrumentations instrumentations(module.getContext(),
                                                  /*DebugLogging=*/false);
  instrumentations.registerCallbacks(callbacks, &modules);
  llvm::PassBuilder builder(&machine, tuning, std::nullopt, &callbacks);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  if (level == 0) {
    builder.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
        .run(module, modules);
    return;
  }
  llvm::OptimizationLevel o = level == 1   ? llvm::OptimizationLevel::O1
                              : level == 2 ? llvm::OptimizationLevel::O2
                                           : llvm::OptimizationLevel::O3;
  builder.buildPerModuleDefaultPipeline(o).run(module, modules);
}

std::unique_ptr<llvm::Module>
sg::translateAndOptimize(ModuleOp module, llvm::LLVMContext &context,
                         llvm::TargetMachine &machine,
                         const CodegenOptions &options) {
  stripSGAttributes(module);
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context);
  if (!llvmModule) {
    module.emitError("translation to LLVM IR failed");
    return nullptr;
  }
  // The runtime's allocation function behaves like malloc: its result
  // aliases nothing else, and it is 64-byte aligned (runtime/lib/alloc.c).
  // Saying so lets LLVM vectorize loops over intermediate buffers without
  // runtime alias checks, and with aligned accesses.
  if (llvm::Function *alloc =
          llvmModule->getFunction("_mlir_memref_to_llvm_alloc")) {
    alloc->addRetAttr(llvm::Attribute::NoAlias);
    alloc->addRetAttr(
        llvm::Attribute::getWithAlignment(context, llvm::Align(64)));
  }
  // LLVM's tuning for AVX-512 CPUs prefers 256-bit vectors, so that code
  // with a few 512-bit instructions does not lower the core's clock for
  // the rest. Generated code is long elementwise loops between OpenBLAS
  // calls whose kernels already run on 512-bit registers: full-width
  // vectors made the VAE's compiled loops (softplus, its derivative, the
  // log-likelihood) 1.3x faster, 1 ms of a 60 ms training step at batch
  // 250 (bench/README.md). A CPU without AVX-512 keeps its widest vectors.
  for (llvm::Function &f : *llvmModule)
    if (!f.isDeclaration() && !f.hasFnAttribute("prefer-vector-width"))
      f.addFnAttr("prefer-vector-width", "512");
  llvmModule->setDataLayout(machine.createDataLayout());
  llvmModule->setTargetTriple(machine.getTargetTriple().getTriple());
  optimize(*llvmModule, machine, options.optLevel);
  return llvmModule;
}

bool sg::emitObjectFile(llvm::Module &module, llvm::TargetMachine &machine,
                        llvm::SmallVectorImpl<char> &out, std::string &error) {
  llvm::raw_svector_ostream os(out);
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, os, nullptr,
                                  llvm::CodeGenFileType::ObjectFile)) {
    error = "the target cannot emit object files";
    return false;
  }
  passes.run(module);
  return true;
}
