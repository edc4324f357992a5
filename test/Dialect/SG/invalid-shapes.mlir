// RUN: sg-opt %s -split-input-file -verify-diagnostics

// Tests the shape rules of the deterministic ops, in custom and generic form.

// The custom form names the operand and hints at the broadcasting ops, as
// the verifier does for the generic form (issue 14).
sg.graph @add_mismatch(%a: tensor<2x3xf32> {sg.param}, %b: tensor<3x2xf32> {sg.param}) {
  // expected-error @+1 {{custom op 'sg.add' %b has type 'tensor<3x2xf32>', but the type after ':' is 'tensor<2x3xf32>', which every operand must have (broadcast explicitly with sg.broadcast or sg.bias_add)}}
  %c = sg.add %a, %b : tensor<2x3xf32>
}

// -----

sg.graph @add_bias(%a: tensor<64x32xf32> {sg.param}, %b: tensor<32xf32> {sg.param}) {
  // expected-error @+1 {{%b has type 'tensor<32xf32>', but the type after ':' is 'tensor<64x32xf32>', which every operand must have (broadcast explicitly with sg.broadcast or sg.bias_add)}}
  %c = sg.add %a, %b : tensor<64x32xf32>
  %s = sg.sum %c : tensor<64x32xf32>
  sg.cost %s : tensor<f32>
}

// -----

// The first operand too, and the samplers' and losses' custom forms.
sg.graph @normal_mismatch(%m: tensor<4xf32> {sg.param}, %s: tensor<4x4xf32> {sg.param}) {
  // expected-error @+1 {{%m has type 'tensor<4xf32>', but the type after ':' is 'tensor<4x4xf32>'}}
  %z = sg.normal %m, %s : tensor<4x4xf32>
}

// -----

sg.graph @loss_mismatch(%p: tensor<4x2xf32> {sg.param}, %x: tensor<4xf32> {sg.input}) {
  // expected-error @+1 {{%x has type 'tensor<4xf32>', but the type after ':' is 'tensor<4x2xf32>'}}
  %l = sg.bernoulli_neglogpdf %p, %x : tensor<4x2xf32>
}

// -----

// An undefined value keeps MLIR's own message.
sg.graph @undefined(%a: tensor<2xf32> {sg.param}) {
  // expected-error @+1 {{use of undeclared SSA value name}}
  %c = sg.add %a, %nothere : tensor<2xf32>
}

// -----

