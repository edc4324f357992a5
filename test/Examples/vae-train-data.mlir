// REQUIRES: fashion-mnist
// Tests of the VAE training app on Fashion-MNIST
// (/usr/share/datasets/fashion-mnist, installed by scripts/setup.sh).

// A label file where images are expected: a clear message and exit code 1.
// RUN: %python %S/../Tools/expect-exit.py 1 -- vae-train --train-images /usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz --out %t.out 2>&1 | FileCheck %s --check-prefix=LABELS
// LABELS: expected unsigned-byte images of 28x28 (an idx3-ubyte file)

// A short real run: 2 batches, 1 epoch, every output written.
// RUN: vae-train --epochs 1 --max-train 500 --out %t.run | FileCheck %s --check-prefix=TRAIN
// RUN: test -s %t.run/loss.csv && test -s %t.run/reconstructions.png && test -s %t.run/samples.png
// TRAIN-DAG: epoch 1: train {{[0-9.]+}}  test {{[0-9.]+}} nats/example
// TRAIN-DAG: reconstructions.png
