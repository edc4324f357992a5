// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-number-samples --sg-grad | FileCheck %s
// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-number-samples --sg-grad=baseline=moving-average | FileCheck %s --check-prefix=BASE

// Tests per-row score terms: the coefficient is the cost's per-row terms
// (a reduce_sum over the non-row axes of what sg.sum sums), the
// log-density's cotangent (from 1) is scaled row by row, and the baseline is
// one element per row.
// CHECK-LABEL: func.func @rows_loss_grad(
// CHECK: %[[P:.+]] = sg.sigmoid
// CHECK: %[[B:.+]] = sg.bernoulli %[[P]]
// CHECK: %[[SQ:.+]] = sg.mul
// CHECK: sg.bernoulli_neglogpdf %[[P]], %[[B]]
// CHECK: %[[ROWS:.+]] = sg.reduce_sum %[[SQ]] [1] : tensor<4x2xf32>
// CHECK: %[[ONE:.+]] = sg.constant dense<1.000000e+00> : tensor<f32>
// CHECK: %[[NEG:.+]] = sg.neg %[[ONE]]
// CHECK: %[[C:.+]] = sg.broadcast %[[ROWS]] [0] : tensor<4xf32> -> tensor<4x2xf32>
// CHECK: sg.mul %[[C]], %{{.+}} : tensor<4x2xf32>
// BASE-LABEL: func.func @rows_loss_grad(
// BASE-SAME: %arg2: tensor<4xf32>
// BASE-SAME: -> (tensor<f32>, tensor<2xf32>, tensor<4xf32>)
// BASE-SAME: sg.baseline_samples = ["{{[^,]+}}"]
// BASE-SAME: sg.num_baselines = 1
// BASE: %[[ROWS:.+]] = sg.reduce_sum %{{.+}} [1] : tensor<4x2xf32>
// BASE: %[[OLD:.+]] = sg.scale %arg2, 9.000000e-01 : tensor<4xf32>
// BASE: %[[NEW:.+]] = sg.scale %[[ROWS]], 0.09999
// BASE: %[[UPD:.+]] = sg.add %[[OLD]], %[[NEW]]
// BASE: %[[COEF:.+]] = sg.sub %[[ROWS]], %arg2 : tensor<4xf32>
// BASE: sg.broadcast %[[COEF]] [0] : tensor<4xf32> -> tensor<4x2xf32>
// BASE: return %{{.+}}, %{{.+}}, %[[UPD]]
sg.graph @rows(%theta: tensor<2xf32> {sg.param}, %y: tensor<4x2xf32> {sg.input}) {
  %t = sg.broadcast %theta [1] : tensor<2xf32> -> tensor<4x2xf32>
  %p = sg.sigmoid %t : tensor<4x2xf32>
  // expected-remark @+1 {{per-row score terms (4 rows)}}
  %b = sg.bernoulli %p : tensor<4x2xf32>
  %d = sg.sub %b, %y : tensor<4x2xf32>
  %d2 = sg.mul %d, %d : tensor<4x2xf32>
  %c = sg.sum %d2 : tensor<4x2xf32>
  sg.cost %c : tensor<f32>
}

// -----

// Tests the fallback: a transpose mixes the rows, so the coefficient stays
// the scalar cost and the remark names the op.
// CHECK-LABEL: func.func @mixed_loss_grad(
// CHECK: %[[C:.+]] = sg.sum
// CHECK: sg.bernoulli_neglogpdf
// CHECK: %[[N:.+]] = sg.neg %[[C]] : tensor<f32>
// CHECK: sg.broadcast %[[N]] [] : tensor<f32> -> tensor<4x2xf32>
// BASE-LABEL: func.func @mixed_loss_grad(
// BASE-SAME: %arg1: tensor<f32>
sg.graph @mixed(%theta: tensor<4x2xf32> {sg.param}) {
  %p = sg.sigmoid %theta : tensor<4x2xf32>
  // expected-remark @+1 {{scalar score coefficient: no downstream cost is a sum over rows}}
  %b = sg.bernoulli %p : tensor<4x2xf32>
  // expected-note @+1 {{rows are mixed here by 'sg.transpose'}}
  %bt = sg.transpose %b [1, 0] : tensor<4x2xf32>
  %c = sg.sum %bt : tensor<2x4xf32>
  sg.cost %c : tensor<f32>
}

// -----

// Tests a separable cost next to one that couples rows: per-row terms, with
// the coupling cost added whole to every row's coefficient; and a second
// sample with the same coefficient sharing the first one's baseline.
// CHECK-LABEL: func.func @both_loss_grad(
// CHECK: %[[S2:.+]] = sg.mul %[[S:.+]], %[[S]] : tensor<f32>
// CHECK: %[[ROWS:.+]] = sg.reduce_sum %{{.+}} [1] : tensor<4x2xf32>
// CHECK: %[[WHOLE:.+]] = sg.broadcast %[[S2]] [] : tensor<f32> -> tensor<4xf32>
// CHECK: %[[COEF:.+]] = sg.add %[[ROWS]], %[[WHOLE]] : tensor<4xf32>
// CHECK: sg.broadcast %[[COEF]] [0] : tensor<4xf32> -> tensor<4x2xf32>
// BASE-LABEL: func.func @both_loss_grad(
// BASE-SAME: %arg1: tensor<4xf32>, %arg2: i64
// BASE-SAME: sg.baseline_samples = ["{{[^,]+}}, {{[^,]+}}"]
// BASE-SAME: sg.num_baselines = 1
sg.graph @both(%theta: tensor<4x2xf32> {sg.param}) {
  %p = sg.sigmoid %theta : tensor<4x2xf32>
  // expected-remark @+1 {{per-row score terms (4 rows); the cost at}}
  %b = sg.bernoulli %p : tensor<4x2xf32>
  // expected-remark @+1 {{per-row score terms (4 rows); the cost at}}
  %b2 = sg.bernoulli %p : tensor<4x2xf32>
  %sum = sg.add %b, %b2 : tensor<4x2xf32>
  %c = sg.sum %sum : tensor<4x2xf32>
  sg.cost %c : tensor<f32>
  %s = sg.sum %sum : tensor<4x2xf32>
  // expected-note @+1 {{rows are mixed here by 'sg.mul'}}
  %s2 = sg.mul %s, %s : tensor<f32>
  sg.cost %s2 : tensor<f32>
}
