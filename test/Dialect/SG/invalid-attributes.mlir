// RUN: sg-opt %s -split-input-file -verify-diagnostics

// Tests that the attributes the passes hand to each other are declared
// (SGDialect.td, discardableAttrs) and typed: a misspelt or mistyped one is
// an error, not silently ignored.
sg.graph @misspelt(%w: tensor<3xf32> {sg.param}) {
  %p = sg.sigmoid %w : tensor<3xf32>
  // expected-error @+1 {{unknown sg attribute 'sg.scorefunction'}}
  %b = sg.bernoulli %p {sg.scorefunction} : tensor<3xf32>
  %s = sg.sum %b : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @mistyped(%w: tensor<3xf32> {sg.param}) {
  // expected-error @+1 {{'sg.kink' has the wrong type of value: "first"}}
  %r = sg.relu %w {sg.kink = "first"} : tensor<3xf32>
  %s = sg.sum %r : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-error @+1 {{'sg.kind' has the wrong type of value: 3 : i64}}
func.func @f() attributes {sg.kind = 3} {
  return
}

// -----

sg.graph @mistyped_enumerate(%w: tensor<3xf32> {sg.param}) {
  // expected-error @+1 {{'sg.enumerate' has the wrong type of value: 1 : i64}}
  %b = sg.bernoulli_logits %w {sg.enumerate = 1} : tensor<3xf32>
  %s = sg.sum %b : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-error @+1 {{'sg.baseline_samples' has the wrong type of value: "m.mlir:3:8"}}
func.func @f() attributes {sg.baseline_samples = "m.mlir:3:8"} {
  return
}

// -----

// The declared ones verify.
module attributes {sg.kinks = ["relu"], sg.checks = []} {
  func.func @f() attributes {sg.kind = "forward", sg.graph = @g,
                             sg.num_baselines = 1 : i64, sg.checked,
                             sg.baseline_samples = ["m.mlir:3:8"],
                             sg.kink_counts} {
    return
  }
}
