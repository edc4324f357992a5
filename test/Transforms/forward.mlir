// RUN: sg-opt %s --sg-number-samples --sg-forward | FileCheck %s

// Tests that the forward function takes the graph's arguments and the RNG
// key, returns the sum of the costs and then the outputs, and keeps the graph.
// CHECK-LABEL: sg.graph @g(
// CHECK-LABEL: func.func @g_forward(
// CHECK-SAME: %[[X:.+]]: tensor<4xf32>, %[[W:.+]]: tensor<4xf32>, %{{.+}}: i64 {sg.seed}, %{{.+}}: i64 {sg.step}) -> (tensor<f32>, tensor<4xf32>)
// CHECK-SAME: attributes {sg.graph = @g, sg.kind = "forward"}
// CHECK: %[[H:.+]] = sg.mul %[[X]], %[[W]]
// CHECK: %[[Z:.+]] = sg.normal %[[H]], %{{.+}} {node = 0 : i32}
// CHECK: %[[C1:.+]] = sg.sum %[[Z]]
// CHECK: %[[C2:.+]] = sg.sum %[[H]]
// CHECK: %[[L:.+]] = sg.add %[[C1]], %[[C2]] : tensor<f32>
// CHECK: return %[[L]], %[[H]] : tensor<f32>, tensor<4xf32>
sg.graph @g(%x: tensor<4xf32> {sg.input}, %w: tensor<4xf32> {sg.param}) {
  %h = sg.mul %x, %w : tensor<4xf32>
  %z = sg.normal %h, %w : tensor<4xf32>
  %c1 = sg.sum %z : tensor<4xf32>
  sg.cost %c1 : tensor<f32>
  sg.output %h : tensor<4xf32>
  %c2 = sg.sum %h : tensor<4xf32>
  sg.cost %c2 : tensor<f32>
}

// Tests that a graph without costs has a zero loss.
// CHECK-LABEL: func.func @outputs_only_forward(
// CHECK: %[[ZERO:.+]] = sg.constant dense<0.000000e+00> : tensor<f64>
// CHECK: return %[[ZERO]], %{{.+}} : tensor<f64>, tensor<2xf64>
sg.graph @outputs_only(%x: tensor<2xf64> {sg.input}) {
  %e = sg.exp %x : tensor<2xf64>
  sg.output %e : tensor<2xf64>
}
