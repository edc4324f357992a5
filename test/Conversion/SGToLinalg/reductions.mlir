// RUN: sg-opt %s -split-input-file --convert-sg-to-linalg | FileCheck %s

// Tests reductions: a full sum reduces every axis into a 0-d tensor, a
// reduce_sum keeps the other axes, both into zero-filled inits.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[NONE:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @reductions(
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT: %[[I:.*]] = linalg.fill ins(%[[Z]] : f64) outs(%{{.*}} : tensor<f64>)
// CHECK-NEXT: linalg.generic {indexing_maps = [#[[ID]], #[[NONE]]], iterator_types = ["reduction", "reduction"]} ins(%{{.*}} : tensor<2x3xf64>) outs(%[[I]] : tensor<f64>)
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
func.func @reductions(%x: tensor<2x3xf64>) -> (tensor<f64>, tensor<2xf64>) {
  %s = sg.sum %x : tensor<2x3xf64>
  %r = sg.reduce_sum %x [1] : tensor<2x3xf64>
  return %s, %r : tensor<f64>, tensor<2xf64>
}

// -----

// Tests that softmax and log-softmax take the row maximum (from −inf), the
// row Σ exp(x − max), then exp(x − max) / Σ or (x − max) − log Σ.
// CHECK-LABEL: func.func @softmax(
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK: arith.subf
// CHECK-NEXT: math.exp
// CHECK-NEXT: arith.addf
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK: %[[D:.*]] = arith.subf
// CHECK-NEXT: %[[E:.*]] = math.exp %[[D]]
// CHECK-NEXT: arith.divf %[[E]]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK: ^bb0(%{{.*}}: f32, %{{.*}}: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[D2:.*]] = arith.subf
// CHECK-NEXT: %[[L:.*]] = math.log %[[S]]
// CHECK-NEXT: arith.subf %[[D2]], %[[L]]
func.func @softmax(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %s = sg.softmax %x : tensor<2x3xf32>
  %l = sg.log_softmax %x : tensor<2x3xf32>
  return %s, %l : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Tests that softmax cross-entropy is Σ t · (max + log Σ − l) into a 0-d
// tensor.
// CHECK-LABEL: func.func @cross_entropy(
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]
// CHECK: ^bb0(%[[L:.*]]: f32, %[[T:.*]]: f32, %[[M:.*]]: f32, %[[S:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[LOG:.*]] = math.log %[[S]]
// CHECK-NEXT: %[[LSE:.*]] = arith.addf %[[M]], %[[LOG]]
// CHECK-NEXT: %[[D:.*]] = arith.subf %[[LSE]], %[[L]]
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[T]], %[[D]]
// CHECK-NEXT: arith.addf %[[ACC]], %[[P]]
func.func @cross_entropy(%l: tensor<2x3xf32>, %t: tensor<2x3xf32>) -> tensor<f32> {
  %c = sg.softmax_cross_entropy %l, %t : tensor<2x3xf32>
  return %c : tensor<f32>
}

// -----

// Tests the sums of terms: the KL term −½ (1 + log σ² − μ² − σ²), the normal
// log-density's constant ½ log 2π and the Bernoulli log clamped at −100.
// CHECK-LABEL: func.func @terms(
// CHECK: ^bb0(%[[MU:.*]]: f32, %[[SD:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[MU2:.*]] = arith.mulf %[[MU]], %[[MU]]
// CHECK-NEXT: %[[S2:.*]] = arith.mulf %[[SD]], %[[SD]]
// CHECK-NEXT: arith.constant 1.000000e+00
// CHECK-NEXT: math.log %[[S2]]
// CHECK: arith.constant -5.000000e-01
// CHECK: arith.constant 0.918938517 : f32
// CHECK: arith.constant -1.000000e+02 : f32
// CHECK: arith.maximumf
func.func @terms(%mu: tensor<4xf32>, %sd: tensor<4xf32>, %z: tensor<4xf32>, %p: tensor<4xf32>)
    -> (tensor<f32>, tensor<f32>, tensor<f32>) {
  %k = sg.mvn_kl %mu, %sd : tensor<4xf32>
  %l = sg.normal_logpdf %z, %mu, %sd : tensor<4xf32>
  %b = sg.bernoulli_neglogpdf %p, %z : tensor<4xf32>
  return %k, %l, %b : tensor<f32>, tensor<f32>, tensor<f32>
}

// -----

// Tests that a mean is the sum over its axes divided by the number of
// elements summed (4 · 6 = 24 here).
// CHECK-LABEL: func.func @mean(
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "reduction"]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel"]} ins(%[[SUM]] : tensor<5xf64>)
// CHECK-NEXT: ^bb0(%[[S:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[N:.*]] = arith.constant 2.400000e+01 : f64
// CHECK-NEXT: arith.divf %[[S]], %[[N]] : f64
func.func @mean(%x: tensor<4x5x6xf64>) -> tensor<5xf64> {
  %m = sg.mean %x [0, 2] : tensor<4x5x6xf64>
  return %m : tensor<5xf64>
}
