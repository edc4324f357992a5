// RUN: sg-opt %s -verify-diagnostics --test-sg-cost-reachability

// Tests which values reach a cost, and which a gradient reaches: not through
// the step function (zero derivative), but into a sample's operands (its
// score term).
// expected-remark @below {{%w: gradient}}
// expected-remark @below {{%v: cost, no gradient}}
// expected-remark @below {{%u: no cost}}
// expected-remark @below {{%m: gradient}}
sg.graph @reach(%w: tensor<3xf32> {sg.param}, %v: tensor<3xf32> {sg.param},
                %u: tensor<3xf32> {sg.param}, %m: tensor<3xf32> {sg.param}) {
  // expected-remark @+1 {{gradient}}
  %a = sg.exp %w : tensor<3xf32>
  // expected-remark @+1 {{gradient}}
  %h = sg.heaviside %v : tensor<3xf32>
  // expected-remark @+1 {{no cost}}
  %dead = sg.exp %u : tensor<3xf32>
  // expected-remark @+1 {{gradient}}
  %mu = sg.exp %m : tensor<3xf32>
  // The sample's value passes no pathwise gradient, its operands get the
  // score term's.
  // expected-remark @+1 {{gradient}}
  %z = sg.bernoulli %mu : tensor<3xf32>
  // expected-remark @+1 {{gradient}}
  %p = sg.mul %a, %h : tensor<3xf32>
  // expected-remark @+1 {{gradient}}
  %q = sg.add %p, %z : tensor<3xf32>
  // expected-remark @+1 {{gradient}}
  %s = sg.sum %q : tensor<3xf32>
  sg.cost %s : tensor<f32>
}
