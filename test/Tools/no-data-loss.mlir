// Tests that no tool loses a file: an output that is the input (the same
// path, a symbolic or a hard link) is refused before anything is written,
// and a failed run leaves an existing output file exactly as it was.

// RUN: rm -rf %t && mkdir -p %t
// RUN: cp %s %t/model.mlir && ln -s model.mlir %t/symlink.mlir && ln %t/model.mlir %t/hardlink.mlir

// sg-opt onto its own input, directly and through links.
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t/model.mlir -o %t/model.mlir 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t/symlink.mlir -o %t/model.mlir 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t/model.mlir -o %t/hardlink.mlir 2>&1 | FileCheck %s --check-prefix=SAME
// SAME: error: the output file '{{.*}}' is the input file '{{.*}}'; choose another output (-o)

// sgc onto its own input, whatever it emits.
// RUN: %python %S/expect-exit.py 1 -- sgc %t/model.mlir -o %t/model.mlir 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: %python %S/expect-exit.py 1 -- sgc %t/model.mlir --emit=header -o %t/symlink.mlir 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: %python %S/expect-exit.py 1 -- sgc %t/model.mlir --emit=mlir -o %t/hardlink.mlir 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: cmp %s %t/model.mlir

// sgc import-nnet onto its own input.
// RUN: cp %S/../Verify/Inputs/absdiff.nnet %t/net.nnet
// RUN: %python %S/expect-exit.py 1 -- sgc import-nnet %t/net.nnet -o %t/net.nnet 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: cmp %S/../Verify/Inputs/absdiff.nnet %t/net.nnet

// A file that fails to parse, written onto itself: refused, and kept.
// RUN: printf 'module {\n  func.func @f( {\n' > %t/broken.mlir && cp %t/broken.mlir %t/broken.orig
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t/broken.mlir -o %t/broken.mlir 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: cmp %t/broken.orig %t/broken.mlir

// A failed run keeps an existing output file (sg-opt, sgc at every stage,
// import-nnet), and leaves no temporary file behind.
// RUN: echo precious > %t/out && cp %t/out %t/out.orig
// RUN: %python %S/expect-exit.py 1 -- sg-opt %t/broken.mlir -o %t/out 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: %python %S/expect-exit.py 1 -- sgc %t/broken.mlir -o %t/out 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: %python %S/expect-exit.py 1 -- sgc %t/broken.mlir --emit=header -o %t/out 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: %python %S/expect-exit.py 1 -- sgc import-nnet %S/../Verify/Inputs/bad-weights.nnet -o %t/out
// PARSE: broken.mlir:2:{{[0-9]+}}: error:
// RUN: cmp %t/out.orig %t/out
// RUN: ls %t | FileCheck %s --check-prefix=FILES --implicit-check-not=tmp
// FILES: out

// A successful run replaces the output (a symbolic link to the input is not
// followed into it: the link is refused above, a plain file is replaced).
// RUN: sg-opt %t/model.mlir -o %t/out && FileCheck %s --input-file=%t/out --check-prefix=REPLACED
// REPLACED: sg.graph @keep
sg.graph @keep(%w: tensor<2xf32> {sg.param}) {
  %e = sg.exp %w : tensor<2xf32>
  %s = sg.sum %e : tensor<2xf32>
  sg.cost %s : tensor<f32>
}
