/*===- sg_mpi.c - Data-parallel training helpers over MPI -----------------===*/

#include "sg_mpi.h"

#include <limits.h>

static int allreduce_sum(const char *fn, void *buf, uint64_t n,
                         size_t elem_size, MPI_Datatype type, MPI_Comm comm) {
  if (n > 0 && !buf) {
    sg_set_error("%s: argument 'buf' is a null pointer", fn);
    return SG_ERR_NULL;
  }
  /* MPI counts are int: send larger buffers in pieces. */
  for (uint64_t done = 0; done < n;) {
    uint64_t piece = n - done < (uint64_t)INT_MAX ? n - done : INT_MAX;
    int rc = MPI_Allreduce(MPI_IN_PLACE, (char *)buf + done * elem_size,
                           (int)piece, type, MPI_SUM, comm);
    if (rc != MPI_SUCCESS) {
      char message[MPI_MAX_ERROR_STRING];
      int length = 0;
      MPI_Error_string(rc, message, &length);
      sg_set_error("%s: MPI_Allreduce failed: %.*s", fn, length, message);
      return SG_ERR_IO;
    }
    done += piece;
  }
  return SG_OK;
}

static int comm_size(const char *fn, MPI_Comm comm, int *size) {
  if (MPI_Comm_size(comm, size) != MPI_SUCCESS) {
    sg_set_error("%s: MPI_Comm_size failed", fn);
    return SG_ERR_IO;
  }
  return SG_OK;
}

int sg_mpi_allreduce_sum_f32(float *buf, uint64_t n, MPI_Comm comm) {
  return allreduce_sum("sg_mpi_allreduce_sum_f32", buf, n, sizeof(float),
                       MPI_FLOAT, comm);
}

int sg_mpi_allreduce_sum_f64(double *buf, uint64_t n, MPI_Comm comm) {
  return allreduce_sum("sg_mpi_allreduce_sum_f64", buf, n, sizeof(double),
                       MPI_DOUBLE, comm);
}

int sg_mpi_allreduce_mean_f32(float *buf, uint64_t n, MPI_Comm comm) {
  static const char fn[] = "sg_mpi_allreduce_mean_f32";
  int size, rc = comm_size(fn, comm, &size);
  if (!rc)
    rc = allreduce_sum(fn, buf, n, sizeof(float), MPI_FLOAT, comm);
  if (rc)
    return rc;
  /* Dividing (not multiplying by 1/size) rounds once, as a mean should. */
  for (uint64_t i = 0; i < n; ++i)
    buf[i] /= (float)size;
  return SG_OK;
}

int sg_mpi_allreduce_mean_f64(double *buf, uint64_t n, MPI_Comm comm) {
  static const char fn[] = "sg_mpi_allreduce_mean_f64";
  int size, rc = comm_size(fn, comm, &size);
  if (!rc)
    rc = allreduce_sum(fn, buf, n, sizeof(double), MPI_DOUBLE, comm);
  if (rc)
    return rc;
  for (uint64_t i = 0; i < n; ++i)
    buf[i] /= (double)size;
  return SG_OK;
}
