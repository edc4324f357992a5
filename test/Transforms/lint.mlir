// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-lint
// RUN: not sg-opt %s -split-input-file --sg-lint=werror=true 2>&1 | FileCheck %s --check-prefix=WERROR
// WERROR: error: parameter %unused reaches no cost

// Tests that a well-formed model draws no warning (the VAE's σ = √exp(lv),
// p = sigmoid(...)).
sg.graph @clean(%x: tensor<4x3xf32> {sg.input}, %w: tensor<3x2xf32> {sg.param},
                %lv: tensor<4x2xf32> {sg.param}) {
  %mu = sg.matmul %x, %w : tensor<4x3xf32>, tensor<3x2xf32>
  %v = sg.exp %lv : tensor<4x2xf32>
  %sigma = sg.sqrt %v : tensor<4x2xf32>
  %z = sg.normal %mu, %sigma : tensor<4x2xf32>
  %p = sg.sigmoid %z : tensor<4x2xf32>
  %one = sg.constant dense<1.0> : tensor<4x2xf32>
  %nll = sg.bernoulli_neglogpdf %p, %one : tensor<4x2xf32>
  sg.cost %nll : tensor<f32>
}

// -----

// Tests the reachability findings.
// Parameter findings point at the argument: %gated's is on the next line.
// expected-warning @+2 {{parameter %unused reaches no cost: its gradient is identically zero}}
// expected-warning @+2 {{parameter %gated reaches the costs only through operations that pass no gradient (sg.heaviside): no gradient updates it}}
sg.graph @reach(%w: tensor<2xf32> {sg.param}, %unused: tensor<2xf32> {sg.param},
                %gated: tensor<2xf32> {sg.param}, %x: tensor<2xf32> {sg.input}) {
  %e = sg.exp %unused : tensor<2xf32>
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
  %t = sg.sum %x : tensor<2xf32>
  // expected-warning @+1 {{this cost depends on no parameter: it adds to the loss but never to the gradient}}
  sg.cost %t : tensor<f32>
  %h = sg.heaviside %gated : tensor<2xf32>
  %hs = sg.sum %h : tensor<2xf32>
  sg.cost %hs : tensor<f32>
  %one = sg.constant dense<1.0> : tensor<2xf32>
  // expected-warning @+1 {{this sample reaches no cost: it does not affect the loss}}
  %z = sg.normal %w, %one : tensor<2xf32>
}

// -----

// Tests that a parameter reaching a cost only through a sample's
// distribution still gets a gradient (the score term): no warning.
sg.graph @score(%mu: tensor<2xf32> {sg.param}) {
  %one = sg.constant dense<1.0> : tensor<2xf32>
  %z = sg.normal %mu, %one : tensor<2xf32>
  %h = sg.heaviside %z : tensor<2xf32>
  %s = sg.sum %h : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// Tests constant costs.
sg.graph @constant_costs(%l: tensor<4x1xf32> {sg.param}, %t: tensor<4x1xf32> {sg.input}) {
  // expected-warning @+1 {{softmax over a single class: this cross-entropy is always 0}}
  %ce = sg.softmax_cross_entropy %l, %t : tensor<4x1xf32>
  sg.cost %ce : tensor<f32>
  %c = sg.constant dense<3.0> : tensor<f32>
  // expected-warning @+1 {{this cost is a constant}}
  sg.cost %c : tensor<f32>
}

// -----

// Tests the domain preconditions (Certigrad's grads_exist_at, pdfs_exist_at).
sg.graph @domains(%a: tensor<3xf32> {sg.param}, %s: tensor<3xf32> {sg.param}) {
  // expected-warning @+1 {{the argument of log is not positive by construction: the result is undefined (NaN or infinite) where it is not}}
  %l = sg.log %a : tensor<3xf32>
  // expected-warning @+1 {{the argument of sqrt is not positive by construction}}
  %r = sg.sqrt %a : tensor<3xf32>
  // expected-warning @+1 {{the divisor is not positive by construction}}
  %d = sg.div %l, %r : tensor<3xf32>
  // expected-warning @+1 {{the standard deviation σ is not positive by construction}}
  %z = sg.normal %d, %s : tensor<3xf32>
  // expected-warning @+1 {{the standard deviation σ is not positive by construction}}
  %kl = sg.mvn_kl %d, %s : tensor<3xf32>
  sg.cost %kl : tensor<f32>
  // expected-warning @+1 {{the Bernoulli probability is not in (0, 1) by construction (make it a sigmoid)}}
  %b = sg.bernoulli %z : tensor<3xf32>
  %bs = sg.sum %b : tensor<3xf32>
  sg.cost %bs : tensor<f32>
  %sp = sg.softplus %s : tensor<3xf32>
  %ok = sg.log %sp : tensor<3xf32>
  %oks = sg.sum %ok : tensor<3xf32>
  sg.cost %oks : tensor<f32>
}

// -----

// Tests the discrete distributions on logits: no domain precondition (no
// warning for raw logits), a categorical over one class is flagged, and a
// Bernoulli NLL of a raw probability points at the logits form.
sg.graph @discrete(%l: tensor<4x3xf32> {sg.param}, %one: tensor<4x1xf32> {sg.param},
                   %q: tensor<4x3xf32> {sg.param}) {
  %b = sg.bernoulli_logits %l : tensor<4x3xf32>
  %nll = sg.bernoulli_logits_neglogpdf %l, %b : tensor<4x3xf32>
  sg.cost %nll : tensor<f32>
  %y = sg.categorical %l : tensor<4x3xf32>
  %ys = sg.sum %y : tensor<4x3xf32>
  sg.cost %ys : tensor<f32>
  // expected-warning @+1 {{categorical over a single class: the sample is always that class}}
  %c = sg.categorical %one : tensor<4x1xf32>
  %cs = sg.sum %c : tensor<4x1xf32>
  sg.cost %cs : tensor<f32>
  // expected-warning @+1 {{the Bernoulli probability is not in (0, 1) by construction (make it a sigmoid); sg.bernoulli_logits_neglogpdf on the logits has no such precondition}}
  %n2 = sg.bernoulli_neglogpdf %q, %b : tensor<4x3xf32>
  sg.cost %n2 : tensor<f32>
}
