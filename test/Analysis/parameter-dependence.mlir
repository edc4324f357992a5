// RUN: sg-opt %s -verify-diagnostics --test-sg-parameter-dependence

// Tests which values depend on a parameter, and which only through a
// sample's value (not differentiably: those get score terms in sg-grad).
sg.graph @deps(%w: tensor<3xf32> {sg.param}, %x: tensor<3xf32> {sg.input}) {
  // expected-remark @+1 {{independent}}
  %ex = sg.exp %x : tensor<3xf32>
  // expected-remark @+1 {{deterministic}}
  %ew = sg.exp %w : tensor<3xf32>
  // expected-remark @+1 {{deterministic}}
  %m = sg.mul %ex, %ew : tensor<3xf32>
  // expected-remark @+1 {{through a sample}}
  %z = sg.normal %m, %ew : tensor<3xf32>
  // expected-remark @+1 {{through a sample}}
  %y = sg.mul %z, %ex : tensor<3xf32>
  // expected-remark @+1 {{independent}}
  %e = sg.normal %x, %ex : tensor<3xf32>
  // expected-remark @+1 {{deterministic}}
  %d = sg.add %y, %m : tensor<3xf32>
  // expected-remark @+1 {{deterministic}}
  %s = sg.sum %d : tensor<3xf32>
  sg.cost %s : tensor<f32>
  // expected-remark @+1 {{independent}}
  %t = sg.sum %e : tensor<3xf32>
  sg.cost %t : tensor<f32>
}
