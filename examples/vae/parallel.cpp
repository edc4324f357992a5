//===- parallel.cpp - the processes of a data-parallel run ----------------===//

#include "parallel.h"
#include "vae_model.h"

#ifdef SG_HAVE_MPI
#include "sg_mpi.h"
#endif

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace vae {

#ifdef SG_HAVE_MPI

/// Whether a process launcher (mpirun, srun) started this process: else it
/// runs alone without initializing MPI, since Open MPI's singleton start
/// would spawn a daemon (about a second) for nothing.
static bool launchedByMPI() {
  for (const char *var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"})
    if (std::getenv(var))
      return true;
  return false;
}

Parallel::Parallel(int &argc, char **&argv) {
  if (!launchedByMPI())
    return;
  if (MPI_Init(&argc, &argv) != MPI_SUCCESS) {
    std::fprintf(stderr, "vae-train: MPI_Init failed\n");
    std::exit(1);
  }
  initialized_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

bool Parallel::available() { return true; }

void Parallel::sum(float *buf, size_t n) const {
  if (size_ == 1)
    return;
  if (sg_mpi_allreduce_sum_f32(buf, n, MPI_COMM_WORLD) != 0) {
    std::fprintf(stderr, "vae-train: %s\n", sg_last_error());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
}

double Parallel::sum(double value) const {
  if (size_ == 1)
    return value;
  double total = 0;
  MPI_Allreduce(&value, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

bool Parallel::any(bool flag) const {
  if (size_ == 1)
    return flag;
  int local = flag, result = 0;
  MPI_Allreduce(&local, &result, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD);
  return result != 0;
}

int Parallel::finish(int status, bool together) {
  if (!initialized_)
    return status;
  initialized_ = false;
  if (!together && size_ > 1) {
    std::fflush(stdout);
    MPI_Abort(MPI_COMM_WORLD, status);
  }
  MPI_Finalize();
  return status;
}

#else // One process.

Parallel::Parallel(int &, char **&) {}
bool Parallel::available() { return false; }
void Parallel::sum(float *, size_t) const {}
double Parallel::sum(double value) const { return value; }
bool Parallel::any(bool flag) const { return flag; }
int Parallel::finish(int status, bool) { return status; }

#endif

bool compileForProcess(const Parallel &par, int batch, const std::string &sgc,
                       const std::string &model, const std::string &dir,
                       Functions &out, std::string &error) {
  if (par.root())
    return compileAndLoad(batch, sgc, model, dir, out, error);
  const char *tmp = std::getenv("TMPDIR");
  std::string own =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/vae-train-XXXXXX";
  if (!mkdtemp(own.data())) {
    error = "cannot create a temporary folder " + own;
    return false;
  }
  bool ok = compileAndLoad(batch, sgc, model, own, out, error);
  // The loaded library stays mapped after its file is gone.
  std::remove(compiledPath(own, batch).c_str());
  rmdir(own.c_str());
  return ok;
}

} // namespace vae
