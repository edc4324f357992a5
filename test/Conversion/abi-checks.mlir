// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-abi --sg-lower-to-llvm | FileCheck %s

// Tests sg-abi-checks (run by sg-lower-to-llvm): the generated function
// returns i32 and, before its body, branches to an error block for each null
// pointer argument (passing the argument's C name) and for a step >= 2^32;
// the error blocks report through sg_set_error and return SG_ERR_NULL (1)
// or SG_ERR_KEY (3); the body returns 0. The graph's _last_error() and the
// packed entry point (which checks its array, then passes the result on)
// come with it.
// CHECK-DAG: llvm.mlir.global private constant @[[X:__sg_str_[0-9A-F]+]]("x\00")
// CHECK-DAG: llvm.mlir.global private constant @[[W:__sg_str_[0-9A-F]+]]("w\00")
// CHECK-DAG: llvm.mlir.global private constant @{{.+}}("%s: argument '%s' is a null pointer\00")
// CHECK-DAG: llvm.func @sg_set_error(!llvm.ptr, ...)
// CHECK-LABEL: llvm.func @g_forward(
// CHECK-SAME: -> i32
// CHECK: %[[NULL0:.+]] = llvm.mlir.zero : !llvm.ptr
// CHECK-NEXT: %[[IS0:.+]] = llvm.icmp "eq" %arg0, %[[NULL0]]
// CHECK-NEXT: %[[NAME0:.+]] = llvm.mlir.addressof @[[X]]
// CHECK-NEXT: llvm.cond_br %[[IS0]], ^[[NULLBB:bb[0-9]+]](%[[NAME0]] : !llvm.ptr), ^bb1
// CHECK: llvm.icmp "eq" %arg1
// CHECK-NEXT: llvm.mlir.addressof @[[W]]
// CHECK: %[[LIMIT:.+]] = llvm.mlir.constant(4294967296 : i64) : i64
// CHECK-NEXT: %[[BIG:.+]] = llvm.icmp "uge" %arg3, %[[LIMIT]] : i64
// CHECK-NEXT: llvm.cond_br %[[BIG]], ^[[STEPBB:bb[0-9]+]], ^
// CHECK: %[[OK:.+]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT: llvm.return %[[OK]] : i32
// CHECK: ^[[NULLBB]](%[[NAME:.+]]: !llvm.ptr):
// CHECK: llvm.call @sg_set_error(%{{.+}}, %{{.+}}, %[[NAME]]) vararg(!llvm.func<void (ptr, ...)>)
// CHECK-NEXT: %[[E1:.+]] = llvm.mlir.constant(1 : i32) : i32
// CHECK-NEXT: llvm.return %[[E1]] : i32
// CHECK: ^[[STEPBB]]:
// CHECK: llvm.call @sg_set_error(%{{.+}}, %{{.+}}, %arg3) vararg(!llvm.func<void (ptr, ...)>)
// CHECK-NEXT: %[[E3:.+]] = llvm.mlir.constant(3 : i32) : i32
// CHECK-NEXT: llvm.return %[[E3]] : i32
// CHECK-LABEL: llvm.func @g_forward_packed(%arg0: !llvm.ptr, %arg1: i64, %arg2: i64) -> i32
// CHECK: llvm.icmp "eq" %arg0
// CHECK: %[[R:.+]] = llvm.call @g_forward(
// CHECK-NEXT: llvm.return %[[R]] : i32
// CHECK-LABEL: llvm.func @g_last_error() -> !llvm.ptr
// CHECK-NEXT: %[[M:.+]] = llvm.call @sg_last_error() : () -> !llvm.ptr
// CHECK-NEXT: llvm.return %[[M]] : !llvm.ptr
sg.graph @g(%x: tensor<4xf32> {sg.input}, %w: tensor<4xf32> {sg.param}) {
  %h = sg.mul %x, %w : tensor<4xf32>
  %c = sg.sum %h : tensor<4xf32>
  sg.cost %c : tensor<f32>
}
