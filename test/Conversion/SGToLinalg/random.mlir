// RUN: sg-opt %s -split-input-file -verify-diagnostics --convert-sg-to-linalg | FileCheck %s

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

// Tests that an f64 normal draws both uniforms from 52-bit words and returns
// μ + σ·ε.
// CHECK-LABEL: func.func @normal(
// CHECK: ^bb0(%[[MU:.*]]: f64, %[[SD:.*]]: f64, %{{.*}}: f64):
// CHECK: arith.constant 7 : i32
// CHECK-COUNT-2: arith.constant 1.1102230246251565E-16 : f64
// CHECK: %[[COS:.*]] = math.cos %{{.*}} : f64
// CHECK-NEXT: %[[EPS:.*]] = arith.mulf %{{.*}}, %[[COS]] : f64
// CHECK-NEXT: %[[SE:.*]] = arith.mulf %[[SD]], %[[EPS]] : f64
// CHECK-NEXT: arith.addf %[[MU]], %[[SE]] : f64
func.func @normal(%mu: tensor<3xf64>, %sd: tensor<3xf64>, %seed: i64 {sg.seed}, %step: i64 {sg.step}) -> tensor<3xf64> {
  %z = sg.normal %mu, %sd {node = 7 : i32} : tensor<3xf64>
  return %z : tensor<3xf64>
}

// -----

// Tests that a Bernoulli sample is [u < p] with u from the top 23 bits of
// the first word.
// CHECK-LABEL: func.func @bernoulli(
// CHECK: ^bb0(%[[P:.*]]: f32, %{{.*}}: f32):
// CHECK: arith.constant 5.96046448E-8 : f32
// CHECK: %[[U:.*]] = arith.mulf
// CHECK-NEXT: %[[LT:.*]] = arith.cmpf olt, %[[U]], %[[P]] : f32
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: arith.select %[[LT]], %[[ONE]], %[[ZERO]] : f32
func.func @bernoulli(%p: tensor<5xf32>, %seed: i64 {sg.seed}, %step: i64 {sg.step}) -> tensor<5xf32> {
  %b = sg.bernoulli %p {node = 1 : i32} : tensor<5xf32>
  return %b : tensor<5xf32>
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
