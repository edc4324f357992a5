// RUN: sg-opt %s -split-input-file --sg-number-samples --sg-forward --sg-model-info -verify-diagnostics | FileCheck %s

// Tests that sg-model-info writes the graph's tables as constant globals in
// the layout of sgc_model_info version 1 and exports g_info() and
// sgc_models(): the info's version, graph name and source; the argument
// table (x: SGC_INPUT = 1, f32 = 0, rank 2, shape {2, 3}, size 6; w:
// SGC_PARAM = 0); g_forward's buffers x, w and the loss (SGC_LOSS = 8,
// rank 0, size 1); and a NULL-terminated index of the infos.
// CHECK-DAG: llvm.mlir.global private constant @[[G:__sg_str_[0-9A-F]+]]("g\00")
// CHECK-DAG: llvm.mlir.global private constant @[[SRC:__sg_str_[0-9A-F]+]]("{{.*}}model-info.mlir{{.*}}\00")
// CHECK-DAG: llvm.mlir.global private constant @[[X:__sg_str_[0-9A-F]+]]("x\00")
// CHECK-DAG: llvm.mlir.global private constant @[[LOSS:__sg_str_[0-9A-F]+]]("loss\00")
// CHECK-DAG: llvm.mlir.global private constant @[[FWD:__sg_str_[0-9A-F]+]]("g_forward\00")
// CHECK-LABEL: llvm.mlir.global private constant @__sgc_info.0()
// CHECK-SAME: !llvm.struct<(i64, ptr, ptr, ptr, i64, ptr, i64, ptr, i64, i64, ptr, i64, ptr, i64, ptr)>
// CHECK-DAG: %[[FUNCS:.+]] = llvm.mlir.addressof @__sgc_info.1
// CHECK-DAG: %[[VERSION:.+]] = llvm.mlir.constant(1 : i64)
// CHECK-DAG: %[[NAME:.+]] = llvm.mlir.addressof @[[G]]
// CHECK-DAG: %[[SOURCE:.+]] = llvm.mlir.addressof @[[SRC]]
// CHECK-DAG: %[[NARGS:.+]] = llvm.mlir.constant(2 : i64)
// CHECK-DAG: %[[ARGS:.+]] = llvm.mlir.addressof @__sgc_info.3
// CHECK: llvm.insertvalue %[[VERSION]], %{{.+}}[0]
// CHECK-NEXT: llvm.insertvalue %[[NAME]], %{{.+}}[1]
// CHECK-NEXT: llvm.insertvalue %[[SOURCE]], %{{.+}}[2]
// CHECK: llvm.insertvalue %[[NARGS]], %{{.+}}[4]
// CHECK-NEXT: llvm.insertvalue %[[ARGS]], %{{.+}}[5]
// CHECK: llvm.insertvalue %[[FUNCS]], %{{.+}}[10]
// CHECK-LABEL: llvm.mlir.global private constant @__sgc_info.1()
// CHECK-DAG: %[[FNAME:.+]] = llvm.mlir.addressof @[[FWD]]
// CHECK-DAG: %[[N3:.+]] = llvm.mlir.constant(3 : i32)
// CHECK: llvm.insertvalue %[[FNAME]], %{{.+}}[0]
// CHECK: llvm.insertvalue %[[N3]], %{{.+}}[2]
// CHECK-LABEL: llvm.mlir.global private constant @__sgc_info.2()
// CHECK-SAME: !llvm.array<3 x struct<(ptr, i32, i32, i32, array<8 x i64>, i64)>>
// CHECK: llvm.mlir.constant(dense<[2, 3, 0, 0, 0, 0, 0, 0]> : tensor<8xi64>)
// CHECK: llvm.mlir.constant(dense<0> : tensor<8xi64>)
// CHECK-NEXT: %[[LNAME:.+]] = llvm.mlir.addressof @[[LOSS]]
// CHECK-NEXT: %[[LROLE:.+]] = llvm.mlir.constant(8 : i32)
// CHECK: llvm.insertvalue %[[LNAME]], %{{.+}}[0]
// CHECK-NEXT: llvm.insertvalue %[[LROLE]], %{{.+}}[1]
// CHECK-LABEL: llvm.mlir.global private constant @__sgc_info.3()
// CHECK-SAME: !llvm.array<2 x struct<(ptr, i32, i32, i32, array<8 x i64>, i64)>>
// CHECK-NEXT: llvm.mlir.undef
// CHECK-NEXT: %[[SHAPE:.+]] = llvm.mlir.constant(dense<[2, 3, 0, 0, 0, 0, 0, 0]> : tensor<8xi64>)
// CHECK-NEXT: %[[XNAME:.+]] = llvm.mlir.addressof @[[X]]
// CHECK-NEXT: %[[INPUT:.+]] = llvm.mlir.constant(1 : i32)
// CHECK-NEXT: %[[F32:.+]] = llvm.mlir.constant(0 : i32)
// CHECK-NEXT: %[[RANK:.+]] = llvm.mlir.constant(2 : i32)
// CHECK-NEXT: %[[SIZE:.+]] = llvm.mlir.constant(6 : i64)
// CHECK: llvm.insertvalue %[[XNAME]], %{{.+}}[0]
// CHECK-NEXT: llvm.insertvalue %[[INPUT]], %{{.+}}[1]
// CHECK-NEXT: llvm.insertvalue %[[F32]], %{{.+}}[2]
// CHECK-NEXT: llvm.insertvalue %[[RANK]], %{{.+}}[3]
// CHECK-NEXT: llvm.insertvalue %[[SHAPE]], %{{.+}}[4]
// CHECK-NEXT: llvm.insertvalue %[[SIZE]], %{{.+}}[5]
// CHECK-LABEL: llvm.func @g_info() -> !llvm.ptr
// CHECK-NEXT: %[[INFO:.+]] = llvm.mlir.addressof @__sgc_info.0
// CHECK-NEXT: llvm.return %[[INFO]]
// CHECK-LABEL: llvm.mlir.global private constant @__sgc_info.4() {{.*}} !llvm.array<2 x ptr>
// CHECK: llvm.mlir.addressof @__sgc_info.0
// CHECK: llvm.mlir.zero
// CHECK-LABEL: llvm.func @sgc_models() -> !llvm.ptr
sg.graph @g(%x: tensor<2x3xf32> {sg.input}, %w: tensor<3xf32> {sg.param}) {
  %s = sg.sum %w : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Tests that a tensor of rank above 8 is rejected: it does not fit a
// descriptor's shape[8].
// expected-error @below {{cannot describe 'w' of rank 9: descriptors hold at most 8 dimensions}}
sg.graph @deep(%w: tensor<1x1x1x1x1x1x1x1x2xf32> {sg.param}) {
  %s = sg.sum %w : tensor<1x1x1x1x1x1x1x1x2xf32>
  sg.cost %s : tensor<f32>
}
