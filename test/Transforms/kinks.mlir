// RUN: sg-opt %s --sg-number-samples --sg-mark-kinks --sg-forward --sg-grad --sg-count-kinks | FileCheck %s

// Tests that the graph's kinked ops are numbered (not those the pullback of
// relu adds) and that each function returns the per-kink counts.
// CHECK: module attributes {sg.kinks = [{column = 8 : i64, file = "{{.*}}kinks.mlir", line = 17 : i64, op = "sg.relu", what = "x = 0: derivative 0"}, {column = 8 : i64, file = "{{.*}}kinks.mlir", line = 18 : i64, op = "sg.maximum", what = "x = y: the cotangent goes to y"}]}
// CHECK: sg.relu %{{.+}} {sg.kink = 0 : i32}
// CHECK: sg.maximum %{{.+}} {sg.kink = 1 : i32}
// CHECK-LABEL: func.func @g_loss_grad(
// CHECK-SAME: -> (tensor<f32>, tensor<3xf32>, tensor<2xi64>)
// CHECK-SAME: sg.kink_counts
// CHECK: sg.heaviside
// CHECK-NOT: sg.kink =
// CHECK: tensor.from_elements %{{.+}}, %{{.+}} : tensor<2xi64>
// CHECK-LABEL: func.func @g_forward(
// CHECK-SAME: -> (tensor<f32>, tensor<2xi64>)
sg.graph @g(%w: tensor<3xf32> {sg.param}) {
  %r = sg.relu %w : tensor<3xf32>
  %m = sg.maximum %r, %w : tensor<3xf32>
  %s = sg.sum %m : tensor<3xf32>
  sg.cost %s : tensor<f32>
}
