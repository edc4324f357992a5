//===- train.cpp - train Certigrad's VAE from the sgc-compiled library ----===//
//
// Certigrad's experiment: batch 250, Adam (α=1e-3, β₁=0.9, β₂=0.999,
// ε=1e-8), gradients scaled by 1/batch, Glorot-uniform initialization,
// pixels divided by 256, a fixed batch order, and after each epoch a forward
// evaluation pass reporting the mean loss per example and the elapsed time.
//
//===----------------------------------------------------------------------===//

#include "args.h"
#include "images.h"
#include "parallel.h"
#include "png.h"
#include "run.h"
#include "vae_model.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Options {
  int epochs = 10;
  int batch = 250;
  int threads = 2;
  uint64_t seed = 1;
  std::string data = "/usr/share/datasets/fashion-mnist";
  std::string trainImages, testImages;
  std::string out = "vae-out";
  long maxTrain = 0; // 0: all
};

void usage(const char *argv0) {
  std::printf(
      "usage: %s [options]\n"
      "Trains Certigrad's VAE (examples/vae/vae.mlir, compiled by sgc) on\n"
      "MNIST-format data and writes the loss curve and images.\n\n"
      "  --epochs N         epochs (default 10; Certigrad ran 100)\n"
      "  --batch-size N     batch size (default 250; others are compiled\n"
      "                     with sgc --batch-size on first use). Under\n"
      "                     mpirun -np P each process trains on N/P rows\n"
      "                     of every batch (P must divide N)\n"
      "  --threads N        runtime worker threads (default 2)\n"
      "  --seed N           initialization and sampling seed (default 1)\n"
      "  --data DIR         folder with train-images-idx3-ubyte.gz and\n"
      "                     t10k-images-idx3-ubyte.gz (default\n"
      "                     /usr/share/datasets/fashion-mnist)\n"
      "  --train-images F   training images (IDX, gzip or raw)\n"
      "  --test-images F    test images (IDX, gzip or raw)\n"
      "  --max-train N      use only the first N training images\n"
      "  --out DIR          output folder (default vae-out); a previous\n"
      "                     run's results there are replaced\n"
      "  --help             this text\n",
      argv0);
}

bool parse(int argc, char **argv, Options &o) {
  Args args("vae-train", argc, argv, usage);
  while (args.next()) {
    const std::string &a = args.option();
    if (a == "--epochs")
      o.epochs = args.number(0);
    else if (a == "--batch-size")
      o.batch = args.number(1);
    else if (a == "--threads")
      o.threads = args.number(1);
    else if (a == "--seed")
      o.seed = args.number(0);
    else if (a == "--max-train")
      o.maxTrain = args.number(1);
    else if (a == "--data")
      o.data = args.value();
    else if (a == "--train-images")
      o.trainImages = args.value();
    else if (a == "--test-images")
      o.testImages = args.value();
    else if (a == "--out")
      o.out = args.value();
    else
      return args.unknown();
  }
  if (o.trainImages.empty())
    o.trainImages = o.data + "/train-images-idx3-ubyte.gz";
  if (o.testImages.empty())
    o.testImages = o.data + "/t10k-images-idx3-ubyte.gz";
  return true;
}

/// Loads 28x28 u8 images as floats divided by 256 (as Certigrad).
bool loadImages(const std::string &path, long limit, std::vector<float> &out,
                long &count) {
  std::string error;
  if (::loadImages(path, 256.0f, limit, out, count, error))
    return true;
  std::fprintf(stderr, "vae-train: %s\n", error.c_str());
  return false;
}

/// Mean loss per example over all full batches of `batch` rows (cut short
/// by a stop signal), each process evaluating its rows [first, first +
/// model.batch()) of each.
double evaluate(const vae::Parallel &par, const vae::Trainer &model,
                const std::vector<float> &x, long count, int batch, long first,
                uint64_t seed) {
  long batches = count / batch;
  double total = 0;
  for (long i = 0; i < batches && !stopSignal; ++i)
    total += model.evaluate(
        x.data() + (size_t(i) * batch + first) * vae::kPixels, seed, i);
  // Every process's mean over equally many rows: their mean is the mean.
  total = par.sum(total) / par.size();
  return batches ? total / batches : NAN;
}

/// Tiles 28x28 images (values in [0,1]) into a grid `cols` wide, each pixel
/// drawn as a 3x3 block so that a person can see the result.
std::vector<uint8_t> grid(const std::vector<const float *> &images, int cols,
                          int &width, int &height) {
  const int zoom = 3, side = 28 * zoom, pad = 4;
  int rows = (images.size() + cols - 1) / cols;
  width = cols * (side + pad) + pad;
  height = rows * (side + pad) + pad;
  std::vector<uint8_t> px(size_t(width) * height, 40);
  for (size_t k = 0; k < images.size(); ++k) {
    int gx = pad + (k % cols) * (side + pad);
    int gy = pad + (k / cols) * (side + pad);
    for (int y = 0; y < side; ++y)
      for (int x = 0; x < side; ++x) {
        float v = std::clamp(images[k][(y / zoom) * 28 + x / zoom], 0.0f, 1.0f);
        px[size_t(gy + y) * width + gx + x] = uint8_t(std::lround(v * 255));
      }
  }
  return px;
}

