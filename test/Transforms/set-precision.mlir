// RUN: sg-opt %s -split-input-file --sg-set-precision=precision=f64 | FileCheck %s
// RUN: sg-opt %s -split-input-file --sg-set-precision=precision=f32 | FileCheck %s --check-prefix=F32

// Tests that every argument, value and constant takes the new element type.
// CHECK-LABEL: sg.graph @small(%x: tensor<2xf64> {sg.param})
// CHECK: sg.constant dense<[1.000000e+00, 2.500000e+00]> : tensor<2xf64>
// CHECK: sg.mul %x, %{{.*}} : tensor<2xf64>
// CHECK: sg.sum %{{.*}} : tensor<2xf64>
// F32-LABEL: sg.graph @small(%x: tensor<2xf32> {sg.param})
// F32: sg.constant dense<[1.000000e+00, 2.500000e+00]> : tensor<2xf32>
sg.graph @small(%x: tensor<2xf32> {sg.param}) {
  %c = sg.constant dense<[1.0, 2.5]> : tensor<2xf32>
  %m = sg.mul %x, %c : tensor<2xf32>
  %s = sg.sum %m : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Regression test: a splat stays a splat. Expanding this one to 10^10
// doubles ran out of memory.
// CHECK-LABEL: sg.graph @huge
// CHECK: sg.constant dense<1.500000e+00> : tensor<100000x100000xf64>
sg.graph @huge(%x: tensor<100000x100000xf32> {sg.param}) {
  %c = sg.constant dense<1.5> : tensor<100000x100000xf32>
  %m = sg.mul %x, %c : tensor<100000x100000xf32>
  %s = sg.sum %m : tensor<100000x100000xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Regression test: a dense_resource constant (as large weights are stored)
// is converted, into a new resource; it used to fail an assertion.
// CHECK-LABEL: sg.graph @resource
// CHECK: sg.constant dense_resource<[[BLOB:.+]]> : tensor<2xf64>
// CHECK: [[BLOB]]: "0x08000000000000000000F03F0000000000000040"
// F32-LABEL: sg.graph @resource
// F32: sg.constant dense_resource<weights> : tensor<2xf32>
sg.graph @resource(%x: tensor<2xf32> {sg.param}) {
  %c = sg.constant dense_resource<weights> : tensor<2xf32>
  %m = sg.mul %x, %c : tensor<2xf32>
  %s = sg.sum %m : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F00000040"
    }
  }
#-}
