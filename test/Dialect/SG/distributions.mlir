// RUN: sg-opt %s | FileCheck %s
// RUN: sg-opt %s --mlir-print-op-generic | sg-opt | FileCheck %s
// RUN: sg-opt %s --cse --canonicalize | FileCheck %s --check-prefix=OPT

// Tests the three distributions and that samples are ordinary SSA values.
// CHECK-LABEL: sg.graph @samples(
sg.graph @samples(%mu: tensor<3x2xf32> {sg.param}, %sigma: tensor<3x2xf32> {sg.param},
                  %logits: tensor<3x2xf32> {sg.param}) {
  // CHECK: %[[Z:.+]] = sg.normal %mu, %sigma : tensor<3x2xf32>
  %z = sg.normal %mu, %sigma : tensor<3x2xf32>
  // CHECK: sg.std_normal : tensor<3x2xf32>
  %eps = sg.std_normal : tensor<3x2xf32>
  %p = sg.sigmoid %logits : tensor<3x2xf32>
  // CHECK: sg.bernoulli %{{.*}} : tensor<3x2xf32>
  %b = sg.bernoulli %p : tensor<3x2xf32>
  %zb = sg.mul %z, %b : tensor<3x2xf32>
  %all = sg.add %zb, %eps : tensor<3x2xf32>
  %s = sg.sum %all : tensor<3x2xf32>
  sg.cost %s : tensor<f32>
}

// Tests that two samples with the same parameters stay two samples under CSE
// (they are independent random values), while identical deterministic ops
// are merged, and that an unused sample is not deleted (it draws from the
// random stream).
// OPT-LABEL: sg.graph @independent(
// OPT: sg.normal %mu, %sigma
// OPT: sg.normal %mu, %sigma
// OPT: sg.std_normal
// OPT-COUNT-1: sg.exp
// OPT-NOT: sg.exp
sg.graph @independent(%mu: tensor<2xf32> {sg.param}, %sigma: tensor<2xf32> {sg.param}) {
  %z1 = sg.normal %mu, %sigma : tensor<2xf32>
  %z2 = sg.normal %mu, %sigma : tensor<2xf32>
  %unused = sg.std_normal : tensor<2xf32>
  %e1 = sg.exp %mu : tensor<2xf32>
  %e2 = sg.exp %mu : tensor<2xf32>
  %a = sg.add %z1, %z2 : tensor<2xf32>
  %b = sg.add %e1, %e2 : tensor<2xf32>
  %c = sg.add %a, %b : tensor<2xf32>
  %s = sg.sum %c : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
