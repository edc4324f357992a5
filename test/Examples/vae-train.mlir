// Tests that the VAE training app rejects bad options and bad data with a
// clear message and exit code 1. The tests that read Fashion-MNIST are in
// vae-train-data.mlir.

// RUN: %python %S/../Tools/expect-exit.py 1 -- vae-train --train-images %t.missing.gz --out %t.out 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: vae-train: {{.*}}missing.gz: cannot open: No such file or directory

// RUN: printf 'garbage!' > %t.bad
// RUN: %python %S/../Tools/expect-exit.py 1 -- vae-train --train-images %t.bad --out %t.out 2>&1 | FileCheck %s --check-prefix=MAGIC
// MAGIC: vae-train: {{.*}}.bad: bad magic

// RUN: %python %S/../Tools/expect-exit.py 1 -- vae-train --epochs x 2>&1 | FileCheck %s --check-prefix=NUMBER
// NUMBER: vae-train: --epochs expects an integer >= 0, got 'x'

// RUN: %python %S/../Tools/expect-exit.py 1 -- vae-train --bogus 2>&1 | FileCheck %s --check-prefix=OPTION
// OPTION: vae-train: unknown option '--bogus' (see --help)

// RUN: vae-train --help | FileCheck %s --check-prefix=HELP
// HELP: --epochs N
// HELP: --batch-size N
// HELP: --threads N
// HELP: --seed N
// HELP: --data DIR
// HELP: --out DIR
