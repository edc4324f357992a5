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

// Tests per-row enumeration: 4 independent categorical rows of 3 classes
// (81 values in all, above max-support) under a cost that is a sum of
// per-row terms plus a part without the sample. Each row is set to class k
// at once (3 clones); q_i(k) = exp of the row terms of the log-density of
// that value; the cost becomes c(z(0)) + Σ (q(k) ⊙ (r(k) − r(0))), k = 1, 2.
// CHECK-LABEL: sg.graph @per_row(
// CHECK: %[[S:.+]] = sg.sum %l
// CHECK-NOT: sg.categorical
// CHECK: %[[Z0:.+]] = sg.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00], [1.000000e+00, 0.000000e+00, 0.000000e+00], [1.000000e+00, 0.000000e+00, 0.000000e+00], [1.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<4x3xf32>
// CHECK: %[[Z1:.+]] = sg.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00
// CHECK: %[[Z2:.+]] = sg.constant dense<{{\[\[}}0.000000e+00, 0.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00, 1.000000e+00
// CHECK: %[[LS1:.+]] = sg.log_softmax %l
// CHECK: %[[E1:.+]] = sg.mul %[[Z1]], %[[LS1]]
// CHECK: %[[Q1:.+]] = sg.exp %{{.+}} : tensor<4xf32>
// CHECK: %[[LS2:.+]] = sg.log_softmax %l
// CHECK: %[[E2:.+]] = sg.mul %[[Z2]], %[[LS2]]
// CHECK: %[[Q2:.+]] = sg.exp %{{.+}} : tensor<4xf32>
// CHECK-NOT: sg.softmax_cross_entropy
// CHECK: %[[M0:.+]] = sg.mul %[[Z0]], %v
// CHECK: %[[C0:.+]] = sg.sum %[[M0]]
// CHECK: %[[K0:.+]] = sg.add %[[C0]], %[[S]]
// CHECK: %[[R0:.+]] = sg.reduce_sum %[[M0]] [1] : tensor<4x3xf32>
// CHECK: %[[M1:.+]] = sg.mul %[[Z1]], %v
// CHECK: %[[R1:.+]] = sg.reduce_sum %[[M1]] [1] : tensor<4x3xf32>
// CHECK: %[[D1:.+]] = sg.sub %[[R1]], %[[R0]] : tensor<4xf32>
// CHECK: %[[W1:.+]] = sg.mul %[[Q1]], %[[D1]] : tensor<4xf32>
// CHECK: %[[S1:.+]] = sg.sum %[[W1]] : tensor<4xf32>
// CHECK: %[[A1:.+]] = sg.add %[[K0]], %[[S1]]
// CHECK: %[[M2:.+]] = sg.mul %[[Z2]], %v
// CHECK: %[[R2:.+]] = sg.reduce_sum %[[M2]] [1] : tensor<4x3xf32>
// CHECK: %[[D2:.+]] = sg.sub %[[R2]], %[[R0]] : tensor<4xf32>
// CHECK: %[[W2:.+]] = sg.mul %[[Q2]], %[[D2]] : tensor<4xf32>
// CHECK: %[[S2:.+]] = sg.sum %[[W2]] : tensor<4xf32>
// CHECK: %[[A2:.+]] = sg.add %[[A1]], %[[S2]]
// CHECK: sg.cost %[[A2]] : tensor<f32>
// CHECK-NOT: sg.cost
sg.graph @per_row(%l: tensor<4x3xf32> {sg.param}, %v: tensor<4x3xf32> {sg.input}) {
  %s = sg.sum %l : tensor<4x3xf32>
  // expected-remark @+1 {{enumerated per row: the costs that depend on this sample are replaced by their exact expectation over the 3 values of each of its 4 rows}}
  %y = sg.categorical %l : tensor<4x3xf32>
  %m = sg.mul %y, %v : tensor<4x3xf32>
  %c = sg.sum %m : tensor<4x3xf32>
  %cs = sg.add %c, %s : tensor<f32>
  sg.cost %cs : tensor<f32>
}

// -----

// Tests per-row enumeration of Bernoulli rows of one element (logits of 6
// rows, 64 values in all): two values per row, the weight of 1 from the
// row terms of the logits log-density.
// CHECK-LABEL: sg.graph @bernoulli_rows(
// CHECK-NOT: sg.bernoulli_logits %
// CHECK: %[[Z0:.+]] = sg.constant dense<0.000000e+00> : tensor<6xf64>
// CHECK: %[[Z1:.+]] = sg.constant dense<1.000000e+00> : tensor<6xf64>
// CHECK: sg.softplus %l
// CHECK: %[[Q1:.+]] = sg.exp %{{.+}} : tensor<6xf64>
// CHECK-NOT: sg.bernoulli_logits_neglogpdf
// CHECK: sg.sub %[[Z0]], %t
// CHECK: sg.sub %[[Z1]], %t
// CHECK: sg.mul %[[Q1]], %{{.+}} : tensor<6xf64>
// CHECK: sg.cost
sg.graph @bernoulli_rows(%l: tensor<6xf64> {sg.param}, %t: tensor<6xf64> {sg.input}) {
  // expected-remark @+1 {{enumerated per row: the costs that depend on this sample are replaced by their exact expectation over the 2 values of each of its 6 rows}}
  %b = sg.bernoulli_logits %l : tensor<6xf64>
  %d = sg.sub %b, %t : tensor<6xf64>
  %d2 = sg.mul %d, %d : tensor<6xf64>
  %c = sg.mean %d2 [0] : tensor<6xf64>
  sg.cost %c : tensor<f64>
}

// -----

// Tests that rows are not enumerated one by one where a cost couples them
// (the graph is left unchanged, the remark names the op), nor where one
// row has more than max-support values (20 classes).
// CHECK-LABEL: sg.graph @not_per_row(
// CHECK: sg.categorical
// CHECK: sg.categorical
sg.graph @not_per_row(%l: tensor<4x3xf32> {sg.param}, %k: tensor<4x20xf32> {sg.param}) {
  // expected-remark @+1 {{not enumerated: its support has 81 values, above max-support = 16, and its rows cannot be enumerated one by one: a cost that depends on it is not a sum of per-row terms}}
  %y = sg.categorical %l : tensor<4x3xf32>
  %s = sg.sum %y : tensor<4x3xf32>
  // expected-note @+1 {{rows are mixed here by 'sg.mul'}}
  %s2 = sg.mul %s, %s : tensor<f32>
  sg.cost %s2 : tensor<f32>
  // expected-remark @+1 {{not enumerated: its support has 160000 values, above max-support = 16, and its rows cannot be enumerated one by one: each row has 20 values, above max-support = 16}}
  %x = sg.categorical %k : tensor<4x20xf32>
  %c = sg.sum %x : tensor<4x20xf32>
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
  // expected-error @+1 {{cannot enumerate this sample: its support has 6561 values, above max-support = 16, and its rows cannot be enumerated one by one: a cost that depends on it is not a sum of per-row terms}}
  %y = sg.categorical %l {sg.enumerate} : tensor<8x3xf32>
  %c = sg.sum %y : tensor<8x3xf32>
  // expected-note @+1 {{rows are mixed here by 'sg.exp'}}
  %e = sg.exp %c : tensor<f32>
  sg.cost %e : tensor<f32>
}
