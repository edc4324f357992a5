// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-abi --sg-lower-to-llvm | FileCheck %s

// Tests the whole lowering: one LLVM function with a plain pointer per
// tensor (the bare-pointer convention), the GEMM as a runtime call, no sg or
// tensor operations left.
// CHECK-NOT: sg.graph
// CHECK-LABEL: llvm.func @g_forward(
// CHECK-SAME: %{{.+}}: !llvm.ptr {llvm.noalias, {{.*}}sg.name = "x"{{.*}}}, %{{.+}}: !llvm.ptr {llvm.noalias, {{.*}}sg.name = "w"{{.*}}}, %{{.+}}: !llvm.ptr {llvm.noalias, {{.*}}sg.name = "y"{{.*}}}, %{{.+}}: i64 {sg.name = "seed", sg.seed}, %{{.+}}: i64 {sg.name = "step", sg.step}, %{{.+}}: !llvm.ptr {llvm.noalias, {{.*}}sg.name = "loss"{{.*}}}) -> i32
// CHECK: llvm.call @sg_gemm_f32
// CHECK: llvm.call @_mlir_memref_to_llvm_free
// CHECK-NOT: = sg.
// CHECK-NOT: tensor<
sg.graph @g(%x: tensor<8x4xf32> {sg.input}, %w: tensor<4x3xf32> {sg.param},
            %y: tensor<8x3xf32> {sg.input}) {
  %a = sg.matmul %x, %w : tensor<8x4xf32>, tensor<4x3xf32>
  %z = sg.normal %a, %y : tensor<8x3xf32>
  %p = sg.sigmoid %z : tensor<8x3xf32>
  %nll = sg.bernoulli_neglogpdf %p, %y : tensor<8x3xf32>
  sg.cost %nll : tensor<f32>
}

// Tests that two results of one shape get their own caller buffers (CSE of
// tensor.empty before empty-tensor elimination once wrote both into one).
// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-abi --convert-sg-to-linalg --canonicalize --sg-fuse-elementwise --eliminate-empty-tensors --cse | FileCheck %s --check-prefix=TWO
// TWO-LABEL: func.func @two_forward(
// TWO-SAME: %arg0: memref<2x3xf32> {llvm.noalias, {{.*}}sg.name = "s"{{.*}}}, %arg1: memref<2x3xf32> {llvm.noalias, {{.*}}sg.name = "out0"{{.*}}}, %arg2: memref<2x3xf32> {llvm.noalias, {{.*}}sg.name = "out1"{{.*}}}
// TWO-DAG: %[[D1:.+]] = bufferization.to_tensor %arg1 restrict writable
// TWO-DAG: %[[D2:.+]] = bufferization.to_tensor %arg2 restrict writable
// TWO-DAG: outs(%[[D1]] :
// TWO-DAG: outs(%[[D2]] :
sg.graph @two(%s: tensor<2x3xf32> {sg.input}) {
  %0 = sg.neg %s : tensor<2x3xf32>
  %c = sg.constant dense<2.0> : tensor<2x3xf32>
  %1 = sg.mul %c, %s : tensor<2x3xf32>
  sg.output %0 : tensor<2x3xf32>
  sg.output %1 : tensor<2x3xf32>
}
