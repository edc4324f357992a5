// RUN: sg-opt %s -split-input-file --convert-sg-to-linalg | FileCheck %s

// Tests that elementwise ops become one parallel linalg.generic each, with
// the op's scalar formula as the body.
// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME: %[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<2x3xf32>
// CHECK: %[[E:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%[[X]] : tensor<2x3xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[R:.*]] = math.exp %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
// CHECK: linalg.generic {{.*}} ins(%[[E]], %[[Y]], %[[X]] : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK-NEXT: ^bb0(%[[P:.*]]: f32, %[[Q:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[P]], %[[Q]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.addf %[[M]], %[[S]] : f32
// CHECK-NEXT: linalg.yield %[[N]]
// CHECK-NOT: sg.
func.func @elementwise(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %e = sg.exp %x : tensor<2x3xf32>
  %m = sg.mul_add %e, %y, %x : tensor<2x3xf32>
  return %m : tensor<2x3xf32>
}

// -----

// Tests the overflow-free formulas: sigmoid is 1 / (1 + exp(−x)), softplus
// is max(x, 0) + log1p(exp(−|x|)), and scale multiplies by its α.
// CHECK-LABEL: func.func @formulas(
// CHECK: ^bb0(%[[A:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[A]] : f64
// CHECK-NEXT: %[[E:.*]] = math.exp %[[N]] : f64
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f64
// CHECK-NEXT: %[[ONE2:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT: arith.divf %[[ONE2]], %[[D]] : f64
// CHECK: ^bb0(%[[B:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[AB:.*]] = math.absf %[[B]] : f64
// CHECK-NEXT: %[[NB:.*]] = arith.negf %[[AB]] : f64
// CHECK-NEXT: %[[EB:.*]] = math.exp %[[NB]] : f64
// CHECK-NEXT: %[[L:.*]] = math.log1p %[[EB]] : f64
// CHECK: %[[POS:.*]] = arith.cmpf ogt, %[[B]]
// CHECK: %[[MAX:.*]] = arith.select %[[POS]], %[[B]]
// CHECK-NEXT: arith.addf %[[MAX]], %[[L]] : f64
// CHECK: ^bb0(%[[C:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[ALPHA:.*]] = arith.constant 2.500000e-01 : f64
// CHECK-NEXT: arith.mulf %[[C]], %[[ALPHA]] : f64
func.func @formulas(%x: tensor<4xf64>) -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>) {
  %s = sg.sigmoid %x : tensor<4xf64>
  %p = sg.softplus %x : tensor<4xf64>
  %c = sg.scale %x, 0.25 : tensor<4xf64>
  return %s, %p, %c : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>
}

// -----

// Tests that a broadcast reads operand axis i at result axis dims[i] and a
// bias is read at the trailing axes.
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @broadcasts(
// CHECK: linalg.generic {indexing_maps = [#[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK: %[[C:.*]] = arith.constant dense<{{\[}}1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%{{.*}}, %[[C]] :
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.addf %[[X]], %[[B]] : f32
func.func @broadcasts(%v: tensor<2xf32>, %x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %b = sg.broadcast %v [0] : tensor<2xf32> -> tensor<2x3xf32>
  %c = sg.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %h = sg.bias_add %x, %c : tensor<2x3xf32>, tensor<3xf32>
  return %b, %h : tensor<2x3xf32>, tensor<2x3xf32>
}
