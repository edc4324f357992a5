// Tests that --batch-size resizes the batch axis of real models and refuses
// a model whose other axes of the batch's size it cannot tell apart from it.

// The VAE (both graphs: the decoder's leading input is its batch) at other
// batch sizes: every batch axis changes, the weights' axes do not.
// RUN: sgc %sg_src_root/examples/vae/vae.mlir --batch-size=100 --emit=header -o - | FileCheck %s --check-prefix=B100
// B100: #define VAE_X_SIZE 78400
// B100: #define VAE_W1_SIZE 784000
// B100: #define DECODER_Z_SIZE 3000
// B100: #define DECODER_WD1_SIZE 30000
// RUN: sgc %sg_src_root/examples/vae/vae.mlir --batch-size=1 --emit=mlir -o - | FileCheck %s --check-prefix=B1
// B1: %x: tensor<1x784xf32> {sg.input}
// B1: sg.matmul %{{.+}}, %{{.+}} : tensor<1x1000xf32>, tensor<1000x30xf32>
// RUN: sgc %sg_src_root/examples/vae/vae.mlir --batch-size=1000 -o %t.so

// Issue 14: batch 10 with 10 samples per example. Resizing every axis of
// size 10 (the old rule) compiled silently and doubled the loss.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --batch-size=20 -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=AMBIG
// AMBIG: batch-size.mlir:[[# @LINE + 5]]:{{[0-9]+}}: error: cannot change the batch size 10: axis 0 of this value has that size but is not provably the batch axis (axis 0 of %x)
// At its own batch size it compiles.
// RUN: sgc %s --batch-size=10 --emit=header -o - | FileCheck %s --check-prefix=SAME
// SAME: #define SAMPLES_X_SIZE 50
sg.graph @samples(%x: tensor<10x5xf32> {sg.input}, %mu: tensor<5xf32> {sg.param}) {
  %m = sg.broadcast %mu [1] : tensor<5xf32> -> tensor<10x5xf32>
  %one = sg.constant dense<1.0> : tensor<10x5xf32>
  %z = sg.normal %m, %one : tensor<10x5xf32>
  %zs = sg.broadcast %z [1, 2] : tensor<10x5xf32> -> tensor<10x10x5xf32>
  %xs = sg.broadcast %x [0, 2] : tensor<10x5xf32> -> tensor<10x10x5xf32>
  %d = sg.sub %xs, %zs : tensor<10x10x5xf32>
  %sq = sg.mul %d, %d : tensor<10x10x5xf32>
  %s = sg.sum %sq : tensor<10x10x5xf32>
  sg.cost %s : tensor<f32>
}
