// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-abi --convert-sg-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-abi --sg-lower-to-llvm | FileCheck %s --check-prefix=LLVM

// Tests the data-parallel keying of samples. convert-sg-to-linalg adds
// first_row times the row size (2) to the element index of a sample whose
// leading axis is the batch (4), and nothing to a sample without one.
// LINALG-LABEL: func.func @g_forward(
// LINALG-SAME: %[[FIRST:arg[0-9]+]]: i64 {sg.first_row
// LINALG-SAME: sg.batch_size = 4
// LINALG: %[[ROW:.+]] = arith.constant 2 : i64
// LINALG: %[[OFFSET:.+]] = arith.muli %[[FIRST]], %[[ROW]] : i64
// LINALG: linalg.generic
// LINALG: %[[LINEAR:.+]] = arith.index_castui
// LINALG-NEXT: %[[ELEMENT:.+]] = arith.addi %[[LINEAR]], %[[OFFSET]] : i64
// LINALG: arith.trunci %[[ELEMENT]] : i64 to i32
// LINALG: linalg.yield
// LINALG: linalg.generic
// LINALG: %[[SHARED:.+]] = arith.index_castui
// LINALG-NOT: arith.addi %[[SHARED]]
// LINALG: arith.trunci %[[SHARED]] : i64 to i32
// LINALG: linalg.yield

// sg-rows-abi (in sg-lower-to-llvm) names the function taking first_row
// g_forward_rows and adds g_forward without it, which checks its own
// arguments and calls g_forward_rows with first_row = 0; each has a packed
// entry point, the _rows one with first_row as its last argument.
// LLVM-LABEL: llvm.func @g_forward(
// LLVM-SAME: %arg4: i64 {sg.name = "seed", sg.seed}, %arg5: i64 {sg.name = "step", sg.step}, %arg6: !llvm.ptr {llvm.noalias, sg.element_type = f32, sg.name = "loss", sg.num_elements = 1 : i64}) -> i32
// LLVM: llvm.icmp "eq" %arg0
// LLVM: %[[ZERO:.+]] = llvm.mlir.constant(0 : i64) : i64
// LLVM-NEXT: llvm.call @g_forward_rows(%arg0, %arg1, %arg2, %arg3, %arg4, %arg5, %[[ZERO]], %arg6)
// LLVM-LABEL: llvm.func @g_forward_packed(%arg0: !llvm.ptr, %arg1: i64, %arg2: i64) -> i32
// LLVM: llvm.call @g_forward(
// LLVM-LABEL: llvm.func @g_forward_rows(
// LLVM-SAME: %arg6: i64 {sg.first_row, sg.name = "first_row"}, %arg7: !llvm.ptr {llvm.noalias, sg.element_type = f32, sg.name = "loss", sg.num_elements = 1 : i64}) -> i32
// LLVM: llvm.icmp "eq" %arg0
// LLVM-LABEL: llvm.func @g_forward_rows_packed(%arg0: !llvm.ptr, %arg1: i64, %arg2: i64, %arg3: i64) -> i32
// LLVM: llvm.call @g_forward_rows({{.*}}, %arg1, %arg2, %arg3, %{{.+}})
sg.graph @g(%x: tensor<4x2xf32> {sg.input}, %w: tensor<2xf32> {sg.param}) {
  %e = sg.std_normal : tensor<4x2xf32>
  %s = sg.std_normal : tensor<3xf32>
  %m = sg.mul %x, %e : tensor<4x2xf32>
  sg.output %m : tensor<4x2xf32>
  sg.output %s : tensor<3xf32>
}
