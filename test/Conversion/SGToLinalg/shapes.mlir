// RUN: sg-opt %s -split-input-file --convert-sg-to-linalg | FileCheck %s

// Tests that a reshape goes through the flat 1-d tensor: collapse every
// axis, then expand into the result's axes (rank 0 with no reassociation).
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME: %[[X:.*]]: tensor<4x6xf32>, %[[S:.*]]: tensor<f64>
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<4x6xf32> into tensor<24xf32>
// CHECK-NEXT: tensor.expand_shape %[[F]] {{\[}}[0, 1, 2]] output_shape [2, 3, 4] : tensor<24xf32> into tensor<2x3x4xf32>
// CHECK: %[[ONE:.*]] = tensor.expand_shape %[[S]] [] output_shape [1] : tensor<f64> into tensor<1xf64>
// CHECK-NEXT: tensor.expand_shape %[[ONE]] {{\[}}[0, 1]] output_shape [1, 1] : tensor<1xf64> into tensor<1x1xf64>
// CHECK-NOT: sg.
func.func @reshape(%x: tensor<4x6xf32>, %s: tensor<f64>) -> (tensor<2x3x4xf32>, tensor<1x1xf64>) {
  %r = sg.reshape %x : tensor<4x6xf32> -> tensor<2x3x4xf32>
  %o = sg.reshape %s : tensor<f64> -> tensor<1x1xf64>
  return %r, %o : tensor<2x3x4xf32>, tensor<1x1xf64>
}

// -----

// Tests that a slice is an extract_slice with the offsets, the result's
// sizes and unit strides.
// CHECK-LABEL: func.func @slice(
// CHECK: tensor.extract_slice %{{.*}}[1, 2] [2, 3] [1, 1] : tensor<4x6xf32> to tensor<2x3xf32>
func.func @slice(%x: tensor<4x6xf32>) -> tensor<2x3xf32> {
  %s = sg.slice %x [1, 2] : tensor<4x6xf32> -> tensor<2x3xf32>
  return %s : tensor<2x3xf32>
}

// -----

// Tests that a concat inserts each operand into an empty result at its
// running offset along the axis.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME: %[[X:.*]]: tensor<4x6xf32>, %[[Y:.*]]: tensor<4x2xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x14xf32>
// CHECK-NEXT: %[[I0:.*]] = tensor.insert_slice %[[X]] into %[[E]][0, 0] [4, 6] [1, 1]
// CHECK-NEXT: %[[I1:.*]] = tensor.insert_slice %[[Y]] into %[[I0]][0, 6] [4, 2] [1, 1]
// CHECK-NEXT: tensor.insert_slice %[[X]] into %[[I1]][0, 8] [4, 6] [1, 1]
func.func @concat(%x: tensor<4x6xf32>, %y: tensor<4x2xf32>) -> tensor<4x14xf32> {
  %c = sg.concat %x, %y, %x axis 1 : tensor<4x6xf32>, tensor<4x2xf32>, tensor<4x6xf32>
  return %c : tensor<4x14xf32>
}
