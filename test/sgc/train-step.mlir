// Tests sgc --optimizer (sg-train-step): the header declares
// <graph>_train_step with the parameters writable, the moments after them and
// Adam's t after the step; the function checks every argument, then calls
// loss_grad into cached buffers and the runtime's update once per parameter
// with the options' hyper-parameters; bad options are errors.

// sg-abi marks loss_grad's gradient results with their parameter's index,
// and every buffer with its element count and type.
// RUN: sg-opt %s --sg-number-samples --sg-forward --sg-grad --sg-abi | FileCheck %s --check-prefix=ABI
// ABI-LABEL: func.func @net_loss_grad(
// ABI-SAME: %arg1: memref<3x2xf32> {llvm.noalias, sg.element_type = f32, sg.name = "w", sg.num_elements = 6 : i64}
// ABI-SAME: %arg3: memref<3x2xf32> {llvm.noalias, sg.element_type = f32, sg.grad_of = 1 : i64, sg.name = "d_w", sg.num_elements = 6 : i64}
// ABI-SAME: %arg4: memref<2xf32> {llvm.noalias, sg.element_type = f32, sg.grad_of = 2 : i64, sg.name = "d_u", sg.num_elements = 2 : i64}

// RUN: sgc %s --optimizer=adam --grad-scale=0.25 --emit=header -o - | FileCheck %s --check-prefix=HEADER
// HEADER: SGC_ERR_VALUE = 4,
// HEADER: int net_loss_grad(
// HEADER: alpha 1.000000e-03, beta1 9.000000e-01, beta2 9.990000e-01,
// HEADER-NEXT: eps 1.000000e-08, grad_scale 2.500000e-01.
// HEADER-NEXT: int net_train_step(const float *x, float *w, float *u, float *m_w, float *m_u, float *v_w, float *v_u, uint64_t seed, uint64_t step, uint64_t t, float *loss);

// RUN: sgc %s --optimizer=adam --adam-alpha=0.5 --adam-beta1=0.25 --adam-beta2=0.75 --adam-eps=0.125 --grad-scale=0.25 --emit=mlir-llvm -o - | FileCheck %s --check-prefix=ADAM
// ADAM-DAG: llvm.mlir.global private constant @__sg_adam_config(dense<[5.000000e-01, 2.500000e-01, 7.500000e-01, 1.250000e-01, 2.500000e-01]> : tensor<5xf64>)
// ADAM-DAG: llvm.func @sg_adam_step_f32(!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, i64, i64, !llvm.ptr) -> i32
// The call binds to this library's loss_grad even when a program has linked
// another library with the same function (no interposition):
// ADAM: llvm.func @net_loss_grad({{.*}} attributes {dso_local,
// ADAM-LABEL: llvm.func @net_train_step(
// ADAM-SAME: sg.name = "m_w"
// ADAM-SAME: %[[T:arg[0-9]+]]: i64 {sg.name = "t"}
// ADAM: llvm.icmp "eq" %[[T]],
// ADAM: %[[GW:.+]] = llvm.call @_mlir_memref_to_llvm_alloc(%{{.+}}) : (i64) -> !llvm.ptr
// ADAM: %[[GU:.+]] = llvm.call @_mlir_memref_to_llvm_alloc(%{{.+}}) : (i64) -> !llvm.ptr
// ADAM: llvm.call @net_loss_grad(%arg0, %arg1, %arg2, %[[GW]], %[[GU]], %arg7, %arg8, %arg10)
// ADAM: %[[N:.+]] = llvm.mlir.constant(6 : i64) : i64
// ADAM: llvm.call @sg_adam_step_f32(%arg1, %[[GW]], %arg3, %arg5, %[[N]], %[[T]], %{{.+}})
// ADAM: llvm.call @sg_adam_step_f32(%arg2, %[[GU]], %arg4, %arg6, %{{.+}}, %[[T]], %{{.+}})
// ADAM: llvm.call @_mlir_memref_to_llvm_free(%[[GW]])
// ADAM: llvm.call @_mlir_memref_to_llvm_free(%[[GU]])

// RUN: sgc %s --optimizer=sgd --sgd-lr=0.5 --precision=f64 --emit=mlir-llvm -o - | FileCheck %s --check-prefix=SGD
// SGD-LABEL: llvm.func @net_train_step(
// SGD-NOT: sg.name = "m_
// SGD: %[[LR:.+]] = llvm.mlir.constant(5.000000e-01 : f64) : f64
// SGD: llvm.call @sg_sgd_step_f64(%arg1, %{{.+}}, %{{.+}}, %[[LR]])

// Without --optimizer there is no training step.
// RUN: sgc %s --emit=mlir-llvm -o - | FileCheck %s --check-prefix=NONE
// NONE-NOT: train_step

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --optimizer=rmsprop -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=KIND
// KIND: sgc: for the --optimizer option: Cannot find option named 'rmsprop'!
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --optimizer=adam --adam-beta1=1 -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=BETA
// BETA: sgc: error: --adam-beta1 and --adam-beta2 must lie in [0, 1)
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc %s --optimizer=adam --checked -o %t.bad.so 2>&1 | FileCheck %s --check-prefix=COMBINE
// COMBINE: sgc: error: --optimizer needs the gradient and cannot be combined with --no-grad, --checked, --instrument-kinks or --baseline

sg.graph @net(%x: tensor<2x3xf32> {sg.input}, %w: tensor<3x2xf32> {sg.param},
              %u: tensor<2xf32> {sg.param}) {
  %a = sg.matmul %x, %w : tensor<2x3xf32>, tensor<3x2xf32>
  %r = sg.tanh %a : tensor<2x2xf32>
  %s = sg.sum %r : tensor<2x2xf32>
  %t = sg.sum %u : tensor<2xf32>
  %q = sg.mul %t, %t : tensor<f32>
  %c = sg.mul %s, %s : tensor<f32>
  sg.cost %c : tensor<f32>
  sg.cost %q : tensor<f32>
}
