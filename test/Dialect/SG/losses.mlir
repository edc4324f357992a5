// RUN: sg-opt %s | FileCheck %s
// RUN: sg-opt %s --mlir-print-op-generic | sg-opt | FileCheck %s

// Tests the scalar-valued losses and divergences; results are 0-d tensors.
// CHECK-LABEL: sg.graph @losses(
sg.graph @losses(%mu: tensor<6x2xf32> {sg.param}, %sigma: tensor<6x2xf32> {sg.param},
                 %z: tensor<6x2xf32> {sg.input}, %p: tensor<6x2xf32> {sg.param},
                 %t: tensor<6x2xf32> {sg.input}) {
  // CHECK: sg.mvn_kl %mu, %sigma : tensor<6x2xf32>
  %kl = sg.mvn_kl %mu, %sigma : tensor<6x2xf32>
  // CHECK: sg.mvn_empirical_kl %mu, %sigma, %z : tensor<6x2xf32>
  %ekl = sg.mvn_empirical_kl %mu, %sigma, %z : tensor<6x2xf32>
  // CHECK: sg.normal_logpdf %z, %mu, %sigma : tensor<6x2xf32>
  %lp = sg.normal_logpdf %z, %mu, %sigma : tensor<6x2xf32>
  // CHECK: sg.bernoulli_neglogpdf %p, %t : tensor<6x2xf32>
  %nll = sg.bernoulli_neglogpdf %p, %t : tensor<6x2xf32>
  // CHECK: sg.softmax_cross_entropy %p, %t : tensor<6x2xf32>
  %ce = sg.softmax_cross_entropy %p, %t : tensor<6x2xf32>
  // CHECK: sg.cost %{{.*}} : tensor<f32>
  sg.cost %kl : tensor<f32>
  sg.cost %ekl : tensor<f32>
  sg.cost %lp : tensor<f32>
  sg.cost %nll : tensor<f32>
  sg.cost %ce : tensor<f32>
}
