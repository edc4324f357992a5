// RUN: sg-opt %s | FileCheck %s
// RUN: sg-opt %s --mlir-print-op-generic | sg-opt | FileCheck %s

// Tests that every elementwise op round-trips with a single type.
// CHECK-LABEL: sg.graph @unary(
sg.graph @unary(%x: tensor<2x3xf32> {sg.param}) {
  // CHECK: sg.neg %x : tensor<2x3xf32>
  %0 = sg.neg %x : tensor<2x3xf32>
  // CHECK: sg.exp %{{.*}} : tensor<2x3xf32>
  %1 = sg.exp %0 : tensor<2x3xf32>
  // CHECK: sg.log %{{.*}} : tensor<2x3xf32>
  %2 = sg.log %1 : tensor<2x3xf32>
  // CHECK: sg.sqrt %{{.*}} : tensor<2x3xf32>
  %3 = sg.sqrt %1 : tensor<2x3xf32>
  // CHECK: sg.sigmoid %{{.*}} : tensor<2x3xf32>
  %4 = sg.sigmoid %3 : tensor<2x3xf32>
  // CHECK: sg.softplus %{{.*}} : tensor<2x3xf32>
  %5 = sg.softplus %4 : tensor<2x3xf32>
  // CHECK: sg.tanh %{{.*}} : tensor<2x3xf32>
  %6 = sg.tanh %5 : tensor<2x3xf32>
  // CHECK: sg.relu %{{.*}} : tensor<2x3xf32>
  %7 = sg.relu %6 : tensor<2x3xf32>
  // CHECK: sg.heaviside %{{.*}} : tensor<2x3xf32>
  %8 = sg.heaviside %7 : tensor<2x3xf32>
  // CHECK: sg.softmax %{{.*}} : tensor<2x3xf32>
  %9 = sg.softmax %8 : tensor<2x3xf32>
  // CHECK: sg.log_softmax %{{.*}} : tensor<2x3xf32>
  %10 = sg.log_softmax %9 : tensor<2x3xf32>
  // CHECK: sg.scale %{{.*}}, 5.000000e-01 : tensor<2x3xf32>
  %11 = sg.scale %10, 0.5 : tensor<2x3xf32>
  %s = sg.sum %11 : tensor<2x3xf32>
  sg.cost %s : tensor<f32>
}

// CHECK-LABEL: sg.graph @binary(
sg.graph @binary(%a: tensor<4xf64> {sg.param}, %b: tensor<4xf64> {sg.input}) {
  // CHECK: sg.add %a, %b : tensor<4xf64>
  %0 = sg.add %a, %b : tensor<4xf64>
  // CHECK: sg.sub %{{.*}}, %b : tensor<4xf64>
  %1 = sg.sub %0, %b : tensor<4xf64>
  // CHECK: sg.mul %{{.*}}, %a : tensor<4xf64>
  %2 = sg.mul %1, %a : tensor<4xf64>
  // CHECK: sg.div %{{.*}}, %b : tensor<4xf64>
  %3 = sg.div %2, %b : tensor<4xf64>
  // CHECK: sg.maximum %{{.*}}, %a : tensor<4xf64>
  %m = sg.maximum %3, %a : tensor<4xf64>
  // CHECK: sg.mul_add %{{.*}}, %a, %b : tensor<4xf64>
  %4 = sg.mul_add %m, %a, %b : tensor<4xf64>
  // CHECK: sg.constant dense<1.000000e+00> : tensor<4xf64>
  %one = sg.constant dense<1.0> : tensor<4xf64>
  %5 = sg.add %4, %one : tensor<4xf64>
  %s = sg.sum %5 : tensor<4xf64>
  sg.cost %s : tensor<f64>
}
