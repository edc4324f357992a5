// Tests `sgc verify --split input|relu|auto` (relu splits carried into the
// bounds, beta-CROWN style; docs/verify.md): on y = relu(x) - relu(-x) = x
// over [-0.5, 1], CROWN alone shows only y >= -1, so y <= -0.6 needs a
// split. One worker thread: the counts are deterministic.

// RUN: sgc import-nnet %S/Inputs/identity.nnet -o %t.mlir

// Relu splits without --alpha-steps: the split units are clamped in the
// bounds, and once both relus are split the network is affine on each
// sub-problem and the multipliers of its small dual LP (stableDomainBounds)
// refute it, including x >= 0 and -x >= 0 (only x = 0).
// RUN: sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split relu --threads 1 2>&1 | FileCheck %s --check-prefix=RELU
// RELU: crown bounds, relu splits, time limit 116 s
// RELU: of the sub-problems (halved per split) proven
// RELU: {{^unsat$}}
// RELU-NEXT: {{^  [0-9.]+ s, 7 boxes bounded$}}
// RELU-NEXT: {{^  0 input splits, 2 relu splits$}}

// With optimized multipliers one relu split decides it: on x >= 0 the
// Lagrangian y - beta x reaches the relaxation's optimum.
// RUN: sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split relu --alpha-steps 10 --threads 1 2>&1 | FileCheck %s --check-prefix=BETA
// BETA: crown with optimized slopes (10 steps) bounds, relu splits
// BETA: {{^unsat$}}
// BETA-NEXT: {{^  [0-9.]+ s, 5 boxes bounded$}}
// BETA-NEXT: {{^  0 input splits, 1 relu splits$}}

// auto bounds the input split and the best relu splits and keeps the
// best; here the input split.
// RUN: sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split auto --threads 1 2>&1 | FileCheck %s --check-prefix=AUTO
// AUTO: crown bounds, input or relu splits, time limit 116 s
// AUTO: {{^unsat$}}
// AUTO-NEXT: {{^  [0-9.]+ s, 7 boxes bounded$}}
// AUTO-NEXT: {{^  1 input splits, 0 relu splits$}}

// --split input (the default) prints no split counts.
// RUN: sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split input --threads 1 --quiet | FileCheck %s --check-prefix=INPUT
// INPUT: {{^unsat$}}
// INPUT-NEXT: {{^  [0-9.]+ s, 3 boxes bounded$}}
// INPUT-NOT: splits

// Counterexamples are still found and confirmed.
// RUN: sgc import-nnet %S/Inputs/absdiff.nnet -o %t.absdiff.mlir
// RUN: sgc verify %t.absdiff.mlir --property %S/Inputs/reaches.vnnlib --split relu --alpha-steps 5 --quiet | FileCheck %s --check-prefix=SAT
// SAT: {{^sat$}}
// SAT: confirmed by the compiled network

// Combinations that would do nothing or make no sense are refused.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split relu --method ibp 2>&1 | FileCheck %s --check-prefix=IBP
// IBP: sgc verify: --split relu carries relu splits into CROWN's relaxations; --method ibp has none
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split auto --branching coefficient 2>&1 | FileCheck %s --check-prefix=COEFF
// COEFF: sgc verify: --split auto compares bounded splits; it needs --branching strong
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --relu-candidates 2 2>&1 | FileCheck %s --check-prefix=CAND
// CAND: sgc verify: --relu-candidates needs --split relu or --split auto
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split auto --relu-candidates 0 2>&1 | FileCheck %s --check-prefix=CANDRANGE
// CANDRANGE: sgc verify: --relu-candidates needs a number in 1..64
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split relu --branching coefficient --relu-candidates 2 2>&1 | FileCheck %s --check-prefix=CANDCOEF
// CANDCOEF: sgc verify: --relu-candidates compares bounded splits; it needs --branching strong
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split relu --find-region --around 0.5 2>&1 | FileCheck %s --check-prefix=REGION
// REGION: sgc verify: --split chooses the splits of deciding the property; --find-region certifies boxes by input splits only
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/identity-below.vnnlib --split sideways 2>&1 | FileCheck %s --check-prefix=BADVALUE
// BADVALUE: Cannot find option named 'sideways'!
