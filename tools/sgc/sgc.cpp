//===- sgc.cpp - the sgc compiler driver ----------------------------------===//
//
//   sgc model.mlir -o model.so            verify, rewrite, generate, lower,
//   link sgc model.mlir --emit=header -o model.h
//
// Stages (--emit): mlir (the generated functions in the sg dialect),
// mlir-llvm (the LLVM dialect), llvm (LLVM IR after -O), obj, so, header.
//
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "Verify.h"
#include "sg/Target/Linker.h"

#include "mlir/IR/BuiltinOps.h"
#include "sg/Conversion/ModelInfo.h"
#include "sg/Pipelines/Parse.h"
#include "sg/Pipelines/Pipelines.h"
#include "sg/SGOps.h"
#include "sg/Support/OutOfMemory.h"
#include "sg/Target/Header.h"
#include "sg/Target/ObjectCode.h"
#include "sg/Target/OutputFile.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace {
enum class Emit { MLIR, MLIRLLVM, LLVM, Object, SharedObject, Header };

cl::OptionCategory sgcCategory("sgc options");

cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.mlir>"),
                               cl::Required, cl::cat(sgcCategory));
cl::opt<std::string> outputFile(
    "o", cl::desc("Output file ('-' for standard output, text stages only)"),
    cl::value_desc("file"), cl::cat(sgcCategory));
cl::opt<Emit>
    emit("emit", cl::desc("What to produce"), cl::init(Emit::SharedObject),
         cl::values(
             clEnumValN(Emit::MLIR, "mlir",
                        "the generated functions, still in the sg dialect"),
             clEnumValN(Emit::MLIRLLVM, "mlir-llvm", "the LLVM dialect"),
             clEnumValN(Emit::LLVM, "llvm", "LLVM IR after optimization"),
             clEnumValN(Emit::Object, "obj", "an ELF object file"),
             clEnumValN(Emit::SharedObject, "so", "a shared library (default)"),
             clEnumValN(Emit::Header, "header", "the C header of the library")),
         cl::cat(sgcCategory));
cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level: -O0 .. -O3"),
                           cl::Prefix, cl::init(3), cl::cat(sgcCategory));
cl::opt<std::string> targetCPU(
    "target-cpu",
    cl::desc("CPU to generate code for (default: the host, 'native')"),
    cl::init("native"), cl::cat(sgcCategory));
cl::alias targetCPUAlias("mcpu", cl::desc("Alias for --target-cpu"),
                         cl::aliasopt(targetCPU), cl::cat(sgcCategory));
cl::opt<bool> printPipeline(
    "print-pipeline",
    cl::desc("Print the pass pipelines to standard error before running them"),
    cl::cat(sgcCategory));
// The IR is verified once at the end of each stage; between every two passes
// only on request: verifying the whole module after each of the lowering's
// ~45 passes took a third of the lowering's time (0.23 s per pass on the
// LLVM dialect of a 1,000-op chain).
cl::opt<bool> verifyEach(
    "verify-each",
    cl::desc("Verify the IR after every pass, not only after each stage"),
    cl::cat(sgcCategory));
cl::opt<bool> noFuse("no-fuse",
                     cl::desc("Do not fuse chains of elementwise operations"),
                     cl::cat(sgcCategory));
cl::opt<unsigned> outlineMaxOps(
    "outline-max-ops",
    cl::desc("Outline function bodies longer than this many operations into "
             "functions of about this size (sg-outline; 0: never)"),
    cl::init(sg::LoweringOptions().outlineMaxOps), cl::cat(sgcCategory));
cl::opt<int64_t> parallelMinWork(
    "parallel-min-work",
    cl::desc("Run loops with at least this many iterations and independent "
             "rows on the runtime's threads (sg-parallelize-loops; 0: never)"),
    cl::init(sg::LoweringOptions().parallelMinWork), cl::cat(sgcCategory));
cl::opt<int64_t>
    batchSize("batch-size",
              cl::desc("Specialize every graph to this batch size (the leading "
                       "dimension of its inputs)"),
              cl::init(0), cl::cat(sgcCategory));
