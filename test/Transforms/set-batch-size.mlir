// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-set-batch-size=size=16 | FileCheck %s

// Tests that every axis of the batch size changes, splat constants included,
// and parameters keep their shapes.
// CHECK-LABEL: sg.graph @mlp(%x: tensor<16x4xf32> {sg.input}, %w: tensor<4x3xf32> {sg.param})
// CHECK: sg.matmul %x, %w : tensor<16x4xf32>, tensor<4x3xf32>
// CHECK: sg.constant dense<1.000000e+00> : tensor<16x3xf32>
// CHECK: sg.normal %{{.+}}, %{{.+}} : tensor<16x3xf32>
sg.graph @mlp(%x: tensor<250x4xf32> {sg.input}, %w: tensor<4x3xf32> {sg.param}) {
  %a = sg.matmul %x, %w : tensor<250x4xf32>, tensor<4x3xf32>
  %one = sg.constant dense<1.0> : tensor<250x3xf32>
  %z = sg.normal %a, %one : tensor<250x3xf32>
  %s = sg.sum %z : tensor<250x3xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-error @+1 {{cannot change the batch size 4: parameter %w also has an axis of size 4, so batch axes cannot be told apart}}
sg.graph @ambiguous(%x: tensor<4x4xf32> {sg.input}, %w: tensor<4x3xf32> {sg.param}) {
  %a = sg.matmul %x, %w : tensor<4x4xf32>, tensor<4x3xf32>
  %s = sg.sum %a : tensor<4x3xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @dense_constant(%x: tensor<2xf32> {sg.input}) {
  // expected-error @+1 {{cannot change the batch size 2: this constant has an axis of that size and is not a splat}}
  %c = sg.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %y = sg.mul %x, %c : tensor<2xf32>
  sg.output %y : tensor<2xf32>
}

// -----

// expected-error @+1 {{has no {sg.input} argument with a leading (batch) dimension to specialize}}
sg.graph @no_input(%w: tensor<3xf32> {sg.param}) {
  %s = sg.sum %w : tensor<3xf32>
  sg.cost %s : tensor<f32>
}
