//===- run.cpp - what every training app does around its loop ------------===//

#include "run.h"
#include "files.h"
#include "process.h"

#include "sg_runtime.h"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

volatile std::sig_atomic_t stopSignal = 0;

static void onStopSignal(int sig) { stopSignal = sig; }

void catchStopSignals() {
  struct sigaction action = {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

double now() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

bool Run::start(const std::vector<std::string> &outputs, int threads) {
  if (writes && mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "%s: cannot create %s: %s\n", program, dir.c_str(),
                 std::strerror(errno));
    return false;
  }
  for (const std::string &name : outputs)
    if (writes)
      std::remove((dir + "/" + name).c_str());
  if (sg_set_num_threads(threads) != 0) {
    std::fprintf(stderr, "%s: %s\n", program, sg_last_error());
    return false;
  }
  file("loss.csv") = "epoch,step,seconds,train_loss,test_loss\n";
  return true;
}

std::string &Run::file(const std::string &name) {
  for (auto &[n, text] : files)
    if (n == name)
      return text;
  return files.emplace_back(name, "").second;
}

/// `v` printed with `format`; "" for NaN, `zero` for 0.
static std::string number(const char *format, double v,
                          const char *zero = nullptr) {
  if (std::isnan(v))
    return "";
  if (zero && v == 0)
    return zero;
  char text[64];
  std::snprintf(text, sizeof text, format, v);
  return text;
}

void Run::evaluation(int epoch, uint64_t step, double seconds, double train,
                     double test) {
  file("loss.csv") += std::to_string(epoch) + "," + std::to_string(step) + "," +
                      number("%.2f", seconds, "0") + "," +
                      number("%.4f", train) + "," + number("%.4f", test) + "\n";
}

bool Run::save() const {
  if (!writes)
    return true;
  for (const auto &[name, text] : files)
    if (!replaceFile(dir + "/" + name, text)) {
      std::fprintf(stderr, "%s: cannot write %s/%s: %s\n", program, dir.c_str(),
                   name.c_str(), std::strerror(errno));
      return false;
    }
  return true;
}

void Run::plot(const std::string &title, const std::string &ylabel,
               const std::string &plot, const std::string &data) const {
  std::string script = "set terminal pngcairo size 900,560\n"
                       "set output 'loss.png'\n"
                       "set datafile separator ','\n"
                       "set key autotitle columnhead\n"
                       "set title '" +
                       title +
                       "'\n"
                       "set xlabel 'training step'\n"
                       "set ylabel '" +
                       ylabel + "'\nset grid\n" + plot;
  std::string error;
  if (replaceFile(dir + "/loss.gp", script) &&
      runProgram({"gnuplot", "loss.gp"}, /*quiet=*/true, error, dir) == 0)
    std::printf("  %s/loss.png\n", dir.c_str());
  else
    std::printf("  (gnuplot not found or failed: no loss.png; the curve is "
                "in %s)\n",
                data.c_str());
}

bool Run::reportStop(uint64_t steps, bool newline) const {
  std::printf("%s%s: stopped by %s after %llu steps; saving the results so "
              "far\n",
              newline ? "\n" : "", program,
              stopSignal == SIGINT ? "SIGINT" : "SIGTERM",
              (unsigned long long)steps);
  return save();
}