/// The files a run writes into its output folder. A new run removes the
/// previous run's first, so that the folder never mixes two runs.
const std::vector<std::string> kOutputs = {
    "loss.csv", "batches.csv",         "loss.gp",
    "loss.png", "reconstructions.png", "samples.png"};

} // namespace

static int run(vae::Parallel &par, int argc, char **argv) {
  Options o;
  if (!parse(argc, argv, o))
    return 1;
  // Only the first process prints progress and writes files.
  if (!par.root() && !std::freopen("/dev/null", "w", stdout))
    return 1;
  if (o.batch % par.size() != 0) {
    std::fprintf(stderr,
                 "vae-train: a batch of %d does not split into %d equal "
                 "slices (one per process)\n",
                 o.batch, par.size());
    return 1;
  }
  // Only the first process writes files.
  Run results("vae-train", o.out, /*writes=*/par.root());
  if (!results.start(kOutputs, o.threads))
    return 1;
  std::string &steps = results.file("batches.csv"); // a row per step
  steps = "step,epoch,loss\n";

  // Each process evaluates rows [first, first + slice) of every batch.
  const int slice = o.batch / par.size();
  const long first = long(par.rank()) * slice;
  vae::Functions fns = vae::linkedFunctions();
  if (slice != fns.batch) {
    std::string error;
    std::printf("compiling the VAE for batch size %d with sgc...\n", slice);
    std::fflush(stdout);
    if (!vae::compileForProcess(par, slice, SG_SGC_PATH, SG_VAE_MODEL, o.out,
                                fns, error)) {
      std::fprintf(stderr, "vae-train: %s\n", error.c_str());
      return 1;
    }
  }

  std::vector<float> train, test;
  long nTrain, nTest;
  if (!loadImages(o.trainImages, o.maxTrain, train, nTrain) ||
      !loadImages(o.testImages, 0, test, nTest))
    return 1;
  long batches = nTrain / o.batch;
  if (batches == 0) {
    std::fprintf(stderr,
                 "vae-train: %ld training images make no batch of "
                 "%d\n",
                 nTrain, o.batch);
    return 1;
  }
  std::printf("Certigrad VAE (784-1000-1000-30-1000-1000-784), compiled by "
              "sgc\ndata: %s (%ld train, %ld test images), batch %d, %d "
              "epochs, %d threads\n",
              o.trainImages.c_str(), nTrain, nTest, o.batch, o.epochs,
              o.threads);
  if (par.size() > 1)
    std::printf("%d processes (MPI), %d rows of each batch per process, "
                "gradients summed with MPI_Allreduce\n",
                par.size(), slice);
  // Whether to stop, agreed by all processes (each checks the signal it
  // got): one stopping alone would leave the others waiting in a
  // collective call.
  bool stopped = false;
  auto stop = [&] { return stopped = stopped || par.any(stopSignal != 0); };

  // From here on an interrupt stops the run cleanly, with its results saved.
  catchStopSignals();

  vae::Trainer model(fns, o.seed, sg_adam_default_config());
  // A single process keeps the library's fused vae_train_step (the step
  // bench/vae_bench.sh times; its gradients live in the library's buffer
  // cache): given a sum, even a trivial one, the trainer falls back to
  // loss_grad_rows and sg_adam_step_f32 called from here (the same bits)
  // and keeps 14.6 MB of gradient buffers of its own.
  if (par.size() > 1)
    model.setSlice(
        first, o.batch,
        [](void *p, float *buf, size_t n) {
          static_cast<const vae::Parallel *>(p)->sum(buf, n);
        },
        &par);
  std::printf("training step: %s\n",
              model.fused()
                  ? "the library's fused vae_train_step"
                  : "loss_grad_rows, summed, then Adam per parameter");
  char row[128];
  const uint64_t evalSeed = o.seed + 1000003; // keys apart from training's
  double t0 = now();
  double trainLoss =
      evaluate(par, model, train, nTrain, o.batch, first, evalSeed);
  double testLoss = evaluate(par, model, test, nTest, o.batch, first, evalSeed);
  if (!stop()) {
    std::printf("epoch 0: train %.2f  test %.2f nats/example\n", trainLoss,
                testLoss);
    results.evaluation(0, 0, 0, trainLoss, testLoss);
  }
  if (!results.save())
    return 1;
  bool tty = isatty(fileno(stdout));

  for (int epoch = 1; epoch <= o.epochs && !stop(); ++epoch) {
    double start = now(), running = 0;
    for (long b = 0; b < batches && !stop(); ++b) {
      const float *x =
          train.data() + (size_t(b) * o.batch + first) * vae::kPixels;
      float loss = model.step(x, o.seed, model.steps());
      if (!std::isfinite(loss)) {
        std::fprintf(stderr, "\nvae-train: the loss became %f at step %llu\n",
                     loss, (unsigned long long)model.steps());
        results.save();
        return 1;
      }
      running = b == 0 ? loss : 0.98 * running + 0.02 * loss;
      std::snprintf(row, sizeof row, "%llu,%d,%.4f\n",
                    (unsigned long long)model.steps(), epoch, loss);
      steps += row;
      bool last = b + 1 == batches;
      if (tty || last || (b + 1) % 40 == 0) {
        double rate = (b + 1) * o.batch / (now() - start);
        int filled = int(30 * (b + 1) / batches);
        std::printf("%sepoch %d/%d [%.*s%*s] %ld/%ld  loss %.2f  %.0f ex/s%s",
                    tty ? "\r" : "", epoch, o.epochs, filled,
                    "==============================", 30 - filled, "", b + 1,
                    batches, running, rate, tty && !last ? "" : "\n");
        std::fflush(stdout);
      }
    }
    if (stop())
      break;
    double trainSeconds = now() - start;
    trainLoss = evaluate(par, model, train, nTrain, o.batch, first, evalSeed);
    testLoss = evaluate(par, model, test, nTest, o.batch, first, evalSeed);
    if (stop())
      break; // the evaluation is incomplete: no row for it
    std::printf("epoch %d: train %.2f  test %.2f nats/example  (%.1f s "
                "training, %.1f s total)\n",
                epoch, trainLoss, testLoss, trainSeconds, now() - t0);
    results.evaluation(epoch, model.steps(), now() - t0, trainLoss, testLoss);
    if (!results.save())
      return 1;
  }
  // The conventional status of a program stopped by a signal.
  const int status = stopped ? 128 + (stopSignal ? stopSignal : SIGTERM) : 0;
  if (!par.root()) // the rest writes files
    return status;
  if (stopped && !results.reportStop(model.steps(), tty))
    return 1;

  // Reconstructions of the first test images, and samples from the prior.
  std::vector<float> p(size_t(o.batch) * vae::kPixels);
  model.evaluate(test.data(), evalSeed, 0, p.data());
  int shown = std::min(o.batch, 10);
  std::vector<const float *> tiles;
  for (int i = 0; i < shown; ++i)
    tiles.push_back(test.data() + size_t(i) * vae::kPixels);
  for (int i = 0; i < shown; ++i)
    tiles.push_back(p.data() + size_t(i) * vae::kPixels);
  int w = 0, h = 0;
  std::printf("outputs in %s/:\n  loss.csv, batches.csv\n", o.out.c_str());
  std::vector<uint8_t> image = grid(tiles, shown, w, h);
  if (writeGrayPNG(o.out + "/reconstructions.png", w, h, image))
    std::printf("  reconstructions.png (top: test images, bottom: "
                "reconstructions)\n");
  std::vector<float> z(size_t(o.batch) * vae::kLatent);
  if (sg_fill_normal_f32(z.data(), z.size(), o.seed, 0, 0, 0) != 0) {
    std::fprintf(stderr, "vae-train: %s\n", sg_last_error());
    return 1;
  }
  model.decode(z.data(), p.data());
  tiles.clear();
  for (int i = 0; i < std::min(o.batch, 64); ++i)
    tiles.push_back(p.data() + size_t(i) * vae::kPixels);
  image = grid(tiles, 8, w, h);
  if (writeGrayPNG(o.out + "/samples.png", w, h, image))
    std::printf("  samples.png (decoded from z ~ N(0, I))\n");
  results.plot("sgc: Certigrad VAE, loss per example",
               "loss per example (nats)",
               "plot 'batches.csv' using 1:3 with lines lc rgb '#bbbbbb' "
               "title 'batch', \\\n"
               "     'loss.csv' using 2:4 with linespoints lw 2 title "
               "'train (epoch end)', \\\n"
               "     'loss.csv' using 2:5 with linespoints lw 2 title 'test'\n",
               "loss.csv");
  return status;
}

int main(int argc, char **argv) {
  vae::Parallel par(argc, argv);
  int status = run(par, argc, argv);
  // A stop by signal (status 128 + signal) is agreed by all processes, which
  // end together; any other failure may be one process's alone, and must
  // stop the others.
  return par.finish(status, /*together=*/status == 0 || status > 128);
}
