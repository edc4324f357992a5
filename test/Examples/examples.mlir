// Tests that the hand-written Certigrad VAE parses, verifies and round-trips
// (custom form, and through the generic form).
// RUN: sg-opt %sg_src_root/examples/vae/vae.mlir | FileCheck %s
// RUN: sg-opt %sg_src_root/examples/vae/vae.mlir --mlir-print-op-generic | sg-opt | FileCheck %s
// RUN: sg-opt %sg_src_root/examples/tiny/tiny.mlir | FileCheck %s --check-prefix=TINY

// TINY: sg.graph @tiny(
// TINY: sg.normal
// TINY: sg.cost

// CHECK-LABEL: sg.graph @vae(%x: tensor<250x784xf32> {sg.input}, %W1: tensor<784x1000xf32> {sg.param}
// CHECK-SAME: %Wp: tensor<1000x784xf32> {sg.param})
// CHECK-COUNT-2: sg.softplus
// CHECK: %[[MU:.+]] = sg.matmul %{{.*}}, %Wmu : tensor<250x1000xf32>, tensor<1000x30xf32>
// CHECK: %[[LV:.+]] = sg.matmul %{{.*}}, %Wlv : tensor<250x1000xf32>, tensor<1000x30xf32>
// CHECK: %[[V:.+]] = sg.exp %[[LV]]
// CHECK: %[[SIGMA:.+]] = sg.sqrt %[[V]]
// CHECK: %[[Z:.+]] = sg.normal %[[MU]], %[[SIGMA]] : tensor<250x30xf32>
// CHECK: %[[EKL:.+]] = sg.mvn_empirical_kl %[[MU]], %[[SIGMA]], %[[Z]]
// CHECK: sg.cost %[[EKL]] : tensor<f32>
// CHECK: sg.matmul %[[Z]], %Wd1
// CHECK: %[[P:.+]] = sg.sigmoid
// CHECK: %[[NLL:.+]] = sg.bernoulli_neglogpdf %[[P]], %x : tensor<250x784xf32>
// CHECK: sg.cost %[[NLL]] : tensor<f32>
