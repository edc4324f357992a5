//===- train.cpp - train a sigmoid belief network from its sgc library ----===//
//
// sbn-train: the SBN of sbn.mlir on Fashion-MNIST binarized at a fixed
// threshold (a pixel is 1 where its intensity is above 127 of 255, so every
// run sees the same data), batches in the file's order, Adam (α = 1e-3,
// Certigrad's other defaults) on the gradient of the batch's negative ELBO
// scaled by 1/batch. The gradient of the recognition network is a
// score-function estimate with per-row terms and per-row moving-average
// baselines (sgc's defaults with --baseline=moving-average);
// --score-rows=scalar builds the library with one coefficient per batch
// instead, for comparison (bench/sbn_rows.sh).
//
//===----------------------------------------------------------------------===//

#include "args.h"
#include "images.h"
#include "run.h"
#include "sbn_model.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

namespace {

struct Options {
  int epochs = 5;
  long steps = 0; // 0: no limit
  int batch = 0;  // 0: the linked library's
  std::string scoreRows = "per-row";
  int threads = 1;
  uint64_t seed = 1;
  long printEvery = 100;
  std::string data = "/usr/share/datasets/fashion-mnist";
  std::string out = "sbn-out";
};

void usage(const char *argv0) {
  std::printf(
      "usage: %s [options]\n"
      "Trains a sigmoid belief network (examples/sbn/sbn.mlir, compiled by\n"
      "sgc) on binarized Fashion-MNIST and writes its negative ELBO curve.\n\n"
      "  --epochs N         epochs (default 5)\n"
      "  --steps N          stop after N training steps (default: no limit)\n"
      "  --batch-size N     batch size (default %d; others are compiled with\n"
      "                     sgc --batch-size on first use)\n"
      "  --score-rows S     per-row (default) or scalar score coefficients\n"
      "                     (scalar is compiled with sgc --score-rows=scalar)\n"
      "  --threads N        runtime worker threads (default 1)\n"
      "  --seed N           initialization and sampling seed (default 1)\n"
      "  --print-every N    progress every N steps (default 100)\n"
      "  --data DIR         folder with train-images-idx3-ubyte.gz and\n"
      "                     t10k-images-idx3-ubyte.gz (default\n"
      "                     /usr/share/datasets/fashion-mnist)\n"
      "  --out DIR          output folder (default sbn-out); a previous\n"
      "                     run's results there are replaced\n"
      "  --help             this text\n",
      argv0, sbn::linkedLibrary().batch());
}

bool parse(int argc, char **argv, Options &o) {
  Args args("sbn-train", argc, argv, usage);
  while (args.next()) {
    const std::string &a = args.option();
    if (a == "--epochs")
      o.epochs = args.number(0);
    else if (a == "--steps")
      o.steps = args.number(1);
    else if (a == "--batch-size")
      o.batch = args.number(1);
    else if (a == "--score-rows") {
      o.scoreRows = args.value();
      if (o.scoreRows != "per-row" && o.scoreRows != "scalar") {
        std::fprintf(stderr,
                     "sbn-train: --score-rows expects per-row or scalar, got "
                     "'%s'\n",
                     o.scoreRows.c_str());
        return false;
      }
    } else if (a == "--threads")
      o.threads = args.number(1);
    else if (a == "--seed")
      o.seed = args.number(0);
    else if (a == "--print-every")
      o.printEvery = args.number(1);
    else if (a == "--data")
      o.data = args.value();
    else if (a == "--out")
      o.out = args.value();
    else
      return args.unknown();
  }
  return true;
}

/// Fashion-MNIST images binarized at the threshold.
bool loadBinarized(const std::string &path, std::vector<float> &x,
                   long &count) {
  std::string error;
  if (!loadImages(path, 255.0f, 0, x, count, error)) {
    std::fprintf(stderr, "sbn-train: %s\n", error.c_str());
    return false;
  }
  for (float &v : x)
    v = v > 0.5f ? 1.0f : 0.0f;
  return true;
}

/// The negative ELBO per example over the full batches of `x`, one draw of
/// h per example (cut short by a stop signal).
double evaluate(sbn::Trainer &model, const std::vector<float> &x, long count,
                uint64_t seed) {
  int b = model.batch();
  long batches = count / b;
  double total = 0;
  for (long i = 0; i < batches && !stopSignal; ++i)
    total += model.evaluate(x.data() + size_t(i) * b * kImagePixels, seed, i);
  return batches ? total / batches : NAN;
}

const std::vector<std::string> kOutputs = {"loss.csv", "steps.csv", "loss.gp",
                                           "loss.png"};

} // namespace

