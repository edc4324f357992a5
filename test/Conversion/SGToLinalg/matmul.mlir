// RUN: sg-opt %s -split-input-file --convert-sg-to-linalg | FileCheck %s

// Tests that matrix products become a zero fill and a linalg product, with
// both transposes handled.
// CHECK-LABEL: func.func @products(
// CHECK-SAME: %[[A:.*]]: tensor<4x3xf32>, %[[B:.*]]: tensor<3x5xf32>, %[[AT:.*]]: tensor<3x4xf32>, %[[BT:.*]]: tensor<5x3xf32>
// CHECK: %[[Z0:.*]] = linalg.fill
// CHECK-NEXT: linalg.matmul ins(%[[A]], %[[B]] : {{.*}}) outs(%[[Z0]] :
// CHECK: %[[Z1:.*]] = linalg.fill
// CHECK-NEXT: linalg.matmul_transpose_a ins(%[[AT]], %[[B]] : {{.*}}) outs(%[[Z1]] :
// CHECK: %[[Z2:.*]] = linalg.fill
// CHECK-NEXT: linalg.matmul_transpose_b ins(%[[A]], %[[BT]] : {{.*}}) outs(%[[Z2]] :
// CHECK: %[[Z3:.*]] = linalg.fill
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[AT]] : tensor<3x4xf32>) outs(%{{.*}} : tensor<4x3xf32>) permutation = [1, 0]
// CHECK-NEXT: linalg.matmul_transpose_b ins(%[[T]], %[[BT]] : {{.*}}) outs(%[[Z3]] :
func.func @products(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %at: tensor<3x4xf32>, %bt: tensor<5x3xf32>)
    -> (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>) {
  %0 = sg.matmul %a, %b : tensor<4x3xf32>, tensor<3x5xf32>
  %1 = sg.matmul %at, %b {transpose_lhs} : tensor<3x4xf32>, tensor<3x5xf32>
  %2 = sg.matmul %a, %bt {transpose_rhs} : tensor<4x3xf32>, tensor<5x3xf32>
  %3 = sg.matmul %at, %bt {transpose_lhs, transpose_rhs} : tensor<3x4xf32>, tensor<5x3xf32>
  return %0, %1, %2, %3 : tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>
}

// -----

// Tests that a transpose keeps its permutation.
// CHECK-LABEL: func.func @transpose(
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x3x4xf64>) outs(%{{.*}} : tensor<4x2x3xf64>) permutation = [2, 0, 1]
func.func @transpose(%x: tensor<2x3x4xf64>) -> tensor<4x2x3xf64> {
  %t = sg.transpose %x [2, 0, 1] : tensor<2x3x4xf64>
  return %t : tensor<4x2x3xf64>
}