cl::opt<bool> checked(
    "checked",
    cl::desc("Checked mode: the functions check domains and finiteness at "
             "run time and report the first failure in a status argument"),
    cl::cat(sgcCategory));
cl::opt<bool> instrumentKinks(
    "instrument-kinks",
    cl::desc("Count, per kinked op, the evaluations that land exactly on "
             "its kink (an extra kinks output per function)"),
    cl::cat(sgcCategory));
cl::opt<bool> noWarnings("w", cl::desc("Do not print warnings"),
                         cl::cat(sgcCategory));
cl::opt<bool> warningsAsErrors("Werror",
                               cl::desc("Treat the lint warnings as errors"),
                               cl::cat(sgcCategory));
cl::opt<sg::Precision>
    precision("precision",
              cl::desc("Compile every graph at this element type (f32 or f64)"),
              sg::precisionValues(), cl::cat(sgcCategory));
cl::opt<bool> noIntegrateKL(
    "no-integrate-kl",
    cl::desc("Keep empirical KL costs (skip the analytic KL rewrite)"),
    cl::cat(sgcCategory));
cl::opt<bool> noReparameterize(
    "no-reparameterize",
    cl::desc("Keep Gaussian samples (score-function estimator instead of "
             "the reparameterization)"),
    cl::cat(sgcCategory));
cl::opt<bool> noEnumerate(
    "no-enumerate",
    cl::desc("Keep small discrete samples (score-function estimator instead "
             "of their exact expectation, sg-enumerate)"),
    cl::cat(sgcCategory));
cl::opt<int64_t> enumerateMaxSupport(
    "enumerate-max-support",
    cl::desc("Enumerate discrete samples with at most this many values "
             "(default 16)"),
    cl::init(16), cl::cat(sgcCategory));
cl::opt<bool> noGrad("no-grad", cl::desc("Generate only the forward functions"),
                     cl::cat(sgcCategory));
cl::opt<sg::ScoreCosts> scoreCosts(
    "score-costs",
    cl::desc("Costs in score-function terms: downstream (default) or all"),
    sg::scoreCostsValues(), cl::init(sg::ScoreCosts::Downstream),
    cl::cat(sgcCategory));
cl::opt<sg::ScoreRows> scoreRows(
    "score-rows",
    cl::desc("Score-function coefficients: per-row (default; where the "
             "batch rows are proved independent) or scalar"),
    sg::scoreRowsValues(), cl::init(sg::ScoreRows::PerRow),
    cl::cat(sgcCategory));
cl::opt<sg::Baseline>
    baseline("baseline",
             cl::desc("Score-term baseline: none (default) or moving-average"),
             sg::baselineValues(), cl::init(sg::Baseline::None),
             cl::cat(sgcCategory));
cl::opt<double> baselineDecay("baseline-decay",
                              cl::desc("Decay of the moving-average baseline"),
                              cl::init(0.9), cl::cat(sgcCategory));
/// The update of sg-train-step; its spelling is the `kind` of the module's
/// sg.optimizer attribute.
enum class Optimizer { Adam, SGD };
cl::opt<Optimizer> optimizer(
    "optimizer",
    cl::desc("Also generate <graph>_train_step: the gradient, then this "
             "update of the parameters in place"),
    cl::values(clEnumValN(Optimizer::Adam, "adam", "Adam (--adam-*)"),
               clEnumValN(Optimizer::SGD, "sgd", "plain SGD (--sgd-lr)")),
    cl::cat(sgcCategory));
cl::opt<double> adamAlpha("adam-alpha", cl::desc("Adam's step size"),
                          cl::init(1e-3), cl::cat(sgcCategory));
cl::opt<double> adamBeta1("adam-beta1",
                          cl::desc("Adam's first-moment decay, in [0, 1)"),
                          cl::init(0.9), cl::cat(sgcCategory));
cl::opt<double> adamBeta2("adam-beta2",
                          cl::desc("Adam's second-moment decay, in [0, 1)"),
                          cl::init(0.999), cl::cat(sgcCategory));
