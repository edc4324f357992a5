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

// The declared ones verify.
module attributes {sg.kinks = ["relu"], sg.checks = []} {
  func.func @f() attributes {sg.kind = "forward", sg.graph = @g,
                             sg.num_baselines = 0 : i64, sg.checked,
                             sg.kink_counts} {
    return
  }
}
