// RUN: sg-opt %s | FileCheck %s
// RUN: sg-opt %s --mlir-print-op-generic | sg-opt | FileCheck %s

// Tests the discrete distributions parameterized by logits and the
// Bernoulli negative log-likelihood from logits: custom syntax round trip,
// one type for the operand and the sample.
// CHECK-LABEL: sg.graph @discrete(
sg.graph @discrete(%l: tensor<4x3xf32> {sg.param}, %x: tensor<4x3xf32> {sg.input},
                   %w: tensor<3x5xf32> {sg.param}) {
  // CHECK: %[[B:.+]] = sg.bernoulli_logits %l : tensor<4x3xf32>
  %b = sg.bernoulli_logits %l : tensor<4x3xf32>
  // CHECK: sg.bernoulli_logits_neglogpdf %l, %[[B]] : tensor<4x3xf32>
  %nll = sg.bernoulli_logits_neglogpdf %l, %b : tensor<4x3xf32>
  sg.cost %nll : tensor<f32>
  // CHECK: %[[Y:.+]] = sg.categorical %l {node = 4 : i32} : tensor<4x3xf32>
  %y = sg.categorical %l {node = 4 : i32} : tensor<4x3xf32>
  // A one-hot sample feeds a matrix product (an embedding lookup).
  // CHECK: sg.matmul %[[Y]], %w
  %e = sg.matmul %y, %w : tensor<4x3xf32>, tensor<3x5xf32>
  %s = sg.sum %e : tensor<4x5xf32>
  sg.cost %s : tensor<f32>
}

// A single categorical over 6 classes (rank 1).
// CHECK-LABEL: sg.graph @one_categorical(
// CHECK: sg.categorical %l : tensor<6xf64>
sg.graph @one_categorical(%l: tensor<6xf64> {sg.param}) {
  %y = sg.categorical %l : tensor<6xf64>
  %s = sg.sum %y : tensor<6xf64>
  sg.cost %s : tensor<f64>
}