cl::opt<double> adamEps("adam-eps", cl::desc("Adam's epsilon"), cl::init(1e-8),
                        cl::cat(sgcCategory));
cl::opt<double> gradScale(
    "grad-scale",
    cl::desc("Adam multiplies the gradient by this first (e.g. 1/batch)"),
    cl::init(1.0), cl::cat(sgcCategory));
cl::opt<double> sgdLR("sgd-lr", cl::desc("SGD's learning rate"), cl::init(1e-2),
                      cl::cat(sgcCategory));
cl::opt<bool>
    showRemarks("remarks",
                cl::desc("Print the rewrites' remarks (what was rewritten, "
                         "what was left alone and why)"),
                cl::cat(sgcCategory));
cl::opt<bool> noApproxMath(
    "no-approx-math",
    cl::desc("Call libm for f32 exp/log/tanh instead of the vectorizable "
             "polynomial approximations"),
    cl::cat(sgcCategory));
cl::opt<std::string> runtimeLib(
    "runtime-lib",
    cl::desc("The runtime archive (default: <sgc dir>/../lib/libsg_runtime.a)"),
    cl::value_desc("path"), cl::cat(sgcCategory));
cl::opt<std::string>
    linker("linker",
           cl::desc("Compiler driver used to link (default: clang-19)"),
           cl::value_desc("program"), cl::cat(sgcCategory));

std::string defaultOutput() {
  llvm::SmallString<256> path(inputFile.getValue());
  if (inputFile == "-")
    path = "model";
  switch (emit) {
  case Emit::SharedObject:
    llvm::sys::path::replace_extension(path, "so");
    break;
  case Emit::Object:
    llvm::sys::path::replace_extension(path, "o");
    break;
  case Emit::Header:
    llvm::sys::path::replace_extension(path, "h");
    break;
  default:
    return "-";
  }
  return std::string(path);
}

/// Writes the output file atomically; false on error (already reported).
bool writeOutput(llvm::StringRef name,
                 llvm::function_ref<void(llvm::raw_ostream &)> write,
                 bool binary) {
  if (binary && name == "-") {
    llvm::errs() << "sgc: error: refusing to write a binary file to "
                    "standard output; use -o <file>\n";
    return false;
  }
  std::string error;
  if (failed(sg::writeOutputFile(
          name,
          [&](llvm::raw_ostream &os) {
            write(os);
            return success();
          },
          error))) {
    llvm::errs() << "sgc: error: " << error << "\n";
    return false;
  }
  return true;
}

/// The verifier's check at the end of a stage: sgc does not verify after
/// every pass (--verify-each does), so IR that fails here was made invalid
/// by one of the stage's passes, from input that verified: a compiler bug.
LogicalResult verifyStage(ModuleOp module, llvm::StringRef stage) {
  if (succeeded(verify(module)))
    return success();
  llvm::errs() << "sgc: internal error: the " << stage
               << " produced IR that does not verify (a bug in sgc; "
                  "--verify-each names the pass)\n";
  return failure();
}

/// Refuses option values and combinations that have no meaning, instead of
/// letting one silently win; false when it reported one.
// The registry also holds the options of libLLVM.so and libMLIR.so, whose
// type information is not visible from here: the sanitizer build compiles
// this file without UBSan's vptr check (tools/sgc/CMakeLists.txt).
bool validateOptions() {
  auto fail = [](const llvm::Twine &message) {
    llvm::errs() << "sgc: error: " << message << "\n";
    return false;
  };
  // Every flag at most once: `--emit=mlir --emit=header` is a mistake,
  // whichever of the two the user meant.
  for (auto &[name, option] : cl::getRegisteredOptions())
    if (option->getNumOccurrences() > 1 &&
        llvm::is_contained(option->Categories, &sgcCategory))
      return fail("-" + llvm::Twine(name.size() > 1 ? "-" : "") + name +
                  " given more than once");
  if (optLevel > 3)
    return fail("invalid optimization level -O" + llvm::Twine(optLevel) +
                "; expected -O0, -O1, -O2 or -O3");
  if (noWarnings && warningsAsErrors)
    return fail("-w (no warnings) and --Werror (warnings are errors) "
                "contradict each other");
  if (!(baselineDecay >= 0 && baselineDecay < 1)) // also NaN
    return fail("--baseline-decay must be in [0, 1), got " +
                llvm::Twine(std::to_string(baselineDecay.getValue())));
  if (noGrad && baseline.getNumOccurrences())
    return fail("--baseline applies to gradient estimators, and --no-grad "
                "generates none");
  if (noGrad && baselineDecay.getNumOccurrences())
    return fail("--baseline-decay applies to gradient estimators, and "
                "--no-grad generates none");
  return true;
}

