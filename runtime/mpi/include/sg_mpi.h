/*===- sg_mpi.h - Data-parallel training helpers over MPI -----------------===*
 *
 * A small library apart from sg_runtime, so that the runtime (and every
 * library sgc generates) needs no MPI. Data-parallel training with an
 * sgc-compiled model: every rank evaluates an equal slice of the global
 * batch with <f>_loss_grad_rows(..., first_row = its first global row, ...),
 * which draws the samples a single process draws for those rows, then the
 * ranks add up (or average) their gradients with one MPI_Allreduce below and
 * apply the same optimizer step, so their parameters stay identical. That
 * needs every rank to receive the same bits: exact for 2 ranks (a + b =
 * b + a); for more, the MPI standard recommends but does not require one
 * reduction order for all ranks.
 *
 * Conventions as in sg_runtime.h: 0 (SG_OK) or an SG_ERR_* code, with the
 * message in sg_last_error().
 *
 *===----------------------------------------------------------------------===*/

#ifndef SG_MPI_H
#define SG_MPI_H

#include "sg_runtime.h"

#include <mpi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Replaces buf[0..n) on every rank of `comm` by the sum over the ranks
 * (MPI_Allreduce with MPI_SUM, in place; counts beyond INT_MAX are sent in
 * several calls). Collective: every rank must call it with the same n.
 * Returns SG_ERR_NULL if n > 0 and buf is NULL, SG_ERR_IO if MPI reports an
 * error (with its message). */
SG_NODISCARD int sg_mpi_allreduce_sum_f32(float *buf, uint64_t n,
                                          MPI_Comm comm);
SG_NODISCARD int sg_mpi_allreduce_sum_f64(double *buf, uint64_t n,
                                          MPI_Comm comm);

/* As the sums, then divided by the number of ranks: the mean gradient when
 * every rank holds the gradient of an equal slice. */
SG_NODISCARD int sg_mpi_allreduce_mean_f32(float *buf, uint64_t n,
                                           MPI_Comm comm);
SG_NODISCARD int sg_mpi_allreduce_mean_f64(double *buf, uint64_t n,
                                           MPI_Comm comm);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SG_MPI_H */
