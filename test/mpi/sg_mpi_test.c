/*===- sg_mpi_test.c - the allreduce of data-parallel training ------------===*/
/*
 * Run under mpirun (any number of processes): rank r contributes r + 1 + i
 * to element i, so the sum is N(N+1)/2 + N i and the mean (N+1)/2 + i, all
 * exact in binary for small N. Also the error paths. Exits non-zero on a
 * failure, on every rank.
 */

#include "sg_mpi.h"

#include <stdio.h>
#include <string.h>

#define COUNT 1000

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size, failures = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  static float f[COUNT];
  static double d[COUNT];
  const double sum0 = size * (size + 1) / 2.0, mean0 = (size + 1) / 2.0;

  for (int i = 0; i < COUNT; ++i)
    f[i] = (float)(rank + 1 + i);
  failures += sg_mpi_allreduce_sum_f32(f, COUNT, MPI_COMM_WORLD) != SG_OK;
  for (int i = 0; i < COUNT; ++i)
    failures += f[i] != (float)(sum0 + (double)size * i);

  for (int i = 0; i < COUNT; ++i)
    d[i] = rank + 1 + i;
  failures += sg_mpi_allreduce_sum_f64(d, COUNT, MPI_COMM_WORLD) != SG_OK;
  for (int i = 0; i < COUNT; ++i)
    failures += d[i] != sum0 + (double)size * i;

  for (int i = 0; i < COUNT; ++i)
    f[i] = (float)(rank + 1 + i);
  failures += sg_mpi_allreduce_mean_f32(f, COUNT, MPI_COMM_WORLD) != SG_OK;
  for (int i = 0; i < COUNT; ++i)
    failures += f[i] != (float)(mean0 + i);

  for (int i = 0; i < COUNT; ++i)
    d[i] = rank + 1 + i;
  failures += sg_mpi_allreduce_mean_f64(d, COUNT, MPI_COMM_WORLD) != SG_OK;
  for (int i = 0; i < COUNT; ++i)
    failures += d[i] != mean0 + i;

  /* Nothing to reduce, and a null buffer with elements. */
  failures += sg_mpi_allreduce_sum_f32(NULL, 0, MPI_COMM_WORLD) != SG_OK;
  failures += sg_mpi_allreduce_mean_f64(NULL, 3, MPI_COMM_WORLD) != SG_ERR_NULL;
  failures += strstr(sg_last_error(), "'buf' is a null pointer") == NULL;

  int total = 0;
  MPI_Allreduce(&failures, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0)
    printf("%d processes: %d failures\n", size, total);
  MPI_Finalize();
  return total != 0;
}
