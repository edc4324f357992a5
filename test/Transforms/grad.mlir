// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-number-samples --sg-grad=score-rows=scalar | FileCheck %s
// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-number-samples --sg-grad=score-costs=all | FileCheck %s --check-prefix=ALL
// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-number-samples --sg-grad="score-rows=scalar baseline=moving-average" | FileCheck %s --check-prefix=BASE

// Tests the gradient of a deterministic graph: the loss first, then one
// gradient per parameter built from pullback rules.
// CHECK-LABEL: func.func @det_loss_grad(
// CHECK-SAME: -> (tensor<f32>, tensor<4x3xf32>)
// CHECK: %[[A:.+]] = sg.matmul %arg0, %arg1
// CHECK: %[[T:.+]] = sg.tanh %[[A]]
// CHECK: %[[L:.+]] = sg.sum %[[T]]
// CHECK: sg.broadcast
// CHECK: sg.mul %[[T]], %[[T]]
// CHECK: %[[DW:.+]] = sg.matmul %arg0, %{{.+}} {transpose_lhs}
// CHECK: return %[[L]], %[[DW]]
sg.graph @det(%x: tensor<8x4xf32> {sg.input}, %w: tensor<4x3xf32> {sg.param}) {
  %a = sg.matmul %x, %w : tensor<8x4xf32>, tensor<4x3xf32>
  %t = sg.tanh %a : tensor<8x3xf32>
  %l = sg.sum %t : tensor<8x3xf32>
  sg.cost %l : tensor<f32>
}

// -----

// Tests a score term: the log-density of the sample, seeded with the costs
// downstream of it (only %c1; %c2 does not depend on the sample), and no
// pathwise gradient through the sample.
// CHECK-LABEL: func.func @score_loss_grad(
// CHECK: %[[Z:.+]] = sg.normal %arg0, %{{.+}} {node = 0 : i32}
// CHECK: %[[C1:.+]] = sg.sum
// CHECK: %[[C2:.+]] = sg.sum
// CHECK: %[[LOSS:.+]] = sg.add %[[C1]], %[[C2]]
// CHECK: %[[LP:.+]] = sg.normal_logpdf %[[Z]], %arg0, %{{.+}}
// CHECK: sg.broadcast %[[C1]] [] : tensor<f32> -> tensor<3xf32>
// ALL-LABEL: func.func @score_loss_grad(
// ALL: %[[C1:.+]] = sg.sum
// ALL: %[[C2:.+]] = sg.sum
// ALL: %[[LOSS:.+]] = sg.add %[[C1]], %[[C2]]
// ALL: sg.normal_logpdf
// ALL: %[[D:.+]] = sg.add %[[C1]], %[[C2]]
// ALL: sg.broadcast %[[D]] [] : tensor<f32> -> tensor<3xf32>
// BASE-LABEL: func.func @score_loss_grad(
// BASE-SAME: %arg0: tensor<3xf32>, %arg1: tensor<f32>, %arg2: i64 {sg.seed}, %arg3: i64 {sg.step}) -> (tensor<f32>, tensor<3xf32>, tensor<f32>)
// BASE-SAME: sg.num_baselines = 1
// BASE: %[[C1:.+]] = sg.sum
// BASE: %[[OLD:.+]] = sg.scale %arg1, 9.000000e-01
// BASE: %[[NEW:.+]] = sg.scale %[[C1]], 0.09999
// BASE: %[[B:.+]] = sg.add %[[OLD]], %[[NEW]]
// BASE: %[[COEF:.+]] = sg.sub %[[C1]], %arg1
// BASE: sg.broadcast %[[COEF]] []
// BASE: return %{{.+}}, %{{.+}}, %[[B]]
sg.graph @score(%mu: tensor<3xf32> {sg.param}) {
  %one = sg.constant dense<1.0> : tensor<3xf32>
  %z = sg.normal %mu, %one : tensor<3xf32>
  %z2 = sg.mul %z, %z : tensor<3xf32>
  %c1 = sg.sum %z2 : tensor<3xf32>
  sg.cost %c1 : tensor<f32>
  %c2 = sg.sum %mu : tensor<3xf32>
  sg.cost %c2 : tensor<f32>
}

// -----

// Tests that a forward-only graph (no cost) gets no gradient function.
// CHECK-NOT: func.func @fwd_loss_grad
sg.graph @fwd(%x: tensor<2xf32> {sg.input}, %w: tensor<2xf32> {sg.param}) {
  %y = sg.mul %x, %w : tensor<2xf32>
  sg.output %y : tensor<2xf32>
}

// -----

// expected-error @+1 {{has costs but no {sg.param} argument: there is nothing to differentiate (compile with --no-grad for the forward function only)}}
sg.graph @no_params(%x: tensor<2xf32> {sg.input}) {
  %s = sg.sum %x : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Tests the score terms of the discrete distributions on logits: the
// log-density of a categorical is −softmax_cross_entropy(l, onehot), that of
// a Bernoulli on logits −bernoulli_logits_neglogpdf(l, b); both are seeded
// with the downstream cost and pulled back to the logits.
// CHECK-LABEL: func.func @discrete_loss_grad(
// CHECK: %[[Y:.+]] = sg.categorical %arg0 {node = 0 : i32}
// CHECK: %[[B:.+]] = sg.bernoulli_logits %arg1 {node = 1 : i32}
// CHECK: %[[CE:.+]] = sg.softmax_cross_entropy %arg0, %[[Y]]
// CHECK: sg.neg %[[CE]]
// CHECK: %[[NLL:.+]] = sg.bernoulli_logits_neglogpdf %arg1, %[[B]]
// CHECK: sg.neg %[[NLL]]
// CHECK: sg.sigmoid %arg1
// CHECK: sg.softmax %arg0
sg.graph @discrete(%l: tensor<4x3xf32> {sg.param}, %m: tensor<4x3xf32> {sg.param}) {
  %y = sg.categorical %l : tensor<4x3xf32>
  %b = sg.bernoulli_logits %m : tensor<4x3xf32>
  %yb = sg.mul %y, %b : tensor<4x3xf32>
  %c = sg.sum %yb : tensor<4x3xf32>
  sg.cost %c : tensor<f32>
}
