// Tests the size rule of sg-parallelize-loops on the VAE: at batch 250 its
// elementwise loops and row sums (250 rows of 784 or 1000 elements) run on
// the runtime's threads, at batch 16 (16,000 iterations, below the default
// 65,536) none does, and --parallel-min-work=0 turns the pass off.
// test/e2e/VaeTest.cpp checks the batch-250 library's bits with 1 and 2
// threads.

// RUN: sgc %sg_src_root/examples/vae/vae.mlir --batch-size=250 --emit=mlir-llvm -o - | FileCheck %s --check-prefix=B250
// B250: llvm.func @vae_loss_grad_rows(
// B250: llvm.call @sg_parallel_range(
// B250: llvm.func internal @vae_loss_grad__par0(%{{.+}}: !llvm.ptr, %{{.+}}: i64, %{{.+}}: i64)
// B250: llvm.func internal @vae_forward__par0(

// RUN: sgc %sg_src_root/examples/vae/vae.mlir --batch-size=16 --emit=mlir-llvm -o - | FileCheck %s --check-prefix=NONE
// RUN: sgc %sg_src_root/examples/vae/vae.mlir --batch-size=250 --parallel-min-work=0 --emit=mlir-llvm -o - | FileCheck %s --check-prefix=NONE
// NONE-NOT: sg_parallel_range
// NONE-NOT: __par{{[0-9]}}
