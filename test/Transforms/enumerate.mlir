// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-number-samples --sg-enumerate | FileCheck %s

// Tests that a categorical with 3 values is summed out: the downstream
// computation is cloned with each one-hot value as a constant, weighted by
// exp(log p(k)) = exp(−softmax_cross_entropy(l, e_k)), and the cost becomes
// the sum; the sample is gone.
// CHECK-LABEL: sg.graph @categorical(
// CHECK-NOT: sg.categorical
// CHECK: %[[E0:.+]] = sg.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<1x3xf32>
// CHECK: %[[M0:.+]] = sg.mul %[[E0]], %v
// CHECK: %[[C0:.+]] = sg.sum %[[M0]]
// CHECK: %[[CE0:.+]] = sg.softmax_cross_entropy %l, %[[E0]]
// CHECK: %[[LP0:.+]] = sg.neg %[[CE0]]
// CHECK: %[[W0:.+]] = sg.exp %[[LP0]]
// CHECK: %[[T0:.+]] = sg.mul %[[W0]], %[[C0]]
// CHECK: sg.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 0.000000e+00]]>
// CHECK: sg.exp
// CHECK: %[[T1:.+]] = sg.mul
// CHECK: %[[S1:.+]] = sg.add %[[T0]], %[[T1]]
// CHECK: sg.constant dense<{{\[\[}}0.000000e+00, 0.000000e+00, 1.000000e+00]]>
// CHECK: sg.exp
// CHECK: %[[T2:.+]] = sg.mul
// CHECK: %[[S2:.+]] = sg.add %[[S1]], %[[T2]]
// CHECK: sg.cost %[[S2]] : tensor<f32>
// CHECK-NOT: sg.cost
sg.graph @categorical(%l: tensor<1x3xf32> {sg.param}, %v: tensor<1x3xf32> {sg.input}) {
  // expected-remark @+1 {{enumerated: the costs that depend on this sample are replaced by their exact expectation over its 3 values}}
  %y = sg.categorical %l : tensor<1x3xf32>
  %m = sg.mul %y, %v : tensor<1x3xf32>
  %c = sg.sum %m : tensor<1x3xf32>
  sg.cost %c : tensor<f32>
}

// -----

// Tests two Bernoulli elements on logits (4 values: 00, 01, 10, 11), a cost
// that couples them, and a cost that does not depend on the sample (kept).
// CHECK-LABEL: sg.graph @bernoulli(
// CHECK-NOT: sg.bernoulli_logits %
// CHECK: sg.cost %{{.+}} : tensor<f64>
// CHECK: sg.constant dense<0.000000e+00> : tensor<2xf64>
// CHECK: sg.bernoulli_logits_neglogpdf %l,
// CHECK: sg.constant dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf64>
// CHECK: sg.constant dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf64>
// CHECK: sg.constant dense<1.000000e+00> : tensor<2xf64>
// CHECK: sg.cost
sg.graph @bernoulli(%l: tensor<2xf64> {sg.param}) {
  // expected-remark @+1 {{enumerated}}
  %b = sg.bernoulli_logits %l : tensor<2xf64>
  %s = sg.sum %b : tensor<2xf64>
  %s2 = sg.mul %s, %s : tensor<f64>
  sg.cost %s2 : tensor<f64>
  %r = sg.sum %l : tensor<2xf64>
  sg.cost %r : tensor<f64>
}

// -----

// Tests that a support above max-support (4^4 = 256 > 16) leaves the graph
// unchanged, with a remark.
// CHECK-LABEL: sg.graph @too_large(
// CHECK: sg.categorical
sg.graph @too_large(%l: tensor<4x4xf32> {sg.param}) {
  // expected-remark @+1 {{not enumerated: its support has 256 values, above max-support = 16}}
  %y = sg.categorical %l : tensor<4x4xf32>
  %c = sg.sum %y : tensor<4x4xf32>
  sg.cost %c : tensor<f32>
}

// -----

// Tests the other preconditions: an output or another sample depending on
// the sample, and a sample that keeps the score function.
// CHECK-LABEL: sg.graph @kept(
// CHECK: sg.bernoulli
// CHECK: sg.bernoulli
// CHECK: sg.bernoulli_logits
sg.graph @kept(%p: tensor<2xf32> {sg.param}) {
  %q = sg.sigmoid %p : tensor<2xf32>
  // expected-remark @+1 {{not enumerated: an sg.output depends on it}}
  %a = sg.bernoulli %q : tensor<2xf32>
  sg.output %a : tensor<2xf32>
  // expected-remark @+1 {{not enumerated: another sample depends on it}}
  %b = sg.bernoulli %q : tensor<2xf32>
  // expected-remark @+1 {{not enumerated: marked sg.score_function, it keeps the score-function estimator}}
  %c = sg.bernoulli_logits %b {sg.score_function} : tensor<2xf32>
  %s = sg.sum %c : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Tests that requesting enumeration where it cannot apply is an error.
sg.graph @requested(%l: tensor<8x3xf32> {sg.param}) {
  // expected-error @+1 {{cannot enumerate this sample: its support has 6561 values, above max-support = 16}}
  %y = sg.categorical %l {sg.enumerate} : tensor<8x3xf32>
  %c = sg.sum %y : tensor<8x3xf32>
  sg.cost %c : tensor<f32>
}
