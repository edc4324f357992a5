// RUN: sg-opt %s -split-input-file -verify-diagnostics --convert-sg-to-linalg | FileCheck %s

// Tests that elementwise ops become linalg.generic with the scalar formula.
// CHECK-LABEL: func.func @elementwise(
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK: math.exp
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-NOT: sg.
func.func @elementwise(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %e = sg.exp %x : tensor<2x3xf32>
  %m = sg.mul_add %e, %y, %x : tensor<2x3xf32>
  return %m : tensor<2x3xf32>
}

// -----

// Tests that matrix products become a zero fill and a linalg product, with
// both transposes handled.
// CHECK-LABEL: func.func @products(
// CHECK: linalg.fill
// CHECK-NEXT: linalg.matmul ins
// CHECK: linalg.fill
// CHECK-NEXT: linalg.matmul_transpose_a ins
// CHECK: linalg.fill
// CHECK-NEXT: linalg.matmul_transpose_b ins
// CHECK: linalg.fill
// CHECK: linalg.transpose
// CHECK-NEXT: linalg.matmul_transpose_b ins
func.func @products(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %at: tensor<3x4xf32>, %bt: tensor<5x3xf32>)
    -> (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>) {
  %0 = sg.matmul %a, %b : tensor<4x3xf32>, tensor<3x5xf32>
  %1 = sg.matmul %at, %b {transpose_lhs} : tensor<3x4xf32>, tensor<3x5xf32>
  %2 = sg.matmul %a, %bt {transpose_rhs} : tensor<4x3xf32>, tensor<5x3xf32>
  %3 = sg.matmul %at, %bt {transpose_lhs, transpose_rhs} : tensor<3x4xf32>, tensor<5x3xf32>
  return %0, %1, %2, %3 : tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>
}

// -----

// Tests reductions: a full sum reduces every axis into a 0-d tensor, a
// reduce_sum keeps the other axes.
// CHECK-LABEL: func.func @reductions(
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
func.func @reductions(%x: tensor<2x3xf64>) -> (tensor<f64>, tensor<2xf64>) {
  %s = sg.sum %x : tensor<2x3xf64>
  %r = sg.reduce_sum %x [1] : tensor<2x3xf64>
  return %s, %r : tensor<f64>, tensor<2xf64>
}

// -----

// Tests that a sample computes Philox4x32-10 inline (10 rounds of two
// 32x32->64 products) from the element index, the node id and the key, then
// Box-Muller in f64.
// CHECK-LABEL: func.func @sample(
// CHECK: linalg.generic
// CHECK: linalg.index 0
// CHECK: linalg.index 1
// CHECK: arith.constant 3 : i32
// CHECK-COUNT-20: arith.mului_extended
// CHECK: math.log {{.*}} : f64
// CHECK: math.sqrt {{.*}} : f64
// CHECK: math.cos {{.*}} : f64
// CHECK: arith.truncf {{.*}} : f64 to f32
func.func @sample(%seed: i64 {sg.seed}, %step: i64 {sg.step}) -> tensor<4x2xf32> {
  %e = sg.std_normal {node = 3 : i32} : tensor<4x2xf32>
  return %e : tensor<4x2xf32>
}

// -----

// Tests Bernoulli sampling from logits: the element's uniform compared with
// 1 / (1 + exp(−l)) evaluated in f64 (the runtime's sampler).
// CHECK-LABEL: func.func @bernoulli_logits(
// CHECK: linalg.generic
// CHECK-COUNT-20: arith.mului_extended
// CHECK: arith.extf {{.*}} : f32 to f64
// CHECK: arith.extf {{.*}} : f32 to f64
// CHECK: arith.negf {{.*}} : f64
// CHECK: math.exp {{.*}} : f64
// CHECK: arith.divf {{.*}} : f64
// CHECK: arith.cmpf olt, {{.*}} : f64
// CHECK: arith.select {{.*}} : f32
func.func @bernoulli_logits(%l: tensor<4x2xf32>, %seed: i64 {sg.seed}, %step: i64 {sg.step}) -> tensor<4x2xf32> {
  %b = sg.bernoulli_logits %l {node = 1 : i32} : tensor<4x2xf32>
  return %b : tensor<4x2xf32>
}

// -----

// Tests categorical sampling by Gumbel-max: an f64 key l − log(−log u) per
// element, the first arg-max per row (a reduction with two outputs, the
// maximum from −inf and the class from 0, updated on a strict >), then the
// one-hot row.
// CHECK-LABEL: func.func @categorical(
// CHECK: %[[KEYS:.+]] = linalg.generic {{.*}} ins(%arg0 : tensor<4x3xf32>) outs(%{{.+}} : tensor<4x3xf64>)
// CHECK-COUNT-20: arith.mului_extended
// CHECK: math.log {{.*}} : f64
// CHECK: arith.negf {{.*}} : f64
// CHECK: math.log {{.*}} : f64
// CHECK: arith.subf {{.*}} : f64
// CHECK: %[[ARG:.+]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[KEYS]] : tensor<4x3xf64>) outs(%{{.+}}, %{{.+}} : tensor<4xf64>, tensor<4xi64>)
// CHECK: linalg.index 1
// CHECK: arith.cmpf ogt
// CHECK: linalg.generic {{.*}} ins(%[[ARG]]#1 : tensor<4xi64>) outs(%{{.+}} : tensor<4x3xf32>)
// CHECK: arith.cmpi eq
func.func @categorical(%l: tensor<4x3xf32>, %seed: i64 {sg.seed}, %step: i64 {sg.step}) -> tensor<4x3xf32> {
  %y = sg.categorical %l {node = 2 : i32} : tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

func.func @unnumbered(%seed: i64 {sg.seed}, %step: i64 {sg.step}) -> tensor<2xf32> {
  // expected-error @+1 {{sample has no node id; run --sg-number-samples first}}
  %e = sg.std_normal : tensor<2xf32>
  return %e : tensor<2xf32>
}

// -----

func.func @no_key() -> tensor<2xf32> {
  // expected-error @+1 {{samples need the enclosing function to have i64 arguments marked {sg.seed} and {sg.step}}}
  %e = sg.std_normal {node = 0 : i32} : tensor<2xf32>
  return %e : tensor<2xf32>
}
