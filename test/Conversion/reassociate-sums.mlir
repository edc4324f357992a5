// RUN: sg-opt %s --sg-reassociate-sums | FileCheck %s

// Tests that the accumulation of a sum becomes `reassoc` (and nothing else
// does): the addition or subtraction of the accumulator in a reduction, but
// not the additions computing the iteration's value, not an elementwise
// addition, not x - acc, and not a running maximum.

#sum = {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>],
        iterator_types = ["reduction", "reduction"]}
#rows = {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
         iterator_types = ["parallel", "reduction"]}
#map = {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
        iterator_types = ["parallel"]}

// CHECK-LABEL: func.func @sum_all(
// CHECK: %[[T:.+]] = arith.addf %{{[^ ]+}}, %{{[^ ]+}} : f32
// CHECK: arith.addf %{{.+}}, %[[T]] fastmath<reassoc> : f32
func.func @sum_all(%x: tensor<4x8xf32>, %init: tensor<f32>) -> tensor<f32> {
  %one = arith.constant 1.0 : f32
  %r = linalg.generic #sum ins(%x : tensor<4x8xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %t = arith.addf %in, %one : f32
    %s = arith.addf %acc, %t : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %r : tensor<f32>
}

// A negated sum (as the Bernoulli negative log-likelihood): acc - x.
// CHECK-LABEL: func.func @minus_rows(
// CHECK: arith.subf %{{.+}}, %{{.+}} fastmath<reassoc> : f32
func.func @minus_rows(%x: tensor<4x8xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic #rows ins(%x : tensor<4x8xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.subf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// x - acc alternates the signs of the terms: not a sum, left alone.
// CHECK-LABEL: func.func @alternating(
// CHECK: arith.subf %{{[^ ]+}}, %{{[^ ]+}} : f32
// CHECK-NOT: reassoc
func.func @alternating(%x: tensor<4x8xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic #rows ins(%x : tensor<4x8xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.subf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// A running maximum (compare and select) and an elementwise addition.
// CHECK-LABEL: func.func @others(
// CHECK-NOT: reassoc
// CHECK: return
func.func @others(%x: tensor<4x8xf32>, %init: tensor<4xf32>, %v: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %m = linalg.generic #rows ins(%x : tensor<4x8xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %gt = arith.cmpf ogt, %in, %acc : f32
    %s = arith.select %gt, %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %e = linalg.generic #map ins(%v : tensor<4xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %m, %e : tensor<4xf32>, tensor<4xf32>
}
