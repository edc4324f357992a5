// Tests the vector width of generated loops and that sums vectorize.
//
// On an AVX-512 CPU generated functions use 512-bit vectors (LLVM's tuning
// for these CPUs would stop at 256 bits), and the sum of the Bernoulli
// log-likelihood, two logarithms per element, runs in vector lanes added
// after the loop (sg-reassociate-sums) instead of one scalar chain.
// RUN: sgc %s -w --no-grad --emit=llvm --target-cpu=sapphirerapids -o - | FileCheck %s --check-prefix=AVX512
// AVX512-LABEL: define {{.*}} @nll_forward_rows(
// AVX512: fdiv <16 x float>
// AVX512: fadd reassoc <16 x float>
// AVX512: call reassoc float @llvm.vector.reduce.fadd.v16f32(
//
// Without AVX-512, the widest vectors are 256 bits.
// RUN: sgc %s -w --no-grad --emit=llvm --target-cpu=haswell -o - | FileCheck %s --check-prefix=AVX2
// AVX2-LABEL: define {{.*}} @nll_forward_rows(
// AVX2-NOT: <16 x float>
// AVX2: fdiv <8 x float>
// AVX2: call reassoc float @llvm.vector.reduce.fadd.v8f32(

sg.graph @nll(%x: tensor<4x256xf32> {sg.input}, %w: tensor<4x256xf32> {sg.param}) {
  %l = sg.mul %x, %w : tensor<4x256xf32>
  %p = sg.sigmoid %l : tensor<4x256xf32>
  %c = sg.bernoulli_neglogpdf %p, %x : tensor<4x256xf32>
  sg.cost %c : tensor<f32>
}
