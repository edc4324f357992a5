// RUN: sg-opt %s -verify-diagnostics --sg-set-precision=precision=f64

// A dense_resource whose blob is not in the file cannot be converted: a
// located error, not a crash.
sg.graph @elided(%x: tensor<2xf32> {sg.param}) {
  // expected-error @+1 {{sg-set-precision: cannot convert this constant to 'f64': its values are not available}}
  %c = sg.constant dense_resource<__elided__> : tensor<2xf32>
  %m = sg.mul %x, %c : tensor<2xf32>
  %s = sg.sum %m : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
