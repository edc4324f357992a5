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
// One process trains with the library's fused step (gradient and Adam in
// one call), not loss_grad and a separate Adam pass.
// TRAIN-DAG: training step: the library's fused vae_train_step

// Interrupted after its first epoch, a run stops cleanly with the status of
// the signal and keeps its results: every finished epoch in loss.csv, every
// step in batches.csv, complete rows only. A previous run's files in the
// same folder are gone (no loss.png from another run next to these results).
// (The first 500 test images keep the evaluations short.)
// RUN: %python -c "import gzip,struct,sys; d=gzip.open(sys.argv[1]).read(); open(sys.argv[2],'wb').write(d[:4]+struct.pack('>I',500)+d[8:16]+d[16:16+500*784])" /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz %t.test500
// RUN: rm -rf %t.stop && mkdir %t.stop && echo stale > %t.stop/loss.png && echo stale > %t.stop/samples.png
// RUN: %python %S/interrupt.py SIGINT 1 %t.stop -- vae-train --epochs 100000 --max-train 500 --test-images %t.test500 --out %t.stop | FileCheck %s --check-prefix=STOP
// STOP: epoch 1: train
// STOP: vae-train: stopped by SIGINT after [[STEPS:[0-9]+]] steps; saving the results so far
// STOP: exit status 130
// RUN: FileCheck %s --input-file=%t.stop/loss.csv --check-prefix=LOSS
// LOSS: epoch,step,seconds,train_loss,test_loss
// LOSS-NEXT: 0,0,0,{{[0-9.]+}},{{[0-9.]+}}
// LOSS-NEXT: 1,2,{{[0-9.]+}},{{[0-9.]+}},{{[0-9.]+}}
// RUN: FileCheck %s --input-file=%t.stop/batches.csv --check-prefix=BATCHES
// BATCHES: step,epoch,loss
// BATCHES-NEXT: 1,1,{{[0-9.]+$}}
// BATCHES-NEXT: 2,1,{{[0-9.]+$}}
// RUN: not grep -l stale %t.stop/loss.png %t.stop/samples.png

// SIGTERM, and a batch size that is compiled on first use: sgc is started
// without a shell, so an output folder with quotes and `$(...)` in its name
// is just a name.
// RUN: rm -rf %t.q && mkdir -p "%t.q/o'\$(touch INJECTED)'" && cd %t.q
// RUN: %python %S/interrupt.py SIGTERM 1 "o'\$(touch INJECTED)'" -- vae-train --epochs 100000 --max-train 500 --test-images %t.test500 --batch-size 100 --out "o'\$(touch INJECTED)'" | FileCheck %s --check-prefix=TERM
// TERM: compiling the VAE for batch size 100 with sgc...
// TERM: epoch 1: train
// TERM: exit status 143
// RUN: test ! -e %t.q/INJECTED && test ! -e %t.q/o/INJECTED
// RUN: test -s "%t.q/o'\$(touch INJECTED)'/libvae_b100.so"
