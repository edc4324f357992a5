// Tests `sgc verify --find-region`: the greedy box, the largest box of the
// point's activation pattern (log-volume optimized, then certified), and the
// region grown from it, with their log-volumes; and bad input.

// RUN: sgc import-nnet %S/Inputs/absdiff.nnet -o %t.mlir

// absdiff computes |x0 - x1| = relu(x0 - x1) + relu(x1 - x0); the property
// (small.vnnlib) holds where |x0 - x1| > 0.2. At (0.5, -0.5) the pattern is
// x0 >= x1 and the output x0 - x1, so the pattern box maximizes
// (1 - l0)(u1 + 1) subject to l0 - u1 >= 0.2: l0 = 0.1, u1 = -0.1, volume
// 0.81 (log -0.2107). No box reaches further: the region is the same box.
// RUN: sgc verify %t.mlir --property %S/Inputs/small.vnnlib --find-region --around 0.5,-0.5 | FileCheck %s --check-prefix=ABS
// ABS: region: the property holds on this box around the point
// ABS-NEXT: X_0 in [0.1000000{{[0-9]*}}, 1]
// ABS-NEXT: X_1 in [-1, -0.1000000{{[0-9]*}}]
// ABS-NEXT: log-volume -0.21072{{[0-9]*}} (the property's input region: 1.38629{{[0-9]*}}; fraction 0.202)
// ABS-NEXT: kinks: none
// ABS-NEXT: activation-pattern box (the largest box on which every relu keeps its sign at the point and the property holds): log-volume -0.21072
// ABS-NEXT: optimum -0.21072{{[0-9]*}} after {{[0-9]+}} Newton steps, certified after shrinking by 1 (ends within 1e-7 of the limit moved onto it)
// ABS-NEXT: X_0 in [0.1000000{{[0-9]*}}, 1]
// ABS-NEXT: X_1 in [-1, -0.1000000{{[0-9]*}}]
// ABS-NEXT: beyond the pattern: log-volume -0.21072{{[0-9]*}} after 0 accepted rounds of the same program on CROWN's linear bounds, -0.21072{{[0-9]*}} after growing side by side
// ABS-NEXT: greedy box (grown from the point): log-volume -0.21072
// ABS-NEXT: X_0 in [0.1000{{[0-9]*}}, 1]
// ABS-NEXT: X_1 in [-1, -0.1000{{[0-9]*}}]
// ABS-NEXT: gain over the greedy box: {{[-+]}}{{[0-9.e-]+}} in log-volume (volume x1)

// Near the diagonal's other side the optimum is the mirror image; without
// the greedy comparison and with bounds alone (no splitting).
// RUN: sgc verify %t.mlir --property %S/Inputs/small.vnnlib --find-region --around -0.6,0.4 --no-greedy-region --region-boxes 1 | FileCheck %s --check-prefix=MIRROR
// MIRROR: X_0 in [-1, -0.1000000{{[0-9]*}}]
// MIRROR-NEXT: X_1 in [0.1000000{{[0-9]*}}, 1]
// MIRROR: activation-pattern box {{.*}}: log-volume -0.21072
// MIRROR-NOT: greedy box

// A tanh network has no activation pattern: the region grows from the point
// and the report says why there is no pattern box (tanh(x) > -0.5 holds for
// x > -0.549).
// RUN: sgc verify %s --property %S/Inputs/tanh-above.vnnlib --find-region --around 0.5 | FileCheck %s --check-prefix=TANH
// TANH: region: the property holds on this box around the point
// TANH-NEXT: X_0 in [-0.549{{[0-9]*}}, 1]
// TANH: activation-pattern box: none (the activation pattern needs a network of affine layers and relus; layer 1 is tanh); the region grew from the point
// TANH-NEXT: beyond the pattern:
// TANH-NEXT: greedy box (grown from the point): log-volume 0.43{{[0-9]*}}
sg.graph @squash(%x: tensor<1x1xf64> {sg.input}) {
  %w = sg.constant dense<1.0> : tensor<1x1xf64>
  %a = sg.matmul %x, %w : tensor<1x1xf64>, tensor<1x1xf64>
  %t = sg.tanh %a : tensor<1x1xf64>
  sg.output %t : tensor<1x1xf64>
}

// Bad input: located or named errors, exit status 1, never a crash.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --find-region --around 1.5,0 2>&1 | FileCheck %s --check-prefix=OUTSIDE
// OUTSIDE: sgc verify: error: no region around the point: the point is outside the property's input region
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --find-region --around 0.5,-0.5 --region-boxes 0 2>&1 | FileCheck %s --check-prefix=BOXES
// BOXES: sgc verify: --region-boxes needs a number in 1..1000000
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --no-greedy-region 2>&1 | FileCheck %s --check-prefix=ALONE
// ALONE: sgc verify: --no-greedy-region and --region-boxes go with --find-region
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --find-region --around 0.5,nan 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: sgc verify: --around needs comma-separated numbers