int main(int argc, char **argv) {
  Options o;
  if (!parse(argc, argv, o))
    return 1;
  Run run("sbn-train", o.out);
  if (!run.start(kOutputs, o.threads))
    return 1;
  // A row per step, with the mean of the last 100 steps (the curve).
  std::string &steps = run.file("steps.csv");
  steps = "step,epoch,loss,mean100\n";

  sbn::Library lib = sbn::linkedLibrary();
  if (o.batch == 0)
    o.batch = lib.batch();
  if (o.batch != lib.batch() || o.scoreRows != "per-row") {
    std::printf("compiling the SBN for batch size %d, %s score terms, with "
                "sgc...\n",
                o.batch, o.scoreRows.c_str());
    std::fflush(stdout);
    std::string error;
    std::vector<std::string> flags{SG_SBN_FLAGS};
    flags.push_back("--batch-size=" + std::to_string(o.batch));
    flags.push_back("--score-rows=" + o.scoreRows);
    std::string path = o.out + "/libsbn_b" + std::to_string(o.batch) + "_" +
                       o.scoreRows + ".so";
    if (!sbn::compileAndLoad(SG_SGC_PATH, SG_SBN_MODEL, flags, path, lib,
                             error)) {
      std::fprintf(stderr, "sbn-train: %s\n", error.c_str());
      return 1;
    }
  }

  std::vector<float> train, test;
  long nTrain, nTest;
  if (!loadBinarized(o.data + "/train-images-idx3-ubyte.gz", train, nTrain) ||
      !loadBinarized(o.data + "/t10k-images-idx3-ubyte.gz", test, nTest))
    return 1;
  long batches = nTrain / o.batch;
  if (batches == 0) {
    std::fprintf(stderr, "sbn-train: %ld training images make no batch of %d\n",
                 nTrain, o.batch);
    return 1;
  }
  std::printf("sigmoid belief network (784-200 recognition, 200-784 "
              "generative), compiled by sgc\ndata: %s (%ld train, %ld test "
              "images, binarized), batch %d, %s score terms, %d threads\n",
              o.data.c_str(), nTrain, nTest, o.batch, o.scoreRows.c_str(),
              o.threads);

  // From here on an interrupt stops the run cleanly, with its results saved.
  catchStopSignals();

  sbn::Trainer model(lib, o.seed, sg_adam_default_config());
  char row[128];
  const uint64_t evalSeed = o.seed + 1000003; // keys apart from training's
  double t0 = now();
  double testLoss = evaluate(model, test, nTest, evalSeed);
  if (!stopSignal) {
    std::printf("epoch 0: test %.2f nats/example\n", testLoss);
    run.evaluation(0, 0, 0, NAN, testLoss);
  }
  if (!run.save())
    return 1;

  std::deque<float> last; // the last 100 losses, for the curve
  double window = 0;
  double printed = 0; // the losses since the last progress line
  bool done = false;
  for (int epoch = 1; epoch <= o.epochs && !stopSignal && !done; ++epoch) {
    double start = now(), epochTotal = 0;
    long b = 0;
    for (; b < batches && !stopSignal && !done; ++b) {
      const float *x = train.data() + size_t(b) * o.batch * kImagePixels;
      float loss = model.step(x, o.seed, model.steps());
      if (!std::isfinite(loss)) {
        std::fprintf(stderr, "sbn-train: the loss became %f at step %llu\n",
                     loss, (unsigned long long)model.steps());
        run.save();
        return 1;
      }
      epochTotal += loss;
      printed += loss;
      last.push_back(loss);
      window += loss;
      if (last.size() > 100) {
        window -= last.front();
        last.pop_front();
      }
      std::snprintf(row, sizeof row, "%llu,%d,%.4f,%.4f\n",
                    (unsigned long long)model.steps(), epoch, loss,
                    window / last.size());
      steps += row;
      done = o.steps && model.steps() >= uint64_t(o.steps);
      if (model.steps() % o.printEvery == 0) {
        std::printf("epoch %d  step %llu  negative ELBO %.2f (mean of the "
                    "last %ld steps)  %.0f ex/s\n",
                    epoch, (unsigned long long)model.steps(),
                    printed / o.printEvery, o.printEvery,
                    (b + 1) * o.batch / (now() - start));
        std::fflush(stdout);
        printed = 0;
      }
    }
    if (stopSignal)
      break;
    double trainSeconds = now() - start;
    testLoss = evaluate(model, test, nTest, evalSeed);
    if (stopSignal)
      break; // the evaluation is incomplete: no row for it
    std::printf("epoch %d: train %.2f (mean over its %ld steps)  test %.2f "
                "nats/example  (%.1f s training, %.1f s total)\n",
                epoch, epochTotal / b, b, testLoss, trainSeconds, now() - t0);
    run.evaluation(epoch, model.steps(), now() - t0, epochTotal / b, testLoss);
    if (!run.save())
      return 1;
  }
  if (stopSignal && !run.reportStop(model.steps()))
    return 1;
  std::printf("outputs in %s/:\n  loss.csv, steps.csv\n", o.out.c_str());
  run.plot("sgc: sigmoid belief network on binarized Fashion-MNIST",
           "negative ELBO per example (nats)",
           "plot 'steps.csv' using 1:3 with lines lc rgb '#cccccc' "
           "title 'batch', \\\n"
           "     'steps.csv' using 1:4 with lines lw 2 "
           "title 'mean of the last 100 batches', \\\n"
           "     'loss.csv' using 2:5 with linespoints lw 2 title 'test'\n",
           "steps.csv");
  // The conventional status of a program stopped by a signal.
  return stopSignal ? 128 + stopSignal : 0;
}
