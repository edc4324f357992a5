// RUN: sg-opt %s --sg-gemm-to-blas --cse | FileCheck %s

// Tests that a buffer-level product becomes a call to the runtime's GEMM, a
// preceding zero fill becomes beta = 0, and transposes become flags.
// CHECK: func.func private @sg_gemm_f32(i32, i32, i64, i64, i64, f32, !llvm.ptr, i64, !llvm.ptr, i64, f32, !llvm.ptr, i64) -> i32
// CHECK-LABEL: func.func @products(
// CHECK-NOT: linalg.fill
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[NO:.+]] = arith.constant 0 : i32
// CHECK-DAG: %[[M:.+]] = arith.constant 4 : i64
// CHECK-DAG: %[[N:.+]] = arith.constant 5 : i64
// CHECK-DAG: %[[K:.+]] = arith.constant 3 : i64
// CHECK: call @sg_gemm_f32(%[[NO]], %[[NO]], %[[M]], %[[N]], %[[K]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[ZERO]],
// CHECK: %[[YES:.+]] = arith.constant 1 : i32
// CHECK: call @sg_gemm_f32(%[[YES]], %[[NO]], %[[M]], %[[N]], %[[K]], %[[ONE:[^,]+]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[ONE]],
// CHECK-NOT: linalg.matmul
func.func @products(%a: memref<4x3xf32>, %b: memref<3x5xf32>, %at: memref<3x4xf32>, %c: memref<4x5xf32>, %d: memref<4x5xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<4x5xf32>)
  linalg.matmul ins(%a, %b : memref<4x3xf32>, memref<3x5xf32>) outs(%c : memref<4x5xf32>)
  linalg.matmul_transpose_a ins(%at, %b : memref<3x4xf32>, memref<3x5xf32>) outs(%d : memref<4x5xf32>)
  return
}
