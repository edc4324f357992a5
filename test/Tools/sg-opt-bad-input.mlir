// Tests that sg-opt answers bad input with a located diagnostic and exit
// code 1, never with a crash.

// Garbage bytes.
// RUN: printf '\000\377\376 sg.graph @g(x garbage' > %t.garbage
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t.garbage 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: garbage:1:{{[0-9]+}}: error:

// A missing file.
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t.does-not-exist 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: cannot open input file '{{.*}}does-not-exist': No such file or directory

// An unknown flag.
// RUN: %python %S/expect-exit.py 1 -- sg-opt --no-such-flag %s 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: Unknown command line argument '--no-such-flag'

// An unknown op in this very file (the rest is a valid graph).
// RUN: %python %S/expect-exit.py 1 -- sg-opt %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: sg-opt-bad-input.mlir:[[# @LINE + 3]]:8: error: custom op 'sg.frobnicate' is unknown
sg.graph @g(%w: tensor<2xf32> {sg.param}) {
  %e = sg.exp %w : tensor<2xf32>
  %f = sg.frobnicate %e : tensor<2xf32>
  %s = sg.sum %f : tensor<2xf32>
  sg.cost %s : tensor<f32>
}

// Every prefix and random corruptions of the example VAE.
// RUN: %python %S/truncations.py sg-opt %sg_src_root/examples/vae/vae.mlir %t.cases | FileCheck %s --check-prefix=FUZZ
// FUZZ: inputs, 0 failures
