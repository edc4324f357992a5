//===- Check.cpp - sgc check: built-in unit tests for ML code -------------===//
//
// The tests a careful ML engineer writes by hand, run on any model:
//   - the loss is finite and non-zero;
//   - one Adam step changes every parameter and no input;
//   - the gradient matches central finite differences (f64 build), where the
//     loss is a deterministic function of the parameters for a fixed key;
//   - two unbiased estimators of the gradient (reparameterized and score
//     function) agree within a z-test bound.
// Each model variant is compiled by this very sgc and called through the
// packed entry points (sg-packed-abi).
//
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "Library.h"
#include "MeanTest.h"

#include "mlir/IR/BuiltinOps.h"
#include "sg/Pipelines/Parse.h"
#include "sg/Pipelines/Pipelines.h"
#include "sg/SGOps.h"
#include "sg/Support/FiniteDifference.h"
#include "sg/Transforms/FunctionBuilder.h"
#include "sg_runtime.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"

#include <dlfcn.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace mlir;

namespace {

using sgc::Library;
using sgc::Packed;

struct Tensor {
  std::string name;
  bool param;
  std::vector<int64_t> shape;
  int64_t size() const {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }
};

struct Graph {
  std::string name;
  /// Module-wide numbers and descriptions of this graph's kinked ops (the
  /// numbering of sg-mark-kinks).
  std::vector<std::pair<size_t, std::string>> kinks;
  std::vector<Tensor> args;
  std::vector<int64_t> outputSizes;
  bool hasCosts = false, hasParams = false;
  bool gaussian = false;      // has sg.normal samples
  bool scoreFunction = false; // keeps score terms even when reparameterized
};

struct Report {
  int passed = 0, failed = 0, skipped = 0;
  void line(const std::string &graph, const char *status,
            const std::string &check, const std::string &detail) {
    std::printf("%-4s @%s: %s%s%s\n", status, graph.c_str(), check.c_str(),
                detail.empty() ? "" : ": ", detail.c_str());
  }
  void pass(const std::string &g, const std::string &c,
            const std::string &d = "") {
    ++passed;
    line(g, "PASS", c, d);
  }
  void fail(const std::string &g, const std::string &c, const std::string &d) {
    ++failed;
    line(g, "FAIL", c, d);
  }
  /// Not a failure, but worth knowing.
  void note(const std::string &g, const std::string &c, const std::string &d) {
    ++passed;
    line(g, "NOTE", c, d);
  }
  void skip(const std::string &g, const std::string &c, const std::string &d) {
    ++skipped;
    line(g, "SKIP", c, d);
  }
};

std::string format(const char *fmt, double a, double b = 0, double c = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

/// Buffers for one call, in the order of the function's model info:
/// arguments, [baselines,] results, [new baselines,] [kink counts,] loss.
template <typename T> struct Buffers {
  std::vector<sgc::Slot> layout;
  std::vector<std::vector<T>> args, results, baselines, newBaselines;
  std::vector<int64_t> kinks;
  T loss = 0;
  std::vector<void *> pointers() {
    std::vector<void *> p;
    size_t a = 0, r = 0, b = 0, n = 0;
    for (const sgc::Slot &slot : layout) {
      switch (slot.role) {
      case sgc::Slot::Param:
      case sgc::Slot::Input:
        p.push_back(args[a++].data());
        break;
      case sgc::Slot::Output:
      case sgc::Slot::Grad:
        p.push_back(results[r++].data());
        break;
      case sgc::Slot::Baseline:
        p.push_back(baselines[b++].data());
        break;
      case sgc::Slot::NewBaseline:
        p.push_back(newBaselines[n++].data());
        break;
      case sgc::Slot::Kinks:
        p.push_back(kinks.data());
        break;
      case sgc::Slot::Loss:
        p.push_back(&loss);
        break;
      case sgc::Slot::Status:
        llvm::report_fatal_error("sgc check: unexpected status buffer");
      }
    }
    return p;
  }
  /// After a draw, as a training loop does: the moving-average baselines
  /// (--baseline=moving-average) take their updates.
  void advance() { baselines = newBaselines; }
};

/// Values for the inputs from `sgc check --data` (IDX, u8 scaled by 1/256
/// like the VAE's pixels); empty: random inputs.
std::vector<double> inputData;

template <typename T>
Buffers<T> makeBuffers(const Graph &g, const Library &lib, bool grad,
                       uint64_t seed) {
  std::mt19937_64 gen(seed);
  Buffers<T> b;
  b.layout = lib.layout(g.name, grad);
  if (b.layout.empty())
    llvm::report_fatal_error("sgc check: the library does not describe @" +
                             llvm::Twine(g.name));
  for (const sgc::Slot &slot : b.layout) {
    if (slot.role == sgc::Slot::Baseline)
      b.baselines.emplace_back(slot.size, T(0));
    if (slot.role == sgc::Slot::NewBaseline)
      b.newBaselines.emplace_back(slot.size, T(0));
    if (slot.role == sgc::Slot::Kinks)
      b.kinks.assign(slot.size, 0);
  }
  for (const Tensor &t : g.args) {
    std::vector<T> v(t.size());
    // Parameters: Glorot-uniform for matrices, U(-0.5, 0.5) otherwise;
    // inputs: U(0.05, 0.95), inside every op's domain (pixels, probabilities).
    double r = 0.5;
    if (t.param && t.shape.size() == 2)
      r = std::sqrt(6.0 / double(t.shape[0] + t.shape[1]));
    std::uniform_real_distribution<double> u =
        t.param ? std::uniform_real_distribution<double>(-r, r)
                : std::uniform_real_distribution<double>(0.05, 0.95);
    for (T &x : v)
      x = static_cast<T>(u(gen));
    // Inputs come from the data file when one is given, in row-major order
    // (repeating it if the input is larger).
    if (!t.param && !inputData.empty())
      for (size_t e = 0; e < v.size(); ++e)
        v[e] = static_cast<T>(inputData[e % inputData.size()]);
    b.args.push_back(std::move(v));
  }
  if (grad) {
    for (const Tensor &t : g.args)
      if (t.param)
        b.results.emplace_back(t.size(), T(0));
  } else {
    for (int64_t n : g.outputSizes)
      b.results.emplace_back(n, T(0));
  }
  return b;
}

/// The number of kinked ops in the module, set by describe().
size_t moduleKinks = 0;

std::vector<Graph> describe(const std::string &input, std::string &error) {
  DialectRegistry registry;
  sg::registerCompilerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::vector<Graph> graphs;
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  auto buffer = openInputFile(input, &error);
  if (!buffer)
    return graphs;
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = sg::parseModule(sourceMgr, &context);
  if (!module) {
    error = "cannot parse " + input;
    return graphs;
  }
  for (sg::GraphOp op : module->getOps<sg::GraphOp>()) {
    Graph g;
    g.name = op.getSymName().str();
    for (unsigned i = 0; i < op.getNumArguments(); ++i) {
      auto type = cast<RankedTensorType>(op.getArgumentTypes()[i]);
      g.args.push_back({op.getArgName(i), op.isParam(i),
                        std::vector<int64_t>(type.getShape().begin(),
                                             type.getShape().end())});
      g.hasParams |= op.isParam(i);
    }
    for (Operation &o : op.getBody().front()) {
      if (auto out = dyn_cast<sg::OutputOp>(o))
        g.outputSizes.push_back(
            cast<RankedTensorType>(out.getValue().getType()).getNumElements());
      g.hasCosts |= isa<sg::CostOp>(o);
      auto rule = dyn_cast<sg::PullbackOpInterface>(o);
      if (rule && !rule.getKink().empty()) {
        g.kinks.push_back(
            {moduleKinks++, o.getName().getStringRef().str() + " at " +
                                sg::describeLocation(o.getLoc())});
      }
      auto dist = dyn_cast<sg::DistributionOpInterface>(o);
      if (!dist || o.getNumOperands() == 0) // parameter-free: no score term
        continue;
      bool pathwise = dist.isReparameterizable();
      g.gaussian |= pathwise;
      g.scoreFunction |=
          !pathwise || sg::SGDialect::ScoreFunctionAttrHelper(o.getContext())
                           .isAttrPresent(&o);
    }
    graphs.push_back(std::move(g));
  }
  return graphs;
}

void checkStep(const Graph &g, const Library &lib, uint64_t seed, Report &r) {
  Packed lossGrad = lib.get(g.name, "_loss_grad_packed");
  auto b = makeBuffers<float>(g, lib, true, seed);
  auto inputsBefore = b.args;
  auto ptrs = b.pointers();
  lossGrad(ptrs.data(), seed, 0);
  if (std::isfinite(b.loss) && b.loss != 0)
    r.pass(g.name, "the loss is finite and non-zero", format("%g", b.loss));
  else
    r.fail(g.name, "the loss is finite and non-zero",
           format("the loss is %g", b.loss));

  // One Adam step, as a training loop would take it.
  size_t k = 0;
  std::string unchanged;
  for (size_t i = 0; i < g.args.size(); ++i) {
    if (!g.args[i].param)
      continue;
    std::vector<float> m(b.args[i].size(), 0), v(b.args[i].size(), 0);
    if (sg_adam_step_f32(b.args[i].data(), b.results[k].data(), m.data(),
                         v.data(), b.args[i].size(), 1, nullptr) != 0)
      llvm::report_fatal_error(llvm::Twine("sgc check: ") + sg_last_error());
    if (b.args[i] == inputsBefore[i])
      unchanged += " %" + g.args[i].name;
    ++k;
  }
  if (unchanged.empty())
    r.pass(g.name, "one Adam step changes every parameter");
  else
    r.fail(g.name, "one Adam step changes every parameter",
           "unchanged:" + unchanged);
  std::string modified;
  for (size_t i = 0; i < g.args.size(); ++i)
    if (!g.args[i].param && b.args[i] != inputsBefore[i])
      modified += " %" + g.args[i].name;
  if (modified.empty())
    r.pass(g.name, "the inputs never change");
  else
    r.fail(g.name, "the inputs never change", "modified:" + modified);
}

void checkFiniteDifferences(const Graph &g, const Library &lib64, uint64_t seed,
                            Report &r) {
  const char *name = "the gradient matches finite differences (f64)";
  if (g.scoreFunction) {
    r.skip(g.name, name,
           "score-function terms: the loss for a fixed key is not the "
           "function whose expectation they differentiate");
    return;
  }
  Packed lossGrad = lib64.get(g.name, "_loss_grad_packed");
  Packed forward = lib64.get(g.name, "_forward_packed");
  auto b = makeBuffers<double>(g, lib64, true, seed);
  auto ptrs = b.pointers();
  lossGrad(ptrs.data(), seed, 0);
  auto f = makeBuffers<double>(g, lib64, false, seed);
  auto loss = [&]() {
    auto p = f.pointers();
    forward(p.data(), seed, 0);
    return f.loss;
  };
  // A component is compared relative to the larger of itself, its finite
  // difference and 1e-3 of the largest gradient component checked, so that
  // components far below the gradient's scale are not judged by their
  // rounding noise alone.
  std::mt19937_64 gen(seed + 1);
  struct Sample {
    double fd, got;
  };
  std::vector<Sample> pairs;
  size_t k = 0;
  for (size_t i = 0; i < g.args.size(); ++i) {
    if (!g.args[i].param)
      continue;
    std::uniform_int_distribution<int64_t> pick(0, g.args[i].size() - 1);
    for (int n = 0; n < 8; ++n) {
      int64_t e = pick(gen);
      double got = b.results[k][e];
      double best = sg::bestCentralDifference(f.args[i][e], got, loss);
      pairs.push_back({best, got});
    }
    ++k;
  }
  double largest = 0, worst = 0;
  for (const Sample &p : pairs)
    largest = std::max({largest, std::fabs(p.fd), std::fabs(p.got)});
  for (const Sample &p : pairs) {
    double scale =
        std::max({std::fabs(p.fd), std::fabs(p.got), 1e-3 * largest, 1e-12});
    worst = std::max(worst, std::fabs(p.fd - p.got) / scale);
  }
  double compared = pairs.size();
  std::string detail = format("%g elements, worst relative error %.2e "
                              "(bound 1e-5)",
                              compared, worst);
  if (worst <= 1e-5)
    r.pass(g.name, name, detail);
  else
    r.fail(g.name, name, detail);
}

void checkEstimators(const Graph &g, const Library &reparam,
                     const Library &score, int samples, uint64_t seed,
                     Report &r) {
  const char *name = "reparameterized and score-function gradients agree";
  if (!g.gaussian) {
    r.skip(g.name, name, "no Gaussian sample");
    return;
  }
  auto run = [&](const Library &lib, std::vector<double> &mean,
                 std::vector<double> &var) {
    Packed lossGrad = lib.get(g.name, "_loss_grad_packed");
    auto b = makeBuffers<double>(g, lib, true, seed);
    std::vector<double> m2;
    for (int s = 0; s < samples; ++s) {
      auto p = b.pointers();
      lossGrad(p.data(), seed + 7, s);
      b.advance();
      size_t j = 0;
      for (auto &grad : b.results)
        for (size_t e = 0; e < grad.size() && e < 16; ++e, ++j) {
          if (mean.size() <= j) {
            mean.push_back(0);
            m2.push_back(0);
          }
          double d = grad[e] - mean[j];
          mean[j] += d / (s + 1);
          m2[j] += d * (grad[e] - mean[j]);
        }
    }
    for (double x : m2)
      var.push_back(x / (samples - 1));
  };
  std::vector<double> m1, v1, m2, v2;
  run(reparam, m1, v1);
  run(score, m2, v2);
  double worst = 0;
  for (size_t j = 0; j < m1.size() && j < m2.size(); ++j) {
    double se = std::sqrt((v1[j] + v2[j]) / samples);
    if (se > 0)
      worst = std::max(worst, std::fabs(m1[j] - m2[j]) / se);
  }
  std::string detail =
      format("%g components, %g estimates each, max |z| = %.2f (bound 5; false "
             "failure below 6e-7 per component)",
             m1.size(), samples, worst);
  if (worst <= 5)
    r.pass(g.name, name, detail);
  else
    r.fail(g.name, name, detail);
}

/// The mean gradient against central differences of a many-sample estimate
/// of E[loss], with common random numbers (the same keys on both sides): the
/// one check that also covers score-function terms. The number of draws is
/// sized from a pilot run so that the test has power (MeanTest.h).
void checkExpectation(const Graph &g, const Library &lib64, int samples,
                      uint64_t seed, Report &r) {
  const char *name = "the mean gradient matches finite differences of E[loss]";
  if (!g.gaussian && !g.scoreFunction) {
    r.skip(g.name, name, "no sample: covered by the deterministic check");
    return;
  }
  Packed lossGrad = lib64.get(g.name, "_loss_grad_packed");
  Packed forward = lib64.get(g.name, "_forward_packed");
  auto b = makeBuffers<double>(g, lib64, true, seed);
  auto f = makeBuffers<double>(g, lib64, false, seed);
  // The first parameter's first element: one direction, many samples.
  size_t arg = 0;
  while (!g.args[arg].param)
    ++arg;
  // The central difference of a smooth E[loss] with h = 0.05 is biased by
  // O(h²): the test allows 1% of the gradient on top of the sampling bound.
  const double h = 0.05 * std::max(1.0, std::fabs(f.args[arg][0]));
  auto draw = [&](int64_t s) {
    auto p = b.pointers();
    lossGrad(p.data(), seed + 11, s);
    b.advance();
    double gs = b.results[0][0];
    double saved = f.args[arg][0];
    f.args[arg][0] = saved + h;
    auto q = f.pointers();
    forward(q.data(), seed + 11, s);
    double up = f.loss;
    f.args[arg][0] = saved - h;
    forward(q.data(), seed + 11, s);
    double down = f.loss;
    f.args[arg][0] = saved;
    return std::make_pair(gs, (up - down) / (2 * h));
  };
  sgc::MeanTestOptions options;
  options.pilot = options.minDraws = samples;
  options.maxDraws = std::max<int64_t>(samples, 50 * int64_t(samples));
  sgc::MeanTestResult t = sgc::runMeanTest(draw, options);
  std::string detail =
      "d/d%" + g.args[arg].name + "[0]: " +
      format("mean gradient %.4g, finite difference of the mean loss "
             "%.4g, |z| = %.2f (bound 5), ",
             t.estimate, t.reference, t.z) +
      format("%g draws sized by a %g-draw pilot: detects a bias >= %.3g at 5 "
             "sigma",
             t.draws, t.pilot, t.detectable) +
      format(" (%.2g%% of the gradient)",
             100 * t.detectable / std::max(std::fabs(t.reference), 1e-300));
  if (t.pass)
    r.pass(g.name, name, detail);
  else
    r.fail(g.name, name, detail);
}

/// Reports whether the gradient at the checked point may be a
/// subderivative: how many evaluations landed exactly on a kink.
void checkKinks(const Graph &g, const Library &lib, uint64_t seed, Report &r) {
  const char *name = "no evaluation lands on a kink";
  if (g.kinks.empty()) {
    r.skip(g.name, name, "no op with a kink");
    return;
  }
  Packed lossGrad = lib.get(g.name, "_loss_grad_packed");
  auto b = makeBuffers<double>(g, lib, true, seed);
  if (b.kinks.size() != moduleKinks)
    llvm::report_fatal_error("sgc check: the library counts " +
                             llvm::Twine(b.kinks.size()) + " kinks, not " +
                             llvm::Twine(moduleKinks));
  auto p = b.pointers();
  lossGrad(p.data(), seed, 0);
  std::vector<int64_t> &kinks = b.kinks;
  std::string hits;
  for (auto &[index, what] : g.kinks)
    if (kinks[index])
      hits += " " + std::to_string(kinks[index]) + " at " + what + ";";
  if (hits.empty())
    r.pass(g.name, name, "the gradient is a derivative at this point");
  else
    r.note(g.name, name,
           "the gradient may be a subderivative, not the derivative:" + hits);
}

} // namespace

int sgc::runChecks(const CheckOptions &options) {
  std::string error;
  if (!options.data.empty()) {
    sg_idx idx;
    if (sg_idx_load(options.data.c_str(), &idx) != 0) {
      std::fprintf(stderr, "sgc check: %s\n", sg_last_error());
      return 1;
    }
    std::vector<float> values(idx.count);
    if (sg_idx_to_f32(&idx, values.data(),
                      idx.dtype == SG_IDX_U8 ? 256.0f : 1.0f) != 0) {
      std::fprintf(stderr, "sgc check: %s\n", sg_last_error());
      sg_idx_free(&idx);
      return 1;
    }
    inputData.assign(values.begin(), values.end());
    sg_idx_free(&idx);
  }
  std::vector<Graph> graphs = describe(options.input, error);
  if (!error.empty()) {
    std::fprintf(stderr, "sgc check: %s\n", error.c_str());
    return 1;
  }
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("sgc-check", dir)) {
    std::fprintf(stderr, "sgc check: cannot create a temporary folder\n");
    return 1;
  }
  std::string d(dir);
  std::printf("sgc check %s (inputs: %s)\n", options.input.c_str(),
              options.data.empty() ? "random" : options.data.c_str());
  Report report;
  bool compiled;
  {
    // The step checks call the f32 build with float buffers, whatever
    // precision the model is written in.
    auto flags = [&](std::vector<std::string> variant) {
      variant.insert(variant.end(), options.compileFlags.begin(),
                     options.compileFlags.end());
      return variant;
    };
    Library f32(options.sgc, options.input, d, "f32",
                flags({"--precision=f32"}), error);
    Library f64(options.sgc, options.input, d, "f64",
                flags({"--precision=f64"}), error);
    Library score(options.sgc, options.input, d, "score",
                  flags({"--precision=f64", "--no-reparameterize"}), error);
    Library kinked(options.sgc, options.input, d, "kinks",
                   flags({"--precision=f64", "--instrument-kinks"}), error);
    compiled = error.empty() && f32.handle && f64.handle && score.handle &&
               kinked.handle;
    for (const Graph &g : compiled ? graphs : std::vector<Graph>()) {
      if (!g.hasCosts || !g.hasParams) {
        report.skip(g.name, "all checks", "no costs or no parameters");
        continue;
      }
      checkStep(g, f32, options.seed, report);
      checkFiniteDifferences(g, f64, options.seed, report);
      checkEstimators(g, f64, score, options.samples, options.seed, report);
      checkExpectation(g, score, options.samples, options.seed, report);
      checkKinks(g, kinked, options.seed, report);
    }
  } // the libraries remove their files here
  llvm::sys::fs::remove(d);
  if (!compiled) {
    std::fprintf(stderr, "sgc check: %s\n", error.c_str());
    return 1;
  }
  std::printf("sgc check: %d passed, %d failed, %d skipped\n", report.passed,
              report.failed, report.skipped);
  return report.failed ? 1 : 0;
}
