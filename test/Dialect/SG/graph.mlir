// RUN: sg-opt %s | FileCheck %s
// RUN: sg-opt %s | sg-opt | FileCheck %s
// RUN: sg-opt %s --mlir-print-op-generic | sg-opt | FileCheck %s

// Tests that a graph keeps its argument names, roles, costs and outputs.
// CHECK-LABEL: sg.graph @logreg(
// CHECK-SAME: %x: tensor<8x4xf32> {sg.input}, %w: tensor<4x1xf32> {sg.param}, %y: tensor<8x1xf32> {sg.input})
// CHECK-NEXT: %[[A:.+]] = sg.matmul %x, %w : tensor<8x4xf32>, tensor<4x1xf32>
// CHECK-NEXT: %[[P:.+]] = sg.sigmoid %[[A]] : tensor<8x1xf32>
// CHECK-NEXT: %[[NLL:.+]] = sg.bernoulli_neglogpdf %[[P]], %y : tensor<8x1xf32>
// CHECK-NEXT: sg.cost %[[NLL]] : tensor<f32>
// CHECK-NEXT: sg.output %[[P]] : tensor<8x1xf32>
sg.graph @logreg(%x: tensor<8x4xf32> {sg.input}, %w: tensor<4x1xf32> {sg.param},
                 %y: tensor<8x1xf32> {sg.input}) {
  %a = sg.matmul %x, %w : tensor<8x4xf32>, tensor<4x1xf32>
  %p = sg.sigmoid %a : tensor<8x1xf32>
  %nll = sg.bernoulli_neglogpdf %p, %y : tensor<8x1xf32>
  sg.cost %nll : tensor<f32>
  sg.output %p : tensor<8x1xf32>
}

// Tests that f64 graphs, several costs and a graph with only outputs parse.
// CHECK-LABEL: sg.graph @two_costs_f64(
// CHECK-SAME: %theta: tensor<3xf64> {sg.param}
// CHECK: sg.cost %{{.*}} : tensor<f64>
// CHECK: sg.cost %{{.*}} : tensor<f64>
sg.graph @two_costs_f64(%theta: tensor<3xf64> {sg.param}) {
  %s = sg.sum %theta : tensor<3xf64>
  sg.cost %s : tensor<f64>
  %e = sg.exp %theta : tensor<3xf64>
  %t = sg.sum %e : tensor<3xf64>
  sg.cost %t : tensor<f64>
}

// CHECK-LABEL: sg.graph @forward_only(
// CHECK: sg.output
sg.graph @forward_only(%x: tensor<1x5xf32> {sg.input}, %w: tensor<5x2xf32> {sg.param}) {
  %y = sg.matmul %x, %w : tensor<1x5xf32>, tensor<5x2xf32>
  %r = sg.relu %y : tensor<1x2xf32>
  sg.output %r : tensor<1x2xf32>
}

// Tests that extra attributes on the graph survive the round trip.
// CHECK-LABEL: sg.graph @with_attrs(
// CHECK-SAME: attributes {note = "kept"}
sg.graph @with_attrs(%w: tensor<f32> {sg.param}) attributes {note = "kept"} {
  sg.cost %w : tensor<f32>
}