sg.graph @add_mismatch_generic(%a: tensor<2x3xf32> {sg.param}, %b: tensor<3x2xf32> {sg.param}) {
  // expected-error @+1 {{'sg.add' op requires operands and result of identical type, but #1 is 'tensor<3x2xf32>' and #0 is 'tensor<2x3xf32>' (broadcast explicitly with sg.broadcast or sg.bias_add)}}
  %c = "sg.add"(%a, %b) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x3xf32>
  %s = sg.sum %c : tensor<2x3xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @unary_result_mismatch(%a: tensor<2x3xf32> {sg.param}) {
  // expected-error @+1 {{'sg.exp' op requires operands and result of identical type, but #1 is 'tensor<3x2xf32>' and #0 is 'tensor<2x3xf32>'}}
  %c = "sg.exp"(%a) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %s = sg.sum %c : tensor<3x2xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @mul_add_mismatch(%a: tensor<4xf32> {sg.param}, %c: tensor<5xf32> {sg.param}) {
  // expected-error @+1 {{'sg.mul_add' op requires operands and result of identical type, but #2 is 'tensor<5xf32>'}}
  %r = "sg.mul_add"(%a, %a, %c) : (tensor<4xf32>, tensor<4xf32>, tensor<5xf32>) -> tensor<4xf32>
  %s = sg.sum %r : tensor<4xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @matmul_inner(%a: tensor<2x3xf32> {sg.param}, %b: tensor<4x5xf32> {sg.param}) {
  // expected-error @+1 {{contracting dimensions differ: 2x3 has inner size 3 but 4x5 has 4}}
  %c = sg.matmul %a, %b : tensor<2x3xf32>, tensor<4x5xf32>
}

// -----

sg.graph @matmul_transposed(%a: tensor<2x3xf32> {sg.param}, %b: tensor<2x5xf32> {sg.param}) {
  // expected-error @+1 {{contracting dimensions differ: 2x3 has inner size 3 but 2x5 (transposed) has 5}}
  %c = sg.matmul %a, %b {transpose_rhs} : tensor<2x3xf32>, tensor<2x5xf32>
}

// -----

sg.graph @matmul_rank(%a: tensor<2x3x4xf32> {sg.param}, %b: tensor<4x5xf32> {sg.param}) {
  // expected-error @+1 {{operands must be matrices (rank 2)}}
  %c = sg.matmul %a, %b : tensor<2x3x4xf32>, tensor<4x5xf32>
}

// -----

sg.graph @matmul_result(%a: tensor<2x3xf32> {sg.param}, %b: tensor<3x5xf32> {sg.param}) {
  // expected-error @+2 {{'sg.matmul' op inferred type(s) 'tensor<2x5xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  // expected-error @+1 {{'sg.matmul' op failed to infer returned types}}
  %c = "sg.matmul"(%a, %b) : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x4xf32>
  %s = sg.sum %c : tensor<2x4xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @bias_shape(%x: tensor<5x4xf32> {sg.input}, %b: tensor<5xf32> {sg.param}) {
  // expected-error @+1 {{'sg.bias_add' op bias shape 5 must equal the trailing axes of the input shape 5x4}}
  %h = sg.bias_add %x, %b : tensor<5x4xf32>, tensor<5xf32>
  %s = sg.sum %h : tensor<5x4xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @transpose_perm(%x: tensor<5x4xf32> {sg.input}) {
  // expected-error @+1 {{[0, 0] is not a permutation of the operand's 2 axes}}
  %t = sg.transpose %x [0, 0] : tensor<5x4xf32>
}

// -----

sg.graph @transpose_rank(%x: tensor<5x4xf32> {sg.input}) {
  // expected-error @+1 {{permutation has 3 entries but the operand has rank 2}}
  %t = sg.transpose %x [0, 1, 2] : tensor<5x4xf32>
}

// -----

sg.graph @reduce_axis(%x: tensor<5x4xf32> {sg.input}) {
  // expected-error @+1 {{axis 2 is out of range for an operand of rank 2}}
  %r = sg.reduce_sum %x [2] : tensor<5x4xf32>
}

// -----

sg.graph @reduce_order(%x: tensor<5x4xf32> {sg.input}) {
  // expected-error @+1 {{axes must be strictly increasing, got [1, 0]}}
  %r = sg.reduce_sum %x [1, 0] : tensor<5x4xf32>
}

// -----

sg.graph @broadcast_size(%x: tensor<5xf32> {sg.input}) {
  // expected-error @+1 {{'sg.broadcast' op operand axis 0 has size 5 but result axis 1 has size 4}}
  %b = sg.broadcast %x [1] : tensor<5xf32> -> tensor<5x4xf32>
  %s = sg.sum %b : tensor<5x4xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @broadcast_arity(%x: tensor<5xf32> {sg.input}) {
  // expected-error @+1 {{'sg.broadcast' op needs one target axis per operand axis: operand has rank 1 but 2 axes are given}}
  %b = sg.broadcast %x [0, 1] : tensor<5xf32> -> tensor<5x4xf32>
  %s = sg.sum %b : tensor<5x4xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @broadcast_element(%x: tensor<5xf32> {sg.input}) {
  // expected-error @+1 {{'sg.broadcast' op requires the same element type for all operands and results}}
  %b = sg.broadcast %x [0] : tensor<5xf32> -> tensor<5x4xf64>
}

// -----

sg.graph @softmax_scalar(%x: tensor<f32> {sg.input}) {
  // expected-error @+1 {{'sg.softmax' op requires an operand of rank >= 1 (it works along the last axis)}}
  %y = sg.softmax %x : tensor<f32>
  sg.cost %y : tensor<f32>
}

// -----

sg.graph @xent_shapes(%l: tensor<4x10xf32> {sg.param}, %t: tensor<4x9xf32> {sg.input}) {
  // expected-error @+1 {{'sg.softmax_cross_entropy' op requires operands of identical type, but #1 is 'tensor<4x9xf32>' and #0 is 'tensor<4x10xf32>'}}
  %c = "sg.softmax_cross_entropy"(%l, %t) : (tensor<4x10xf32>, tensor<4x9xf32>) -> tensor<f32>
  sg.cost %c : tensor<f32>
}

// -----

sg.graph @nll_shapes(%p: tensor<4x10xf32> {sg.param}, %x: tensor<10x4xf32> {sg.input}) {
  // expected-error @+1 {{'sg.bernoulli_neglogpdf' op requires operands of identical type, but #1 is 'tensor<10x4xf32>'}}
  %c = "sg.bernoulli_neglogpdf"(%p, %x) : (tensor<4x10xf32>, tensor<10x4xf32>) -> tensor<f32>
  sg.cost %c : tensor<f32>
}

// -----

sg.graph @kl_result(%m: tensor<4xf32> {sg.param}, %s: tensor<4xf32> {sg.param}) {
  // expected-error @+1 {{'sg.mvn_kl' op result #0 must be 0-d tensor of f32 or f64 (a scalar), but got 'tensor<4xf32>'}}
  %c = "sg.mvn_kl"(%m, %s) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %t = sg.sum %c : tensor<4xf32>
  sg.cost %t : tensor<f32>
}

// -----

sg.graph @scale_attr(%x: tensor<4xf32> {sg.param}) {
  // expected-error @+1 {{custom op 'sg.scale' invalid kind of attribute specified}}
  %y = sg.scale %x, "two" : tensor<4xf32>
}