int run(int argc, char **argv) {
  if (!validateOptions())
    return 1;
  std::string output =
      outputFile.getNumOccurrences() ? outputFile.getValue() : defaultOutput();
  std::string error;
  if (failed(sg::checkOutputIsNotInput(inputFile, output, error))) {
    llvm::errs() << "sgc: error: " << error << "\n";
    return 1;
  }

  DialectRegistry registry;
  sg::registerCompilerDialects(registry);
  MLIRContext context(registry);
  context.printOpOnDiagnostic(false);
  context.loadAllAvailableDialects();

  llvm::SourceMgr sourceMgr;
  auto input = openInputFile(inputFile, &error);
  if (!input) {
    llvm::errs() << "sgc: error: " << error << "\n";
    return 1;
  }
  sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  // Remarks (one per rewrite) only on request; errors and warnings always.
  ScopedDiagnosticHandler filterRemarks(&context, [](Diagnostic &diag) {
    DiagnosticSeverity severity = diag.getSeverity();
    return success((severity == DiagnosticSeverity::Remark && !showRemarks) ||
                   (severity == DiagnosticSeverity::Warning && noWarnings));
  });

  // --mlir-timing: seconds per stage (the passes of stages 1 and 2 nested),
  // printed when `timing` goes out of scope.
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope rootTiming = timing.getRootScope();
  TimingScope parseTiming = rootTiming.nest("parse");
  OwningOpRef<ModuleOp> module = sg::parseModule(sourceMgr, &context);
  parseTiming.stop();
  if (!module)
    return 1;
  if (module->getOps<sg::GraphOp>().empty()) {
    module->emitError("no sg.graph to compile");
    return 1;
  }
  if (failed(sg::checkTensorSizes(*module)))
    return 1;
  // The library's model info records how it was built (sg-model-info): every
  // option but the input, the output and what to emit.
  std::string options;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef a = argv[i];
    if (a == "-o") {
      ++i;
      continue;
    }
    if (a == inputFile || a.starts_with("-o") || a.starts_with("--emit") ||
        a.starts_with("-emit"))
      continue;
    options += (options.empty() ? "" : " ") + a.str();
  }
  sg::SGDialect::OptionsAttrHelper(&context).setAttr(
      *module, StringAttr::get(&context, options));

  if (optimizer.getNumOccurrences()) {
    Builder b(&context);
    bool adam = optimizer == Optimizer::Adam;
    SmallVector<NamedAttribute> fields{
        b.getNamedAttr("kind", b.getStringAttr(adam ? "adam" : "sgd"))};
    auto number = [&](const char *name, double v) {
      fields.push_back(b.getNamedAttr(name, b.getF64FloatAttr(v)));
    };
    if (adam) {
      if (!(adamBeta1 >= 0 && adamBeta1 < 1) ||
          !(adamBeta2 >= 0 && adamBeta2 < 1)) {
        llvm::errs() << "sgc: error: --adam-beta1 and --adam-beta2 must lie "
                        "in [0, 1)\n";
        return 1;
      }
      number("alpha", adamAlpha);
      number("beta1", adamBeta1);
      number("beta2", adamBeta2);
      number("eps", adamEps);
      number("grad_scale", gradScale);
    } else {
      number("lr", sgdLR);
    }
    if (noGrad || checked || instrumentKinks ||
        baseline != sg::Baseline::None) {
      llvm::errs() << "sgc: error: --optimizer needs the gradient and cannot "
                      "be combined with --no-grad, --checked, "
                      "--instrument-kinks or --baseline\n";
      return 1;
    }
    sg::SGDialect::OptimizerAttrHelper(&context).setAttr(
        *module, b.getDictionaryAttr(fields));
  }
  // Stage 1: the graph-level passes, ending with the generated functions.
  PassManager graphPasses(&context, ModuleOp::getOperationName());
  if (failed(applyPassManagerCLOptions(graphPasses)))
    return 1;
  sg::GraphPipelineOptions graphOptions;
  if (precision.getNumOccurrences())
    graphOptions.precision = precision;
  if (batchSize.getNumOccurrences())
    graphOptions.batchSize = batchSize;
  graphOptions.warningsAsErrors = warningsAsErrors;
  graphOptions.instrumentKinks = instrumentKinks;
  graphOptions.integrateKL = !noIntegrateKL;
  graphOptions.reparameterize = !noReparameterize;
  graphOptions.enumerate = !noEnumerate;
  graphOptions.enumerateMaxSupport = enumerateMaxSupport;
  graphOptions.grad = !noGrad;
  graphOptions.scoreCosts = scoreCosts;
  graphOptions.scoreRows = scoreRows;
  graphOptions.baseline = baseline;
  graphOptions.baselineDecay = baselineDecay;
  graphOptions.checked = checked;
  sg::buildGraphPipeline(graphPasses, graphOptions);
  graphPasses.enableVerifier(verifyEach);
  if (printPipeline) {
    llvm::errs() << "graph passes: ";
    graphPasses.printAsTextualPipeline(llvm::errs());
    llvm::errs() << "\n";
  }
  TimingScope graphTiming = rootTiming.nest("1. graph passes");
  graphPasses.enableTiming(graphTiming);
  // --batch-size may have grown a tensor beyond what the ABI can count.
  if (failed(graphPasses.run(*module)) ||
      failed(verifyStage(*module, "graph passes")) ||
      failed(sg::checkTensorSizes(*module)))
    return 1;
  graphTiming.stop();

  if (emit == Emit::MLIR)
    return writeOutput(
               output, [&](raw_ostream &os) { module->print(os); }, false)
               ? 0
               : 1;
  if (emit == Emit::Header) {
    std::string text;
    llvm::raw_string_ostream os(text);
    if (failed(
            sg::emitHeader(*module, llvm::sys::path::filename(inputFile), os)))
      return 1;
    return writeOutput(
               output, [&](raw_ostream &out) { out << text; }, false)
               ? 0
               : 1;
  }

  // Stage 2: the public ABI and the lowering to the LLVM dialect.
  PassManager lowering(&context, ModuleOp::getOperationName());
  if (failed(applyPassManagerCLOptions(lowering)))
    return 1;
  sg::LoweringOptions loweringOptions;
  loweringOptions.fuseElementwise = !noFuse;
  loweringOptions.approximateMath = !noApproxMath;
  loweringOptions.outlineMaxOps = outlineMaxOps;
  loweringOptions.parallelMinWork = parallelMinWork;
  sg::buildABIAndLoweringPipeline(lowering, loweringOptions);
  lowering.enableVerifier(verifyEach);
  if (printPipeline) {
    llvm::errs() << "lowering: ";
    lowering.printAsTextualPipeline(llvm::errs());
    llvm::errs() << "\nLLVM: -O" << optLevel << " for CPU '" << targetCPU
                 << "'\n";
  }
  TimingScope loweringTiming = rootTiming.nest("2. lowering");
  lowering.enableTiming(loweringTiming);
  if (failed(lowering.run(*module)) || failed(verifyStage(*module, "lowering")))
    return 1;
  loweringTiming.stop();
  if (emit == Emit::MLIRLLVM)
    return writeOutput(
               output, [&](raw_ostream &os) { module->print(os); }, false)
               ? 0
               : 1;

  // Stage 3: LLVM IR, optimization, object code.
  sg::CodegenOptions codegen;
  codegen.optLevel = optLevel;
  codegen.cpu = targetCPU;
  auto machine = sg::createTargetMachine(codegen, error);
  if (!machine) {
    llvm::errs() << "sgc: error: " << error << "\n";
    return 1;
  }
  llvm::LLVMContext llvmContext;
  TimingScope llvmTiming = rootTiming.nest("3. LLVM IR and -O");
  auto llvmModule =
      sg::translateAndOptimize(*module, llvmContext, *machine, codegen);
  if (!llvmModule)
    return 1;
  llvmTiming.stop();
  if (emit == Emit::LLVM)
    return writeOutput(
               output, [&](raw_ostream &os) { llvmModule->print(os, nullptr); },
               false)
               ? 0
               : 1;

  llvm::SmallVector<char, 0> object;
  TimingScope codegenTiming = rootTiming.nest("4. object code");
  if (!sg::emitObjectFile(*llvmModule, *machine, object, error)) {
    llvm::errs() << "sgc: error: " << error << "\n";
    return 1;
  }
  codegenTiming.stop();
  if (emit == Emit::Object)
    return writeOutput(
               output,
               [&](raw_ostream &os) { os.write(object.data(), object.size()); },
               true)
               ? 0
               : 1;

  if (output == "-") {
    llvm::errs() << "sgc: error: a shared library needs a file name; use -o\n";
    return 1;
  }
  sgc::LinkOptions link{linker, runtimeLib, argv[0]};
  TimingScope linkTiming = rootTiming.nest("5. link");
  if (!sgc::linkSharedObject(object, output, link, error)) {
    llvm::errs() << "sgc: error: " << error << "\n";
    return 1;
  }
  return 0;
}
} // namespace

