// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-integrate-kl | FileCheck %s

// Tests the rewrite where every precondition holds (σ = √exp(lv) > 0).
// CHECK-LABEL: sg.graph @vae_like(
// CHECK: %[[SIGMA:.+]] = sg.sqrt
// CHECK: sg.normal %mu, %[[SIGMA]]
// CHECK-NOT: sg.mvn_empirical_kl
// CHECK: %[[KL:.+]] = sg.mvn_kl %mu, %[[SIGMA]] : tensor<4x2xf32>
// CHECK: sg.cost %[[KL]] : tensor<f32>
sg.graph @vae_like(%mu: tensor<4x2xf32> {sg.param}, %lv: tensor<4x2xf32> {sg.param}) {
  %v = sg.exp %lv : tensor<4x2xf32>
  %sigma = sg.sqrt %v : tensor<4x2xf32>
  %z = sg.normal %mu, %sigma : tensor<4x2xf32>
  // expected-remark @+1 {{replaced the empirical KL by the analytic KL(N(μ, σ) ‖ N(0, I))}}
  %ekl = sg.mvn_empirical_kl %mu, %sigma, %z : tensor<4x2xf32>
  sg.cost %ekl : tensor<f32>
}

// -----

// Tests that σ must be positive by construction.
// CHECK-LABEL: sg.graph @unproven_sigma(
// CHECK: sg.mvn_empirical_kl
sg.graph @unproven_sigma(%mu: tensor<3xf32> {sg.param}, %sigma: tensor<3xf32> {sg.param}) {
  %z = sg.normal %mu, %sigma : tensor<3xf32>
  // expected-remark @+1 {{empirical KL left unchanged: σ > 0 is not guaranteed by construction (build σ from exp, sqrt, softplus or sigmoid)}}
  %ekl = sg.mvn_empirical_kl %mu, %sigma, %z : tensor<3xf32>
  sg.cost %ekl : tensor<f32>
}

// -----

// Tests that z must be a sample of exactly these μ and σ.
// CHECK-LABEL: sg.graph @other_sample(
// CHECK: sg.mvn_empirical_kl
sg.graph @other_sample(%mu: tensor<3xf32> {sg.param}, %nu: tensor<3xf32> {sg.param}, %s: tensor<3xf32> {sg.param}) {
  %sigma = sg.softplus %s : tensor<3xf32>
  %z = sg.normal %nu, %sigma : tensor<3xf32>
  // expected-remark @+1 {{empirical KL left unchanged: z is a sample of a Gaussian with other μ or σ values than the KL's}}
  %ekl = sg.mvn_empirical_kl %mu, %sigma, %z : tensor<3xf32>
  sg.cost %ekl : tensor<f32>
}

// -----

// Tests that z must come from sg.normal at all.
sg.graph @not_a_sample(%mu: tensor<3xf32> {sg.param}, %z: tensor<3xf32> {sg.input}) {
  %one = sg.constant dense<1.0> : tensor<3xf32>
  // expected-remark @+1 {{empirical KL left unchanged: the sample operand z is not defined by sg.normal}}
  %ekl = sg.mvn_empirical_kl %mu, %one, %z : tensor<3xf32>
  sg.cost %ekl : tensor<f32>
}

// -----

// Tests that only a cost may be replaced by its expectation.
sg.graph @not_only_a_cost(%mu: tensor<3xf32> {sg.param}) {
  %one = sg.constant dense<1.0> : tensor<3xf32>
  %z = sg.normal %mu, %one : tensor<3xf32>
  // expected-remark @+1 {{empirical KL left unchanged: the empirical KL is used by 'sg.mul', not only by sg.cost (only the expectation of a cost may be substituted)}}
  %ekl = sg.mvn_empirical_kl %mu, %one, %z : tensor<3xf32>
  %sq = sg.mul %ekl, %ekl : tensor<f32>
  sg.cost %sq : tensor<f32>
}
