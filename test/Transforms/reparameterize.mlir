// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-number-samples --sg-reparameterize | FileCheck %s

// Tests that every Gaussian sample becomes μ + σ ⊙ ε with ε keeping the node
// id, and that a sample marked sg.score_function is left alone.
// CHECK-LABEL: sg.graph @two(
// CHECK: %[[E1:.+]] = sg.std_normal {node = 0 : i32} : tensor<3xf32>
// CHECK: %[[Z1:.+]] = sg.mul_add %sigma, %[[E1]], %mu {sg.reparameterized} : tensor<3xf32>
// CHECK: %[[E2:.+]] = sg.std_normal {node = 1 : i32} : tensor<3xf32>
// CHECK: %[[Z2:.+]] = sg.mul_add %sigma, %[[E2]], %[[Z1]] {sg.reparameterized} : tensor<3xf32>
// CHECK: sg.normal %[[Z2]], %sigma {node = 2 : i32, sg.score_function}
// CHECK-NOT: sg.normal
sg.graph @two(%mu: tensor<3xf32> {sg.param}, %sigma: tensor<3xf32> {sg.param}) {
  // expected-remark @+1 {{reparameterized: z = μ + σ ⊙ ε with ε ~ N(0, I)}}
  %z1 = sg.normal %mu, %sigma : tensor<3xf32>
  // expected-remark @+1 {{reparameterized: z = μ + σ ⊙ ε with ε ~ N(0, I)}}
  %z2 = sg.normal %z1, %sigma : tensor<3xf32>
  // expected-remark @+1 {{sample left as is: marked sg.score_function, it keeps the score-function estimator}}
  %z3 = sg.normal %z2, %sigma {sg.score_function} : tensor<3xf32>
  %s = sg.sum %z3 : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Tests that a discrete sample is left to the score-function estimator and
// a parameter-free one (noise already) is not touched.
// CHECK-LABEL: sg.graph @discrete(
// CHECK: sg.bernoulli %{{[0-9]+}} {node = 0 : i32}
// CHECK: sg.std_normal {node = 1 : i32}
sg.graph @discrete(%w: tensor<3xf32> {sg.param}) {
  %p = sg.sigmoid %w : tensor<3xf32>
  // expected-remark @+1 {{sample left as is: discrete, only the score-function estimator applies}}
  %b = sg.bernoulli %p : tensor<3xf32>
  %e = sg.std_normal : tensor<3xf32>
  %m = sg.mul %b, %e : tensor<3xf32>
  %s = sg.sum %m : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Tests that the discrete samples on logits are left as well.
// CHECK-LABEL: sg.graph @discrete_logits(
// CHECK: sg.bernoulli_logits %{{.*}} {node = 0 : i32}
// CHECK: sg.categorical %{{.*}} {node = 1 : i32}
sg.graph @discrete_logits(%w: tensor<3xf32> {sg.param},
                          %v: tensor<2x3xf32> {sg.param}) {
  // expected-remark @+1 {{sample left as is: discrete, only the score-function estimator applies}}
  %b = sg.bernoulli_logits %w : tensor<3xf32>
  // expected-remark @+1 {{sample left as is: discrete, only the score-function estimator applies}}
  %y = sg.categorical %v : tensor<2x3xf32>
  %s = sg.sum %b : tensor<3xf32>
  sg.cost %s : tensor<f32>
  %t = sg.sum %y : tensor<2x3xf32>
  sg.cost %t : tensor<f32>
}