namespace {
// `sgc check`: its options belong to the sub-command only, so neither they
// nor the main command's leak into the other's --help.
cl::SubCommand checkCmd("check",
                        "compile the model and run the unit checks of ML "
                        "code on it; exit code 1 when one fails");
cl::OptionCategory checkCategory("sgc check options");
cl::opt<std::string> checkInput(cl::Positional, cl::desc("<model.mlir>"),
                                cl::Required, cl::sub(checkCmd),
                                cl::cat(checkCategory));
cl::opt<int> checkSamples("samples",
                          cl::desc("Gradient estimates per estimator "
                                   "comparison (at least 2)"),
                          cl::value_desc("N"),
                          cl::init(sgc::CheckOptions().samples),
                          cl::sub(checkCmd), cl::cat(checkCategory));
cl::opt<uint64_t> checkSeed("seed",
                            cl::desc("Seed of the random inputs, parameters "
                                     "and samples"),
                            cl::value_desc("N"),
                            cl::init(sgc::CheckOptions().seed),
                            cl::sub(checkCmd), cl::cat(checkCategory));
cl::opt<std::string>
    checkData("data",
              cl::desc("Feed the inputs the values of this IDX file "
                       "(unsigned bytes are divided by 256) instead of random "
                       "values of their declared shapes"),
              cl::value_desc("file"), cl::sub(checkCmd),
              cl::cat(checkCategory));
// sgc's estimator options, passed to every compilation of the model.
cl::opt<std::string> checkBaseline("baseline",
                                   cl::desc("As sgc's --baseline"),
                                   cl::sub(checkCmd), cl::cat(checkCategory));
cl::opt<std::string> checkBaselineDecay("baseline-decay",
                                        cl::desc("As sgc's --baseline-decay"),
                                        cl::sub(checkCmd),
                                        cl::cat(checkCategory));
cl::opt<std::string> checkScoreCosts("score-costs",
                                     cl::desc("As sgc's --score-costs"),
                                     cl::sub(checkCmd), cl::cat(checkCategory));
cl::opt<std::string> checkScoreRows("score-rows",
                                    cl::desc("As sgc's --score-rows"),
                                    cl::sub(checkCmd), cl::cat(checkCategory));
cl::opt<bool> checkNoEnumerate("no-enumerate",
                               cl::desc("As sgc's --no-enumerate"),
                               cl::sub(checkCmd), cl::cat(checkCategory));

/// Refuses what LLVM lets through in a sub-command: an option given twice
/// (LLVM lets the last win, but either could be the mistake) and an option
/// of the main command or of LLVM and MLIR (LLVM falls back on them when the
/// sub-command has no option of that name, and the sub-command would then
/// ignore it). False when it reported one.
bool validateSubCommandOptions(cl::SubCommand &sub,
                               cl::OptionCategory &category,
                               llvm::StringRef command) {
  auto &own = cl::getRegisteredOptions(sub);
  auto dashes = [](llvm::StringRef name) {
    return name.size() > 1 ? "--" : "-";
  };
  for (auto &[name, option] : own)
    if (option->getNumOccurrences() > 1 &&
        llvm::is_contained(option->Categories, &category)) {
      llvm::errs() << command << ": error: " << dashes(name) << name
                   << " given more than once\n";
      return false;
    }
  for (auto &[name, option] : cl::getRegisteredOptions())
    if (option->getNumOccurrences() && own.lookup(name) != option) {
      llvm::errs() << command << ": error: " << dashes(name) << name
                   << " is not an option of " << command << " (see " << command
                   << " --help)\n";
      return false;
    }
  return true;
}
} // namespace

