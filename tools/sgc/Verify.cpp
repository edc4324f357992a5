//===- Verify.cpp - sgc import-nnet and sgc verify ------------------------===//
//
//   sgc import-nnet net.nnet -o net.mlir
//   sgc verify net.mlir --property prop.vnnlib [--timeout S]
//   sgc verify net.mlir --property prop.vnnlib --find-region --around x0
//
// The verifier reads the graph's deterministic chain (sg/NetworkIR.h),
// decides the property by bound propagation and branch and bound
// (sg/Verify), and confirms every counterexample by running the network
// compiled by this sgc.
//
//===----------------------------------------------------------------------===//

#include "Verify.h"
#include "Library.h"

#include "mlir/IR/BuiltinOps.h"
#include "sg/NetworkVerification/BranchAndBound.h"
#include "sg/NetworkVerification/NetworkIR.h"
#include "sg/NetworkVerification/Readers.h"
#include "sg/NetworkVerification/Regions.h"
#include "sg/Pipelines/Parse.h"
#include "sg/Pipelines/Pipelines.h"
#include "sg/Target/OutputFile.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace mlir;
namespace sv = mlir::sg::verify;

namespace {

/// Prints a reader's "file:line:col: message" as a located error
/// ("file:line:col: error: message").
void printReaderError(const std::string &message) {
  // The location ends at the first ": " that follows ":<digits>:<digits>".
  for (size_t p = message.find(": "); p != std::string::npos;
       p = message.find(": ", p + 1)) {
    size_t col = message.rfind(':', p - 1), line;
    if (col == std::string::npos || col == 0 ||
        (line = message.rfind(':', col - 1)) == std::string::npos)
      continue;
    auto digits = [&](size_t from, size_t to) {
      if (from >= to)
        return false;
      for (size_t i = from; i < to; ++i)
        if (!std::isdigit(static_cast<unsigned char>(message[i])))
          return false;
      return true;
    };
    if (digits(col + 1, p) && digits(line + 1, col)) {
      llvm::errs() << message.substr(0, p)
                   << ": error: " << message.substr(p + 2) << "\n";
      return;
    }
  }
  llvm::errs() << "sgc: error: " << message << "\n";
}

/// A C identifier from a file name: "ACASXU_run2a_1_1_batch_2000".
std::string graphNameFor(llvm::StringRef path) {
  std::string name = llvm::sys::path::stem(path).str();
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
      c = '_';
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
    name = "net_" + name;
  return name;
}

bool parseDouble(const std::string &s, double &out) {
  char *end;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && *end == 0 && std::isfinite(out);
}

bool parseList(const std::string &s, std::vector<double> &out) {
  out.clear();
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string item = s.substr(
        start, comma == std::string::npos ? std::string::npos : comma - start);
    double v;
    if (!parseDouble(item, v))
      return false;
    out.push_back(v);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return !out.empty();
}

void printVector(const char *label, const std::vector<double> &v) {
  std::printf("  %s = [", label);
  for (size_t i = 0; i < v.size(); ++i)
    std::printf("%s%.17g", i ? ", " : "", v[i]);
  std::printf("]\n");
}

/// The module's graphs, parsed with diagnostics on stderr.
OwningOpRef<ModuleOp> parseModule(MLIRContext &context,
                                  const std::string &path) {
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  std::string error;
  auto file = openInputFile(path, &error);
  if (!file) {
    llvm::errs() << "sgc: error: " << error << "\n";
    return {};
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  return sg::parseModule(sourceMgr, &context);
}

} // namespace

// The sub-commands and their options (LLVM's command-line library parses
// them in main; each option belongs to its sub-command only).
llvm::cl::SubCommand sgc::importNNetSubCommand(
    "import-nnet",
    "write the network of a .nnet file as an sg graph (the network in the "
    "normalized space, as VNN-LIB properties expect)");
llvm::cl::OptionCategory sgc::importNNetCategory("sgc import-nnet options");

namespace {
namespace cl = llvm::cl;

cl::opt<std::string> nnetInput(cl::Positional, cl::desc("<net.nnet>"),
                               cl::Required, cl::sub(sgc::importNNetSubCommand),
                               cl::cat(sgc::importNNetCategory));
cl::opt<std::string>
    nnetOutput("o",
               cl::desc("Output file (default: standard output). The graph "
                        "has one 1 x n input %x, the weights as constants, "
                        "sg.matmul + sg.bias_add per layer and sg.relu "
                        "between them; the header's means and ranges are "
                        "not applied"),
               cl::value_desc("net.mlir"), cl::init("-"),
               cl::sub(sgc::importNNetSubCommand),
               cl::cat(sgc::importNNetCategory));
cl::opt<std::string> nnetName("name",
                              cl::desc("Name of the graph (default: from the "
                                       "file name)"),
                              cl::value_desc("NAME"),
                              cl::sub(sgc::importNNetSubCommand),
                              cl::cat(sgc::importNNetCategory));
cl::opt<std::string> nnetPrecision("precision",
                                   cl::desc("Element type: f32 or f64 "
                                            "(default)"),
                                   cl::value_desc("f32|f64"), cl::init("f64"),
                                   cl::sub(sgc::importNNetSubCommand),
                                   cl::cat(sgc::importNNetCategory));
} // namespace

int sgc::importNNetCommand() {
  std::string input = nnetInput, output = nnetOutput, name = nnetName,
              precision = nnetPrecision;
  if (precision != "f32" && precision != "f64") {
    llvm::errs() << "sgc import-nnet: --precision must be f32 or f64\n";
    return 1;
  }
  std::string text, error;
  if (failed(sg::checkOutputIsNotInput(input, output, error))) {
    llvm::errs() << "sgc import-nnet: error: " << error << "\n";
    return 1;
  }
  sv::Network network;
  sv::NNetInfo info;
  if (!sv::readFile(input, text, error) ||
      !sv::parseNNet(text, input, network, info, error)) {
    printReaderError(error);
    return 1;
  }
  MLIRContext context;
  context.loadDialect<sg::SGDialect>();
  OpBuilder builder(&context);
  Location fileLoc = FileLineColLoc::get(&context, input, 1, 1);
  // Each layer's ops point at the layer's first weight line of the file.
  std::vector<Location> locations;
  for (const sv::Layer &l : network.layers) {
    unsigned line = 1;
    size_t colon = l.location.rfind(':');
    if (colon != std::string::npos)
      line = std::atoi(l.location.c_str() + colon + 1);
    locations.push_back(FileLineColLoc::get(&context, input, line, 1));
  }
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  Type element = precision == "f32" ? Type(builder.getF32Type())
                                    : Type(builder.getF64Type());
  sg::buildNetworkGraph(builder, fileLoc,
                        name.empty() ? graphNameFor(input) : name, network,
                        element, locations);
  if (failed(module->verify())) {
    llvm::errs() << "sgc import-nnet: internal error: the graph does not "
                    "verify\n";
    return 1;
  }
  if (failed(sg::writeOutputFile(
          output,
          [&](raw_ostream &os) {
            os << "// Imported from " << llvm::sys::path::filename(input)
               << " by sgc import-nnet: ";
            for (size_t i = 0; i < info.layerSizes.size(); ++i)
              os << (i ? "-" : "") << info.layerSizes[i];
            os << ", relu between affine layers.\n";
            // Keep the locations: diagnostics about the graph then point
            // into the .nnet file.
            module->print(os, OpPrintingFlags().enableDebugInfo());
            return success();
          },
          error))) {
    llvm::errs() << "sgc import-nnet: error: " << error << "\n";
    return 1;
  }
  return 0;
}

namespace {

struct VerifyCommandOptions {
  std::string model, property, graph;
  sv::VerifyOptions search;
  bool findRegion = false, quiet = false, confirm = true;
  std::vector<double> around;
  sv::RegionOptions region;
};

/// Runs the compiled network on x. Returns false with `error` set when the
/// library cannot be built or loaded.
bool runCompiled(const std::string &sgc, const std::string &model,
                 const std::string &graph, const std::vector<double> &x,
                 size_t outputs, std::vector<double> &y, std::string &error) {
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("sgc-verify", dir)) {
    error = "cannot create a temporary folder";
    return false;
  }
  {
    sgc::Library lib(sgc, model, std::string(dir), "net", {"--precision=f64"},
                     error);
    sgc::Packed forward = lib.get(graph, "_forward_packed");
    if (error.empty() && !forward)
      error = "the library has no " + graph + "_forward_packed";
    if (error.empty()) {
      std::vector<double> in = x;
      y.assign(outputs, 0.0);
      double loss = 0;
      void *buffers[] = {in.data(), y.data(), &loss};
      if (int rc = forward.fn(buffers, /*seed=*/0, /*step=*/0))
        error = "the compiled network failed with code " + std::to_string(rc) +
                ": " + forward.lastError();
    }
  }
  llvm::sys::fs::remove(dir);
  return error.empty();
}

int reportRegion(const sv::Network &net, const sv::Property &prop,
                 const VerifyCommandOptions &o) {
  sv::RegionOptions ro = o.region;
  ro.method = o.search.method;
  sv::RegionResult r = sv::findRegion(net, prop, o.around, ro);
  if (!r.found) {
    llvm::errs() << "sgc verify: error: no region around the point: " << r.error
                 << "\n";
    return 1;
  }
  const sv::Box &limit = prop.cases[r.caseIndex].box;
  double limitLog = 0;
  for (size_t i = 0; i < limit.size(); ++i)
    if (limit.upper[i] > limit.lower[i])
      limitLog += std::log(limit.upper[i] - limit.lower[i]);
  std::printf("region: the property holds on this box around the point\n");
  for (size_t i = 0; i < r.box.size(); ++i)
    std::printf("  X_%zu in [%.17g, %.17g]\n", i, r.box.lower[i],
                r.box.upper[i]);
  std::printf("  log-volume %.6g (the property's input region: %.6g; "
              "fraction %.3g)\n",
              r.logVolume, limitLog, std::exp(r.logVolume - limitLog));
  if (r.unstableRelus == 0)
    std::printf("  kinks: none; all %zu relus keep their sign on the box, "
                "so the network is affine there and automatic "
                "differentiation is exact throughout\n",
                r.totalRelus);
  else
    std::printf("  kinks: %zu of %zu relus may change sign on the box "
                "(gradients there may be subderivatives)\n",
                r.unstableRelus, r.totalRelus);
  // The three boxes side by side: today's greedy growth from the point,
  // the optimized box of the point's activation pattern, and the region
  // above (grown from the pattern box).
  auto printBox = [](const sv::Box &b) {
    for (size_t i = 0; i < b.size(); ++i)
      std::printf("    X_%zu in [%.17g, %.17g]\n", i, b.lower[i], b.upper[i]);
  };
  if (r.patternFound) {
    std::printf("  activation-pattern box (the largest box on which every "
                "relu keeps its sign at the point and the property holds): "
                "log-volume %.6g\n",
                r.patternLogVolume);
    std::printf("    optimum %.6g after %d Newton steps, certified after "
                "shrinking by %g%s\n",
                r.patternOptimum, r.patternNewtonSteps, r.patternShrink,
                r.patternSnapped ? " (ends within 1e-7 of the limit moved "
                                   "onto it)"
                                 : "");
    printBox(r.patternBox);
  } else {
    std::printf("  activation-pattern box: none (%s); the region grew from "
                "the point\n",
                r.patternError.c_str());
  }
  std::printf("  beyond the pattern: log-volume %.6g after %d accepted "
              "rounds of the same program on CROWN's linear bounds, %.6g "
              "after growing side by side\n",
              r.optimizedLogVolume, r.optimizedSteps, r.logVolume);
  if (r.greedyFound) {
    std::printf("  greedy box (grown from the point): log-volume %.6g\n",
                r.greedyLogVolume);
    printBox(r.greedyBox);
    std::printf("  gain over the greedy box: %+.6g in log-volume (volume "
                "x%.4g)\n",
                r.logVolume - r.greedyLogVolume,
                std::exp(r.logVolume - r.greedyLogVolume));
  }
  return 0;
}

} // namespace

