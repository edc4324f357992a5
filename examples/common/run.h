//===- run.h - what every training app does around its loop -----*- C++ -*-===//
//
// The example apps share how a run treats its output folder (a new run
// removes the previous run's files; results are kept in memory and replaced
// atomically, so that the files always hold complete rows of this run and
// nothing else), how it stops on SIGINT or SIGTERM (after the current step,
// with its results saved), and how it plots (gnuplot, if installed).
//
//===----------------------------------------------------------------------===//
#ifndef SG_EXAMPLES_RUN_H
#define SG_EXAMPLES_RUN_H

#include <csignal>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

/// Set to the signal's number by SIGINT and SIGTERM once catchStopSignals()
/// ran: the app stops after the current step and saves what it has.
extern volatile std::sig_atomic_t stopSignal;

/// From here on SIGINT and SIGTERM set stopSignal instead of ending the
/// process.
void catchStopSignals();

/// Seconds on a monotonic clock.
double now();

/// One training run's output folder and result files. Errors are printed as
/// "<program>: <what>".
class Run {
public:
  /// A run that does not write (`writes` false: one process of several)
  /// keeps its results in memory only and leaves the folder alone.
  Run(const char *program, std::string dir, bool writes = true)
      : program(program), dir(std::move(dir)), writes(writes) {}

  /// Creates the folder if needed, removes the files `outputs` a previous
  /// run left there, sets the runtime's threads, and starts loss.csv (see
  /// evaluation()). False on failure.
  bool start(const std::vector<std::string> &outputs, int threads);
  /// The text of result file `name` (empty at first), written by save().
  std::string &file(const std::string &name);
  /// Appends an evaluation to loss.csv (epoch,step,seconds,train_loss,
  /// test_loss; a NaN loss is left empty).
  void evaluation(int epoch, uint64_t step, double seconds, double train,
                  double test);
  /// Replaces every result file with its text. False on failure.
  bool save() const;
  /// Writes loss.gp (a 900x560 PNG loss.png from comma-separated files with
  /// a header row, a grid, the title and axis labels, then `plot`), runs
  /// gnuplot on it in the folder (so no user string is ever parsed by
  /// gnuplot or a shell) and says where the plot is, or that `data` holds
  /// the curve.
  void plot(const std::string &title, const std::string &ylabel,
            const std::string &plot, const std::string &data) const;
  /// After a stop signal: says which stopped the run after `steps` steps,
  /// then saves. `newline` ends a progress line first. False if saving
  /// failed.
  bool reportStop(uint64_t steps, bool newline = false) const;

  const std::string &folder() const { return dir; }

private:
  const char *program;
  std::string dir;
  bool writes;
  // A deque keeps the references file() returned when it grows.
  std::deque<std::pair<std::string, std::string>> files;
};

#endif // SG_EXAMPLES_RUN_H
