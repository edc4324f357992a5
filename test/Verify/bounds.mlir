// Tests sg-bounds: sound bounds of every layer of a network graph over an
// input box, by intervals (ibp) and by linear relaxations (crown).

// RUN: sg-opt %s --split-input-file --sg-bounds="method=ibp lower=0,0 upper=1,1" | FileCheck %s --check-prefix=IBP
// RUN: sg-opt %s --split-input-file --sg-bounds="method=crown lower=0,0 upper=1,1" | FileCheck %s --check-prefix=CROWN
// RUN: sg-opt %s --split-input-file --sg-bounds="lower=0.5,-0.5 upper=1,-0.25" | FileCheck %s --check-prefix=STABLE

// y = relu(x0 - x1 + 0.5) + relu(x1 - x0): on the unit square its range is
// [0.5, 1.5]. Intervals lose the correlation of the two units and give
// [0, 2.5]; CROWN keeps part of it.
sg.graph @net(%x: tensor<1x2xf64> {sg.input}) {
  %w = sg.constant dense<[[1.0, -1.0], [-1.0, 1.0]]> : tensor<2x2xf64>
  %a = sg.matmul %x, %w : tensor<1x2xf64>, tensor<2x2xf64>
  %b = sg.constant dense<[0.5, 0.0]> : tensor<2xf64>
  %h = sg.bias_add %a, %b : tensor<1x2xf64>, tensor<2xf64>
  %r = sg.relu %h : tensor<1x2xf64>
  %v = sg.constant dense<1.0> : tensor<2x1xf64>
  %y = sg.matmul %r, %v : tensor<1x2xf64>, tensor<2x1xf64>
  sg.output %y : tensor<1x1xf64>
}
// The bias folds into the layer of the matmul: sg.bias_add ends it.
// IBP: sg.matmul %x
// IBP-NOT: sg.lower
// Bounds are rounded outward by a few ulps: each pattern checks the value to
// 12 digits and lets the margin's digits follow.
// IBP: sg.bias_add {{.*}} {sg.lower = array<f64: -0.500000000000{{[0-9]*}}, -1.000000000000{{[0-9]*}}>, sg.upper = array<f64: 1.500000000000{{[0-9]*}}, 1.000000000000{{[0-9]*}}>}
// IBP: sg.relu {{.*}} {sg.lower = array<f64: 0.000000e+00, 0.000000e+00>, sg.unstable = 2 : i64, sg.upper = array<f64: 1.500000000000{{[0-9]*}}, 1.000000000000{{[0-9]*}}>}
// IBP: sg.matmul {{.*}} {sg.lower = array<f64: -{{[0-9.]+}}E-15>, sg.upper = array<f64: 2.500000000000{{[0-9]*}}>}
// Here the relaxation is exact: [0.5, 1.5] up to the rounding margins.
// CROWN: sg.matmul {{.*}} {sg.lower = array<f64: 0.4999999{{[0-9]*}}>, sg.upper = array<f64: 1.5000000{{[0-9]*}}>}
// A box on which both units keep their sign: no kink, exact bounds
// (x0 - x1 + 0.5 in [1.25, 2], x1 - x0 < 0).
// STABLE: sg.relu {{.*}} sg.unstable = 0 : i64
// STABLE: sg.matmul {{.*}} {sg.lower = array<f64: 1.2499999{{[0-9]*}}>, sg.upper = array<f64: 2.0000000{{[0-9]*}}>}

// -----

// Every supported op: add/sub/scale/neg are affine layers; tanh, sigmoid and
// softplus are relaxed too.
sg.graph @ops(%x: tensor<1x2xf64> {sg.input}) {
  %c = sg.constant dense<[[1.0, 2.0]]> : tensor<1x2xf64>
  %a = sg.add %x, %c : tensor<1x2xf64>
  %s = sg.sub %c, %a : tensor<1x2xf64>
  %t = sg.tanh %s : tensor<1x2xf64>
  %k = sg.scale %t, 2.0 : tensor<1x2xf64>
  %n = sg.neg %k : tensor<1x2xf64>
  %g = sg.sigmoid %n : tensor<1x2xf64>
  %p = sg.softplus %g : tensor<1x2xf64>
  sg.output %p : tensor<1x2xf64>
}
// c - (x + c) = -x in [-1, 0]; tanh in [tanh(-1), 0]; ...
// IBP-LABEL: sg.graph @ops
// IBP: sg.sub {{.*}}{sg.lower = array<f64: -1.000000000000{{[0-9]*}}, -1.000000000000{{[0-9]*}}>
// IBP: sg.tanh {{.*}}{sg.lower = array<f64: -0.76159415{{[0-9]*}}, -0.76159415{{[0-9]*}}>
// IBP: sg.softplus {{.*}}{sg.lower = array<f64: 0.97407698{{[0-9]*}}, 0.97407698{{[0-9]*}}>

// -----

// Bad input: a located error, never a crash.
// RUN: sg-opt %S/Inputs/bounds-bad.mlir --split-input-file --verify-diagnostics --sg-bounds="lower=0 upper=1"