llvm::cl::SubCommand sgc::verifySubCommand(
    "verify",
    "decide a VNN-LIB property of a network graph: prints unsat, sat (with a "
    "confirmed counterexample) or unknown and exits with 0, vacuous (an empty "
    "input region) with 3, errors with 1");
llvm::cl::OptionCategory sgc::verifyCategory("sgc verify options");

namespace {
enum class Branching { Strong, Coefficient };

// A graph with one 1 x n input and constant weights (see sgc import-nnet).
cl::opt<std::string> verifyModel(cl::Positional, cl::desc("<net.mlir>"),
                                 cl::Required, cl::sub(sgc::verifySubCommand),
                                 cl::cat(sgc::verifyCategory));
cl::opt<std::string> verifyProperty("property",
                                    cl::desc("The VNN-LIB property to decide"),
                                    cl::value_desc("prop.vnnlib"), cl::Required,
                                    cl::sub(sgc::verifySubCommand),
                                    cl::cat(sgc::verifyCategory));
// Read as text and checked below: the time must be finite and positive.
cl::opt<std::string> verifyTimeout("timeout",
                                   cl::desc("Give up after S seconds (default "
                                            "116)"),
                                   cl::value_desc("S"),
                                   cl::sub(sgc::verifySubCommand),
                                   cl::cat(sgc::verifyCategory));
cl::opt<sv::BoundMethod> verifyMethod(
    "method", cl::desc("Bounds"), cl::init(sv::BoundMethod::Crown),
    cl::values(clEnumValN(sv::BoundMethod::Crown, "crown", "CROWN (default)"),
               clEnumValN(sv::BoundMethod::Interval, "ibp",
                          "interval bound propagation")),
    cl::sub(sgc::verifySubCommand), cl::cat(sgc::verifyCategory));
cl::opt<std::string> verifyGraph("graph",
                                 cl::desc("The graph to verify (default: the "
                                          "first)"),
                                 cl::value_desc("NAME"),
                                 cl::sub(sgc::verifySubCommand),
                                 cl::cat(sgc::verifyCategory));
cl::opt<uint64_t> verifySeed("seed",
                             cl::desc("Random starts of the counterexample "
                                      "search"),
                             cl::init(sv::VerifyOptions().seed),
                             cl::sub(sgc::verifySubCommand),
                             cl::cat(sgc::verifyCategory));
cl::opt<unsigned> verifyThreads("threads",
                                cl::desc("Worker threads, 1..256 (default: "
                                         "one per core)"),
                                cl::sub(sgc::verifySubCommand),
                                cl::cat(sgc::verifyCategory));
cl::opt<Branching> verifyBranching(
    "branching", cl::desc("Which input to split"), cl::init(Branching::Strong),
    cl::values(clEnumValN(Branching::Strong, "strong",
                          "bound both halves of every input, keep the best "
                          "(default)"),
               clEnumValN(Branching::Coefficient, "coefficient",
                          "the input the bound depends on most")),
    cl::sub(sgc::verifySubCommand), cl::cat(sgc::verifyCategory));
cl::opt<sv::Splitting> verifySplit(
    "split", cl::desc("What branch and bound splits"),
    cl::init(sv::Splitting::Input),
    cl::values(
        clEnumValN(sv::Splitting::Input, "input",
                   "input boxes in halves (default)"),
        clEnumValN(sv::Splitting::Relu, "relu",
                   "unstable relus into their two signs, the splits carried "
                   "into the bounds (beta-CROWN with --alpha-steps)"),
        clEnumValN(sv::Splitting::Auto, "auto",
                   "per box, the input or relu split whose worse half "
                   "misses the least margin (needs --branching strong)")),
    cl::sub(sgc::verifySubCommand), cl::cat(sgc::verifyCategory));
cl::opt<int> verifyReluCandidates(
    "relu-candidates",
    cl::desc("With --split relu|auto: the unstable relus with the highest "
             "intercept scores whose splits are bounded to choose one "
             "(1..64, default 3)"),
    cl::value_desc("K"), cl::init(3), cl::sub(sgc::verifySubCommand),
    cl::cat(sgc::verifyCategory));
cl::opt<int> verifySlopeSteps(
    "alpha-steps",
    cl::desc("alpha-CROWN: where CROWN does not refute a box, this many "
             "bounds with the relu lower slopes optimized by gradient ascent "
             "(each sound; 0..1000, default 0: CROWN's slopes)"),
    cl::value_desc("N"), cl::init(0), cl::sub(sgc::verifySubCommand),
    cl::cat(sgc::verifyCategory));
cl::opt<int> verifySlopeDepth(
    "alpha-depth",
    cl::desc("With --alpha-steps: boxes up to D splits deep also get the "
             "bounds of every relu's input optimized before they are split "
             "(inherited by the boxes inside; -1..64, default -1: none)"),
    cl::value_desc("D"), cl::init(-1), cl::sub(sgc::verifySubCommand),
    cl::cat(sgc::verifyCategory));
// Read as text and checked below, as --timeout.
cl::opt<std::string> verifySlopesAfter(
    "alpha-after",
    cl::desc("With --alpha-steps: try CROWN alone for S seconds first, and "
             "only if that does not decide start over with optimized slopes "
             "(default 0: optimized slopes from the start)"),
    cl::value_desc("S"), cl::sub(sgc::verifySubCommand),
    cl::cat(sgc::verifyCategory));
cl::opt<bool> verifyQuiet("quiet", cl::desc("No progress on standard error"),
                          cl::sub(sgc::verifySubCommand),
                          cl::cat(sgc::verifyCategory));
cl::opt<bool> verifyNoConfirm(
    "no-confirm",
    cl::desc("Do not compile the network to confirm a counterexample"),
    cl::sub(sgc::verifySubCommand), cl::cat(sgc::verifyCategory));
cl::opt<bool> verifyFindRegion(
    "find-region",
    cl::desc("With --around: find a large box around the point on which the "
             "property provably holds (the largest box of the point's "
             "activation pattern, grown further) and report it, its "
             "log-volume and kinks, next to the pattern box and the greedy "
             "box"),
    cl::sub(sgc::verifySubCommand), cl::cat(sgc::verifyCategory));
// Read as text and checked below: every coordinate must be a finite number.
cl::opt<std::string> verifyAround("around",
                                  cl::desc("The point of --find-region"),
                                  cl::value_desc("x0,x1,..."),
                                  cl::sub(sgc::verifySubCommand),
                                  cl::cat(sgc::verifyCategory));
cl::opt<bool> verifyNoGreedy(
    "no-greedy-region",
    cl::desc("With --find-region: do not also grow the greedy box from the "
             "point for comparison (half the time)"),
    cl::sub(sgc::verifySubCommand), cl::cat(sgc::verifyCategory));
cl::opt<uint64_t> verifyRegionBoxes(
    "region-boxes",
    cl::desc("With --find-region: boxes branch and bound may split each "
             "candidate region into to certify it (default 32; 1: bounds "
             "alone)"),
    cl::init(32), cl::value_desc("N"), cl::sub(sgc::verifySubCommand),
    cl::cat(sgc::verifyCategory));
} // namespace

