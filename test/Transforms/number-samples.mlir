// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-number-samples | FileCheck %s

// Tests that unnumbered samples get the free ids in graph order and that
// given ids are kept.
// CHECK-LABEL: sg.graph @mixed(
// CHECK: sg.normal %mu, %sigma {node = 0 : i32}
// CHECK: sg.std_normal {node = 1 : i32}
// CHECK: sg.bernoulli %{{.*}} {node = 2 : i32}
// CHECK: sg.std_normal {node = 3 : i32}
sg.graph @mixed(%mu: tensor<2xf32> {sg.param}, %sigma: tensor<2xf32> {sg.param}) {
  %z = sg.normal %mu, %sigma : tensor<2xf32>
  %e = sg.std_normal {node = 1 : i32} : tensor<2xf32>
  %p = sg.sigmoid %z : tensor<2xf32>
  %b = sg.bernoulli %p : tensor<2xf32>
  %f = sg.std_normal : tensor<2xf32>
  %s = sg.sum %b : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @duplicate(%mu: tensor<2xf32> {sg.param}, %sigma: tensor<2xf32> {sg.param}) {
  %z = sg.normal %mu, %sigma {node = 4 : i32} : tensor<2xf32>
  // expected-error @+1 {{sample node id 4 is used twice in @duplicate; two samples would draw the same numbers}}
  %e = sg.std_normal {node = 4 : i32} : tensor<2xf32>
  %s = sg.sum %z : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
