// Tests `sgc check`: the unit checks of ML code on a model, a report line
// per check, and the exit code.

// RUN: sgc check %sg_src_root/examples/tiny/tiny.mlir --samples 500 | FileCheck %s
// CHECK: PASS @tiny: the loss is finite and non-zero
// CHECK: PASS @tiny: one Adam step changes every parameter
// CHECK: PASS @tiny: the inputs never change
// CHECK: PASS @tiny: the gradient matches finite differences (f64): 8 elements, worst relative error {{.*}} (bound 1e-5)
// CHECK: PASS @tiny: reparameterized and score-function gradients agree: 8 components, 500 estimates each, max |z| = {{.*}} (bound 5
// CHECK: PASS @tiny: the mean gradient matches finite differences of E[loss]: d/d%w[0]: {{.*}}, {{[0-9]+}} draws sized by a 500-draw pilot: detects a bias >= {{[0-9.e+-]+}} at 5 sigma
// CHECK: SKIP @tiny: no evaluation lands on a kink: no op with a kink
// CHECK: sgc check: 6 passed, 0 failed, 1 skipped

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %S/Inputs/check-bad.mlir > %t.bad.txt
// RUN: FileCheck %s --check-prefix=BAD < %t.bad.txt
// BAD: FAIL @bad: the loss is finite and non-zero: the loss is 0
// BAD: FAIL @bad: one Adam step changes every parameter: unchanged: %l %unused
// BAD: PASS @bad: the inputs never change
// BAD: SKIP @bad: reparameterized and score-function gradients agree: no Gaussian sample
// BAD: SKIP @bad: the mean gradient matches finite differences of E[loss]: no sample
// BAD: sgc check: {{[0-9]+}} passed, 2 failed, 3 skipped

// A Bernoulli model: finite differences do not apply to score terms.
// RUN: sgc check %sg_src_root/test/e2e/estimators.mlir --samples 200 | FileCheck %s --check-prefix=SCORE
// SCORE: SKIP @bern: the gradient matches finite differences (f64): score-function terms
// SCORE: PASS @bern: the mean gradient matches finite differences of E[loss]
// SCORE: sgc check: {{[0-9]+}} passed, 0 failed

// Any estimator sgc compiles: a moving-average baseline (issue 14: check
// rejected it), the score terms kept (no enumeration), both value spellings.
// RUN: sgc check %sg_src_root/test/e2e/estimators.mlir --samples 200 --baseline=moving-average --baseline-decay 0.5 --no-enumerate | FileCheck %s --check-prefix=BASELINE
// BASELINE: PASS @bern: the mean gradient matches finite differences of E[loss]: d/d%theta[0]: {{.*}} draws sized by a 200-draw pilot: detects a bias >=
// BASELINE: PASS @cat: the mean gradient matches finite differences of E[loss]
// BASELINE: sgc check: {{[0-9]+}} passed, 0 failed
// A bad estimator option is sgc's error, reported once.
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %sg_src_root/examples/tiny/tiny.mlir --baseline=bogus 2>&1 | FileCheck %s --check-prefix=BADBASE
// BADBASE: sgc: for the --baseline option: Cannot find option named 'bogus'!
// BADBASE-NOT: --baseline option
// BADBASE: sgc check: compiling f32 failed

// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %t.missing.mlir 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: sgc check: cannot open input file
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check 2>&1 | FileCheck %s --check-prefix=NOMODEL
// NOMODEL: Not enough positional command line arguments specified

// A model evaluated exactly at a kink: a note, not a failure.
// RUN: sgc check %S/Inputs/kink.mlir --samples 50 | FileCheck %s --check-prefix=KINK
// KINK: NOTE @k: no evaluation lands on a kink: the gradient may be a subderivative, not the derivative: 3 at sg.relu at {{.*}}kink.mlir:5:8;
// KINK: sgc check: {{[0-9]+}} passed, 0 failed

// Inputs from a data file instead of random values (the test labels, as
// bytes / 256: the first pixels of the images are all 0, which would leave
// %w without gradient — a real finding, but not this test's subject).
// RUN: sgc check %sg_src_root/examples/tiny/tiny.mlir --samples 100 --data /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz | FileCheck %s --check-prefix=DATA
// DATA: sgc check {{.*}}tiny.mlir (inputs: /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz)
// DATA: sgc check: 6 passed, 0 failed, 1 skipped
// RUN: %python %S/../Tools/expect-exit.py 1 -- sgc check %sg_src_root/examples/tiny/tiny.mlir --data %t.nodata 2>&1 | FileCheck %s --check-prefix=NODATA
// NODATA: sgc check: {{.*}}nodata: cannot open: No such file or directory
