// Tests that the VAE training app rejects bad options and bad data with a
// clear message and exit code 1.

// RUN: %python %S/../Tools/expect-exit.py 1 -- vae-train --train-images %t.missing.gz --out %t.out 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: vae-train: {{.*}}missing.gz: cannot open: No such file or directory

// RUN: printf 'garbage!' > %t.bad
// RUN: %python %S/../Tools/expect-exit.py 1 -- vae-train --train-images %t.bad --out %t.out 2>&1 | FileCheck %s --check-prefix=MAGIC
// MAGIC: vae-train: {{.*}}.bad: bad magic

// RUN: %python %S/../Tools/expect-exit.py 1 -- vae-train --train-images /usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz --out %t.out 2>&1 | FileCheck %s --check-prefix=LABELS
// LABELS: expected unsigned-byte images of 28x28 (an idx3-ubyte file)

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

// A short real run: 2 batches, 1 epoch, every output written.
// RUN: vae-train --epochs 1 --max-train 500 --out %t.run | FileCheck %s --check-prefix=TRAIN
// RUN: test -s %t.run/loss.csv && test -s %t.run/reconstructions.png && test -s %t.run/samples.png
// TRAIN-DAG: epoch 1: train {{[0-9.]+}}  test {{[0-9.]+}} nats/example
// TRAIN-DAG: reconstructions.png
