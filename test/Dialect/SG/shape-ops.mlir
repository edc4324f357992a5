// RUN: sg-opt %s | FileCheck %s
// RUN: sg-opt %s --mlir-print-op-generic | sg-opt | FileCheck %s

// Tests that reshape, slice, concat and mean print back as written and that
// the result types of concat and mean are inferred.
// CHECK-LABEL: sg.graph @shape_ops(
sg.graph @shape_ops(%x: tensor<4x6xf32> {sg.input}, %y: tensor<4x2xf32> {sg.input}) {
  // CHECK: %[[R:.+]] = sg.reshape %x : tensor<4x6xf32> -> tensor<2x3x4xf32>
  %r = sg.reshape %x : tensor<4x6xf32> -> tensor<2x3x4xf32>
  // CHECK: sg.slice %[[R]] [1, 0, 2] : tensor<2x3x4xf32> -> tensor<1x3x2xf32>
  %s = sg.slice %r [1, 0, 2] : tensor<2x3x4xf32> -> tensor<1x3x2xf32>
  // CHECK: %[[C:.+]] = sg.concat %x, %y, %x axis 1 : tensor<4x6xf32>, tensor<4x2xf32>, tensor<4x6xf32>
  %c = sg.concat %x, %y, %x axis 1 : tensor<4x6xf32>, tensor<4x2xf32>, tensor<4x6xf32>
  // CHECK: %[[M:.+]] = sg.mean %[[C]] [0] : tensor<4x14xf32>
  %m = sg.mean %c [0] : tensor<4x14xf32>
  // CHECK: sg.sum %[[M]] : tensor<14xf32>
  %t = sg.sum %m : tensor<14xf32>
  // CHECK: %[[A:.+]] = sg.mean %x [0, 1] : tensor<4x6xf32>
  %a = sg.mean %x [0, 1] : tensor<4x6xf32>
  // CHECK: sg.reshape %[[A]] : tensor<f32> -> tensor<1xf32>
  %one = sg.reshape %a : tensor<f32> -> tensor<1xf32>
  sg.cost %t : tensor<f32>
}
