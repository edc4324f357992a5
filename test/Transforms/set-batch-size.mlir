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

// -----

// Issue 14: batch 10 and 10 samples per example. The sample axis has the
// batch's size but comes from a broadcast's new axis, not from the batch, so
// resizing it (the old behaviour: every axis of size 10 became 16) would
// silently change the model.
sg.graph @samples_per_example(%x: tensor<10x5xf32> {sg.input},
                              %mu: tensor<5xf32> {sg.param}) {
  // expected-error @+1 {{cannot change the batch size 10: axis 0 of this value has that size but is not provably the batch axis (axis 0 of %x); nothing ties it to the batch axis}}
  %m = sg.broadcast %mu [1] : tensor<5xf32> -> tensor<10x5xf32>
  %one = sg.constant dense<1.0> : tensor<10x5xf32>
  %z = sg.normal %m, %one : tensor<10x5xf32>
  %zs = sg.broadcast %z [1, 2] : tensor<10x5xf32> -> tensor<10x10x5xf32>
  %xs = sg.broadcast %x [0, 2] : tensor<10x5xf32> -> tensor<10x10x5xf32>
  %d = sg.sub %xs, %zs : tensor<10x10x5xf32>
  %sq = sg.mul %d, %d : tensor<10x10x5xf32>
  %s = sg.sum %sq : tensor<10x10x5xf32>
  sg.cost %s : tensor<f32>
}

// -----

// The same model with the sample axis tied to nothing but a standard normal.
sg.graph @unrelated_sample(%x: tensor<10x5xf32> {sg.input}) {
  // expected-error @+1 {{cannot change the batch size 10: axis 0 of this value has that size but is not provably the batch axis (axis 0 of %x)}}
  %e = sg.std_normal : tensor<10xf32>
  %s = sg.sum %e : tensor<10xf32>
  %t = sg.sum %x : tensor<10x5xf32>
  %c = sg.add %s, %t : tensor<f32>
  sg.cost %c : tensor<f32>
}

// -----

// A second input whose leading axis is not tied to the batch.
// expected-error @+1 {{cannot change the batch size 3: axis 0 of %y has that size but is not provably the batch axis (axis 0 of %x)}}
sg.graph @untied_input(%x: tensor<3x2xf32> {sg.input}, %y: tensor<3xf32> {sg.input}) {
  %s = sg.sum %x : tensor<3x2xf32>
  %t = sg.sum %y : tensor<3xf32>
  %c = sg.add %s, %t : tensor<f32>
  sg.cost %c : tensor<f32>
}

// -----

// A non-leading input axis of the batch's size.
// expected-error @+1 {{cannot change the batch size 4: axis 1 of %x has that size but is not provably the batch axis (axis 0 of %x)}}
sg.graph @square_input(%x: tensor<4x4xf32> {sg.input}) {
  %s = sg.sum %x : tensor<4x4xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Axes tied to the batch through transposes, transposed products, reductions,
// bias additions and broadcasts all follow it, and so do the rows of the
// second input %y (tied to the batch by the cross-entropy).
// CHECK-LABEL: sg.graph @tied
// CHECK-SAME: %x: tensor<16x3xf32> {sg.input}, %y: tensor<16x3xf32> {sg.input}, %b: tensor<3xf32> {sg.param}
// CHECK: sg.transpose %x [1, 0] : tensor<16x3xf32>
// CHECK: sg.matmul %{{.+}}, %y : tensor<3x16xf32>, tensor<16x3xf32>
// CHECK: sg.matmul %x, %y {transpose_lhs} : tensor<16x3xf32>, tensor<16x3xf32>
// CHECK: sg.reduce_sum %y [1] : tensor<16x3xf32>
// CHECK: sg.broadcast %{{.+}} [0] : tensor<16xf32> -> tensor<16x3xf32>
// CHECK: sg.softmax_cross_entropy %{{.+}}, %y : tensor<16x3xf32>
sg.graph @tied(%x: tensor<250x3xf32> {sg.input}, %y: tensor<250x3xf32> {sg.input},
               %b: tensor<3xf32> {sg.param}) {
  %t = sg.transpose %x [1, 0] : tensor<250x3xf32>
  %g1 = sg.matmul %t, %y : tensor<3x250xf32>, tensor<250x3xf32>
  %g2 = sg.matmul %x, %y {transpose_lhs} : tensor<250x3xf32>, tensor<250x3xf32>
  %g = sg.add %g1, %g2 : tensor<3x3xf32>
  %r = sg.reduce_sum %y [1] : tensor<250x3xf32>
  %rb = sg.broadcast %r [0] : tensor<250xf32> -> tensor<250x3xf32>
  %h = sg.bias_add %rb, %b : tensor<250x3xf32>, tensor<3xf32>
  %ce = sg.softmax_cross_entropy %h, %y : tensor<250x3xf32>
  sg.cost %ce : tensor<f32>
  sg.output %g : tensor<3x3xf32>
}

// -----

// The shape ops: reshapes keeping the leading axis, slices spanning the
// batch, concatenations along other axes and means over them follow it.
// CHECK-LABEL: sg.graph @shape_ops
// CHECK: sg.reshape %x : tensor<16x2x3xf32> -> tensor<16x6xf32>
// CHECK: sg.slice %{{.+}} [0, 1] : tensor<16x6xf32> -> tensor<16x3xf32>
// CHECK: sg.concat %{{.+}}, %{{.+}} axis 1 : tensor<16x3xf32>, tensor<16x6xf32>
// CHECK: sg.mean %{{.+}} [1] : tensor<16x9xf32>
sg.graph @shape_ops(%x: tensor<250x2x3xf32> {sg.input}) {
  %r = sg.reshape %x : tensor<250x2x3xf32> -> tensor<250x6xf32>
  %s = sg.slice %r [0, 1] : tensor<250x6xf32> -> tensor<250x3xf32>
  %c = sg.concat %s, %r axis 1 : tensor<250x3xf32>, tensor<250x6xf32>
  %m = sg.mean %c [1] : tensor<250x9xf32>
  %t = sg.sum %m : tensor<250xf32>
  sg.cost %t : tensor<f32>
}

// -----

// A slice of rows picks examples: its rows are not the batch.
sg.graph @row_slice(%x: tensor<4x3xf32> {sg.input}) {
  %s = sg.slice %x [1, 0] : tensor<4x3xf32> -> tensor<2x3xf32>
  // expected-error @+1 {{cannot change the batch size 4: axis 0 of this value has that size but is not provably the batch axis (axis 0 of %x)}}
  %c = sg.concat %s, %s axis 0 : tensor<2x3xf32>, tensor<2x3xf32>
  %t = sg.sum %c : tensor<4x3xf32>
  sg.cost %t : tensor<f32>
}
