// RUN: sg-opt %s -split-input-file -verify-diagnostics

// Tests that distributions reject parameters of the wrong shape or type.

sg.graph @sigma_shape(%mu: tensor<3xf32> {sg.param}, %sigma: tensor<4xf32> {sg.param}) {
  // expected-error @+1 {{'sg.normal' op standard deviation σ has type 'tensor<4xf32>' but mean μ has type 'tensor<3xf32>'; a diagonal Gaussian needs one σ per element of μ}}
  %z = "sg.normal"(%mu, %sigma) : (tensor<3xf32>, tensor<4xf32>) -> tensor<3xf32>
  %s = sg.sum %z : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-note @+1 {{prior use here}}
sg.graph @sigma_shape_custom(%mu: tensor<3xf32> {sg.param}, %sigma: tensor<4xf32> {sg.param}) {
  // expected-error @+1 {{use of value '%sigma' expects different type than prior uses: 'tensor<3xf32>' vs 'tensor<4xf32>'}}
  %z = sg.normal %mu, %sigma : tensor<3xf32>
}

// -----

sg.graph @sample_shape(%mu: tensor<3xf32> {sg.param}, %sigma: tensor<3xf32> {sg.param}) {
  // expected-error @+1 {{'sg.normal' op sample type 'tensor<2xf32>' differs from the parameter type 'tensor<3xf32>'}}
  %z = "sg.normal"(%mu, %sigma) : (tensor<3xf32>, tensor<3xf32>) -> tensor<2xf32>
  %s = sg.sum %z : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @bernoulli_shape(%p: tensor<3xf32> {sg.param}) {
  // expected-error @+1 {{'sg.bernoulli' op sample type 'tensor<3x1xf32>' differs from the probability type 'tensor<3xf32>'}}
  %b = "sg.bernoulli"(%p) : (tensor<3xf32>) -> tensor<3x1xf32>
  %s = sg.sum %b : tensor<3x1xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @std_normal_dynamic(%w: tensor<f32> {sg.param}) {
  // expected-error @+1 {{'sg.std_normal' op result #0 must be statically shaped tensor of f32 or f64, but got 'tensor<?xf32>'}}
  %e = sg.std_normal : tensor<?xf32>
  sg.cost %w : tensor<f32>
}

// -----

sg.graph @unknown_distribution(%mu: tensor<3xf32> {sg.param}) {
  // expected-error @+1 {{custom op 'sg.gamma' is unknown}}
  %z = sg.gamma %mu : tensor<3xf32>
}