/// `sgc check model.mlir [--samples N] [--seed N] [--data FILE]`.
int checkCommand(const std::string &sgcPath) {
  sgc::CheckOptions options;
  options.sgc = sgcPath;
  options.input = checkInput;
  options.data = checkData;
  options.seed = checkSeed;
  if (checkSamples < 2) {
    llvm::errs() << "sgc check: bad value for --samples\n";
    return 1;
  }
  options.samples = checkSamples;
  // The estimator options are sgc's: passed on as given, sgc validates them
  // when it compiles the model.
  for (cl::opt<std::string> *flag :
       {&checkBaseline, &checkBaselineDecay, &checkScoreCosts, &checkScoreRows})
    if (flag->getNumOccurrences())
      options.compileFlags.push_back("--" + flag->ArgStr.str() + "=" +
                                     flag->getValue());
  if (checkNoEnumerate)
    options.compileFlags.push_back("--no-enumerate");
  if (!llvm::sys::fs::exists(options.input)) {
    llvm::errs() << "sgc check: cannot open input file '" << options.input
                 << "'\n";
    return 1;
  }
  return sgc::runChecks(options);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  sg::installOutOfMemoryHandler("sgc");
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  // Each command's --help lists its own options (and LLVM's generic ones).
  cl::HideUnrelatedOptions(sgcCategory);
  cl::HideUnrelatedOptions(checkCategory, checkCmd);
  cl::HideUnrelatedOptions(sgc::importNNetCategory, sgc::importNNetSubCommand);
  cl::HideUnrelatedOptions(sgc::verifyCategory, sgc::verifySubCommand);
  cl::ParseCommandLineOptions(
      argc, argv,
      "sgc: compile stochastic computation graphs (sg dialect) into shared "
      "libraries\n\n  sgc model.mlir -o model.so\n  sgc model.mlir "
      "--emit=header -o model.h\n  sgc check model.mlir   (unit checks of "
      "the model; see sgc check --help)\n  sgc import-nnet net.nnet -o "
      "net.mlir\n  sgc verify net.mlir --property prop.vnnlib   (see sgc "
      "verify --help)\n");
  std::string self = llvm::sys::fs::getMainExecutable(
      argv[0], reinterpret_cast<void *>(&main));
  if (checkCmd)
    return validateSubCommandOptions(checkCmd, checkCategory, "sgc check")
               ? checkCommand(self)
               : 1;
  if (sgc::importNNetSubCommand)
    return validateSubCommandOptions(sgc::importNNetSubCommand,
                                     sgc::importNNetCategory, "sgc import-nnet")
               ? sgc::importNNetCommand()
               : 1;
  if (sgc::verifySubCommand)
    return validateSubCommandOptions(sgc::verifySubCommand, sgc::verifyCategory,
                                     "sgc verify")
               ? sgc::verifyCommand(self)
               : 1;
  return run(argc, argv);
}
