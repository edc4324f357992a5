//===- parallel.h - the processes of a data-parallel run --------*- C++ -*-===//
//
// vae-train's MPI plumbing, in one place: with MPI (built when CMake finds
// it, started by mpirun) every process trains on its slice of each batch and
// the gradients are summed with sg_mpi; without MPI, or started without
// mpirun, there is one process and every call below is trivial.
//
//===----------------------------------------------------------------------===//
#ifndef SG_EXAMPLES_VAE_PARALLEL_H
#define SG_EXAMPLES_VAE_PARALLEL_H

#include <cstddef>
#include <string>

namespace vae {

struct Functions;

class Parallel {
public:
  /// Initializes MPI when vae-train was built with it.
  Parallel(int &argc, char **&argv);
  Parallel(const Parallel &) = delete;
  Parallel &operator=(const Parallel &) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// The process that prints progress and writes files.
  bool root() const { return rank_ == 0; }
  /// Whether this build can run on several processes.
  static bool available();

  /// Replaces buf[0..n) by its sum over all processes (collective).
  void sum(float *buf, size_t n) const;
  /// The sum of `value` over all processes (collective).
  double sum(double value) const;
  /// Whether `flag` is true in any process (collective).
  bool any(bool flag) const;

  /// Ends the run with exit status `status`: MPI_Finalize when every
  /// process ends here `together`, else MPI_Abort, which also stops the
  /// others (they could wait forever in a collective call this one never
  /// makes).
  int finish(int status, bool together);

private:
  int rank_ = 0, size_ = 1;
  bool initialized_ = false;
};

/// Compiles vae.mlir for `batch` rows and loads it: the first process into
/// `dir`, the others each into a private temporary folder, removed once
/// loaded (only the first process writes files, and the others may run on
/// machines that do not share `dir`).
bool compileForProcess(const Parallel &par, int batch, const std::string &sgc,
                       const std::string &model, const std::string &dir,
                       Functions &out, std::string &error);

} // namespace vae

#endif // SG_EXAMPLES_VAE_PARALLEL_H