int sgc::verifyCommand(const std::string &sgc) {
  VerifyCommandOptions o;
  o.search.threads = std::max(1u, std::thread::hardware_concurrency());
  o.model = verifyModel;
  o.property = verifyProperty;
  o.graph = verifyGraph;
  o.search.method = verifyMethod;
  o.search.seed = verifySeed;
  o.search.strongBranching = verifyBranching == Branching::Strong;
  o.quiet = verifyQuiet;
  o.confirm = !verifyNoConfirm;
  o.findRegion = verifyFindRegion;
  if (verifyTimeout.getNumOccurrences() &&
      (!parseDouble(verifyTimeout, o.search.timeoutSeconds) ||
       o.search.timeoutSeconds <= 0)) {
    llvm::errs() << "sgc verify: --timeout needs a positive number\n";
    return 1;
  }
  if (verifySlopeSteps < 0 || verifySlopeSteps > 1000) {
    llvm::errs() << "sgc verify: --alpha-steps needs a number in 0..1000\n";
    return 1;
  }
  o.search.slopeSteps = verifySlopeSteps;
  if (verifySlopeDepth < -1 || verifySlopeDepth > 64) {
    llvm::errs() << "sgc verify: --alpha-depth needs a number in -1..64\n";
    return 1;
  }
  o.search.slopeDepth = verifySlopeDepth;
  if (verifySlopesAfter.getNumOccurrences() &&
      (!parseDouble(verifySlopesAfter, o.search.slopesAfterSeconds) ||
       o.search.slopesAfterSeconds < 0)) {
    llvm::errs() << "sgc verify: --alpha-after needs a number >= 0\n";
    return 1;
  }
  // Options that would do nothing are refused rather than ignored.
  if (o.search.slopeSteps > 0 && o.search.method != sv::BoundMethod::Crown) {
    llvm::errs() << "sgc verify: --alpha-steps optimizes CROWN's relu slopes; "
                    "--method ibp has none\n";
    return 1;
  }
  if (o.search.slopeSteps == 0 && (verifySlopeDepth.getNumOccurrences() ||
                                   verifySlopesAfter.getNumOccurrences())) {
    llvm::errs() << "sgc verify: --alpha-depth and --alpha-after need "
                    "--alpha-steps N with N > 0\n";
    return 1;
  }
  o.search.splitting = verifySplit;
  if (verifyReluCandidates < 1 || verifyReluCandidates > 64) {
    llvm::errs() << "sgc verify: --relu-candidates needs a number in 1..64\n";
    return 1;
  }
  o.search.reluCandidates = verifyReluCandidates;
  if (o.search.splitting != sv::Splitting::Input &&
      o.search.method != sv::BoundMethod::Crown) {
    llvm::errs() << "sgc verify: --split " << sv::splittingName(verifySplit)
                 << " carries relu splits into CROWN's relaxations; --method "
                    "ibp has none\n";
    return 1;
  }
  if (o.search.splitting == sv::Splitting::Auto &&
      verifyBranching != Branching::Strong) {
    llvm::errs() << "sgc verify: --split auto compares bounded splits; it "
                    "needs --branching strong\n";
    return 1;
  }
  if (o.search.splitting == sv::Splitting::Input &&
      verifyReluCandidates.getNumOccurrences()) {
    llvm::errs() << "sgc verify: --relu-candidates needs --split relu or "
                    "--split auto\n";
    return 1;
  }
  if (verifyReluCandidates.getNumOccurrences() &&
      verifyBranching != Branching::Strong) {
    // Without bounding the candidates, only the first is ever split.
    llvm::errs() << "sgc verify: --relu-candidates compares bounded splits; "
                    "it needs --branching strong\n";
    return 1;
  }
  if (verifyThreads.getNumOccurrences()) {
    if (verifyThreads < 1 || verifyThreads > 256) {
      llvm::errs() << "sgc verify: --threads needs a number in 1..256\n";
      return 1;
    }
    o.search.threads = verifyThreads;
  }
  if (verifyAround.getNumOccurrences() && !parseList(verifyAround, o.around)) {
    llvm::errs() << "sgc verify: --around needs comma-separated numbers\n";
    return 1;
  }
  if (verifyRegionBoxes < 1 || verifyRegionBoxes > 1000000) {
    llvm::errs() << "sgc verify: --region-boxes needs a number in "
                    "1..1000000\n";
    return 1;
  }
  o.region.boxesPerCheck = verifyRegionBoxes;
  o.region.greedy = !verifyNoGreedy;
  if (!o.findRegion && (verifyNoGreedy.getNumOccurrences() ||
                        verifyRegionBoxes.getNumOccurrences())) {
    llvm::errs() << "sgc verify: --no-greedy-region and --region-boxes go "
                    "with --find-region\n";
    return 1;
  }
  if (o.findRegion && verifySplit.getNumOccurrences()) {
    llvm::errs() << "sgc verify: --split chooses the splits of deciding the "
                    "property; --find-region certifies boxes by input "
                    "splits only\n";
    return 1;
  }
  if (o.findRegion != !o.around.empty()) {
    llvm::errs() << "sgc verify: --find-region and --around go together\n";
    return 1;
  }

  DialectRegistry registry;
  sg::registerCompilerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  OwningOpRef<ModuleOp> module = parseModule(context, o.model);
  if (!module)
    return 1;
  sg::GraphOp graph;
  for (sg::GraphOp g : module->getOps<sg::GraphOp>())
    if (o.graph.empty() || g.getSymName() == o.graph) {
      graph = g;
      break;
    }
  if (!graph) {
    llvm::errs() << "sgc verify: error: " << o.model << " has no graph"
                 << (o.graph.empty() ? "" : " named @" + o.graph) << "\n";
    return 1;
  }
  FailureOr<sv::Network> net;
  {
    llvm::SourceMgr sourceMgr;
    SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    net = sg::extractNetwork(graph);
  }
  if (failed(net))
    return 1;

  std::string text, error;
  sv::Property prop;
  if (!sv::readFile(o.property, text, error) ||
      !sv::parseVnnLib(text, o.property, prop, error)) {
    printReaderError(error);
    return 1;
  }
  if (prop.numInputs != net->inputSize ||
      prop.numOutputs != net->outputSize()) {
    llvm::errs() << o.property << ": error: the property has " << prop.numInputs
                 << " inputs and " << prop.numOutputs
                 << " outputs, the network @" << graph.getSymName() << " "
                 << net->inputSize << " and " << net->outputSize() << "\n";
    return 1;
  }
  // Contradictory input constraints (some X_i with lower > upper in every
  // case, or no case left: the reader drops empty disjuncts): no input
  // exists, so the property holds vacuously. Say so rather than a plain
  // `unsat`, which reads as "checked against inputs".
  auto emptyBox = [](const sv::Box &box) {
    for (size_t i = 0; i < box.size(); ++i)
      if (!(box.lower[i] <= box.upper[i]))
        return true;
    return false;
  };
  if (llvm::all_of(prop.cases, [&](const sv::PropertyCase &c) {
        return emptyBox(c.box);
      })) {
    std::printf("vacuous\n  the property's input region is empty (its "
                "input constraints contradict each other): no input "
                "exists, so the property holds vacuously\n");
    for (size_t k = 0; k < prop.cases.size(); ++k)
      for (size_t i = 0; i < prop.cases[k].box.size(); ++i)
        if (!(prop.cases[k].box.lower[i] <= prop.cases[k].box.upper[i]))
          std::printf("  region %zu: X_%zu in [%.17g, %.17g]\n", k, i,
                      prop.cases[k].box.lower[i], prop.cases[k].box.upper[i]);
    return 3;
  }
  if (o.findRegion) {
    if (o.around.size() != net->inputSize) {
      llvm::errs() << "sgc verify: --around has " << o.around.size()
                   << " numbers for " << net->inputSize << " inputs\n";
      return 1;
    }
    return reportRegion(*net, prop, o);
  }

  size_t relus = 0;
  for (const sv::Layer &l : net->layers)
    relus += l.kind == sv::LayerKind::Relu ? l.in : 0;
  if (!o.quiet) {
    std::string slopes;
    if (o.search.slopeSteps > 0 && o.search.method == sv::BoundMethod::Crown) {
      slopes = " with optimized slopes (" +
               std::to_string(o.search.slopeSteps) + " steps";
      if (o.search.slopeDepth >= 0)
        slopes += ", intermediate bounds to depth " +
                  std::to_string(o.search.slopeDepth);
      if (o.search.slopesAfterSeconds >= o.search.timeoutSeconds) {
        slopes = " alone (--alpha-after is not below the time limit";
      } else if (o.search.slopesAfterSeconds > 0) {
        char after[64];
        std::snprintf(after, sizeof after, ", after %g s of crown alone",
                      o.search.slopesAfterSeconds);
        slopes += after;
      }
      slopes += ")";
    }
    std::string splits;
    if (o.search.splitting == sv::Splitting::Relu)
      splits = ", relu splits";
    else if (o.search.splitting == sv::Splitting::Auto)
      splits = ", input or relu splits";
    std::fprintf(stderr,
                 "sgc verify: @%s (%zu inputs, %zu layers, %zu relus), "
                 "%s (%zu input regions), %s%s bounds%s, time limit %g s\n",
                 graph.getSymName().str().c_str(), net->inputSize,
                 net->layers.size(), relus, o.property.c_str(),
                 prop.cases.size(),
                 o.search.method == sv::BoundMethod::Crown ? "crown" : "ibp",
                 slopes.c_str(), splits.c_str(), o.search.timeoutSeconds);
    // A relu split halves a sub-problem's share, not its volume.
    bool volume = o.search.splitting == sv::Splitting::Input;
    o.search.progress = [volume](const sv::Progress &p) {
      std::fprintf(stderr,
                   "[%7.1f s] %llu boxes bounded, %llu pending, %.4f%% of "
                   "the %s proven\n",
                   p.seconds, (unsigned long long)p.boxes,
                   (unsigned long long)p.pending, 100 * p.provenFraction,
                   volume ? "input volume" : "sub-problems (halved per split)");
    };
  }
  sv::VerifyResult r = sv::verifyProperty(*net, prop, o.search);
  if (r.verdict == sv::Verdict::Sat && o.confirm) {
    std::vector<double> y;
    if (!runCompiled(sgc, o.model, graph.getSymName().str(), r.counterexample,
                     net->outputSize(), y, error)) {
      llvm::errs() << "sgc verify: error: cannot confirm the counterexample: "
                   << error << "\n";
      return 1;
    }
    bool confirmed = false;
    for (const sv::PropertyCase &c : prop.cases)
      confirmed |= c.box.contains(r.counterexample) &&
                   sv::Property::isUnsafeOutput(c, y);
    if (!confirmed) {
      // Only possible within rounding of the unsafe set's boundary: do not
      // claim what the compiled code does not show.
      std::printf("unknown\n");
      std::printf("  a counterexample in double arithmetic is not unsafe "
                  "in the compiled network:\n");
      printVector("x", r.counterexample);
      printVector("y (double)", r.output);
      printVector("y (compiled)", y);
      return 0;
    }
    std::printf("sat\n");
    printVector("x", r.counterexample);
    printVector("y", y);
    std::printf("  confirmed by the compiled network (%s, f64)\n",
                o.model.c_str());
  } else {
    std::printf("%s\n", sv::verdictName(r.verdict));
    if (r.verdict == sv::Verdict::Sat) {
      printVector("x", r.counterexample);
      printVector("y", r.output);
    }
  }
  std::printf("  %.3f s, %llu boxes bounded\n", r.stats.seconds,
              (unsigned long long)r.stats.boxes);
  if (o.search.splitting != sv::Splitting::Input)
    std::printf("  %llu input splits, %llu relu splits\n",
                (unsigned long long)r.stats.inputSplits,
                (unsigned long long)r.stats.reluSplits);
  return 0;
}
