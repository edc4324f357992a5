// Tests `sgc verify`: unsat / sat (confirmed by the compiled network) /
// unknown answers, region finding with its kink report, and located errors
// for bad input.

// RUN: sgc import-nnet %S/Inputs/absdiff.nnet -o %t.mlir

// |x0 - x1| >= 0 everywhere: the unsafe output y <= -0.1 is unreachable.
// RUN: sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib 2> %t.progress | FileCheck %s --check-prefix=UNSAT
// UNSAT: unsat
// UNSAT-NEXT: {{[0-9.]+}} s, {{[0-9]+}} boxes bounded
// RUN: FileCheck %s --check-prefix=PROGRESS < %t.progress
// PROGRESS: sgc verify: @absdiff (2 inputs, 3 layers, 2 relus), {{.*}}nonnegative.vnnlib (1 input regions), crown bounds, time limit 116 s
// PROGRESS: boxes bounded, 0 pending, 100.0000% of the input volume proven

// Intervals alone prove it too.
// RUN: sgc verify %t.mlir --property %S/Inputs/nonnegative.vnnlib --method ibp --quiet | FileCheck %s --check-prefix=UNSAT

// y >= 1.5 near the corners: sat, and the compiled network agrees.
// RUN: sgc verify %t.mlir --property %S/Inputs/reaches.vnnlib --quiet | FileCheck %s --check-prefix=SAT
// SAT: sat
// SAT-NEXT: x = [
// SAT-NEXT: y = [
// SAT-NEXT: confirmed by the compiled network ({{.*}}, f64)

// A time limit too short to bound a single box: unknown.
// RUN: sgc verify %t.mlir --property %S/Inputs/small.vnnlib --timeout 1e-9 --no-confirm --quiet | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: {{^(unknown|sat)$}}

// The largest box around (0.5, -0.5) where |x0 - x1| > 0.2: x0 >= 0.1,
// x1 <= -0.1 (to the bounds' precision), with no relu changing sign.
// RUN: sgc verify %t.mlir --property %S/Inputs/small.vnnlib --find-region --around 0.5,-0.5 | FileCheck %s --check-prefix=REGION
// REGION: region: the property holds on this box around the point
// REGION-NEXT: X_0 in [0.1000{{[0-9]*}}, 1]
// REGION-NEXT: X_1 in [-1, -0.1000{{[0-9]*}}]
// REGION-NEXT: log-volume -0.21{{[0-9]*}} (the property's input region: 1.386{{[0-9]*}}; fraction 0.2
// REGION-NEXT: kinks: none; all 2 relus keep their sign on the box, so the network is affine there and automatic differentiation is exact throughout
// REGION-NEXT: activation-pattern box (the largest box on which every relu keeps its sign at the point and the property holds)

// Around a point on the diagonal the property fails at the point itself.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --find-region --around 0.3,0.3 2>&1 | FileCheck %s --check-prefix=NOREGION
// NOREGION: sgc verify: error: no region around the point: the property does not hold at the point itself

// Bad input.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/bad.vnnlib 2>&1 | FileCheck %s --check-prefix=BADPROP
// BADPROP: bad.vnnlib:8:13: error: undeclared variable 'Y_7'
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/three-inputs.vnnlib 2>&1 | FileCheck %s --check-prefix=SIZES
// SIZES: three-inputs.vnnlib: error: the property has 3 inputs and 1 outputs, the network @absdiff 2 and 1
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %S/Inputs/bounds-bad.mlir --property %S/Inputs/small.vnnlib 2>&1 | FileCheck %s --check-prefix=GRAPH
// GRAPH: bounds-bad.mlir:2:1: error: bound analysis needs the weights as constants
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir 2>&1 | FileCheck %s --check-prefix=NOPROP
// NOPROP: for the --property option: must be specified at least once
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --timeout -3 2>&1 | FileCheck %s --check-prefix=TIMEOUT
// TIMEOUT: sgc verify: --timeout needs a positive number
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.mlir --property %S/Inputs/small.vnnlib --find-region --around 1,2,3 2>&1 | FileCheck %s --check-prefix=AROUND
// AROUND: sgc verify: --around has 3 numbers for 2 inputs
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc verify %t.missing.mlir --property %S/Inputs/small.vnnlib 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sgc: error: cannot open input file

// An empty input region: the property holds vacuously, said distinctly
// (not a plain `unsat`) with its own exit status.
// RUN: %python %S/../Tools/expect-exit.py 3 -- sgc verify %t.mlir --property %S/Inputs/empty-region.vnnlib --quiet | FileCheck %s --check-prefix=VACUOUS
// VACUOUS: vacuous
// VACUOUS-NEXT: the property's input region is empty
