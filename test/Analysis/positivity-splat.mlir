// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-lint --test-sg-positivity

// Regression test: the positivity of a splat constant is read off its one
// value. The analysis once walked all 10^10 elements of this splat (sg-lint
// and so sgc hung); now the cost does not depend on the tensor's size.
sg.graph @huge(%x: tensor<100000x100000xf32> {sg.param}) {
  // expected-remark @+1 {{positive}}
  %c = sg.constant dense<2.0> : tensor<100000x100000xf32>
  // expected-remark @+1 {{positive}}
  %e = sg.exp %x : tensor<100000x100000xf32>
  // expected-remark @+1 {{positive}}
  %m = sg.mul %c, %e : tensor<100000x100000xf32>
  // expected-remark @+1 {{real}}
  %l = sg.log %m : tensor<100000x100000xf32>
  // expected-remark @+1 {{real}}
  %s = sg.sum %l : tensor<100000x100000xf32>
  sg.cost %s : tensor<f32>
}

// -----

// A negative splat is not positive: sg-lint warns.
sg.graph @negative(%x: tensor<100000x100000xf32> {sg.param}) {
  // expected-remark @+1 {{real}}
  %c = sg.constant dense<-2.0> : tensor<100000x100000xf32>
  // expected-remark @+1 {{real}}
  %a = sg.add %c, %x : tensor<100000x100000xf32>
  // expected-warning @+2 {{the argument of log is not positive by construction}}
  // expected-remark @+1 {{real}}
  %l = sg.log %a : tensor<100000x100000xf32>
  // expected-remark @+1 {{real}}
  %s = sg.sum %l : tensor<100000x100000xf32>
  sg.cost %s : tensor<f32>
}
