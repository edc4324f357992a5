// UNSUPPORTED: asan
// Tests that vae-train under an address-space limit (ulimit -v) refuses a
// thread count the limit cannot hold, saying so, instead of hanging in
// OpenBLAS or blaming the next allocation on the images file (issue 14:
// "out of memory allocating 524288 bytes" for the images with --threads 64).

// RUN: %python %S/../Tools/expect-exit.py 1 -- bash -c 'ulimit -v 3000000 && exec vae-train --threads 64 --train-images %t.missing.gz --out %t.out' 2>&1 | FileCheck %s --check-prefix=MANY
// MANY: vae-train: sg_set_num_threads: 64 threads may set aside up to {{[0-9]+}} MiB of address space (up to 128 MiB per worker thread), but the address-space limit (ulimit -v) leaves {{[0-9]+}} MiB, half of which is kept for data: use at most {{[0-9]+}} threads or raise the limit
// MANY-NOT: images

// A thread count that fits goes on to the data (here, a missing file).
// RUN: %python %S/../Tools/expect-exit.py 1 -- bash -c 'ulimit -v 3000000 && exec vae-train --threads 2 --train-images %t.missing.gz --out %t.out' 2>&1 | FileCheck %s --check-prefix=FEW
// FEW: vae-train: {{.*}}missing.gz: cannot open: No such file or directory
