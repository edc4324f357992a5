// RUN: sg-opt %s -split-input-file -verify-diagnostics --sg-lint

// Regression test: the positivity of a splat constant is read off its one
// value. The analysis once walked all 10^10 elements of this splat (sg-lint,
// and so sgc, hung); now the cost does not depend on the tensor's size.
sg.graph @huge(%x: tensor<100000x100000xf32> {sg.param}) {
  %c = sg.constant dense<2.0> : tensor<100000x100000xf32>
  %e = sg.exp %x : tensor<100000x100000xf32>
  %m = sg.mul %c, %e : tensor<100000x100000xf32>
  %l = sg.log %m : tensor<100000x100000xf32>
  %s = sg.sum %l : tensor<100000x100000xf32>
  sg.cost %s : tensor<f32>
}

// -----

// A negative splat is not positive: sg-lint warns.
sg.graph @negative(%x: tensor<100000x100000xf32> {sg.param}) {
  %c = sg.constant dense<-2.0> : tensor<100000x100000xf32>
  %e = sg.exp %x : tensor<100000x100000xf32>
  %m = sg.mul %c, %e : tensor<100000x100000xf32>
  // expected-warning @+1 {{the argument of log is not positive by construction}}
  %l = sg.log %m : tensor<100000x100000xf32>
  %s = sg.sum %l : tensor<100000x100000xf32>
  sg.cost %s : tensor<f32>
}
