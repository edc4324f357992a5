// RUN: sg-opt %s -verify-diagnostics --test-sg-sample-dependence

// Tests the samples every value depends on (by source line) and the costs
// downstream of every sample.
sg.graph @samples(%mu: tensor<3xf32> {sg.param}, %sigma: tensor<3xf32> {sg.param}) {
  // expected-remark @+1 {{samples: none}}
  %e = sg.exp %sigma : tensor<3xf32>
  // expected-remark @+1 {{samples: 9; costs: 16, 19}}
  %z1 = sg.normal %mu, %e : tensor<3xf32>
  // expected-remark @+1 {{samples: 9, 11; costs: 16}}
  %z2 = sg.normal %z1, %e : tensor<3xf32>
  // expected-remark @+1 {{samples: 13; costs: none}}
  %z3 = sg.std_normal : tensor<3xf32>
  // expected-remark @+1 {{samples: 9, 11}}
  %s2 = sg.sum %z2 : tensor<3xf32>
  sg.cost %s2 : tensor<f32>
  // expected-remark @+1 {{samples: 9}}
  %s1 = sg.sum %z1 : tensor<3xf32>
  sg.cost %s1 : tensor<f32>
}
