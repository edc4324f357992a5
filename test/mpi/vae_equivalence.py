#!/usr/bin/env python3
"""Data-parallel vae-train reproduces the single-process run.

Trains the VAE twice on the same small data: in one process, and under
`mpirun -np 2` (loopback only), where each process evaluates half of every
batch through vae_loss_grad_rows and the gradients are summed with
MPI_Allreduce. The samples are the same (RowsTest checks that bit for bit),
so the two runs differ only in the order of float summation: every step's
loss and every epoch's train and test loss must agree to a relative 1e-4
(the measured difference is reported). Also checks that the run really was
split (a library compiled for half the batch) and that only rank 0 wrote
output.

usage: vae_equivalence.py VAE_TRAIN MPIEXEC DATA_DIR WORK_DIR
"""
import csv
import gzip
import os
import shutil
import struct
import subprocess
import sys

TRAIN, TEST, BATCH, EPOCHS, PROCESSES = 1000, 300, 100, 2, 2
TOLERANCE = 1e-4

# Loopback only, no shared-memory single-copy (ptrace is often barred in
# containers), root allowed (CI runs as root), more processes than cores
# allowed.
MPIRUN_FLAGS = ["--allow-run-as-root", "--oversubscribe",
                "--mca", "btl", "self,tcp",
                "--mca", "btl_tcp_if_include", "lo",
                "--mca", "oob_tcp_if_include", "lo"]


def write_images(source, count, path):
    """The first `count` images of an idx3-ubyte(.gz) file, as raw IDX."""
    with gzip.open(source, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803 and n >= count, source
        pixels = f.read(count * rows * cols)
    with open(path, "wb") as f:
        f.write(struct.pack(">IIII", magic, count, rows, cols) + pixels)


def read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-30)


def main():
    vae_train, mpiexec, data, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    train = os.path.join(work, "train.idx")
    test = os.path.join(work, "test.idx")
    write_images(os.path.join(data, "train-images-idx3-ubyte.gz"), TRAIN, train)
    write_images(os.path.join(data, "t10k-images-idx3-ubyte.gz"), TEST, test)
    args = ["--train-images", train, "--test-images", test,
            "--batch-size", str(BATCH), "--epochs", str(EPOCHS),
            "--seed", "5", "--threads", "1"]
    one = os.path.join(work, "one")
    many = os.path.join(work, "many")
    subprocess.run([vae_train] + args + ["--out", one], check=True,
                   stdout=subprocess.DEVNULL)
    run = subprocess.run([mpiexec] + MPIRUN_FLAGS +
                         ["-np", str(PROCESSES), vae_train] + args +
                         ["--out", many], check=True, capture_output=True,
                         text=True)
    failures = []
    if "%d processes (MPI)" % PROCESSES not in run.stdout:
        failures.append("the MPI run did not report %d processes:\n%s" %
                        (PROCESSES, run.stdout))
    if run.stdout.count("epoch 0:") != 1:
        failures.append("progress printed by more than one process")
    if not os.path.exists(os.path.join(many, "libvae_b%d.so" %
                                       (BATCH // PROCESSES))):
        failures.append("no library compiled for half the batch")

    worst = 0.0
    a, b = read_csv(os.path.join(one, "batches.csv")), \
        read_csv(os.path.join(many, "batches.csv"))
    if len(a) != EPOCHS * TRAIN // BATCH or len(a) != len(b):
        failures.append("batches.csv: %d and %d steps" % (len(a), len(b)))
    for x, y in zip(a, b):
        r = relative(float(x["loss"]), float(y["loss"]))
        worst = max(worst, r)
        if r > TOLERANCE:
            failures.append("step %s: loss %s (1 process) vs %s (%d)" %
                            (x["step"], x["loss"], y["loss"], PROCESSES))
    a, b = read_csv(os.path.join(one, "loss.csv")), \
        read_csv(os.path.join(many, "loss.csv"))
    if len(a) != EPOCHS + 1 or len(a) != len(b):
        failures.append("loss.csv: %d and %d epochs" % (len(a), len(b)))
    for x, y in zip(a, b):
        for key in ("train_loss", "test_loss"):
            r = relative(float(x[key]), float(y[key]))
            worst = max(worst, r)
            if r > TOLERANCE:
                failures.append("epoch %s: %s %s vs %s" %
                                (x["epoch"], key, x[key], y[key]))
    print("%d steps and %d epochs compared; largest relative difference "
          "%.2e (tolerance %.0e)" % (EPOCHS * TRAIN // BATCH,
                                     EPOCHS, worst, TOLERANCE))
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
