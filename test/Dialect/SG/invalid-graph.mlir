// RUN: sg-opt %s -split-input-file -verify-diagnostics

// Tests Certigrad's decidable well-formedness conditions and argument roles.

// expected-error @+1 {{argument %w (#1) has no role; mark it {sg.param} (trainable) or {sg.input} (data)}}
sg.graph @no_role(%x: tensor<2xf32> {sg.input}, %w: tensor<2xf32>) {
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-error @+1 {{argument #0 has unknown role 'sg.weight'; expected 'sg.param' or 'sg.input'}}
sg.graph @unknown_role(%w: tensor<2xf32> {sg.weight}) {
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-error @+1 {{argument %w (#0) has two roles; give it exactly one of {sg.param} or {sg.input}}}
sg.graph @two_roles(%w: tensor<2xf32> {sg.param, sg.input}) {
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-error @+1 {{argument #0 role 'sg.param' takes no value}}
sg.graph @role_with_value(%w: tensor<2xf32> {sg.param = 3 : i32}) {
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-error @+1 {{role 'sg.param' is only meaningful on sg.graph arguments}}
func.func @role_elsewhere(%w: tensor<2xf32> {sg.param}) {
  return
}

// -----

// The sampling key and the row offset are 64-bit counters (found by the
// pipeline fuzzer: an i28 step made the lowering emit an invalid trunci).
// expected-error @+1 {{argument #2 marked 'sg.step' has type 'i28'; expected i64}}
func.func @narrow_step(%l: tensor<4x3xf32>, %seed: i64 {sg.seed}, %step: i28 {sg.step}) {
  return
}

// -----

// expected-error @+1 {{argument #0 marked 'sg.seed' has type 'tensor<2xi64>'; expected i64}}
func.func @tensor_seed(%seed: tensor<2xi64> {sg.seed}) {
  return
}

// -----

// expected-error @+1 {{argument #0 marked 'sg.first_row' has type 'i32'; expected i64}}
func.func @narrow_row(%row: i32 {sg.first_row}) {
  return
}

// -----

sg.graph @non_scalar_cost(%w: tensor<2xf32> {sg.param}) {
  // expected-error @+1 {{'sg.cost' op operand must be a scalar (a 0-d tensor of f32 or f64), but has type 'tensor<2xf32>'; reduce it first, e.g. with sg.sum}}
  sg.cost %w : tensor<2xf32>
}

// -----

// expected-error @+1 {{'sg.graph' op has no sg.cost and no sg.output: nothing to compute}}
sg.graph @nothing(%w: tensor<2xf32> {sg.param}) {
  %e = sg.exp %w : tensor<2xf32>
}

// -----

// expected-error @+1 {{argument %w (#0) has type 'tensor<?x2xf32>'; expected a statically shaped tensor of f32 or f64}}
sg.graph @dynamic(%w: tensor<?x2xf32> {sg.param}, %v: tensor<f32> {sg.param}) {
  sg.cost %v : tensor<f32>
}

// -----

// expected-error @+1 {{argument %w (#0) has type 'tensor<2xi32>'; expected a statically shaped tensor of f32 or f64}}
sg.graph @integer(%w: tensor<2xi32> {sg.param}, %v: tensor<f32> {sg.param}) {
  sg.cost %v : tensor<f32>
}

// -----

sg.graph @integer_op(%v: tensor<f32> {sg.param}) {
  // expected-error @+1 {{'sg.constant' op result #0 must be statically shaped tensor of f32 or f64, but got 'tensor<2xi32>'}}
  %i = sg.constant dense<1> : tensor<2xi32>
  sg.cost %v : tensor<f32>
}

// -----

// expected-error @+1 {{graph mixes element types 'f32' and 'f64'; a graph is compiled at one precision}}
sg.graph @mixed_args(%w: tensor<2xf32> {sg.param}, %v: tensor<2xf64> {sg.param}) {
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

sg.graph @mixed_ops(%w: tensor<2xf32> {sg.param}) {
  %s = sg.sum %w : tensor<2xf32>
  sg.cost %s : tensor<f32>
  // expected-error @+1 {{graph mixes element types 'f32' and 'f64'; a graph is compiled at one precision}}
  %c = sg.constant dense<1.0> : tensor<f64>
  sg.cost %c : tensor<f64>
}

// -----

sg.graph @foreign_op(%w: tensor<2xf32> {sg.param}) {
  // expected-error @+1 {{'builtin.unrealized_conversion_cast' op is not allowed in an sg.graph: its body holds only sg operations}}
  %c = builtin.unrealized_conversion_cast %w : tensor<2xf32> to tensor<2xf32>
}

// -----

// Single assignment and topological order: a use before the definition.
sg.graph @use_before_def(%w: tensor<2xf32> {sg.param}) {
  // expected-error @+1 {{operand #0 does not dominate this use}}
  %a = sg.exp %b : tensor<2xf32>
  // expected-note @+1 {{operand defined here}}
  %b = sg.exp %w : tensor<2xf32>
  %s = sg.sum %a : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// A cycle: a value that depends on itself.
sg.graph @cycle(%w: tensor<2xf32> {sg.param}) {
  // expected-error @+1 {{operand #1 does not dominate this use}}
  %a = sg.add %w, %a : tensor<2xf32>
  // expected-note @-1 {{operand defined here}}
  %s = sg.sum %a : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// -----

// expected-error @+1 {{argument #1 reuses the name 'w'; argument names must be distinct}}
"sg.graph"() ({
^bb0(%a: tensor<2xf32>, %b: tensor<2xf32>):
  %s = "sg.sum"(%a) : (tensor<2xf32>) -> tensor<f32>
  "sg.cost"(%s) : (tensor<f32>) -> ()
}) {sym_name = "dup", function_type = (tensor<2xf32>, tensor<2xf32>) -> (),
    arg_attrs = [{sg.param}, {sg.param}], arg_names = ["w", "w"]} : () -> ()

// -----

// expected-error @+1 {{'sg.graph' op has no results; mark returned values with sg.output}}
"sg.graph"() ({
^bb0(%a: tensor<2xf32>):
  %s = "sg.sum"(%a) : (tensor<2xf32>) -> tensor<f32>
  "sg.cost"(%s) : (tensor<f32>) -> ()
}) {sym_name = "results", function_type = (tensor<2xf32>) -> (tensor<f32>),
    arg_attrs = [{sg.param}]} : () -> ()

// -----

func.func @cost_outside() {
  %c = "sg.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  // expected-error @+1 {{'sg.cost' op expects parent op 'sg.graph'}}
  "sg.cost"(%c) : (tensor<f32>) -> ()
  return
}
