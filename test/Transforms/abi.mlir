// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-abi | FileCheck %s

// Tests the public calling convention: inputs, result buffers, seed, step,
// first_row, loss, each with its C name; the batch size (the first input's
// leading axis) that first_row counts rows of; inputs enter as restrict
// tensors, results leave through materialize_in_destination; the graph is
// gone.
// CHECK-NOT: sg.graph
// CHECK-LABEL: func.func @g_forward(
// CHECK-SAME: %arg0: memref<4xf32> {llvm.noalias, sg.element_type = f32, sg.name = "x", sg.num_elements = 4 : i64}, %arg1: memref<4xf32> {llvm.noalias, sg.element_type = f32, sg.name = "w", sg.num_elements = 4 : i64},
// CHECK-SAME: %arg2: memref<4xf32> {llvm.noalias, sg.element_type = f32, sg.name = "out0", sg.num_elements = 4 : i64}, %arg3: i64 {sg.name = "seed", sg.seed}, %arg4: i64 {sg.name = "step", sg.step},
// CHECK-SAME: %arg5: i64 {sg.first_row, sg.name = "first_row"}, %arg6: memref<f32> {llvm.noalias, sg.element_type = f32, sg.name = "loss", sg.num_elements = 1 : i64})
// CHECK-SAME: attributes {sg.batch_size = 4 : i64,
// CHECK-NEXT: %[[TX:.+]] = bufferization.to_tensor %arg0 restrict : memref<4xf32>
// CHECK-NEXT: %[[TW:.+]] = bufferization.to_tensor %arg1 restrict : memref<4xf32>
// CHECK-NEXT: %[[H:.+]] = sg.mul %[[TX]], %[[TW]]
// CHECK: bufferization.materialize_in_destination %[[H]] in restrict writable %arg2
// CHECK: bufferization.materialize_in_destination %{{.+}} in restrict writable %arg6
// CHECK-NEXT: return
sg.graph @g(%x: tensor<4xf32> {sg.input}, %w: tensor<4xf32> {sg.param}) {
  %h = sg.mul %x, %w : tensor<4xf32>
  %c = sg.sum %h : tensor<4xf32>
  sg.cost %c : tensor<f32>
  sg.output %h : tensor<4xf32>
}
