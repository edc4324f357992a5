// RUN: sg-opt %s -verify-diagnostics --test-sg-positivity

// Tests the domain the positivity analysis finds per value, from the rule
// each op states (DomainOpInterface::inferResultDomain).
sg.graph @domains(%x: tensor<4xf32> {sg.param}, %y: tensor<4xf32> {sg.input}) {
  // expected-remark @+1 {{positive}}
  %e = sg.exp %x : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %sp = sg.softplus %x : tensor<4xf32>
  // expected-remark @+1 {{probability}}
  %p = sg.sigmoid %x : tensor<4xf32>
  // A product of probabilities is a probability, of positives positive.
  // expected-remark @+1 {{probability}}
  %pp = sg.mul %p, %p : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %ep = sg.mul %e, %p : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %s = sg.add %e, %sp : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %m = sg.add %e, %x : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %d = sg.div %s, %e : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %sub = sg.sub %e, %e : tensor<4xf32>
  // One positive operand is enough for the maximum.
  // expected-remark @+1 {{positive}}
  %max = sg.maximum %x, %e : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %fma = sg.mul_add %e, %s, %d : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %half = sg.scale %e, 0.5 : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %neg = sg.scale %e, -0.5 : tensor<4xf32>
  // √ keeps (0, 1) and (0, ∞).
  // expected-remark @+1 {{probability}}
  %rp = sg.sqrt %p : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %re = sg.sqrt %e : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %rx = sg.sqrt %x : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %l = sg.log %e : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %t = sg.tanh %x : tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %c = sg.constant dense<[1.0, 2.0, 0.5, 3.0]> : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %z = sg.constant dense<[1.0, 0.0, 0.5, 3.0]> : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %n = sg.constant dense<-2.0> : tensor<4xf32>
  // expected-remark @+1 {{probability}}
  %b = sg.broadcast %p [1] : tensor<4xf32> -> tensor<3x4xf32>
  // expected-remark @+1 {{probability}}
  %tb = sg.transpose %b [1, 0] : tensor<3x4xf32>
  // Softmax over several classes is in (0, 1); over one class it is 1.
  // expected-remark @+1 {{probability}}
  %sm = sg.softmax %b : tensor<3x4xf32>
  // expected-remark @+1 {{real}}
  %x1 = sg.broadcast %x [0] : tensor<4xf32> -> tensor<4x1xf32>
  // expected-remark @+1 {{positive}}
  %sm1 = sg.softmax %x1 : tensor<4x1xf32>
  // Shape ops keep the domain of what they move; a concatenation has the
  // weakest of its operands'; a mean lies in any interval that holds the
  // elements.
  // expected-remark @+1 {{probability}}
  %rs = sg.reshape %b : tensor<3x4xf32> -> tensor<12xf32>
  // expected-remark @+1 {{probability}}
  %sl = sg.slice %b [1, 0] : tensor<3x4xf32> -> tensor<2x4xf32>
  // expected-remark @+1 {{probability}}
  %cpp = sg.concat %p, %p axis 0 : tensor<4xf32>, tensor<4xf32>
  // expected-remark @+1 {{positive}}
  %cpe = sg.concat %p, %e axis 0 : tensor<4xf32>, tensor<4xf32>
  // expected-remark @+1 {{real}}
  %cpx = sg.concat %e, %x axis 0 : tensor<4xf32>, tensor<4xf32>
  // expected-remark @+1 {{probability}}
  %mp = sg.mean %b [0] : tensor<3x4xf32>
  // expected-remark @+1 {{positive}}
  %me = sg.mean %e [0] : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %mx = sg.mean %x [0] : tensor<4xf32>
  // Samples: nothing known about their values.
  // expected-remark @+1 {{real}}
  %g = sg.normal %x, %e : tensor<4xf32>
  // expected-remark @+1 {{real}}
  %kl = sg.mvn_kl %x, %e : tensor<4xf32>
  sg.cost %kl : tensor<f32>
}
