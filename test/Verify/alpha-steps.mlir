// Tests `sgc verify --alpha-steps N` (alpha-CROWN: relu lower slopes
// optimized by gradient ascent where CROWN does not refute a box): the
// progress line names it, answers stay right, bad values are refused
// (ACAS Xu: alpha-steps-acasxu.mlir).

// RUN: sgc import-nnet %S/Inputs/absdiff.nnet -o %t.mlir

// RUN: sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib --alpha-steps 10 2> %t.progress | FileCheck %s --check-prefix=UNSAT
// UNSAT: {{^unsat$}}
// RUN: FileCheck %s --check-prefix=PROGRESS < %t.progress
// PROGRESS: sgc verify: @absdiff (2 inputs, 3 layers, 2 relus), {{.*}}nonnegative.vnnlib (1 input regions), crown with optimized slopes (10 steps) bounds, time limit 116 s

// Counterexamples are still found (and confirmed) with optimized bounds.
// RUN: sgc verify %t.mlir --property %S/Inputs/reaches.vnnlib --alpha-steps 10 --quiet | FileCheck %s --check-prefix=SAT
// SAT: {{^sat$}}
// SAT-NEXT: x = [
// SAT-NEXT: y = [
// SAT-NEXT: confirmed by the compiled network

// With interval bounds there are no slopes to optimize: refused, as the
// slope options without --alpha-steps.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib --method ibp --alpha-steps 10 2>&1 | FileCheck %s --check-prefix=IBP
// IBP: sgc verify: --alpha-steps optimizes CROWN's relu slopes; --method ibp has none
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib --alpha-depth 3 2>&1 | FileCheck %s --check-prefix=NOSTEPS
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib --alpha-steps 0 --alpha-after 1 2>&1 | FileCheck %s --check-prefix=NOSTEPS
// NOSTEPS: sgc verify: --alpha-depth and --alpha-after need --alpha-steps N with N > 0

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --alpha-steps 1001 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --alpha-steps -1 2>&1 | FileCheck %s --check-prefix=RANGE
// RANGE: sgc verify: --alpha-steps needs a number in 0..1000

// --alpha-depth: the relu inputs' bounds optimized too, on boxes up to that
// depth.
// RUN: sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib --alpha-steps 5 --alpha-depth 3 2>&1 | FileCheck %s --check-prefix=DEPTH
// DEPTH: crown with optimized slopes (5 steps, intermediate bounds to depth 3) bounds
// DEPTH: {{^unsat$}}
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --alpha-steps 5 --alpha-depth 65 2>&1 | FileCheck %s --check-prefix=DEPTHRANGE
// DEPTHRANGE: sgc verify: --alpha-depth needs a number in -1..64

// --alpha-after: CROWN alone first, optimized slopes only if that does not
// decide (here it does).
// RUN: sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib --alpha-steps 5 --alpha-depth 0 --alpha-after 2 2>&1 | FileCheck %s --check-prefix=AFTER
// AFTER: crown with optimized slopes (5 steps, intermediate bounds to depth 0, after 2 s of crown alone) bounds
// AFTER: {{^unsat$}}
// An --alpha-after not below the time limit leaves CROWN alone for all of it.
// RUN: sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib --alpha-steps 5 --alpha-after 3 --timeout 3 2>&1 | FileCheck %s --check-prefix=AFTERLIMIT
// AFTERLIMIT: crown alone (--alpha-after is not below the time limit) bounds, time limit 3 s
// AFTERLIMIT: {{^unsat$}}
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --alpha-steps 5 --alpha-after -1 2>&1 | FileCheck %s --check-prefix=AFTERBAD
// AFTERBAD: sgc verify: --alpha-after needs a number >= 0
