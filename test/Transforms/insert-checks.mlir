// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-insert-checks | FileCheck %s

// Tests checked mode: a violation count per check (log's argument, and the
// finiteness of every result), the first failing check's number as a new
// i32 result, and the messages with their source locations.
// CHECK: module attributes {sg.checks = [{column = 8 : i64, file = "{{.*}}insert-checks.mlir", line = 19 : i64, op = "sg.log", what = "argument not positive"}, {column = 8 : i64, file = "{{.*}}insert-checks.mlir", line = 19 : i64, op = "sg.log", what = "produced NaN or infinity"}, {column = 8 : i64, file = "{{.*}}insert-checks.mlir", line = 20 : i64, op = "sg.sum", what = "produced NaN or infinity"}]}
// CHECK-LABEL: func.func @g_forward(
// CHECK-SAME: -> (tensor<f32>, tensor<i32>)
// CHECK-SAME: sg.checked
// CHECK: %[[L:.+]] = sg.log
// CHECK: linalg.generic {{.*}} ins(%arg0 : tensor<2xf32>) outs(%{{.+}} : tensor<i32>)
// CHECK: arith.cmpf ogt
// CHECK: linalg.generic {{.*}} ins(%[[L]] : tensor<2xf32>)
// CHECK: math.absf
// CHECK: arith.select
// CHECK: %[[STATUS:.+]] = tensor.from_elements %{{.+}} : tensor<i32>
// CHECK: return %{{.+}}, %[[STATUS]] : tensor<f32>, tensor<i32>
sg.graph @g(%w: tensor<2xf32> {sg.param}) {
  %l = sg.log %w : tensor<2xf32>
  %s = sg.sum %l : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
