// RUN: sg-opt %s -split-input-file -verify-diagnostics

// Tests that distributions reject parameters of the wrong shape or type.

sg.graph @sigma_shape(%mu: tensor<3xf32> {sg.param}, %sigma: tensor<4xf32> {sg.param}) {
  // expected-error @+1 {{'sg.normal' op standard deviation σ has type 'tensor<4xf32>' but mean μ has type 'tensor<3xf32>'; a diagonal Gaussian needs one σ per element of μ}}
  %z = "sg.normal"(%mu, %sigma) : (tensor<3xf32>, tensor<4xf32>) -> tensor<3xf32>
  %s = sg.sum %z : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @sigma_shape_custom(%mu: tensor<3xf32> {sg.param}, %sigma: tensor<4xf32> {sg.param}) {
  // expected-error @+1 {{custom op 'sg.normal' %sigma has type 'tensor<4xf32>', but the type after ':' is 'tensor<3xf32>', which every operand must have (broadcast explicitly with sg.broadcast or sg.bias_add)}}
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

// -----

sg.graph @categorical_rank0(%l: tensor<f32> {sg.param}) {
  // expected-error @+1 {{'sg.categorical' op requires logits of rank >= 1: the classes are the last axis}}
  %y = sg.categorical %l : tensor<f32>
  %s = sg.sum %y : tensor<f32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @categorical_shape(%l: tensor<2x3xf32> {sg.param}) {
  // expected-error @+1 {{'sg.categorical' op sample type 'tensor<2xf32>' differs from the logits type 'tensor<2x3xf32>' (samples are one-hot over the last axis)}}
  %y = "sg.categorical"(%l) : (tensor<2x3xf32>) -> tensor<2xf32>
  %s = sg.sum %y : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @bernoulli_logits_shape(%l: tensor<3xf32> {sg.param}) {
  // expected-error @+1 {{'sg.bernoulli_logits' op sample type 'tensor<3xf64>' differs from the logits type 'tensor<3xf32>'}}
  %b = "sg.bernoulli_logits"(%l) : (tensor<3xf32>) -> tensor<3xf64>
  %s = sg.sum %l : tensor<3xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @bernoulli_logits_nll_types(%l: tensor<3xf32> {sg.param}, %x: tensor<2xf32> {sg.input}) {
  // expected-error @+1 {{'sg.bernoulli_logits_neglogpdf' op requires operands of identical type, but #1 is 'tensor<2xf32>' and #0 is 'tensor<3xf32>'}}
  %nll = "sg.bernoulli_logits_neglogpdf"(%l, %x) : (tensor<3xf32>, tensor<2xf32>) -> tensor<f32>
  sg.cost %nll : tensor<f32>
}
