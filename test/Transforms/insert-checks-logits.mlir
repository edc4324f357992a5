// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-insert-checks | FileCheck %s

// Tests checked mode on the distributions over logits: their logits must be
// finite (an input's logits are checked nowhere else), then every result.
// CHECK: module attributes {sg.checks = [{column = 8 : i64, file = "{{.*}}insert-checks-logits.mlir", line = 11 : i64, op = "sg.categorical", what = "logits not finite"}, {column = 8 : i64, file = "{{.*}}insert-checks-logits.mlir", line = 11 : i64, op = "sg.categorical", what = "produced NaN or infinity"}, {column = 8 : i64, file = "{{.*}}insert-checks-logits.mlir", line = 12 : i64, op = "sg.bernoulli_logits", what = "logits not finite"}, {column = 8 : i64, file = "{{.*}}insert-checks-logits.mlir", line = 12 : i64, op = "sg.bernoulli_logits", what = "produced NaN or infinity"},
// CHECK-LABEL: func.func @g_forward(
// CHECK: %[[Y:.+]] = sg.categorical %arg0
// CHECK: linalg.generic {{.*}} ins(%arg0 : tensor<2x3xf32>) outs(%{{.+}} : tensor<i32>)
// CHECK: math.absf
sg.graph @g(%l: tensor<2x3xf32> {sg.input}, %w: tensor<2x3xf32> {sg.param}) {
  %y = sg.categorical %l : tensor<2x3xf32>
  %b = sg.bernoulli_logits %w : tensor<2x3xf32>
  %yb = sg.mul %y, %b : tensor<2x3xf32>
  %s = sg.sum %yb : tensor<2x3xf32>
  sg.cost %s : tensor<f32>
}
