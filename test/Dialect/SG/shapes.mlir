// RUN: sg-opt %s | FileCheck %s
// RUN: sg-opt %s --mlir-print-op-generic | sg-opt | FileCheck %s

// Tests the shape-changing ops and that their result types are inferred.
// CHECK-LABEL: sg.graph @shapes(
sg.graph @shapes(%x: tensor<5x3xf32> {sg.input}, %w: tensor<3x4xf32> {sg.param},
                 %b: tensor<4xf32> {sg.param}, %v: tensor<5x4xf32> {sg.input}) {
  // CHECK: %[[MM:.+]] = sg.matmul %x, %w : tensor<5x3xf32>, tensor<3x4xf32>
  %mm = sg.matmul %x, %w : tensor<5x3xf32>, tensor<3x4xf32>
  // CHECK: sg.matmul %x, %v {transpose_lhs} : tensor<5x3xf32>, tensor<5x4xf32>
  %g = sg.matmul %x, %v {transpose_lhs} : tensor<5x3xf32>, tensor<5x4xf32>
  // CHECK: sg.matmul %v, %w {transpose_rhs} : tensor<5x4xf32>, tensor<3x4xf32>
  %h = sg.matmul %v, %w {transpose_rhs} : tensor<5x4xf32>, tensor<3x4xf32>
  // CHECK: %[[BA:.+]] = sg.bias_add %[[MM]], %b : tensor<5x4xf32>, tensor<4xf32>
  %ba = sg.bias_add %mm, %b : tensor<5x4xf32>, tensor<4xf32>
  // CHECK: sg.transpose %[[BA]] [1, 0] : tensor<5x4xf32>
  %t = sg.transpose %ba [1, 0] : tensor<5x4xf32>
  // CHECK: sg.reduce_sum %{{.*}} [1] : tensor<4x5xf32>
  %r = sg.reduce_sum %t [1] : tensor<4x5xf32>
  // CHECK: sg.broadcast %{{.*}} [1] : tensor<4xf32> -> tensor<5x4xf32>
  %bc = sg.broadcast %r [1] : tensor<4xf32> -> tensor<5x4xf32>
  %u = sg.add %bc, %ba : tensor<5x4xf32>
  // CHECK: sg.sum %{{.*}} : tensor<5x4xf32>
  %s = sg.sum %u : tensor<5x4xf32>
  // CHECK: sg.broadcast %{{.*}} [] : tensor<f32> -> tensor<3x3xf32>
  %fill = sg.broadcast %s [] : tensor<f32> -> tensor<3x3xf32>
  %gs = sg.sum %g : tensor<3x4xf32>
  %hs = sg.sum %h : tensor<5x3xf32>
  %fs = sg.sum %fill : tensor<3x3xf32>
  sg.cost %s : tensor<f32>
  sg.cost %gs : tensor<f32>
  sg.cost %hs : tensor<f32>
  sg.cost %fs : tensor<f32>
}

// Tests that reduce_sum over several axes and transposes of rank 3 infer.
// CHECK-LABEL: sg.graph @rank3(
sg.graph @rank3(%x: tensor<2x3x4xf32> {sg.param}) {
  // CHECK: sg.reduce_sum %x [0, 2] : tensor<2x3x4xf32>
  %r = sg.reduce_sum %x [0, 2] : tensor<2x3x4xf32>
  // CHECK: sg.transpose %x [2, 0, 1] : tensor<2x3x4xf32>
  %t = sg.transpose %x [2, 0, 1] : tensor<2x3x4xf32>
  // CHECK: sg.bias_add %{{.*}}, %{{.*}} : tensor<4x2x3xf32>, tensor<2x3xf32>
  %c = sg.constant dense<2.0> : tensor<2x3xf32>
  %b = sg.bias_add %t, %c : tensor<4x2x3xf32>, tensor<2x3xf32>
  %s = sg.sum %r : tensor<3xf32>
  %s2 = sg.sum %b : tensor<4x2x3xf32>
  sg.output %r : tensor<3xf32>
  sg.cost %s : tensor<f32>
  sg.cost %s2 : tensor<f32>
}
